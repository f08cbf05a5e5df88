/**
 * The CLI's small parts on their own: sanitising, argument reading, colour decision, the progress bar's timing.
 */
import { failsOn, FAIL_ON_TABLE } from '../../src/summary/fail-on.js';
import type { Grade, Verdict } from '../../src/types.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/args.js';
import { AUTO_JOBS_MIN_BYTES, autoJobs } from '../../src/cli/auto-jobs.js';
import { colorEnabled } from '../../src/cli/color.js';
import { chronologicalHopNumbers, delayText, durationText, reasonText, textWidth, wrapText } from '../../src/render/units.js';
import { createProgress, PROGRESS_DELAY_MS } from '../../src/cli/progress.js';
import { JSON_ESCAPED, jsonSafe, sanitize } from '../../src/render/sanitize.js';
import { isInvisibleFormat } from '../../src/text/invisible.js';
import { MAX_JOBS } from '../../src/node/scan.js';
import { runCli } from './io.js';

// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const FORBIDDEN = /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** Inverse of sanitize, to show the escapes are unambiguous. */
function unescape(text: string): string {
  return text.replace(/\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|(.))/g, (_m, x: string | undefined, u: string | undefined, c: string | undefined) => {
    if (x !== undefined) return String.fromCharCode(parseInt(x, 16));
    if (u !== undefined) return String.fromCharCode(parseInt(u, 16));
    return ({ t: '\t', n: '\n', r: '\r', e: '\x1b', '\\': '\\' } as Record<string, string>)[c ?? ''] ?? '';
  });
}

describe('durationText', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [61, '1 minute 1 second'],
    [3599, '59 minutes 59 seconds'],
    [7200, '2 hours'],
    [86399, '23 hours 59 minutes'],
    [90000, '1 day 1 hour'],
    [180000, '2 days 2 hours'],
    [-0.4, '0 seconds'],
    [-5, '-5 seconds'],
    [-7260, '-2 hours 1 minute'],
  ])('%d s → %s', (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });
});

describe('sanitize', () => {
  it.each([
    ['plain ascii.example', 'plain ascii.example'],
    ['clear\x1b[2Jscreen', 'clear\\e[2Jscreen'],
    ['bell\x07', 'bell\\x07'],
    ['over\rwrite', 'over\\rwrite'],
    ['line\nbreak\ttab', 'line\\nbreak\\ttab'],
    ['csi\u009b2J', 'csi\\x9b2J'],
    ['invoice\u202Egpj.exe', 'invoice\\u202egpj.exe'],
    ['isolate\u2066x\u2069', 'isolate\\u2066x\\u2069'],
    ['back\\slash', 'back\\\\slash'],
    ['pay\u200Bpal.example', 'pay\\u200bpal.example'],
    ['mx.goo\u200Dgle.com', 'mx.goo\\u200dgle.com'],
    ['\uFEFFbom.example', '\\ufeffbom.example'],
    ['word\u2060joiner', 'word\\u2060joiner'],
    ['ünïcödé 日本', 'ünïcödé 日本'],
  ])('%j → %j', (input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });

  it('never lets a control or bidi character through, and can be undone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = sanitize(s);
        expect(FORBIDDEN.test(out)).toBe(false);
        expect(unescape(out)).toBe(s);
      }),
    );
  });

  it('JSON output escapes exactly DEL, C1 and the invisible format characters the text output escapes', () => {
    for (let c = 0x7f; c <= 0xffff; c++) {
      const expected = c <= 0x9f || isInvisibleFormat(c);
      const json = JSON.stringify(String.fromCharCode(c));
      if (JSON_ESCAPED.test(String.fromCharCode(c)) !== expected || (jsonSafe(json) !== json) !== expected) expect.fail(`U+${c.toString(16)}`);
    }
  });

  it('jsonSafe keeps the JSON value and drops raw C1/bidi characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const json = jsonSafe(JSON.stringify({ s }));
        expect(FORBIDDEN.test(json)).toBe(false);
        expect((JSON.parse(json) as { s: string }).s).toBe(s);
      }),
    );
  });
});

