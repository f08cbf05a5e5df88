/**
 * Every row of fixtures/dialects.txt: a Received value and the one line that says what parseReceived reads from it
 * (fields, TLS facts, grade, issue codes), as SpamAssassin's t/rcvd_parser.t holds its parser to one line per header.
 * `UPDATE_DIALECTS=1` writes the rendered lines back into the file instead of comparing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../src/index.js';
import { DIALECTS_FILE, EXPECTED_MARK, parseDialectRows, renderHop } from './dialect-rows.js';

const text = readFileSync(DIALECTS_FILE, 'utf8');
const rows = parseDialectRows(text);

if (process.env.UPDATE_DIALECTS === '1') {
  const lines = text.split('\n');
  for (const row of rows) lines[row.expectedLine] = EXPECTED_MARK + renderHop(parseReceived(row.header));
  writeFileSync(DIALECTS_FILE, lines.join('\n'));
}

describe('fixtures/dialects.txt', () => {
  it.each(rows.map((r) => [r.label, r] as const))('%s', (_label, row) => {
    const hop = parseReceived(row.header);
    if (process.env.UPDATE_DIALECTS !== '1') expect(renderHop(hop)).toBe(row.expected);
    // The evidence is the text at its span, and holds what it states.
    const t = hop.tls;
    if (t !== null) {
      expect(row.header.slice(t.span.start, t.span.end)).toBe(t.evidence);
      if (t.versionText !== null) expect(t.evidence).toContain(t.versionText);
      if (t.cipher !== null) expect(t.evidence).toContain(t.cipher);
    }
  });

  it('the file says the values are ours', () => {
    expect(text.slice(0, 400)).toContain('written by us');
  });
});
