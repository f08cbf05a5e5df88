import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMbox } from '../../src/node/read-mbox.js';
import { resolveReadOptions, type ReadOptions } from '../../src/node/read-options.js';
import { readMessages } from '../../src/node/read-messages.js';
import { chunked, collect, failingStream, summarise } from './read-helpers.js';

const fixture = (name: string): URL => new URL(`../../fixtures/mbox/${name}`, import.meta.url);

// Synthetic messages in the shape real MTAs write them.
const A = 'Received: from mail.example.org (mail.example.org [192.0.2.10])\n\tby mx.example.net (Postfix) with ESMTP id 1A; Mon, 06 Jan 2025 09:15:02 +0000\nSubject: a\n\nbody a\n';
const B = 'Received: from relay.example.org ([198.51.100.7]) by mx.example.net with SMTP; Mon, 06 Jan 2025 10:00:00 +0000\nSubject: b\n\nbody b\n';
const SEP = 'From alice@example.org Mon Jan  6 09:15:02 2025\n';

async function read(text: string | Uint8Array, options?: ReadOptions, sizes?: number[]) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  return summarise(await collect(readMbox(chunked(bytes, sizes), 'test.mbox', resolveReadOptions(options))));
}

describe('readMbox: splitting (RFC 4155)', () => {
  const cases: { name: string; mbox: string; raws: string[]; offsets: number[] }[] = [
    { name: 'two messages, blank line after each', mbox: SEP + A + '\n' + SEP + B + '\n', raws: [A, B], offsets: [0, SEP.length + A.length + 1] },
    { name: 'no blank line after the last message', mbox: SEP + A + '\n' + SEP + B, raws: [A, B], offsets: [0, SEP.length + A.length + 1] },
    { name: 'message ending in a blank line keeps it', mbox: SEP + A + '\n\n' + SEP + B + '\n', raws: [A + '\n', B], offsets: [0, SEP.length + A.length + 2] },
    { name: 'leading blank lines before the first From line', mbox: '\n\n' + SEP + A, raws: [A], offsets: [2] },
    {
      name: '"From " after a non-blank line is body',
      mbox: SEP + 'Subject: x\n\nline\nFrom alice@example.org Mon Jan  6 09:15:02 2025\n',
      raws: ['Subject: x\n\nline\nFrom alice@example.org Mon Jan  6 09:15:02 2025\n'],
      offsets: [0],
    },
    {
      name: 'unquoted mboxo body line without a date is body',
      mbox: SEP + 'Subject: x\n\nFrom home recordings to downloaded mp3s\n',
      raws: ['Subject: x\n\nFrom home recordings to downloaded mp3s\n'],
      offsets: [0],
    },
    { name: 'empty message between two separators', mbox: SEP + '\n' + SEP + B, raws: ['', B], offsets: [0, SEP.length + 1] },
  ];
  it.each(cases)('$name', async ({ mbox, raws, offsets }) => {
    const got = await read(mbox);
    expect(got.map((r) => r.raw)).toEqual(raws);
    expect(got.map((r) => r.byteOffset)).toEqual(offsets);
    expect(got.map((r) => r.index)).toEqual(raws.map((_, i) => i));
  });

  it('CRLF mbox: splits on CRLF blank lines and keeps CRLF in raw', async () => {
    const crlf = (s: string): string => s.replaceAll('\n', '\r\n');
    const got = await read(crlf(SEP + A + '\n' + SEP + B + '\n'));
    expect(got.map((r) => r.raw)).toEqual([crlf(A), crlf(B)]);
    expect(got[1]?.byteOffset).toBe(crlf(SEP + A + '\n').length);
    expect(got.every((r) => r.codes.length === 0)).toBe(true);
  });
});

