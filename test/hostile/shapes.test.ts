// The classic hostile shapes (test/bench/shapes.mjs) run once at their large size (10N: 200,000 nested `(`,
// 10,000 Received fields, a 5 MB line, 1 MB of `[a` …) and a table of small nasty messages. Each must give a
// result — never a throw — that is flagged where a limit applies, JSON-serialisable, and not much larger than the
// input (no issue explosion). Time is measured by test/bench/scaling.mjs, never asserted here.
import { describe, expect, it } from 'vitest';
import { analyzeMessage, parseReceived, type IssueCode, type MessageReport } from '../../src/index.js';
import { SHAPES } from '../bench/shapes.mjs';
import { hopViolations, reportViolations } from '../fuzz/engine.mjs';

/** Issue codes each shape must raise at 10N with the default limits (on the hop for values, anywhere for messages). */
const EXPECTED: Readonly<Record<string, readonly IssueCode[]>> = {
  'nested (': ['LIMIT_FIELD_BYTES', 'LIMIT_COMMENT_DEPTH', 'RECEIVED_UNBALANCED_COMMENT'],
  'nested )': ['LIMIT_FIELD_BYTES', 'RECEIVED_UNBALANCED_PAREN'],
  'nested [': ['LIMIT_FIELD_BYTES', 'RECEIVED_UNTERMINATED_LITERAL'],
  'nested ( with quotes': ['LIMIT_FIELD_BYTES', 'LIMIT_COMMENT_DEPTH', 'RECEIVED_UNBALANCED_COMMENT'],
  'keyword flood': ['LIMIT_FIELD_BYTES', 'LIMIT_TOKENS'],
  'comment flood (a)': ['LIMIT_FIELD_BYTES', 'LIMIT_COMMENTS'],
  'IPv6 colon flood': ['LIMIT_FIELD_BYTES'],
  'IPv6 1: flood': ['LIMIT_FIELD_BYTES'],
  'semicolon flood': ['LIMIT_FIELD_BYTES', 'LIMIT_TOKENS'],
  '< flood': ['LIMIT_FIELD_BYTES'],
  '<a flood': ['LIMIT_FIELD_BYTES'],
  // A quoted string glued to what follows is one word (a quoted local part): the flood of quotes is one token.
  'quote flood': ['LIMIT_FIELD_BYTES'],
  '"( flood': ['LIMIT_FIELD_BYTES', 'LIMIT_COMMENT_DEPTH'],
  'backslash flood': ['LIMIT_FIELD_BYTES', 'RECEIVED_UNBALANCED_COMMENT'],
  '[a flood': ['LIMIT_FIELD_BYTES', 'RECEIVED_UNTERMINATED_LITERAL'],
  'date word flood': ['LIMIT_FIELD_BYTES', 'LIMIT_TOKENS'],
  'endless folding (value)': ['LIMIT_FIELD_BYTES'],
  'endless folding (message)': ['LIMIT_FIELD_BYTES'],
  'one long header line': ['LIMIT_HEADER_BYTES', 'LIMIT_LINE_LENGTH'],
  'colon-less header lines': ['HEADER_MALFORMED_LINE', 'CHAIN_NO_HOPS'],
  'Received fields': ['LIMIT_RECEIVED_FIELDS'],
  'X-Received fields': ['LIMIT_RECEIVED_FIELDS'],
  'Authentication-Results pairs': ['LIMIT_LINE_LENGTH'],
  'header with no end': ['LIMIT_HEADER_BYTES'],
};

function allCodes(r: MessageReport): Set<IssueCode> {
  return new Set([...r.issues, ...r.hops.flatMap((h) => h.issues), ...r.trace.xReceived.flatMap((h) => h.issues)].map((i) => i.code));
}

/** JSON no larger than 3x the input plus 64 KiB: one issue per problem kind, never one per repeated character. */
const bounded = (json: string, input: string): boolean => json.length <= 3 * input.length + 64 * 1024;

describe('classic hostile shapes at their large size (default limits)', () => {
  it('every shape has an expectation', () => {
    expect(SHAPES.map(([name]) => name).filter((name) => EXPECTED[name] === undefined)).toEqual([]);
  });

  it.each(SHAPES.map(([name, n, build, kind]) => ({ name, n, build, kind })))('$name', ({ name, n, build, kind }) => {
    const input = build(n * 10);
    if (kind === 'value') {
      const hop = parseReceived(input);
      expect(hop.raw).toBe(input);
      expect(hopViolations(hop, 0)).toEqual([]);
      expect(hop.issues.map((i) => i.code)).toEqual(expect.arrayContaining([...EXPECTED[name]!]));
      expect(bounded(JSON.stringify(hop), input)).toBe(true);
    } else {
      const report = analyzeMessage(input);
      expect(reportViolations(report, input.length)).toEqual([]);
      expect([...allCodes(report)]).toEqual(expect.arrayContaining([...EXPECTED[name]!]));
      expect(report.truncated).toBe(EXPECTED[name]!.some((c) => c.startsWith('LIMIT_')));
      expect(bounded(JSON.stringify(report), input)).toBe(true);
    }
  });

  it('10,000 Received fields: exactly maxReceivedFields hops, in header order', () => {
    const [, n, build] = SHAPES.find(([name]) => name === 'Received fields')!;
    const report = analyzeMessage(build(n * 10));
    expect(report.hops).toHaveLength(1000);
    expect(report.hops.every((h, i) => h.index === i)).toBe(true);
  });

  it('10,000 X-Received fields: the trace keeps at most maxReceivedFields', () => {
    const [, n, build] = SHAPES.find(([name]) => name === 'X-Received fields')!;
    expect(analyzeMessage(build(n * 10)).trace.xReceived).toHaveLength(1000);
  });
});

