/**
 * `--format csv`: one row per hop, oldest first within a message (RFC 4180: CRLF line ends, quotes doubled). A cell
 * holding `"`, `,`, `;`, TAB, CR or LF is quoted. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * TAB or CR first — OWASP "CSV injection") gets a `'` in front — at the start of the cell and after every `,`, `;`
 * or TAB inside it (with the spaces and quotes after it): a spreadsheet set to another separator (German or French
 * Excel split on `;`) ignores our quoting and starts a new cell there. Header-derived text is also `sanitize`d. A
 * message with no hops gets one row with empty hop cells, so every message is accounted for. Nested reports' rows
 * have index `<index>.<position>` (1-based position). `hop` is the header order (0 = topmost), `hop_number` the
 * chronological number (1 = the first handover); `date_utc` is in the form spreadsheets read as a date; every row
 * repeats its message's verdict, Message-ID and decoded Subject and From; `issues` lists issue codes.
 * @module
 */
import type { ScanMessage } from '../summary/scan-message.js';
import { decodeMimeWords } from './mime-words.js';
import type { Hop, Issue, MessageReport } from '../types.js';
import { sanitize } from './sanitize.js';
import type { OutputFormat } from './format.js';
import { chronological, delaysByHop } from './units.js';

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
  // added later, so the columns above keep their places for existing consumers
  'hop_number',
  'date_utc',
  'from_helo',
  'verdict',
  'message_id',
  'subject',
  'from',
  'issues',
] as const;

/** The byte order mark `--bom` writes first: Excel reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\uFEFF';

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

/** `2013-01-05T18:20:30.000Z` → `2013-01-05 18:20:30`: the form Excel and LibreOffice read as a date and time. */
function spreadsheetDate(iso: string | null): string {
  return iso === null || iso.length < 19 ? '' : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `-` (stdin) would be neutralised to `'-`; it is named instead. */
function sourceText(source: string): string {
  return source === '-' ? 'stdin' : source;
}

/** The message's cells repeated on each of its rows, so a filter on one row keeps its context. */
function messageCells(report: MessageReport): string[] {
  const h = report.headers;
  return [report.verdict.grade, csvText(h.messageId), csvText(decodeMimeWords(h.subject)), csvText(decodeMimeWords(h.from))];
}

function issueCodes(issues: readonly Issue[]): string {
  return csvText(issues.map((i) => i.code).join(' '));
}

function hopRow(source: string, index: string, hop: Hop, delay: number | null, hopCount: number, message: readonly string[]): string {
  const tls = hop.tls;
  const reasons = hop.security.reasons.map((r) => `${r.rule}: ${r.message}`).join('; ');
  return [
    csvText(sourceText(source)),
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
    String(chronological(hop.index, hopCount)),
    spreadsheetDate(hop.date?.iso ?? null),
    csvText(hop.from?.helo ?? null),
    ...message,
    issueCodes(hop.issues),
  ].join(',');
}

function reportRows(source: string, index: string, report: MessageReport): string {
  const n = report.hops.length;
  if (n === 0) {
    const why = report.issues.map((i) => `${i.code}: ${i.message}`).join('; ');
    const hopCells = ['', '', '', '', '', '', '', '', '', '', '', report.verdict.grade, '', csvText(why), '', '', ''];
    return `${[csvText(sourceText(source)), index, ...hopCells, ...messageCells(report), issueCodes(report.issues)].join(',')}${CRLF}`;
  }
  const message = messageCells(report);
  const delays = delaysByHop(report);
  let out = '';
  for (let k = n - 1; k >= 0; k--) out += hopRow(source, index, report.hops[k]!, delays[k] ?? null, n, message) + CRLF;
  return out;
}

/** The CSV format (no summary: a CSV file holds one table); `bom` puts {@link UTF8_BOM} first. */
export function csvFormat(bom = false): OutputFormat {
  return {
    head: () => (bom ? UTF8_BOM : '') + CSV_COLUMNS.join(',') + CRLF,
    message(item: ScanMessage) {
      let out = reportRows(item.source, String(item.index), item.report);
      // A message embedded in an Outlook item is named by its own place; a MIME part by the message it is in.
      for (const nested of item.nested) out += reportRows(nested.source ?? item.source, `${item.index}.${nested.position + 1}`, nested.report);
      return out;
    },
    separator: '',
    tail: () => '',
  };
}