describe('readMbox: >From unquoting', () => {
  const body = '>From x\n>>From y\n>>>From z\n> From not quoted\n>Fromage\n';
  const mbox = SEP + 'Subject: q\n\n' + body;
  it.each([
    { variant: 'mboxrd' as const, want: 'From x\n>From y\n>>From z\n> From not quoted\n>Fromage\n' },
    { variant: 'mboxo' as const, want: 'From x\n>>From y\n>>>From z\n> From not quoted\n>Fromage\n' },
    { variant: 'none' as const, want: body },
  ])('$variant', async ({ variant, want }) => {
    const [only] = await read(mbox, { mboxVariant: variant });
    expect(only?.raw).toBe('Subject: q\n\n' + want);
  });

  it('a quoted line at the very start of the message is unquoted', async () => {
    const [only] = await read(SEP + '>From old-envelope Thu Aug 22 12:36:23 2002\nSubject: s\n\nb\n');
    expect(only?.raw).toBe('From old-envelope Thu Aug 22 12:36:23 2002\nSubject: s\n\nb\n');
    expect(only?.codes).toEqual([]);
  });
});

describe('readMbox: hostile input', () => {
  it('binary junk between messages is flagged on the message it lands in, and the next message is intact', async () => {
    const junk = '\u0000\u0001\u00ff\u00fe garbage \u0000\n';
    const got = await read(SEP + A + '\n' + junk + '\n' + SEP + B);
    expect(got).toHaveLength(2);
    expect(got[0]?.codes).toEqual(['IO_NOT_A_MESSAGE']);
    expect(got[1]).toMatchObject({ raw: B, codes: [] });
  });

  it('a separator followed by junk instead of headers is not a message', async () => {
    const got = await read(SEP + A + '\n' + SEP + '\u0000\u0000\u00ff\n\n' + SEP + B);
    expect(got.map((r) => r.codes)).toEqual([[], ['IO_NOT_A_MESSAGE', 'IO_NOT_A_MESSAGE'], []]);
  });

  it('junk before the first From line becomes its own record', async () => {
    const got = await read('PK\u0003\u0004 zip junk\n\n' + SEP + A);
    expect(got.map((r) => [r.index, r.byteOffset, r.codes])).toEqual([
      [0, 0, ['IO_NOT_A_MESSAGE']],
      [1, 'PK\u0003\u0004 zip junk\n\n'.length, []],
    ]);
  });

  it('a last message cut mid-line is flagged IO_TRUNCATED', async () => {
    const got = await read(SEP + A + '\n' + SEP + 'Subject: b\n\nhalf a li');
    expect(got[1]).toMatchObject({ raw: 'Subject: b\n\nhalf a li', codes: ['IO_TRUNCATED'] });
  });

  it('an oversized message keeps maxMessageBytes, counts the rest, and the next message is unharmed', async () => {
    const big = 'Subject: big\n\n' + 'x'.repeat(100_000) + '\n';
    const got = await read(SEP + big + '\n' + SEP + B, { maxMessageBytes: 1000 }, Array(200).fill(997));
    expect(got[0]?.raw).toHaveLength(1000);
    expect(got[0]?.codes).toEqual(['IO_TRUNCATED']);
    expect(got[1]).toMatchObject({ raw: B, codes: [], byteOffset: SEP.length + big.length + 1 });
  });

  it('a long file with no second From line is never buffered beyond the limit', async () => {
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from(SEP + 'Subject: s\n\n');
      const block = Buffer.alloc(1 << 20, 0x61);
      for (let i = 0; i < 64; i++) yield block;
    }
    const records = await collect(readMbox(endless(), 'big', resolveReadOptions({ maxMessageBytes: 4096 })));
    expect(records).toHaveLength(1);
    expect(records[0]?.raw.length).toBe(4096);
    expect(records[0]?.issues.map((i) => i.message).join()).toContain(`${64 * (1 << 20) + 12} bytes`);
  });

  it('a read error mid-stream keeps the messages so far and flags the one it cut', async () => {
    const bytes = Buffer.from(SEP + A + '\n' + SEP + 'Subject: b\n\npart', 'latin1');
    const got = summarise(await collect(readMessages(failingStream(bytes, new Error('EIO: disk on fire')), { name: 'x.mbox' })));
    expect(got.map((r) => r.codes)).toEqual([[], ['IO_UNREADABLE']]);
    expect(got[1]?.raw).toBe('Subject: b\n\npart');
  });

  it('an empty stream yields nothing; blank lines only yield nothing', async () => {
    expect(await read('')).toEqual([]);
    expect(await read('\n\n\r\n')).toEqual([]);
  });
});

