/**
 * Outlook `.msg` items ([MS-OXMSG], a Compound File per [MS-CFB]): the message's internet header block is the
 * `PR_TRANSPORT_MESSAGE_HEADERS` property (0x007D, [MS-OXPROPS] 2.1069), which Outlook keeps exactly as the last
 * MTA delivered it. That block is all the analysis needs; bodies are never decoded, and of the attachments only
 * embedded messages are looked at (with `maxEmbeddedDepth`), for their own header blocks.
 * @module
 */
import { issue } from '../issues.js';
import type { Issue } from '../types.js';
import { checkCompoundFile } from './cfb-check.js';
import { streamErrorIssue } from './read-faults.js';
import type { EmbeddedMessage, MessageRecord, ResolvedReadOptions } from './read-options.js';

/**
 * 128 MiB read of one `.msg` at most: the reader needs the whole compound file in memory, and an endless stream
 * that starts with the CFB signature must not be buffered whole; Outlook caps items with attachments well below.
 */
export const MAX_MSG_FILE_BYTES = 128 * 1024 * 1024;

/**
 * 1,000 embedded messages read per Outlook item (every level counted), as `MAX_NESTED_REPORTS` for MIME parts: an
 * item built of a thousand attached messages must not become a thousand reports on one record.
 */
export const MAX_EMBEDDED_MESSAGES = 1000;

const EMPTY = new Uint8Array(0);

/** Why an item has no header block, for the `IO_NO_INTERNET_HEADERS` issue. */
export const NO_HEADERS_MESSAGE =
  'no internet headers (PR_TRANSPORT_MESSAGE_HEADERS): a draft, a sent item, a calendar or contact item, or mail delivered inside one Exchange organisation; counted apart, neither a failure nor plaintext';

/** What was found in one Outlook item. */
export interface TransportHeaders {
  /** The header block as UTF-8 bytes, ending in an empty line; empty when there is none. */
  readonly raw: Uint8Array;
  readonly issues: Issue[];
  /**
   * `false` for a sound compound file that is no Outlook item: no message class (PR_MESSAGE_CLASS, which [MS-OXMSG]
   * items always have) and no headers, like a `.doc` or `.xls`.
   */
  readonly outlookItem: boolean;
  /** Messages embedded in the item, depth-first, down to `maxEmbeddedDepth` levels; empty without it. */
  readonly embedded: EmbeddedMessage[];
}

/** The fields of msgreader's `getFileData()` this module reads. */
interface MsgFields {
  readonly headers?: string;
  readonly messageClass?: string;
  readonly error?: string;
  /** Attachments; an embedded message ([MS-OXMSG] 2.2.2.1, `__substg1.0_3701000D`) has its own fields. */
  readonly attachments?: readonly { readonly innerMsgContent?: boolean; readonly innerMsgContentFields?: MsgFields }[];
}

/** The part of msgreader's class this module uses. */
type MsgReaderCtor = new (data: ArrayBuffer | DataView) => { getFileData(): MsgFields };

let reader: Promise<MsgReaderCtor> | null = null;

/** msgreader, loaded on first use: runs without any `.msg` never pay for it. */
function loadMsgReader(): Promise<MsgReaderCtor> {
  reader ??= import('@kenjiuno/msgreader').then((m: unknown) => {
    // CommonJS with `exports.default`: Node's ESM wrapper (and a bundler's) may put the class one level further down.
    let found: unknown = (m as { default?: unknown }).default ?? m;
    if (typeof found !== 'function') found = (found as { default?: unknown }).default;
    if (typeof found !== 'function') throw new TypeError('@kenjiuno/msgreader has no default export');
    return found as MsgReaderCtor;
  });
  return reader;
}

/**
 * The header block text of an Outlook item as bytes an RFC 5322 reader takes: UTF-8 (the property is UTF-16 or
 * the item's code page; either way already decoded), ending in an empty line so the header block has its end. Cut
 * to `max` bytes with `IO_TRUNCATED`.
 */
