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
}

/** What a batch gives back. */
export interface CliBatchResult {
  /** The messages' output, joined by the format's separator (UTF-8 bytes when it comes from a worker). */
  readonly text: string | Uint8Array;
  readonly facts: MessageFacts[];
  /** Messages whose verdict matched `--fail-on`. */
  readonly failed: number;
  /** One line per unreadable message, for stderr. */
  readonly warnings: string[];
  /** The messages' reports, for `--report` only (empty otherwise). */
  readonly reports: ReportMessage[];
}

/** Each record analysed only when the loop asks for it (the synchronous hot path). */
function* scanEach(records: readonly MessageRecord[], analyze: AnalyzeOptions): Generator<ScanMessage> {
  for (const record of records) yield scanRecord(record, analyze);
}

/** Analyse and format one batch. */
export async function processCliBatch(records: readonly MessageRecord[], config: CliBatchConfig, format: OutputFormat): Promise<CliBatchResult> {
  // Without --nested each report is formatted as soon as it is made, so it dies young (no batch of reports kept
  // alive across collections and promoted: less GC work, lower RSS). --nested needs the async path.
  const items: Iterable<ScanMessage> = config.nested ? await scanRecords(records, config.analyze, true) : scanEach(records, config.analyze);
  const parts: string[] = [];
  const facts: MessageFacts[] = [];
  const warnings: string[] = [];
  const reports: ReportMessage[] = [];
  let failed = 0;
  for (const item of items) {
    parts.push(format.message(item));
    facts.push(messageFacts(item.report, item.nested.length));
    if (config.report === true) reports.push({ source: item.source, index: item.index, report: item.report, nested: item.nested.length });
    if (config.failOn !== null && failsOn(item.report.verdict, config.failOn)) failed++;
    if (hasIoError(item.report)) {
      const first = item.report.issues.find((i) => i.severity === 'error' && i.code.startsWith('IO_'));
      warnings.push(`${sanitize(item.source)}#${item.index}: ${first?.code ?? 'IO'} ${sanitize(first?.message ?? '')}`);
    }
  }
  return { text: parts.join(format.separator), facts, failed, warnings, reports };
}