describe('parseCliArgs', () => {
  it('reads every option', () => {
    const a = parseCliArgs(['-f', 'csv', '--fail-on', 'C', '--trusted', '203.0.113.0/24,relay.example.net', '--trusted', '2001:db8::/32', '--internal', '.corp.example', '--internal', '10.1.2.3', '--policy', 'bcp195', '--nested', '-j', '2', '--shard', '2/4', '--no-color', '--no-progress', 'a.mbox', '-']);
    expect(a).toMatchObject({
      paths: ['a.mbox', '-'],
      format: 'csv',
      failOn: 'C',
      trustedNetworks: ['203.0.113.0/24', '2001:db8::/32'],
      trustedHosts: ['relay.example.net'],
      internalNetworks: ['10.1.2.3'],
      internalHosts: ['.corp.example'],
      policy: 'bcp195',
      nested: true,
      jobs: 2,
      shard: { index: 2, count: 4 },
      color: false,
      progress: false,
    });
  });

  it('defaults', () => {
    expect(parseCliArgs(['x'])).toMatchObject({ format: 'text', failOn: null, policy: 'practical', nested: false, jobs: 1, shard: null, color: null, progress: true, quiet: false });
    expect(parseCliArgs(['-q', 'x'])).toMatchObject({ quiet: true, progress: false });
    expect(parseCliArgs(['--jobs', 'auto', 'x']).jobs).toBe('auto');
  });

  it.each([[['--jobs', '1.5', 'x']], [['--jobs', '-1', 'x']], [['--jobs', '65', 'x']], [['--shard', '0/3', 'x']], [['--shard', 'a/b', 'x']], [['--fail-on', 'D', 'x']], [['--fail-on', 'AB', 'x']], [['-z', 'x']]])('%j is a usage error', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
  });
});

describe('autoJobs', () => {
  it.each([
    [undefined, 8, 1],
    [0, 8, 1],
    [AUTO_JOBS_MIN_BYTES - 1, 8, 1],
    [AUTO_JOBS_MIN_BYTES, 2, 2],
    [AUTO_JOBS_MIN_BYTES, 1, 1],
    [10 * AUTO_JOBS_MIN_BYTES, 4, 4],
    [10 * AUTO_JOBS_MIN_BYTES, 1000, MAX_JOBS],
  ])('%s bytes on %i cores → %i', (bytes, cores, expected) => {
    expect(autoJobs(bytes, cores)).toBe(expected);
  });
});

describe('colorEnabled', () => {
  it.each([
    [undefined, true, {}, true],
    [undefined, false, {}, false],
    [undefined, true, { NO_COLOR: '1' }, false],
    [undefined, true, { NO_COLOR: '' }, true],
    [undefined, true, { TERM: 'dumb' }, false],
    [undefined, false, { FORCE_COLOR: '1' }, true],
    [undefined, true, { FORCE_COLOR: '0' }, false],
    [true, false, { NO_COLOR: '1' }, true],
    [false, true, { FORCE_COLOR: '1' }, false],
  ] as const)('flag %s, tty %s, env %j → %s', (flag, tty, env, expected) => {
    expect(colorEnabled(flag, tty, env)).toBe(expected);
  });
});

describe('delayText', () => {
  it.each([
    [0, '+0s'],
    [59, '+59s'],
    [61, '+1m01s'],
    [3599, '+59m59s'],
    [3600, '+1h00m'],
    [86399, '+23h59m'],
    [90000, '+1d01h'],
    [-5, '-5s'],
    [-7200, '-2h00m'],
  ])('%i s → %s', (seconds, text) => {
    expect(delayText(seconds)).toBe(text);
  });
});

describe('progress', () => {
  function fakeStream(): NodeJS.WritableStream & { written: string } {
    const s = { written: '', isTTY: true, columns: 100, write(chunk: string) { s.written += chunk; return true; }, cursorTo() { return true; }, clearLine() { return true; }, moveCursor() { return true; }, on() { return s; }, removeListener() { return s; } };
    return s as unknown as NodeJS.WritableStream & { written: string };
  }

  it('stays silent for the first second, then shows messages, MB and rate', async () => {
    let now = 0;
    const stream = fakeStream();
    const p = await createProgress(stream, () => now);
    p.update({ messages: 100, bytes: 1_000_000, totalBytes: 10_000_000 });
    now = PROGRESS_DELAY_MS - 1;
    p.update({ messages: 200, bytes: 2_000_000, totalBytes: 10_000_000 });
    expect(stream.written).toBe('');
    now = PROGRESS_DELAY_MS + 1000;
    p.update({ messages: 4000, bytes: 4_194_304, totalBytes: 10_000_000 });
    p.stop();
    expect(stream.written).toContain('4000 messages');
    expect(stream.written).toContain('4.0 MB');
    expect(stream.written).toContain(' msg/s');
  });

  it('a short run never writes anything', async () => {
    const stream = fakeStream();
    const p = await createProgress(stream, () => 0);
    p.update({ messages: 3, bytes: 3000 });
    p.stop();
    expect(stream.written).toBe('');
  });
});