export function headerBlockBytes(text: string, max: number): TransportHeaders {
  let block = text;
  if (!block.endsWith('\n')) block += '\r\n';
  if (!block.endsWith('\r\n\r\n') && !block.endsWith('\n\n')) block += '\r\n';
  const bytes = Buffer.from(block, 'utf8');
  if (bytes.length <= max) return { raw: bytes, issues: [], outlookItem: true, embedded: [] };
  return {
    outlookItem: true,
    raw: bytes.subarray(0, max),
    issues: [issue('IO_TRUNCATED', 'warning', `internet headers are ${bytes.length} bytes; kept the first ${max} (maxMessageBytes)`)],
    embedded: [],
  };
}

/** The header block of an embedded message, or the info issue saying it has none. */
export function embeddedBlock(text: unknown, max: number): { raw: Uint8Array; issues: Issue[] } {
  if (typeof text !== 'string' || text.trim() === '') return { raw: EMPTY, issues: [issue('IO_NO_INTERNET_HEADERS', 'info', NO_HEADERS_MESSAGE)] };
  const found = headerBlockBytes(text, max);
  return { raw: found.raw, issues: found.issues };
}

/**
 * The messages embedded in one Outlook item, gathered under two limits: `maxDepth` levels and
 * {@link MAX_EMBEDDED_MESSAGES} in all. Each limit met leaves one `LIMIT_NESTED_DEPTH` warning in `issues`. Their
 * header blocks share one budget of `maxBytes` (as a MIME message's nested parts share its `maxMessageBytes`).
 */
export class EmbeddedList {
  readonly list: EmbeddedMessage[] = [];
  readonly issues: Issue[] = [];
  private depthReported = false;
  private countReported = false;
  private bytes = 0;

  constructor(
    readonly maxDepth: number,
    readonly maxBytes: number,
  ) {}

  /** Bytes of header block the next message may keep. */
  get budget(): number {
    return Math.max(0, this.maxBytes - this.bytes);
  }

  /** `true` once {@link MAX_EMBEDDED_MESSAGES} were added: nothing more is worth opening. */
  get full(): boolean {
    return this.list.length >= MAX_EMBEDDED_MESSAGES;
  }

  /** `true` when a message at `depth` may be added; otherwise notes the limit met. */
  admits(depth: number): boolean {
    if (depth > this.maxDepth) {
      if (!this.depthReported) this.issues.push(issue('LIMIT_NESTED_DEPTH', 'warning', `messages embedded deeper than ${this.maxDepth} levels are not read`));
      this.depthReported = true;
      return false;
    }
    if (this.list.length >= MAX_EMBEDDED_MESSAGES) {
      if (!this.countReported) this.issues.push(issue('LIMIT_NESTED_DEPTH', 'warning', `more than ${MAX_EMBEDDED_MESSAGES} embedded messages; the rest are not read (MAX_EMBEDDED_MESSAGES)`));
      this.countReported = true;
      return false;
    }
    return true;
  }

  /** Add one; its index, the `parent` of the messages embedded in it. */
  add(message: EmbeddedMessage): number {
    this.bytes += message.raw.length;
    this.list.push(message);
    return this.list.length - 1;
  }
}

/** The embedded messages of a parsed `.msg`, depth-first in attachment order (msgreader has read them all). */
function msgEmbedded(fields: MsgFields, source: string, found: EmbeddedList): void {
  const visit = (item: MsgFields, where: string, depth: number, parent: number | null): void => {
    const attachments = item.attachments ?? [];
    for (let i = 0; i < attachments.length; i++) {
      const inner = attachments[i]?.innerMsgContent === true ? attachments[i]?.innerMsgContentFields : undefined;
      if (inner === undefined || !found.admits(depth)) continue;
      const place = `${where}/attachment ${i + 1}`;
      const at = found.add({ source: place, depth, parent, ...embeddedBlock(inner.headers, found.budget) });
      visit(inner, place, depth + 1, at);
    }
  };
  visit(fields, source, 1, null);
}

