/**
 * The archive summary as CSV, for a spreadsheet or a database: one row per count, `table,key,grade,count` (long
 * form: every table of the summary fits the same four columns). Cells go through the CSV output's own quoting and
 * formula neutralisation: relay and cipher names come from headers.
 * @module
 */
import type { GradeCounts, ScanSummary } from '../summary/types.js';
import type { Grade } from '../types.js';
import { csvText } from './csv.js';
import { GRADE_DISPLAY_ORDER } from './units.js';

const CRLF = '\r\n';

/** The column names of the summary CSV. */
const SUMMARY_CSV_COLUMNS = ['table', 'key', 'grade', 'count'] as const;

function row(table: string, key: string | null, grade: Grade | null, count: number): string {
  return `${table},${csvText(key)},${grade ?? ''},${count}${CRLF}`;
}

function gradeRows(table: string, key: string | null, counts: GradeCounts): string {
  let out = '';
  for (const g of GRADE_DISPLAY_ORDER) if (counts[g] > 0) out += row(table, key, g, counts[g]);
  return out;
}

/**
 * The summary as CSV rows (RFC 4180, CRLF), with a header row: one row per count, `table,key,grade,count`.
 * @example
 * ```ts
 * import { scan, summaryCsv } from 'received-forensics/node';
 * for await (const item of scan('inbox.mbox')) if (item.type === 'summary') process.stdout.write(summaryCsv(item));
 * ```
 */
export function summaryCsv(s: ScanSummary): string {
  let out = SUMMARY_CSV_COLUMNS.join(',') + CRLF;
  for (const [key, value] of [
    ['messages', s.messages],
    ['nestedMessages', s.nestedMessages],
    ['unreadable', s.unreadable],
    ['withoutHeaders', s.withoutHeaders],
    ['hops', s.hops],
    ['externalHops', s.externalHops],
    ['internalHops', s.internalHops],
    ['internalOnly', s.internalOnly],
  ] as const) {
    out += row('total', key, null, value);
  }
  out += gradeRows('verdicts', null, s.verdicts);
  out += gradeRows('external_hops', null, s.externalHopGrades);
  for (const c of s.weakestCiphers) out += row('weakest_ciphers', c.cipherIana ?? c.cipher, c.grade, c.count);
  for (const r of s.worstRelays) out += gradeRows('worst_relays', r.relay, r.grades);
  for (const y of s.years) {
    const key = y.year === null ? null : String(y.year);
    out += gradeRows('year_verdicts', key, y.verdicts);
    if (y.internalOnly > 0) out += row('year_internal_only', key, null, y.internalOnly);
    out += gradeRows('year_external_hops', key, y.externalHops);
  }
  for (const p of s.unmatchedDeclared) out += row('unmatched_declared', p, null, 0);
  return out;
}