describe('text layout', () => {
  it('wrapText breaks at spaces and splits an over-long word instead of cutting it', () => {
    expect(wrapText('one two three', 7)).toEqual(['one two', 'three']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('a  b', 10)).toEqual(['a  b']);
    const long = 'received from relay-a.example.org [198.51.100.31], but the header below was written by relay-z.example.com';
    expect(wrapText(long, 20).join(' ')).toBe(long);
  });

  it('textWidth: the terminal, else COLUMNS, else 100, within bounds', () => {
    expect(textWidth(132, {})).toBe(132);
    expect(textWidth(undefined, { COLUMNS: '250' })).toBe(250);
    expect(textWidth(undefined, {})).toBe(100);
    expect(textWidth(undefined, { COLUMNS: 'wide' })).toBe(100);
    expect(textWidth(10, {})).toBe(40);
  });

  it('a finding renumbers "hop N" chronologically', () => {
    expect(chronologicalHopNumbers('the header below (hop 1) was written by x', 4)).toBe('the header below (hop 3) was written by x');
    expect(chronologicalHopNumbers('hops 2–4 are unverifiable', 5)).toBe('hops 1–3 are unverifiable');
  });

  it('reasonText drops the doubled brackets around bracketed evidence', () => {
    expect(reasonText({ message: 'encrypted ((TLS)), parameters not stated', evidence: '(TLS)' })).toBe('encrypted (TLS), parameters not stated');
    expect(reasonText({ message: 'encrypted (ESMTPS), parameters not stated', evidence: 'ESMTPS' })).toBe('encrypted (ESMTPS), parameters not stated');
  });

  it.each([['COLUMNS=250', { COLUMNS: '250' }], ['COLUMNS=60', { COLUMNS: '60' }]])('%s: no line is wider, and no finding loses a word', async (_name, env) => {
    const r = await runCli(['fixtures/eml/discontinuous.eml'], { env });
    const width = Number(env.COLUMNS);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('was written by relay-z.example.com: a hop may be missing or inserted');
  });
});

describe('--fail-on truth table', () => {
  const verdict = (grade: Verdict['grade'], counts: Partial<Record<Grade, number>> = {}): Verdict =>
    ({ grade, weakestHop: null, counts: { A: 0, B: 0, C: 0, F: 0, none: 0, unknown: 0, ...counts }, internalCounts: { A: 0, B: 0, C: 0, F: 0, none: 0, unknown: 0 } }) as Verdict;
  const thresholds: Grade[] = ['none', 'F', 'C', 'unknown', 'B', 'A'];
  it.each(thresholds)('--fail-on %s fails exactly the verdicts of its row, and never internal-only', (t) => {
    const failed = (['none', 'F', 'C', 'unknown', 'B', 'A', 'internal-only'] as const).filter((g) => failsOn(verdict(g), t));
    expect(failed).toEqual(FAIL_ON_TABLE[t]);
  });
  it('an unknown verdict with a known C hop fails --fail-on C', () => {
    expect(failsOn(verdict('unknown', { C: 1, unknown: 1 }), 'C')).toBe(true);
    expect(failsOn(verdict('unknown', { A: 1, unknown: 1 }), 'C')).toBe(false);
  });
});

describe('progress on a shared terminal', () => {
  it('clear() erases the bar line and the next update draws it again, so no stale line is left', async () => {
    let written = '';
    const fake = { isTTY: true, columns: 100, write: (chunk: string) => ((written += chunk), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => fake, removeListener: () => fake };
    const stream = fake as unknown as NodeJS.WritableStream;
    let now = 0;
    const p = await createProgress(stream, () => now);
    now = PROGRESS_DELAY_MS + 1000;
    p.update({ messages: 10, bytes: 1000 });
    p.update({ messages: 10, bytes: 1000 });
    const before = written;
    expect(before).toContain('10 messages');
    p.clear();
    expect(written.slice(before.length)).toBe('\r\x1b[2K');
    now += 1000;
    p.update({ messages: 10, bytes: 1000 });
    p.stop();
    expect(written.slice(before.length + 5)).toContain('10 messages');
  });
});
