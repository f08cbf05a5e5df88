/**
 * One NDJSON line → a message record, a summary record, or the reason it is neither. The records are data from a
 * file anyone can edit: before a record reaches the summary and the report, every field they read is checked for
 * its type here, so a damaged or hand-made line is one problem reported, never an exception halfway through the
 * counting (which would leave the summary and the report disagreeing).
 * @module
 */
import { GRADE_ORDER } from '../../grade/order.js';
import type { ScanMessage } from '../../node/scan-types.js';
import type { ScanSummary } from '../../summary/types.js';
import type { RunStamp } from '../../render/ndjson.js';
import { readGradingSettings, type GradingSettings } from '../../render/settings.js';

/** A message record as `rcvd --format ndjson` writes it. */
export interface MessageRecordLine extends ScanMessage {
  /** Absent in records written before runs were stamped. */
  readonly run?: RunStamp;
  /** The shape's version, on every record (absent in records written before it was). */
  readonly schemaVersion?: number;
}

/** What a line holds. */
export type ParsedLine =
  | { readonly kind: 'message'; readonly record: MessageRecordLine }
  | { readonly kind: 'summary'; readonly summary: ScanSummary; readonly schemaVersion: number | null; readonly settings: GradingSettings | null }
  | { readonly kind: 'problem'; readonly problem: string };

const GRADES: ReadonlySet<unknown> = new Set(GRADE_ORDER);
const VERDICTS: ReadonlySet<unknown> = new Set([...GRADES, 'internal-only']);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): boolean {
  return v === null || typeof v === 'string';
}

function isCounts(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const g of GRADES) if (typeof v[g as string] !== 'number') return false;
  return true;
}

/** `null` when `v` holds a date the way reports write one (`{ iso }`, or none). */
function isDate(v: unknown): boolean {
  return v === null || v === undefined || (isObj(v) && isText(v.iso ?? null));
}

function hopProblem(hop: unknown, i: number): string | null {
  if (!isObj(hop)) return `hop ${i} is not an object`;
  const sec = hop.security;
  if (!isObj(sec) || !GRADES.has(sec.grade) || typeof sec.scope !== 'string') return `hop ${i} has no security grade and scope`;
  const from = hop.from;
  if (from !== null && !(isObj(from) && isText(from.rdns ?? null) && isText(from.helo ?? null) && isText(from.ip ?? null))) return `hop ${i}: from is malformed`;
  if (!isDate(hop.date)) return `hop ${i}: date is malformed`;
  const tls = hop.tls;
  if (tls !== null && tls !== undefined && !(isObj(tls) && isText(tls.cipher ?? null) && isText(tls.cipherIana ?? null) && isText(tls.version ?? null))) return `hop ${i}: tls is malformed`;
  if (typeof hop.index !== 'number') return `hop ${i} has no index`;
  return null;
}

function reportProblem(report: unknown): string | null {
  if (!isObj(report)) return 'no report';
  if (!Array.isArray(report.hops)) return 'report.hops is not a list';
  const verdict = report.verdict;
  if (!isObj(verdict) || !VERDICTS.has(verdict.grade) || !isCounts(verdict.counts)) return 'report.verdict is malformed';
  const headers = report.headers;
  // `to` is absent from records written before it was read: absent is fine, anything but text or null is not.
  if (!isObj(headers) || !['from', 'to', 'subject', 'messageId'].every((k) => isText(headers[k] ?? null)) || !isDate(headers.date)) return 'report.headers is malformed';
  if (!Array.isArray(report.issues) || !report.issues.every((i) => isObj(i) && typeof i.code === 'string' && typeof i.severity === 'string')) return 'report.issues is malformed';
  if (!isObj(report.timeline) || !Array.isArray(report.timeline.entries)) return 'report.timeline is malformed';
  const trace = report.trace;
  if (!isObj(trace) || !['xReceived', 'authenticationResults', 'receivedSpf', 'originatingIp'].every((k) => Array.isArray(trace[k]))) return 'report.trace is malformed';
  const unmatched = report.unmatchedDeclared;
  if (unmatched !== undefined && !(Array.isArray(unmatched) && unmatched.every((p) => typeof p === 'string'))) return 'report.unmatchedDeclared is malformed';
  for (let i = 0; i < report.hops.length; i++) {
    const problem = hopProblem(report.hops[i], i);
    if (problem !== null) return problem;
  }
  return null;
}

function stampProblem(run: unknown): string | null {
  if (run === undefined) return null;
  if (!isObj(run) || typeof run.settings !== 'string' || typeof run.inputs !== 'string') return 'run is malformed';
  const shard = run.shard;
  if (shard === null) return null;
  if (!isObj(shard) || !Number.isSafeInteger(shard.index) || !Number.isSafeInteger(shard.count)) return 'run.shard is malformed';
  const { index, count } = shard as { index: number; count: number };
  return index >= 1 && index <= count ? null : 'run.shard is out of range';
}

/** Read one line. Blank lines are not records; the caller skips them before asking. */
export function parseLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'problem', problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObj(value)) return { kind: 'problem', problem: 'not a JSON object' };
  const version = value.schemaVersion;
  if (version !== undefined && typeof version !== 'number') return { kind: 'problem', problem: 'schemaVersion is not a number' };
  if (value.type === 'summary') {
    if (typeof value.messages !== 'number') return { kind: 'problem', problem: 'a summary without a message count' };
    return { kind: 'summary', summary: value as unknown as ScanSummary, schemaVersion: version ?? null, settings: readGradingSettings(value.settings) };
  }
  if (value.type !== 'message') return { kind: 'problem', problem: `a record of type ${JSON.stringify(String(value.type)).slice(0, 40)}, neither message nor summary` };
  if (typeof value.source !== 'string' || typeof value.index !== 'number' || !Array.isArray(value.nested)) return { kind: 'problem', problem: 'a message record without source, index or nested' };
  const problem = reportProblem(value.report) ?? stampProblem(value.run);
  if (problem !== null) return { kind: 'problem', problem };
  return { kind: 'message', record: value as unknown as MessageRecordLine };
}
