/**
 * Nested messages: `message/rfc822` (RFC 2046 §5.2.1), `message/global` (RFC 6532 §3.7) and the header-only
 * `text/rfc822-headers` of delivery reports (RFC 6522 §3) — forwarded mail and bounces carry their own Received
 * chain. mailparser is used ONLY to find these parts, and only when the part's own header says it can hold one
 * (checked with our splitter first). Its decoded headers and dates are never used as evidence: every nested part is
 * analysed from its raw bytes by `analyzeMessage`. An attached Outlook `.msg` ([MS-OXMSG], how "report phishing"
 * buttons forward mail) is analysed from its internet headers, read by the `.msg` reader, and so are the messages
 * embedded in it and, for archive records, those the `.msg`/`.pst` readers found embedded in the record's item.
 * @module
 */
import type { simpleParser as SimpleParser } from 'mailparser';
import { analyzeMessage } from '../analyze.js';
import { readHeaderBlock } from '../headers/split.js';
import { issue } from '../issues.js';
import { resolveLimits, type Limits } from '../limits.js';
import type { AnalyzeOptions } from '../options.js';
import type { Issue, MessageReport } from '../types.js';
import { hasCfbMagic } from './cfb-check.js';
import { msgTransportHeaders } from './read-msg.js';
import { MAX_MESSAGE_BYTES, type EmbeddedMessage, type MessageRecord } from './read-options.js';
import type { NestedParent, NestedReport } from '../summary/scan-message.js';

/** 1,000 nested reports per top-level message: a digest of a million tiny parts must not become a million reports. */
const MAX_NESTED_REPORTS = 1000;

export type { NestedParent, NestedReport } from '../summary/scan-message.js';

/** Nested reports of one message and the problems met while looking for them. */
export interface NestedResult {
  /** Depth-first, in document order. */
  readonly nested: NestedReport[];
  /** `IO_NESTED_UNPARSEABLE` and `LIMIT_NESTED_DEPTH` issues, for the top-level report. */
  readonly issues: Issue[];
}

const NESTED_TYPES: ReadonlySet<string> = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers']);
/** How an Outlook item attached to a message is labelled ([MS-OXMSG] files; "report phishing" add-ins send these). */
const OUTLOOK_ITEM_TYPE = 'application/vnd.ms-outlook';
const MSG_SUFFIX = '.msg';
const CONTENT_TYPE: ReadonlySet<string> = new Set(['content-type']);
const PARSER_OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true } as const;

/** The media type (`type/subtype`, lower-cased) of a Content-Type value; `''` when there is none. */
function mediaType(value: string): string {
  let end = 0;
  while (end < value.length) {
    const c = value.charCodeAt(end);
    if (c === 0x3b || c === 0x28) break; // `;` parameters, `(` comment
    end++;
  }
  let out = '';
  for (const ch of value.slice(0, end)) if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\n') out += ch;
  return out.toLowerCase();
}

/**
 * `true` when the message's own Content-Type says it can contain a nested message: `multipart/*` or
 * `message/rfc822`/`message/global`. Reads only the header block, with our splitter (no MIME parse).
 */
function mayHoldNested(raw: Uint8Array, limits: Pick<Limits, 'maxHeaderBytes'>): boolean {
  const block = readHeaderBlock(raw, limits, CONTENT_TYPE);
  const field = block.fields[0];
  if (field === undefined) return false;
  const type = mediaType(field.value);
  return type.startsWith('multipart/') || type === 'message/rfc822' || type === 'message/global';
}

interface Walk {
  readonly parent: NestedParent;
  readonly options: AnalyzeOptions;
  readonly limits: Limits;
  readonly nested: NestedReport[];
  readonly issues: Issue[];
  depthReported: boolean;
  countReported: boolean;
}

let parser: Promise<typeof SimpleParser> | null = null;

/** mailparser, loaded on first use: runs without `--nested` never pay for importing it. */
function loadParser(): Promise<typeof SimpleParser> {
  parser ??= import('mailparser').then((m) => m.simpleParser);
  return parser;
}

/**
 * `true` for an attached Outlook item: labelled as one, or named `*.msg` (often sent as application/octet-stream),
 * and starting with the [MS-CFB] signature. Other compound files (old Word and Excel documents) are not read.
 */
function isOutlookItem(contentType: string, filename: string | undefined, content: Uint8Array): boolean {
  const named = filename !== undefined && filename.toLowerCase().endsWith(MSG_SUFFIX);
  return (contentType === OUTLOOK_ITEM_TYPE || named) && hasCfbMagic(content);
}

/** The report of an Outlook item's header block, the reader's issues first. */
function readerReport(raw: Uint8Array, issues: readonly Issue[], options: AnalyzeOptions): MessageReport {
  const report = analyzeMessage(raw, options);
  if (issues.length === 0) return report;
  const cut = issues.some((i) => i.code === 'IO_TRUNCATED' || i.code.startsWith('LIMIT_'));
  return { ...report, issues: [...issues, ...report.issues], truncated: report.truncated || cut };
}

/** `true` when one more nested report at `depth` fits the limits; otherwise notes (once) the limit met. */
function room(w: Walk, depth: number): boolean {
  if (depth > w.limits.maxNestedDepth) {
    if (!w.depthReported) {
      w.depthReported = true;
      w.issues.push(issue('LIMIT_NESTED_DEPTH', 'warning', `nested messages deeper than ${w.limits.maxNestedDepth} levels are not analysed`));
    }
    return false;
  }
  if (w.nested.length >= MAX_NESTED_REPORTS) {
    if (!w.countReported) {
      w.countReported = true;
      w.issues.push(issue('LIMIT_NESTED_DEPTH', 'warning', `more than ${MAX_NESTED_REPORTS} nested messages; the rest are not analysed`));
    }
    return false;
  }
  return true;
}

