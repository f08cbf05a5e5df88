/**
 * The dialect fixture, fixtures/dialects.txt: rows of a Received value and the one line that says what
 * `parseReceived` reads from it. Read here, rendered here; test/received/dialects.test.ts compares the two.
 */
import { readFileSync } from 'node:fs';
import type { Hop } from '../../src/types.js';

/** Where the fixture lives. */
export const DIALECTS_FILE = new URL('../../fixtures/dialects.txt', import.meta.url);

/** One row: the label (the writer, a colon, what the row shows), the value, the expected line, and where they are. */
export interface DialectRow {
  readonly label: string;
  /** The writer named before the label's first `:` (`Postfix`, `Exim`, …). */
  readonly writer: string;
  readonly header: string;
  readonly expected: string;
  /** 0-based line of the `=>` line in the file. */
  readonly expectedLine: number;
}

/** The marker that starts an expected line. */
export const EXPECTED_MARK = '=> ';

/** Parse the fixture text. Throws on a malformed file (the fixture is ours: a mistake is a test failure). */
export function parseDialectRows(text: string): DialectRow[] {
  const lines = text.split('\n');
  const rows: DialectRow[] = [];
  let label: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('# ')) label = line.slice(2);
    if (!line.startsWith('"')) continue;
    const header = JSON.parse(line) as string;
    const next = lines[i + 1] ?? '';
    if (label === null || !next.startsWith(EXPECTED_MARK)) throw new Error(`fixtures/dialects.txt line ${i + 1}: a value needs a "# writer: …" label before it and a "=> " line after it`);
    const colon = label.indexOf(':');
    rows.push({ label, writer: colon < 0 ? label : label.slice(0, colon), header, expected: next.slice(EXPECTED_MARK.length), expectedLine: i + 1 });
    label = null;
    i++;
  }
  return rows;
}

/** Every row of fixtures/dialects.txt. */
export function readDialectRows(): DialectRow[] {
  return parseDialectRows(readFileSync(DIALECTS_FILE, 'utf8'));
}

/** A value as it stands in a line: bare when it is one plain word, else a JSON string. */
function show(value: string | number): string {
  const s = String(value);
  return typeof value === 'number' || (/^[\x21-\x7e]+$/.test(s) && !/["=[\]]/.test(s)) ? s : JSON.stringify(s);
}

function field(parts: string[], name: string, value: string | number | null | undefined): void {
  if (value !== null && value !== undefined) parts.push(`${name}=${show(value)}`);
}

/**
 * The one line a hop renders to: `[ fields ] tls=[ facts ] grade=X issues=A,B`. Null fields are left out; `from=null`
 * marks a header with no from clause, `tls=null` one that says nothing about TLS.
 */
export function renderHop(hop: Hop): string {
  const f: string[] = [];
  if (hop.from === null) f.push('from=null');
  else {
    field(f, 'helo', hop.from.helo);
    field(f, 'rdns', hop.from.rdns);
    field(f, 'ip', hop.from.ip);
    field(f, 'port', hop.from.port);
    field(f, 'ident', hop.from.ident);
  }
  field(f, 'by', hop.by?.host);
  field(f, 'by-ip', hop.by?.ip);
  field(f, 'software', hop.by?.software);
  field(f, 'via', hop.via);
  field(f, 'with', hop.protocol);
  field(f, 'id', hop.id);
  field(f, 'for', hop.for);
  field(f, 'envfrom', hop.envelopeFrom);
  field(f, 'date', hop.date?.iso);
  const out = [`[ ${f.join(' ')} ]`, `tls=${renderTls(hop)}`, `grade=${hop.security.grade}`];
  if (hop.issues.length > 0) out.push(`issues=${hop.issues.map((i) => i.code).join(',')}`);
  return out.join(' ');
}

function renderTls(hop: Hop): string {
  const t = hop.tls;
  if (t === null) return 'null';
  const p: string[] = [];
  p.push(`enc=${t.encrypted === null ? 'unknown' : t.encrypted ? 'yes' : 'no'}`);
  if (t.version !== null) p.push(`version=${t.version}${t.versionInferred ? '(inferred)' : ''}`);
  if (t.versionText !== null && t.versionText !== t.version) field(p, 'text', t.versionText);
  field(p, 'cipher', t.cipher);
  if (t.cipherIana !== t.cipher) field(p, 'iana', t.cipherIana);
  field(p, 'bits', t.bits);
  if (t.certificate !== 'unknown') p.push(`cert=${t.certificate}`);
  field(p, 'group', t.group);
  p.push(`dialect=${t.dialect}`);
  field(p, 'evidence', t.evidence);
  return `[ ${p.join(' ')} ]`;
}