describe('readMbox: committed fixtures (synthetic)', () => {
  it('mboxrd-three.mbox', async () => {
    const records = await collect(readMessages(fixture('mboxrd-three.mbox').pathname));
    expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(records.every((r) => r.issues.length === 0 && r.source.endsWith('mboxrd-three.mbox'))).toBe(true);
    const first = Buffer.from(records[0]?.raw ?? []).toString('utf8');
    expect(first).toContain('\n>From the minutes of the last meeting:\n>>From here on it is quoted twice.\nFrom the desk of Alice\n');
    expect(first.endsWith('Regards\n')).toBe(true);
    const file = await readFile(fixture('mboxrd-three.mbox'));
    for (const r of records) expect(file.subarray(r.byteOffset ?? -1, (r.byteOffset ?? 0) + 5).toString()).toBe('From ');
  });

  it('crlf-two.mbox', async () => {
    const records = summarise(await collect(readMessages(fixture('crlf-two.mbox').pathname)));
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.raw.startsWith('Return-Path:') && r.raw.endsWith('.\r\n') && r.codes.length === 0)).toBe(true);
  });
});

describe('readMbox: chunk boundaries never change the result (property)', () => {
  const line = fc.constantFrom('Subject: s', 'From x', '>From y', '>>From z', '', 'From me Mon Jan  6 09:15:02 2025', 'body', '\u0000');
  const message = fc.array(line, { maxLength: 8 }).map((lines) => 'X-H: 1\n' + lines.join('\n'));
  const eol = fc.constantFrom('\n', '\r\n');
  it('any chunking of an mbox gives the same records as one chunk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 5 }), eol, fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }), async (messages, nl, sizes) => {
        const mbox = messages.map((m) => SEP + m + '\n\n').join('').replaceAll('\n', nl);
        const whole = await read(mbox);
        expect(await read(mbox, undefined, sizes)).toEqual(whole);
        expect(await read(mbox, undefined, Array(mbox.length).fill(1))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });
});

describe('readMbox: mboxrd round trip (property)', () => {
  const line = fc.constantFrom('Subject: s', 'From x', '>From y', '>>From z', '', 'From me Mon Jan  6 09:15:02 2025', 'b', '>');
  const quote = (message: string): string => message.split('\n').map((l) => (/^>*From /.test(l) ? '>' + l : l)).join('\n');
  it('quote, join, split and unquote gives back every message byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(line, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), async (bodies) => {
        const messages = bodies.map((lines) => 'X-H: 1\n' + lines.map((l) => l + '\n').join(''));
        const mbox = messages.map((m) => SEP + quote(m) + '\n').join('');
        expect((await read(mbox)).map((r) => r.raw)).toEqual(messages);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readMbox: no super-linear work on hostile shapes', () => {
  it.each([
    ['a blank preamble followed by many rejected From lines', '\n'.repeat(200_000) + 'From \n\n'.repeat(50_000)],
    ['many "From " lines without blank lines', SEP + 'Subject: s\n\n' + 'From x 09:15:02\n'.repeat(100_000)],
    ['many separators with empty messages', (SEP + '\n').repeat(50_000)],
    ['an endless From line', SEP + 'Subject: s\n\n\nFrom ' + 'x'.repeat(3_000_000)],
  ])('%s', async (_, mbox) => {
    // Counting the records is the check; the shapes are sized so quadratic work would not finish in the timeout.
    const records = await read(mbox, undefined, Array(400).fill(8191));
    expect(records.length).toBeGreaterThan(0);
    expect(records.reduce((n, r) => n + r.raw.length, 0)).toBeLessThanOrEqual(mbox.length);
  });
});
