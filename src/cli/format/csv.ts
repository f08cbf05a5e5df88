/**
 * `--format csv`: one row per hop, oldest first within a message (RFC 4180: CRLF line ends, quotes doubled). A cell
 * holding `"`, `,`, `;`, TAB, CR or LF is quoted. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * TAB or CR first — OWASP "CSV injection") gets a `'` in front — at the start of the cell and after every `,`, `;`
 * or TAB inside it (with the spaces and quotes after it): a spreadsheet set to another separator (German or French
 * Excel split on `;`) ignores our quoting and starts a new cell there. Header-derived text is also `sanitize`d. A
 * message with no hops gets one row with empty hop cells, so every message is accounted for. Nested reports' rows
 * have index `<index>.<position>` (1-based position).
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

const QUOTE = 0x22;
const SPACE = 0x20;

/** `,` `;` TAB: where a spreadsheet may start a cell, whatever separator it was set to. */
function isSeparator(c: number): boolean {
  return c === 0x2c || c === 0x3b || c === 0x09;
}

/** `=` `+` `-` `@` TAB CR: what makes a spreadsheet read a cell as a formula. */
function isFormulaStart(c: number): boolean {
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

function needsQuotes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE || c === 0x0d || c === 0x0a || isSeparator(c)) return true;
  }
  return false;
}

/**
 * `s` with a `'` before every formula start that could begin a cell: at 0 and after each separator, past the spaces
 * and quotes a spreadsheet skips there. One pass, no backtracking.
 */
function neutralise(s: string): string {
  let out = '';
  let from = 0;
  let cellStart = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (cellStart && isFormulaStart(c)) {
      out += `${s.slice(from, i)}'`;
      from = i;
      cellStart = false;
    } else if (isSeparator(c)) cellStart = true;
    else if (c !== SPACE && c !== QUOTE) cellStart = false;
  }
  return out === '' ? s : out + s.slice(from);
}

/**
 * One text cell: formula-neutralised wherever a cell could start, sanitised (which only turns characters into
 * backslash escapes, so it opens no new cell and starts no formula), quoted when it holds a separator.
 */
export function csvText(value: string | null): string {
  if (value === null || value === '') return '';
  const s = sanitize(neutralise(value));
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
