/**
 * One batch of records → output text, summary facts and the `--fail-on` count: the per-message work of the CLI,
 * run in the main thread or, with `--jobs`, in a worker (which then sends back strings and small facts, not whole
 * reports).
 * @module
 */
import type { MessageRecord } from '../node/read-options.js';
import { scanRecord, scanRecords } from '../node/scan-record.js';
import type { ScanMessage } from '../node/scan-types.js';
import type { AnalyzeOptions } from '../options.js';
import { hasIoError, messageFacts, type MessageFacts } from '../summary/facts.js';
import type { ReportMessage } from '../report/index.js';
import type { Grade } from '../types.js';
import { failsOn } from './fail-on.js';
import type { RunStamp } from './summarize/run-stamp.js';
import type { FormatConfig, OutputFormat } from './format/format.js';
import { sanitize } from './sanitize.js';

/** Everything a batch needs to know (plain data: copied to workers). */
export interface CliBatchConfig {
  readonly analyze: AnalyzeOptions;
  readonly nested: boolean;
  readonly format: FormatConfig;
  readonly failOn: Grade | null;
  /** Hand the reports back for `--report` (copied from workers; off by default to keep batches small). */
  readonly report?: boolean;
  /** Written into every record as `run` (NDJSON only): what `rcvd summarize` checks and merges by. */
  readonly run?: RunStamp;
}

/**
 * Where a batch's output goes, in pieces of whole messages joined by the format's separator: the caller puts the
 * separator between pieces. Returns a promise while the destination wants the writer to wait (backpressure).
 */
export type CliTextSink = (piece: string) => Promise<void> | undefined;

/**
 * 32,768 characters of output per piece: small enough that a piece is born and dies in the young generation (a
 * whole batch's text goes straight to the large-object space and is only freed by a full collection: RSS grows),
 * large enough that a write is not a per-message system call.
 */
export const OUTPUT_PIECE_CHARS = 32_768;

/** What a batch gives back (its output went to the sink). */
export interface CliBatchResult {
  readonly facts: MessageFacts[];
  /** Messages whose verdict matched `--fail-on`. */
  readonly failed: number;
  /** One line per unreadable message, for stderr. */
  readonly warnings: string[];
  /** The messages' reports, for `--report` only (empty otherwise). */
  readonly reports: ReportMessage[];
  /** The sources the batch's messages came from, each once: a named path none of them is in yielded no message. */
  readonly sources: string[];
}

/** Each record analysed only when the loop asks for it (the synchronous hot path). */
function* scanEach(records: readonly MessageRecord[], analyze: AnalyzeOptions): Generator<ScanMessage> {
  for (const record of records) yield scanRecord(record, analyze);
}

/** Analyse and format one batch, handing its output to `sink` as it is made. */
export async function processCliBatch(records: readonly MessageRecord[], config: CliBatchConfig, format: OutputFormat, sink: CliTextSink): Promise<CliBatchResult> {
  // Without --nested each report is formatted as soon as it is made, so it dies young (no batch of reports kept
  // alive across collections and promoted: less GC work, lower RSS). --nested needs the async path.
  const items: Iterable<ScanMessage> = config.nested ? await scanRecords(records, config.analyze, true) : scanEach(records, config.analyze);
  const facts: MessageFacts[] = [];
  const warnings: string[] = [];
  const reports: ReportMessage[] = [];
  const sources = new Set<string>();
  let failed = 0;
  let parts: string[] = [];
  let chars = 0;
  const run = config.run;
  for (const item of items) {
    const stamped: ScanMessage = run === undefined ? item : Object.assign({}, item, { run });
    const text = format.message(stamped);
    parts.push(text);
    chars += text.length + format.separator.length;
    if (chars >= OUTPUT_PIECE_CHARS) {
      const wait = sink(parts.join(format.separator));
      parts = [];
      chars = 0;
      if (wait !== undefined) await wait;
    }
    facts.push(messageFacts(item.report, item.nested.length));
    sources.add(item.source);
    if (config.report === true) reports.push({ source: item.source, index: item.index, report: item.report, nested: item.nested.length });
    if (config.failOn !== null && failsOn(item.report.verdict, config.failOn)) failed++;
    if (hasIoError(item.report)) {
      const first = item.report.issues.find((i) => i.severity === 'error' && i.code.startsWith('IO_'));
      warnings.push(`${sanitize(item.source)}#${item.index}: ${first?.code ?? 'IO'} ${sanitize(first?.message ?? '')}`);
    }
  }
  if (parts.length > 0) await sink(parts.join(format.separator));
  return { facts, failed, warnings, reports, sources: [...sources] };
}
