/**
 * One batch of records → its scan messages (or their rendered output), summary facts, `failOn` matches, reader
 * warnings and, when asked, report entries: the per-message work of `scan()` and of `rcvd`, done in the main thread
 * or on a worker (which then sends back bytes and small facts rather than whole reports, when it renders).
 * @module
 */
import type { AnalyzeOptions } from '../options.js';
import type { FormatConfig, OutputFormat } from '../render/format.js';
import type { ReportMessage } from '../render/html/aggregate.js';
import type { RunStamp } from '../render/ndjson.js';
import { sanitize } from '../render/sanitize.js';
import { failsOn } from '../summary/fail-on.js';
import { hasIoError, messageFacts, type MessageFacts } from '../summary/facts.js';
import type { Grade } from '../types.js';
import type { MessageRecord } from './read-options.js';
import { scanRecord, scanRecords } from './scan-record.js';
import type { ScanMessage } from './scan-types.js';

/** Everything a batch needs to know (plain data: copied to workers). */
export interface BatchPlan {
  readonly analyze: AnalyzeOptions;
  readonly nested: boolean;
  /** Count the messages whose verdict fails at this grade (see `failsOn`); absent or `null` = none counted. */
  readonly failOn?: Grade | null;
  /** Hand back each message's report entry, for an HTML report (off by default to keep batches small). */
  readonly report?: boolean;
  /** Render each message in this format instead of handing the scan messages back. */
  readonly render?: FormatConfig;
  /** Written into every rendered message as `run` (NDJSON only): what `rcvd summarize` checks and merges by. */
  readonly run?: RunStamp;
}

/**
 * Where a batch's rendered output goes, in pieces of whole messages joined by the format's separator: the caller
 * puts the separator between pieces. Returns a promise while the destination wants the writer to wait.
 */
export type TextSink = (piece: string) => Promise<void> | undefined;

/** A format and the sink its output goes to. */
export interface BatchOutput {
  readonly format: OutputFormat;
  readonly sink: TextSink;
}

/**
 * 32,768 characters of output per piece: small enough that a piece is born and dies in the young generation (a
 * whole batch's text goes straight to the large-object space and is freed only by a full collection), large
 * enough that a write is not a per-message system call.
 */
export const OUTPUT_PIECE_CHARS = 32_768;

/** What a batch gives back. */
export interface BatchResult {
  /** The scan messages, in order; empty when they were rendered. */
  readonly messages: ScanMessage[];
  readonly facts: MessageFacts[];
  /** Messages whose verdict matched `failOn`. */
  readonly failed: number;
  /** One line per unreadable message (source, index, its first `IO_*` error). */
  readonly warnings: string[];
  /** The messages' report entries, with `report` only (empty otherwise). */
  readonly reports: ReportMessage[];
  /** The sources the batch's messages came from, each once: a named path none of them is in yielded no message. */
  readonly sources: string[];
}

/** Each record analysed only when the loop asks for it (the synchronous hot path). */
function* scanEach(records: readonly MessageRecord[], analyze: AnalyzeOptions): Generator<ScanMessage> {
  for (const record of records) yield scanRecord(record, analyze);
}

function ioWarning(item: ScanMessage): string {
  const first = item.report.issues.find((i) => i.severity === 'error' && i.code.startsWith('IO_'));
  return `${sanitize(item.source)}#${item.index}: ${first?.code ?? 'IO'} ${sanitize(first?.message ?? '')}`;
}

/** Pieces of rendered output of at most about {@link OUTPUT_PIECE_CHARS}, handed on as they fill. */
class PieceWriter {
  #parts: string[] = [];
  #chars = 0;

  constructor(private readonly output: BatchOutput) {}

  /** Render one message; a promise when the sink asks to wait. */
  add(item: ScanMessage): Promise<void> | undefined {
    const { format } = this.output;
    const text = format.message(item);
    const separator = format.separator;
    this.#parts.push(text);
    this.#chars += text.length + separator.length;
    return this.#chars >= OUTPUT_PIECE_CHARS ? this.flush() : undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.#parts.length === 0) return undefined;
    const piece = this.#parts.join(this.output.format.separator);
    this.#parts = [];
    this.#chars = 0;
    return this.output.sink(piece);
  }
}

/**
 * Analyse one batch; with `output`, render each message to its sink as it is made (and hand no messages back).
 * Without `nested` each report is rendered as soon as it is made, so it dies young (no batch of reports kept alive
 * across collections and promoted); `nested` needs the asynchronous path.
 */
export async function processBatch(records: readonly MessageRecord[], plan: BatchPlan, output: BatchOutput | null): Promise<BatchResult> {
  const items: Iterable<ScanMessage> = plan.nested ? await scanRecords(records, plan.analyze, true) : scanEach(records, plan.analyze);
  const result: BatchResult = { messages: [], facts: [], failed: 0, warnings: [], reports: [], sources: [] };
  const sources = new Set<string>();
  const writer = output === null ? null : new PieceWriter(output);
  const run = plan.run;
  const failOn = plan.failOn ?? null;
  let failed = 0;
  for (const item of items) {
    if (writer === null) result.messages.push(item);
    else {
      const wait = writer.add(run === undefined ? item : Object.assign({}, item, { run }));
      if (wait !== undefined) await wait;
    }
    result.facts.push(messageFacts(item.report, item.nested.length));
    sources.add(item.source);
    if (plan.report === true) result.reports.push({ source: item.source, index: item.index, report: item.report, nested: item.nested.length });
    if (failOn !== null && failsOn(item.report.verdict, failOn)) failed++;
    if (hasIoError(item.report)) result.warnings.push(ioWarning(item));
  }
  await writer?.flush();
  return { ...result, failed, sources: [...sources] };
}
