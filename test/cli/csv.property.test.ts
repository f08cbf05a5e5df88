// CSV formula injection, for any cell text: read back with `,` (RFC 4180) the cell is one field holding what was
// written; split on any separator a spreadsheet may be set to (`,`, `;`, TAB) — naively, as a spreadsheet does with
// quotes that do not open a field — no piece can start a formula. German or French Excel splits on `;`, so
// `x;=cmd|'/Ccalc'!A0` must not give a bare `=cmd…` cell even though the cell is quoted for `,`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvText } from '../../src/render/csv.js';
import { runCli } from './io.js';

const dir = mkdtempSync(join(tmpdir(), 'rcvd-csv-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMULA_START = /^[=+\-@\t\r]/;

/** What a spreadsheet skips before deciding a cell is a formula: spaces and the quotes of a quoted field. */
function cellStart(piece: string): string {
  let i = 0;
  while (i < piece.length && (piece[i] === ' ' || piece[i] === '"')) i++;
  return piece.slice(i);
}

/** RFC 4180 fields of one line (no line ends inside: the formats never write raw ones). */
function rfc4180(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) throw new Error(`unterminated quote in ${line}`);
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const c = line.indexOf(',', i);
      field = line.slice(i, c === -1 ? line.length : c);
      i = c === -1 ? line.length : c;
    }
    out.push(field);
    if (i >= line.length) return out;
    if (line[i] !== ',') throw new Error(`junk after a quoted field in ${line}`);
    i++;
  }
}

// Text rich in separators, quotes, spaces and formula characters, with anything else mixed in.
const hostile = fc
  .array(fc.oneof(fc.constantFrom(',', ';', '\t', '"', ' ', '=', '+', '-', '@', '\r', '\n', "'", 'cmd|', "'/Ccalc'!A0", 'x'), fc.string({ maxLength: 4 })), { maxLength: 24 })
  .map((parts) => parts.join(''));

describe('csvText against formula injection', () => {
  it('no piece of the cell starts a formula, whichever separator splits it', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const cell = csvText(value);
        expect(cell).not.toMatch(/[\r\n\t]/);
        for (const separator of [',', ';', '\t']) {
          for (const piece of cell.split(separator)) expect(cellStart(piece)).not.toMatch(FORMULA_START);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('read back with `,` it is exactly one field, quoted whenever it holds a separator or a quote', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const cell = csvText(value);
        const fields = rfc4180(cell);
        expect(fields).toHaveLength(1);
        if (/[,;"]/.test(fields[0]!)) expect(cell.startsWith('"')).toBe(true);
        // only a `'` was added before formula characters, and escapes for what a terminal must not see
        expect(fields[0]!.replaceAll("'", '').length).toBeGreaterThanOrEqual(value.replaceAll("'", '').replace(/[\t\r\n]/g, '').length);
      }),
      { numRuns: 2000 },
    );
  });

  it('the red-team line: a `;` spreadsheet gets no bare =cmd cell from the from-clause or the TLS version', async () => {
    const path = join(dir, 'semicolon.eml');
    writeFileSync(
      path,
      "Received: from h.example (x;=cmd|'/Ccalc'!A0;y [192.0.2.1])\r\n\tby mx.example.net (Postfix) with ESMTPS (version=TLSv1;=cmd|'/Ccalc'!A0 cipher=RC4-SHA bits=128/128); Mon, 06 Jan 2025 09:15:02 +0000\r\nSubject: s\r\n\r\nbody\r\n",
    );
    const r = await runCli(['-f', 'csv', path]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\r\n').slice(1, -1);
    expect(rows.length).toBeGreaterThan(0);
    expect(r.stdout).toContain("'=cmd");
    for (const row of rows) {
      for (const separator of [',', ';', '\t']) {
        for (const piece of row.split(separator)) expect(cellStart(piece)).not.toMatch(FORMULA_START);
      }
    }
  });
});
