/**
 * `analyzeFile`: every message of one file (a message, an mbox, a `.gz`, a Maildir or folder) as reports.
 * @module
 */
import type { AnalyzeOptions } from '../options.js';
import type { MessageReport } from '../types.js';
import { readMessages } from './read-messages.js';
import type { ReadOptions } from './read-options.js';
import { scanRecord } from './scan-record.js';

/**
 * Reports of all messages in `path`, in order (reader issues such as `IO_TRUNCATED` folded into each report's
 * issues). Holds every report in memory: use `scan` for large archives.
 * @example
 * ```ts
 * import { analyzeFile } from 'received-forensics/node';
 * for (const report of await analyzeFile('suspicious.eml')) console.log(report.verdict.grade);
 * ```
 */
export async function analyzeFile(path: string, options: AnalyzeOptions & { readonly read?: ReadOptions } = {}): Promise<MessageReport[]> {
  if (typeof path !== 'string') throw new TypeError('analyzeFile: path must be a string');
  const { read, ...analyze } = options;
  const out: MessageReport[] = [];
  for await (const record of readMessages(path, read)) out.push(scanRecord(record, analyze).report);
  return out;
}
