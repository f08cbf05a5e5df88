/**
 * `--format csv`: one row per hop, oldest first within a message (RFC 4180: CRLF line ends, fields with `"`, `,`,
 * CR or LF quoted, quotes doubled). Text cells that a spreadsheet would run as a formula (leading `=`, `+`, `-`,
 * `@`, TAB or CR — OWASP "CSV injection") get a leading `'`; header-derived text is also `sanitize`d. A message
 * with no hops gets one row with empty hop cells, so every message is accounted for. Nested reports' rows have
 * index `<index>.<position>` (1-based position).
 * @module
 */
import type { ScanMessage } from '../../node/scan-types.js';
import type { Hop, MessageReport } from '../../types.js';
import { sanitize } from '../sanitize.js';
import type { OutputFormat } from './format.js';

/** The column names, in order. */
export const CSV_COLUMNS = [
  'source',
  'index',
  'hop',
  'date',
  'delay',
  'from_ip',
  'from_host',
  'by',
  'protocol',
  'tls_version',
  'cipher',
  'cipher_iana',
  'bits',
  'grade',
  'scope',
  'reasons',
] as const;

const CRLF = '\r\n';

function needsQuotes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0d || c === 0x0a) return true;
  }
  return false;
}

/** One text cell: formula-neutralised, sanitised, quoted when RFC 4180 requires it. */
export function csvText(value: string | null): string {
  if (value === null || value === '') return '';
  let s = value;
  const first = s.charCodeAt(0);
  if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d) s = `'${s}`;
  s = sanitize(s);
  return needsQuotes(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csvNumber(value: number | null): string {
  return value === null ? '' : String(value);
}

function hopRow(source: string, index: string, hop: Hop, delay: number | null): string {
  const tls = hop.tls;
  const reasons = hop.security.reasons.map((r) => `${r.rule}: ${r.message}`).join('; ');
  return [
    csvText(source),
    index,
    String(hop.index),
    csvText(hop.date === null ? null : (hop.date.iso ?? hop.date.text)),
    csvNumber(delay),
    csvText(hop.from?.ip ?? null),
    csvText(hop.from === null ? null : (hop.from.rdns ?? hop.from.helo)),
    csvText(hop.by?.host ?? hop.by?.ip ?? null),
    csvText(hop.protocol),
    csvText(tls?.version ?? tls?.versionText ?? null),
    csvText(tls?.cipher ?? null),
    csvText(tls?.cipherIana ?? null),
    csvNumber(tls?.bits ?? null),
    hop.security.grade,
    hop.security.scope,
    csvText(reasons),
  ].join(',');
}

function reportRows(source: string, index: string, report: MessageReport): string {
  const n = report.hops.length;
  if (n === 0) {
    const why = report.issues.map((i) => `${i.code}: ${i.message}`).join('; ');
    return `${[csvText(source), index, '', '', '', '', '', '', '', '', '', '', '', report.verdict.grade, '', csvText(why)].join(',')}${CRLF}`;
  }
  const delays: (number | null)[] = new Array<number | null>(n).fill(null);
  for (const e of report.timeline.entries) if (e.hop >= 0 && e.hop < n) delays[e.hop] = e.delaySeconds;
  let out = '';
  for (let k = n - 1; k >= 0; k--) out += hopRow(source, index, report.hops[k]!, delays[k] ?? null) + CRLF;
  return out;
}

/** The CSV format (no summary: a CSV file holds one table). */
export function csvFormat(): OutputFormat {
  return {
    head: () => CSV_COLUMNS.join(',') + CRLF,
    message(item: ScanMessage) {
      let out = reportRows(item.source, String(item.index), item.report);
      for (const nested of item.nested) out += reportRows(item.source, `${item.index}.${nested.position + 1}`, nested.report);
      return out;
    },
    separator: '',
    tail: () => '',
  };
}
