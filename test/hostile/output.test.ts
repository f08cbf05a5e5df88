// Output safety end to end through the CLI (`run(argv, io)` in-process): header text written by strangers never
// reaches a terminal raw (ESC/CSI/OSC sequences, BEL, CR overwrites, bidi overrides, C1 controls, U+2028), CSV
// cells never start a spreadsheet formula, JSON stays valid and loses no data, and header-derived names never
// become object keys (`__proto__`, `constructor`, `prototype`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'rcvd-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Terminal attacks, each with a marker so we can see whether it came through raw. */
const ATTACKS = {
  clear: '\u001b[2J\u001b[HCLEAR',
  sgr: '\u001b[31mRED',
  osc: '\u001b]0;TITLE\u0007',
  osc52: '\u001b]52;c;ZXZpbA==\u0007',
  bel: 'BEL\u0007',
  cr: 'safe.example\rEVIL-OVERWRITE',
  backspace: 'x\b\b\bBS',
  csi8bit: '\u009b2JC1',
  rlo: '\u202eexe.txt',
  isolate: '\u2066ISO\u2069',
  lsep: 'A\u2028B',
  nul: 'N\u0000UL',
  zeroWidth: 'pay\u200Bpal\u200D\u2060\uFEFF',
};
// A lone CR ends a header line (the splitter reads it as a line break), so the CR attack goes last.
const all = Object.entries(ATTACKS)
  .filter(([k]) => k !== 'cr')
  .map(([, v]) => v)
  .concat(ATTACKS.cr)
  .join(' ');

const hostileMessage = [
  `Received: from safe.example (${ATTACKS.rlo} [192.0.2.1])`,
  `\t(using TLSv1.2 with cipher ${ATTACKS.sgr} (128/128 bits))`,
  `\tby mx.${ATTACKS.zeroWidth}.${ATTACKS.clear}.example (Postfix) with ${ATTACKS.osc}ESMTPS id ${ATTACKS.bel}`,
  `\tfor <${ATTACKS.isolate}@example.net>; Tue, 14 Nov 2023 09:12:45 +0100 ${ATTACKS.osc52}`,
  `Received: from =cmd|'/C calc'!A0 (+evil.example [198.51.100.7]) by @mx.example with -ESMTP id 1; ${ATTACKS.csi8bit} Tue, 14 Nov 2023 09:12:40 +0100`,
  `Received: from \tTAB.example ([203.0.113.9]) by \rCR.example with SMTP; Tue, 14 Nov 2023 09:12:30 +0100`,
  `Subject: =HYPERLINK("http://evil.example","click") ${all}`,
  `From: ${ATTACKS.lsep} <${ATTACKS.backspace}@example.org>`,
  `Message-ID: <${ATTACKS.nul}@example.org>`,
  '',
  'body',
  '',
].join('\r\n');

const path = join(dir, `evil-\u001b[2J-name\u202e.eml`);
writeFileSync(path, hostileMessage, 'utf8');
const protoPath = join(dir, 'proto.eml');
writeFileSync(
  protoPath,
  [
    '__proto__: {"polluted": true}',
    'constructor: prototype',
    'prototype: __proto__',
    'Received: from __proto__ (constructor [192.0.2.1]) by prototype with __proto__ id constructor; Tue, 14 Nov 2023 09:12:45 +0100',
    'Received: from toString (hasOwnProperty [192.0.2.2]) by __proto__ with ESMTPS id valueOf; Tue, 14 Nov 2023 09:12:40 +0100',
    'Authentication-Results: __proto__; spf=pass smtp.mailfrom=__proto__@constructor; __proto__=constructor',
    'Subject: __proto__',
    '',
    'body',
    '',
  ].join('\r\n'),
);

/** Every character a terminal would act on or a reader cannot see (C0 but LF, DEL, C1, bidi, zero-width, line separators). */
function dangerous(text: string): string[] {
  const bad: string[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c === 0xfeff) {
      bad.push(`U+${c.toString(16).padStart(4, '0')}`);
    }
  }
  return [...new Set(bad)];
}

