// Every named limit: validated (a bad value throws TypeError — a string or NaN would silently disable every
// `size > limit` check), overridable, and enforced (exceeding it gives a partial result, `truncated: true` and the
// matching LIMIT_* issue, never a throw). Each limit constant carries a threat comment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage, DEFAULT_LIMITS, parseReceived, type IssueCode, type Limits, type MessageReport } from '../../src/index.js';
import { resolveLimits } from '../../src/limits.js';
import { reportViolations } from '../fuzz/engine.mjs';

const POSTFIX =
  'from a.example (a.example [192.0.2.1])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\t(No client certificate requested)\r\n\tby mx.example (Postfix) with ESMTPS id 4QkZ1n0X3Gz9rxL\r\n\tfor <alice@example.net>; Tue, 14 Nov 2023 09:12:45 +0100 (CET)';
const message = (fields: number, extra = ''): string =>
  `${Array.from({ length: fields }, () => `Received: ${POSTFIX}\r\n`).join('')}${extra}Subject: limits\r\n\r\nbody\r\n`;

function codes(r: MessageReport): IssueCode[] {
  return [...r.issues, ...r.hops.flatMap((h) => h.issues)].map((i) => i.code);
}

describe('DEFAULT_LIMITS', () => {
  it('names every limit of the threat model, each a non-negative safe integer, frozen', () => {
    expect(Object.keys(DEFAULT_LIMITS).sort()).toEqual(
      ['maxCommentDepth', 'maxComments', 'maxFieldBytes', 'maxHeaderBytes', 'maxLineLength', 'maxNestedDepth', 'maxReceivedFields', 'maxTokens'].sort(),
    );
    for (const v of Object.values(DEFAULT_LIMITS)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('every limit constant in src/limits.ts has a doc comment right above it (the threat it stops)', () => {
    const lines = readFileSync(new URL('../../src/limits.ts', import.meta.url), 'utf8').split('\n');
    const constants = lines.flatMap((l, i) => (/^(?:export )?const MAX_/u.test(l) ? [i] : []));
    expect(constants.length).toBeGreaterThanOrEqual(Object.keys(DEFAULT_LIMITS).length);
    for (const i of constants) expect(lines[i - 1], lines[i]).toMatch(/^\/\*\*.+\*\/$/u);
  });

  it('no real-looking message trips a limit', () => {
    const r = analyzeMessage(message(30));
    expect(r.truncated).toBe(false);
    expect(codes(r).filter((c) => c.startsWith('LIMIT_'))).toEqual([]);
  });
});

describe('limit validation (programmer errors throw TypeError)', () => {
  const bad: readonly (readonly [string, unknown])[] = [
    ['negative', { maxTokens: -1 }],
    ['fraction', { maxTokens: 1.5 }],
    ['NaN', { maxTokens: Number.NaN }],
    ['Infinity', { maxHeaderBytes: Number.POSITIVE_INFINITY }],
    ['unsafe integer', { maxFieldBytes: 2 ** 53 }],
    ['numeric string', { maxComments: '10' }],
    ['boolean', { maxCommentDepth: true }],
    ['null value', { maxReceivedFields: null }],
    ['bigint', { maxNestedDepth: 10n }],
    ['unknown name', { maxHeaderSize: 10 }],
    ['__proto__ as a name', JSON.parse('{"__proto__": {"maxTokens": 1}}') as unknown],
    ['constructor as a name', { constructor: 5 }],
    ['toString as a name', { toString: 5 }],
    ['limits is null', null],
    ['limits is a number', 5],
    ['limits is a string', 'big'],
  ];
  it.each(bad.map(([label, limits]) => ({ label, limits })))('analyzeMessage rejects $label', ({ limits }) => {
    expect(() => analyzeMessage('Subject: x\r\n\r\n', { limits: limits as Partial<Limits> })).toThrow(TypeError);
    expect(() => resolveLimits(limits as Partial<Limits>)).toThrow(TypeError);
  });

  it('accepts zero and large values, and keeps the defaults for names not given', () => {
    const l = resolveLimits({ maxTokens: 0, maxHeaderBytes: 2 ** 40 });
    expect(l.maxTokens).toBe(0);
    expect(l.maxHeaderBytes).toBe(2 ** 40);
    expect(l.maxComments).toBe(DEFAULT_LIMITS.maxComments);
    expect(resolveLimits()).toBe(DEFAULT_LIMITS);
    expect(resolveLimits({})).toEqual(DEFAULT_LIMITS);
  });
});

/** [limit, tiny value, input, issue code, where]: each limit forced low on an ordinary message. */
const ENFORCED: readonly (readonly [keyof Limits, number, string, IssueCode])[] = [
  ['maxHeaderBytes', 200, message(3), 'LIMIT_HEADER_BYTES'],
  ['maxReceivedFields', 2, message(5), 'LIMIT_RECEIVED_FIELDS'],
  ['maxReceivedFields', 0, message(1), 'LIMIT_RECEIVED_FIELDS'],
  ['maxFieldBytes', 60, message(1), 'LIMIT_FIELD_BYTES'],
  ['maxTokens', 5, message(1), 'LIMIT_TOKENS'],
  ['maxComments', 1, message(1), 'LIMIT_COMMENTS'],
  ['maxCommentDepth', 1, message(1), 'LIMIT_COMMENT_DEPTH'],
  ['maxLineLength', 40, message(1), 'LIMIT_LINE_LENGTH'],
  ['maxLineLength', 40, message(0, `Authentication-Results: mx.example; spf=pass smtp.mailfrom=${'a'.repeat(100)}@example.org\r\n`), 'LIMIT_LINE_LENGTH'],
];

describe('limits are enforced: partial result, truncated, LIMIT_* issue', () => {
  it.each(ENFORCED.map(([limit, value, input, code]) => ({ limit, value, input, code })))('$limit = $value → $code', ({ limit, value, input, code }) => {
    const r = analyzeMessage(input, { limits: { [limit]: value } });
    expect(codes(r)).toContain(code);
    expect(r.truncated).toBe(true);
    expect(reportViolations(r, input.length)).toEqual([]);
    // the same message with the default limits is complete
    expect(analyzeMessage(input).truncated).toBe(false);
  });

  it('maxHeaderBytes: the header block read is at most the limit', () => {
    const r = analyzeMessage(message(3), { limits: { maxHeaderBytes: 200 } });
    expect(r.headerBytes).toBeLessThanOrEqual(200);
  });

  it('maxReceivedFields: keeps the first N hops, in order', () => {
    const r = analyzeMessage(message(5), { limits: { maxReceivedFields: 2 } });
    expect(r.hops.map((h) => h.index)).toEqual([0, 1]);
  });

  it('maxFieldBytes: hop.raw stays the whole value; only the read is cut', () => {
    const r = analyzeMessage(message(1), { limits: { maxFieldBytes: 60 } });
    expect(r.hops[0]!.raw).toBe(POSTFIX);
    expect(r.hops[0]!.date).toBeNull();
  });

  it('maxLineLength: a field cut by it is not read past the cut (later fields still are)', () => {
    const long = `Subject: ${'s'.repeat(100)}\r\n`;
    const r = analyzeMessage(`${long}Received: from a by b; Tue, 14 Nov 2023 09:12:45 +0100\r\n\r\n`, { limits: { maxLineLength: 40 } });
    expect(r.headers.subject!.length).toBeLessThanOrEqual(40);
    expect(r.hops).toHaveLength(1);
  });

  it('parseReceived honours full limits objects too', () => {
    const hop = parseReceived(POSTFIX, { limits: { ...DEFAULT_LIMITS, maxTokens: 3 } });
    expect(hop.issues.map((i) => i.code)).toContain('LIMIT_TOKENS');
    expect(hop.raw).toBe(POSTFIX);
  });

  it('parseReceived validates its limits like analyzeMessage (a string limit throws TypeError)', () => {
    expect(() => parseReceived(POSTFIX, { limits: { maxTokens: '5' } as unknown as Limits })).toThrow(TypeError);
  });

  it('parseReceived with a partial limits object keeps the other defaults (maxFieldBytes still cuts)', () => {
    const hop = parseReceived(`from ${'a'.repeat(100_000)}`, { limits: { maxTokens: 5 } as unknown as Limits });
    expect(hop.issues.map((i) => i.code)).toContain('LIMIT_FIELD_BYTES');
  });

  it('maxReceivedFields also caps the other trace fields', () => {
    const ar = 'Authentication-Results: mx.example; spf=pass smtp.mailfrom=a@example.org\r\n'.repeat(5);
    const r = analyzeMessage(message(1, ar), { limits: { maxReceivedFields: 2 } });
    expect(r.trace.authenticationResults.length).toBeLessThanOrEqual(2);
  });
});
