/**
 * What a run adds up over its messages — the summary, the HTML report's tables, the `failOn` matches — with the same
 * builders and in the same order whoever feeds them: `scan()`, `rcvd`, and `rcvd summarize` reading records back.
 * @module
 */
import { ReportAggregator, type ReportMessage } from '../render/html/aggregate.js';
import type { MessageFacts } from '../summary/facts.js';
import { SummaryBuilder } from '../summary/summary.js';
import type { ScanSummary } from '../summary/types.js';
import type { BatchResult } from './scan-batch.js';

/** The totals of one run. */
export class RunTotals {
  readonly #summary = new SummaryBuilder();
  /** The HTML report's tables; `null` when no report is made. */
  readonly report: ReportAggregator | null;
  /** Messages added. */
  messages = 0;
  /** Messages whose verdict matched `failOn`. */
  failed = 0;

  constructor(withReport = false) {
    this.report = withReport ? new ReportAggregator() : null;
  }

  /** Add one message: its summary facts, its report entry (ignored without a report), whether it failed. */
  add(facts: MessageFacts, entry?: ReportMessage, failed = false): void {
    this.#summary.add(facts);
    if (entry !== undefined) this.report?.add(entry);
    if (failed) this.failed++;
    this.messages++;
  }

  /** Add a batch's messages (a batch is whole messages: the totals always match the output written). */
  addBatch(result: BatchResult): void {
    for (const f of result.facts) this.#summary.add(f);
    this.messages += result.facts.length;
    this.failed += result.failed;
    if (this.report !== null) for (const r of result.reports) this.report.add(r);
  }

  /** The summary so far. */
  summary(): ScanSummary {
    return this.#summary.result();
  }
}
