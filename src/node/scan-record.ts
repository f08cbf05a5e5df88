/**
 * One record from the archive readers → one scan message: the analysis, the reader's issues folded into the report,
 * and the nested reports when asked for.
 * @module
 */
import { analyzeMessage } from '../analyze.js';
import type { AnalyzeOptions } from '../options.js';
import type { Issue, MessageReport } from '../types.js';
import { analyzeRecordNested } from './nested.js';
import type { MessageRecord } from './read-options.js';
import type { ScanMessage } from './scan-types.js';

function withIssues(report: MessageReport, first: readonly Issue[], last: readonly Issue[]): MessageReport {
  if (first.length === 0 && last.length === 0) return report;
  // A reader cut (IO_TRUNCATED) or a nesting limit makes the report partial, like a limit inside the header block.
  const cut = (i: Issue): boolean => i.code === 'IO_TRUNCATED' || i.code.startsWith('LIMIT_');
  const truncated = report.truncated || first.some(cut) || last.some(cut);
  return { ...report, issues: [...first, ...report.issues, ...last], truncated };
}

/** Analyse one record without nested parts (synchronous: the hot path). */
export function scanRecord(record: MessageRecord, options: AnalyzeOptions): ScanMessage {
  const report = withIssues(analyzeMessage(record.raw, options), record.issues, []);
  return { type: 'message', source: record.source, index: record.index, byteOffset: record.byteOffset, report, nested: [] };
}

/** Analyse one record and its nested messages: embedded in its Outlook item, or parts its Content-Type can hold. */
async function scanRecordNested(record: MessageRecord, options: AnalyzeOptions): Promise<ScanMessage> {
  const found = await analyzeRecordNested(record, options);
  const report = withIssues(analyzeMessage(record.raw, options), record.issues, found.issues);
  return { type: 'message', source: record.source, index: record.index, byteOffset: record.byteOffset, report, nested: found.nested };
}

/** Analyse a batch of records in order. */
export async function scanRecords(records: readonly MessageRecord[], options: AnalyzeOptions, nested: boolean): Promise<ScanMessage[]> {
  const out: ScanMessage[] = [];
  for (const record of records) out.push(nested ? await scanRecordNested(record, options) : scanRecord(record, options));
  return out;
}