/**
 * Reports for messages embedded in an Outlook item, placed under the report at `parentPosition` (`null`: the
 * top-level message) at `depth` + their own depth. `named` keeps their `source` (items of archive records only).
 */
function addEmbedded(w: Walk, embedded: readonly EmbeddedMessage[], depth: number, parentPosition: number | null, named: boolean): void {
  const positions: (number | undefined)[] = [];
  for (const e of embedded) {
    const under = e.parent === null ? parentPosition : positions[e.parent];
    // A message whose parent was left out (a limit) is left out with it.
    if ((e.parent !== null && under === undefined) || !room(w, depth + e.depth)) {
      positions.push(undefined);
      continue;
    }
    const position = w.nested.length;
    positions.push(position);
    const report = readerReport(e.raw, e.issues, w.options);
    w.nested.push({ parent: w.parent, depth: depth + e.depth, position, parentPosition: under ?? null, contentType: OUTLOOK_ITEM_TYPE, ...(named ? { source: e.source } : {}), report });
  }
}

/**
 * An attached `.msg` at `depth`: its report, then the messages embedded in it (to the depth left); nothing when
 * it is no Outlook item.
 */
async function addOutlookItem(w: Walk, content: Uint8Array, depth: number, parentPosition: number | null): Promise<void> {
  // One level past the limit is read, so that a message left out there is reported like any nested one.
  const found = await msgTransportHeaders(content, { maxMessageBytes: MAX_MESSAGE_BYTES, maxEmbeddedDepth: w.limits.maxNestedDepth - depth + 1 });
  if (!found.outlookItem) return;
  const position = w.nested.length;
  w.nested.push({ parent: w.parent, depth, position, parentPosition, contentType: OUTLOOK_ITEM_TYPE, report: readerReport(found.raw, found.issues, w.options) });
  addEmbedded(w, found.embedded, depth, position, false);
}

async function walk(w: Walk, raw: Uint8Array, depth: number, parentPosition: number | null): Promise<void> {
  let parts: { contentType: string; content: Uint8Array }[];
  try {
    const simpleParser = await loadParser();
    const parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), PARSER_OPTIONS);
    parts = [];
    for (const a of parsed.attachments) {
      const type = a.contentType.toLowerCase();
      if (NESTED_TYPES.has(type)) parts.push({ contentType: type, content: a.content });
      else if (isOutlookItem(type, a.filename, a.content)) parts.push({ contentType: OUTLOOK_ITEM_TYPE, content: a.content });
    }
  } catch (error) {
    const where = parentPosition === null ? 'the message' : `nested message #${parentPosition}`;
    w.issues.push(issue('IO_NESTED_UNPARSEABLE', 'warning', `MIME structure of ${where} could not be read: ${error instanceof Error ? error.message : String(error)}`));
    return;
  }
  for (const part of parts) {
    if (!room(w, depth)) return;
    if (part.contentType === OUTLOOK_ITEM_TYPE) {
      // The item's header block and its embedded messages' are read; its MIME-free body never is.
      await addOutlookItem(w, part.content, depth, parentPosition);
      continue;
    }
    const position = w.nested.length;
    w.nested.push({ parent: w.parent, depth, position, parentPosition, contentType: part.contentType, report: analyzeMessage(part.content, w.options) });
    if (part.contentType !== 'text/rfc822-headers' && mayHoldNested(part.content, w.limits)) await walk(w, part.content, depth + 1, position);
  }
}

/**
 * Find and analyse the nested messages of one raw message, depth-first in document order, down to
 * `limits.maxNestedDepth` levels. Returns no reports and no issues, without any MIME parse, when the message's
 * Content-Type cannot hold one. Never throws on data.
 * @example
 * ```ts
 * import { analyzeNested } from 'received-forensics/node';
 * const { nested, issues } = await analyzeNested(rawBytes, { source: 'bounce.eml', index: 0 });
 * for (const part of nested) console.log(part.depth, part.contentType, part.report.verdict.grade);
 * ```
 */
export async function analyzeNested(raw: Uint8Array, parent: NestedParent, options: AnalyzeOptions = {}): Promise<NestedResult> {
  const limits = resolveLimits(options.limits);
  const w: Walk = { parent, options, limits, nested: [], issues: [], depthReported: false, countReported: false };
  if (limits.maxNestedDepth === 0 || raw.length === 0 || !mayHoldNested(raw, limits)) return { nested: w.nested, issues: w.issues };
  await walk(w, raw, 1, null);
  return { nested: w.nested, issues: w.issues };
}

/**
 * The nested reports of one archive record: the messages its reader found embedded in an Outlook item
 * (`record.embedded`, named by `source`), then the nested messages of its raw bytes ({@link analyzeNested}).
 */
export async function analyzeRecordNested(record: MessageRecord, options: AnalyzeOptions = {}): Promise<NestedResult> {
  const parent = { source: record.source, index: record.index };
  if (record.embedded === undefined || record.embedded.length === 0) return analyzeNested(record.raw, parent, options);
  const limits = resolveLimits(options.limits);
  const w: Walk = { parent, options, limits, nested: [], issues: [], depthReported: false, countReported: false };
  addEmbedded(w, record.embedded, 0, null, true);
  if (limits.maxNestedDepth > 0 && record.raw.length > 0 && mayHoldNested(record.raw, limits)) await walk(w, record.raw, 1, null);
  return { nested: w.nested, issues: w.issues };
}