/** The header text of a parsed item, or `null` when it has none (an empty property counts as none). */
function headersOf(fields: { headers?: string }): string | null {
  const text = fields.headers;
  return typeof text === 'string' && text.trim() !== '' ? text : null;
}

/**
 * The internet headers of a whole `.msg` file ([MS-OXMSG] 2.1.3: top-level properties), and with
 * `maxEmbeddedDepth` those of the messages embedded in it, named `source/attachment n`. The compound file is
 * checked first ({@link checkCompoundFile}); a damaged one is an `IO_UNREADABLE` issue, never a throw or a hang.
 */
export async function msgTransportHeaders(
  bytes: Uint8Array,
  options: Pick<ResolvedReadOptions, 'maxMessageBytes'> & { readonly maxEmbeddedDepth?: number },
  source = '',
): Promise<TransportHeaders> {
  const damaged = (why: string): TransportHeaders => ({ raw: EMPTY, issues: [issue('IO_UNREADABLE', 'error', `damaged Outlook item (.msg): ${why}`)], outlookItem: true, embedded: [] });
  const fault = checkCompoundFile(bytes);
  if (fault !== null) return damaged(fault);
  let text: string | null;
  let classified: boolean;
  const found = new EmbeddedList(options.maxEmbeddedDepth ?? 0, options.maxMessageBytes);
  try {
    const MsgReader = await loadMsgReader();
    // The reader seeks from the start of the DataView's buffer, not of the view: give it a buffer of its own (small
    // Buffers share Node's pool; and `Buffer#slice` is a view, hence the copy through the constructor).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    const fields = new MsgReader(new DataView(own.buffer, 0, own.byteLength)).getFileData();
    if (fields.error !== undefined) return damaged(fields.error);
    text = headersOf(fields);
    classified = typeof fields.messageClass === 'string' && fields.messageClass !== '';
    if (found.maxDepth > 0) msgEmbedded(fields, source, found);
  } catch (error) {
    return damaged(error instanceof Error ? error.message : String(error));
  }
  if (text === null) {
    const issues = classified ? [issue('IO_NO_INTERNET_HEADERS', 'info', NO_HEADERS_MESSAGE), ...found.issues] : [];
    return { raw: EMPTY, issues, outlookItem: classified, embedded: classified ? found.list : [] };
  }
  const block = headerBlockBytes(text, options.maxMessageBytes);
  return { ...block, issues: [...block.issues, ...found.issues], embedded: found.list };
}

/**
 * Read a byte stream that starts with the CFB signature as one Outlook `.msg` item ([MS-OXMSG]): index 0, no byte
 * offset, `raw` = its internet header block. A stream larger than {@link MAX_MSG_FILE_BYTES} is not parsed. A
 * compound file that is no Outlook item (a `.doc`) is `null`, for the caller to treat as content that is not mail.
 */
export async function readMsgMessage(chunks: AsyncIterable<Uint8Array>, source: string, options: ResolvedReadOptions): Promise<MessageRecord | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      // Leaving the loop closes the source.
      if (total > MAX_MSG_FILE_BYTES) {
        const found = issue('IO_UNREADABLE', 'error', `Outlook item (.msg) larger than ${MAX_MSG_FILE_BYTES} bytes: not read (MAX_MSG_FILE_BYTES)`);
        return { source, index: 0, byteOffset: null, raw: EMPTY, issues: [found] };
      }
      parts.push(chunk);
    }
  } catch (error) {
    return { source, index: 0, byteOffset: null, raw: EMPTY, issues: [streamErrorIssue(error, total)] };
  }
  const found = await msgTransportHeaders(Buffer.concat(parts, total), options, source);
  if (!found.outlookItem) return null;
  const record = { source, index: 0, byteOffset: null, raw: found.raw, issues: found.issues };
  return found.embedded.length === 0 ? record : { ...record, embedded: found.embedded };
}