const POSTFIX = 'from a.example (a.example [192.0.2.1])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\tby mx.example (Postfix) with ESMTPS id 4Qk; Tue, 14 Nov 2023 09:12:45 +0100';

/** Small nasty messages, written by us: [label, input, codes that must appear]. */
const MESSAGES: readonly (readonly [string, string | Uint8Array, readonly IssueCode[]])[] = [
  ['empty string', '', ['CHAIN_NO_HOPS']],
  ['empty bytes', new Uint8Array(0), ['CHAIN_NO_HOPS']],
  ['only a blank line', '\r\n', ['CHAIN_NO_HOPS']],
  ['only an mbox From line', 'From a@b Tue Nov 14 09:12:45 2023\n', ['CHAIN_NO_HOPS']],
  ['headers only, no blank line', `Received: ${POSTFIX}`, ['HEADER_NO_END']],
  ['body only (starts with a blank line)', '\r\nReceived: from x by y; Tue, 14 Nov 2023 09:12:45 +0100\r\n', ['CHAIN_NO_HOPS']],
  ['NUL inside a Received value', `Received: from a\u0000b by y; Tue, 14 Nov 2023 09:12:45 +0100\r\n\r\n`, ['HEADER_NUL']],
  ['bare CR line ends', `Received: from a by b; Tue, 14 Nov 2023 09:12:45 +0100\rSubject: x\r\r`, ['HEADER_BARE_CR']],
  ['invalid UTF-8 bytes', Uint8Array.from([...new TextEncoder().encode('Received: from '), 0xff, 0xfe, 0xc3, ...new TextEncoder().encode(' by y; Tue, 14 Nov 2023 09:12:45 +0100\r\n\r\n')]), ['HEADER_8BIT']],
  ['valid UTF-8 bytes (RFC 6532)', new TextEncoder().encode('Received: from bücher.example by y; Tue, 14 Nov 2023 09:12:45 +0100\r\n\r\n'), ['HEADER_8BIT']],
  ['an 8-bit byte just before the empty line', Uint8Array.from([...new TextEncoder().encode('Received: from x by y; Tue, 14 Nov 2023 09:12:45 +0100\nSubject: caf'), 0xe9, 0x0a, 0x0a]), ['HEADER_8BIT']],
  ['lone surrogates in a string', 'Received: from \ud800x\udc00 by y; Tue, 14 Nov 2023 09:12:45 +0100\r\n\r\n', []],
  ['BOM before the first field', `\ufeffReceived: ${POSTFIX}\r\n\r\n`, []],
  ['a line that is not a field', `Received: ${POSTFIX}\r\nthis is not a header\r\n\r\n`, ['HEADER_MALFORMED_LINE']],
  ['continuation line before any field', ` stray\r\nReceived: ${POSTFIX}\r\n\r\n`, []],
  ['empty Received value', 'Received:\r\n\r\n', ['RECEIVED_EMPTY']],
  ['Received name with spaces before the colon', `Received   : ${POSTFIX}\r\n\r\n`, []],
  ['ESC, BEL and RTL override in values', `Received: from \u001b[31mevil\u0007 (\u202ecom.live [192.0.2.1]) by y; Tue, 14 Nov 2023 09:12:45 +0100\r\nSubject: \u001b]0;title\u0007\r\n\r\n`, []],
  ['__proto__ and constructor as names and values', `__proto__: constructor\r\nconstructor: prototype\r\nReceived: from __proto__ (constructor [192.0.2.1]) by prototype with __proto__ id constructor; Tue, 14 Nov 2023 09:12:45 +0100\r\n\r\n`, []],
];

describe('small nasty messages', () => {
  it.each(MESSAGES.map(([label, input, codes]) => ({ label, input, codes })))('$label', ({ input, codes }) => {
    const report = analyzeMessage(input);
    const length = typeof input === 'string' ? input.length : input.byteLength;
    expect(reportViolations(report, length)).toEqual([]);
    expect([...allCodes(report)]).toEqual(expect.arrayContaining([...codes]));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('8-bit bytes only in the body are not an 8-bit header', () => {
    const body = Uint8Array.from([...new TextEncoder().encode('Received: from x by y; Tue, 14 Nov 2023 09:12:45 +0100\r\n\r\ncaf'), 0xe9, 0xff]);
    expect([...allCodes(analyzeMessage(body))]).not.toContain('HEADER_8BIT');
  });

  it('header-derived names never become own keys, and Object.prototype is untouched', () => {
    const input = MESSAGES.find(([label]) => label.startsWith('__proto__'))![1];
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const report = analyzeMessage(input);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    const dangerous = new Set(['__proto__', 'constructor', 'prototype']);
    const ownKeys: string[] = [];
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) return v.forEach(walk);
      for (const k of Object.keys(v)) {
        ownKeys.push(k);
        walk((v as Record<string, unknown>)[k]);
      }
      if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) ownKeys.push('<non-plain object>');
    };
    walk(report);
    expect(ownKeys.filter((k) => dangerous.has(k) || k === '<non-plain object>')).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('raised limits (users scanning big archives may raise them)', () => {
  // Regression: the Received reader once spread one issue per duplicate keyword into push(...) — RangeError on floods.
  it('a 1 MB keyword flood with maxTokens 10^6 and maxFieldBytes 1 MiB gives a result, not a throw', () => {
    const flood = 'from by with id for '.repeat(50_000);
    const limits = { maxFieldBytes: 2 ** 20, maxTokens: 1_000_000, maxLineLength: 2 ** 20 };
    const report = analyzeMessage(`Received: ${flood}\r\n\r\n`, { limits });
    expect(report.hops).toHaveLength(1);
  });
});
