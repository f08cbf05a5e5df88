// The classic hostile shapes, shared by the scaling benchmark (test/bench/scaling.mjs, timed at N and 10N) and
// the unit tests (test/hostile/shapes.test.ts, run once at 10N and checked for a sane, flagged result).
// Each: [name, N, build(n) → input, 'value' (parseReceived) | 'message' (analyzeMessage)]; 10N is the size the
// threat model names (200,000 nested parentheses, 10,000 Received fields, a 5 MB line, 1 MB of `[a`).

const receivedMany = (n) =>
  'Received: from a.example (a.example [192.0.2.1]) by b.example with ESMTPS id x1; Tue, 14 Nov 2023 09:12:45 +0100\r\n'.repeat(n) + '\r\n';

/** @type {ReadonlyArray<readonly [string, number, (n: number) => string, 'value' | 'message']>} */
export const SHAPES = Object.freeze([
  ['nested (', 20_000, (n) => `from x ${'('.repeat(n)}`, 'value'],
  ['nested )', 20_000, (n) => `from x ${')'.repeat(n)}`, 'value'],
  ['nested [', 20_000, (n) => `from x ${'['.repeat(n)}`, 'value'],
  ['nested ( with quotes', 20_000, (n) => `from x ${'("'.repeat(n)}`, 'value'],
  ['keyword flood', 20_000, (n) => 'from by with id for '.repeat(n / 4), 'value'],
  ['comment flood (a)', 20_000, (n) => '(a) '.repeat(n / 2), 'value'],
  ['IPv6 colon flood', 20_000, (n) => `from x ([IPv6:${':'.repeat(n)}]) by y; Tue, 14 Nov 2023 09:12:45 +0100`, 'value'],
  ['IPv6 1: flood', 20_000, (n) => `from x ([IPv6:${'1:'.repeat(n / 2)}1]) by y`, 'value'],
  ['semicolon flood', 20_000, (n) => `from x by y${';'.repeat(n)}`, 'value'],
  ['< flood', 20_000, (n) => `from x by y for ${'<'.repeat(n)}`, 'value'],
  ['<a flood', 20_000, (n) => `from x by y for ${'<a'.repeat(n / 2)}`, 'value'],
  ['quote flood', 20_000, (n) => `from x ${'"'.repeat(n)}`, 'value'],
  ['"( flood', 20_000, (n) => `from x ${'"('.repeat(n / 2)}`, 'value'],
  ['backslash flood', 20_000, (n) => `from x (${'\\'.repeat(n)}`, 'value'],
  ['[a flood', 100_000, (n) => '[a'.repeat(n / 2), 'value'],
  ['date word flood', 20_000, (n) => `from x by y; ${'Tue, 14 Nov '.repeat(n / 12)}`, 'value'],
  ['endless folding (value)', 20_000, (n) => `from x${'\r\n '.repeat(n / 3)}by y`, 'value'],
  ['endless folding (message)', 20_000, (n) => `Received: from x\r\n${' a\r\n'.repeat(n / 4)}\r\n`, 'message'],
  ['one long header line', 500_000, (n) => `Received: from ${'a'.repeat(n)}\r\nSubject: x\r\n\r\nbody\r\n`, 'message'],
  ['colon-less header lines', 50_000, (n) => `${'a\n'.repeat(n / 2)}\n`, 'message'],
  ['Received fields', 1_000, (n) => receivedMany(n), 'message'],
  ['X-Received fields', 1_000, (n) => receivedMany(n).replaceAll('Received:', 'X-Received:'), 'message'],
  ['Authentication-Results pairs', 2_000, (n) => `Authentication-Results: mx.example; ${'spf=pass smtp.mailfrom=a@b; '.repeat(n)}\r\n\r\n`, 'message'],
  ['header with no end', 100_000, (n) => `Subject: ${'x'.repeat(n * 2)}`, 'message'],
]);