describe('text output never passes control characters through', () => {
  it('plain (no colour): no control, C1 or bidi character at all, on stdout or stderr', async () => {
    const r = await runCli([path, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('HYPERLINK');
    expect(dangerous(r.stdout)).toEqual([]);
    expect(dangerous(r.stderr)).toEqual([]);
  });

  it('with colour: only the tool’s own SGR sequences remain, and no attack marker arrives raw', async () => {
    const r = await runCli([path, '--color'], { env: { FORCE_COLOR: '1' } });
    // eslint-disable-next-line no-control-regex -- we are looking for ESC on purpose; a bounded, linear class
    const withoutOwnColour = r.stdout.replace(/\u001b\[[0-9;]{0,12}m/gu, '');
    expect(dangerous(withoutOwnColour)).toEqual([]);
    for (const attack of Object.values(ATTACKS)) expect(r.stdout.includes(attack)).toBe(false);
  });

  it('a hostile file name is escaped in messages on stderr too (missing file: exit 2)', async () => {
    const r = await runCli([join(dir, 'missing-\u001b]0;x\u0007-\u202e.eml')]);
    expect(r.code).toBe(2);
    expect(dangerous(r.stderr)).toEqual([]);
  });
});

/** RFC 4180 reader, just enough for our output: quoted cells, doubled quotes, CRLF rows. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('CSV output', () => {
  it('no cell starts a formula (=, +, -, @, TAB, CR) unless it is a plain number; no control characters', async () => {
    const r = await runCli([path, '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = readCsv(r.stdout);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const width = rows[0]!.length;
    for (const row of rows) expect(row).toHaveLength(width);
    const risky = rows.flat().filter((cell) => /^[=+\-@\t\r]/u.test(cell) && !/^-?\d+(?:\.\d+)?$/u.test(cell));
    expect(risky).toEqual([]);
    expect(dangerous(r.stdout.replaceAll('\r\n', '\n'))).toEqual([]);
    // the neutralised cells are still there, readable
    expect(rows.flat().some((cell) => cell.startsWith("'=cmd") || cell.startsWith("'+evil") || cell.startsWith("'@mx"))).toBe(true);
  });
});

describe('JSON output', () => {
  it.each(['json', 'ndjson'])('%s: valid, terminal-safe, and the hostile text survives as data', async (format) => {
    const r = await runCli([path, '--format', format]);
    expect(r.code).toBe(0);
    expect(dangerous(r.stdout)).toEqual([]);
    const docs = format === 'json' ? [JSON.parse(r.stdout) as unknown] : r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    const text = JSON.stringify(docs);
    expect(text).toContain('HYPERLINK');
    // escaping is only presentational: once parsed, the subject holds the bytes the header held
    for (const attack of [ATTACKS.rlo, ATTACKS.sgr, ATTACKS.osc52, ATTACKS.csi8bit]) expect(text).toContain(JSON.stringify(attack).slice(1, -1));
  });
});

describe('header-derived names never become object keys', () => {
  it.each(['json', 'ndjson', 'csv', 'text'])('%s: Object.prototype untouched, no __proto__/constructor/prototype own keys', async (format) => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = await runCli([protoPath, '--format', format]);
    expect(r.code).toBe(0);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    if (format === 'json' || format === 'ndjson') {
      const keys: string[] = [];
      const walk = (v: unknown): void => {
        if (v === null || typeof v !== 'object') return;
        if (Array.isArray(v)) return v.forEach(walk);
        for (const [k, x] of Object.entries(v)) {
          keys.push(k);
          walk(x);
        }
      };
      // JSON.parse makes `__proto__` an own key if the text has one: exactly what we look for
      for (const line of format === 'json' ? [r.stdout] : r.stdout.trim().split('\n')) walk(JSON.parse(line));
      expect(keys.filter((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')).toEqual([]);
      expect(r.stdout).toContain('__proto__'); // the values are still reported
    }
  });
});
