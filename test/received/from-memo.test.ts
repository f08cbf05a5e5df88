/**
 * The from-clause memo: an answer from memory must be what reading the clause gives, whatever the rest of the value
 * around the same clause text, and no answer may share an object with another.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { splitClauses } from '../../src/received/clauses.js';
import { MAX_FROM_MEMO_ENTRIES, MAX_FROM_MEMO_TEXT, readFromClauseMemo } from '../../src/received/from-memo.js';
import { layoutHint } from '../../src/received/layout.js';
import { lexReceived } from '../../src/received/lex.js';
import { readFromClause } from '../../src/received/tcp-info.js';
import { parseReceived } from '../../src/index.js';
import { readDialectRows } from './dialect-rows.js';

const table = { cases: readDialectRows() };

/** The from clause of a value as readReceivedFields finds it, or null when the lexer met something (no memo then). */
function fromClauseOf(raw: string): { tokens: ReturnType<typeof lexReceived>['tokens']; hint: ReturnType<typeof layoutHint> } | null {
  const lexed = lexReceived(raw, DEFAULT_LIMITS);
  if (lexed.issues.length > 0) return null;
  const split = splitClauses(raw, lexed.tokens);
  const from = split.clauses.find((c) => c.name === 'from');
  if (from === undefined) return null;
  const w = split.clauses.find((c) => c.name === 'with')?.tokens[0];
  const id = split.clauses.find((c) => c.name === 'id')?.tokens[0];
  const hint = layoutHint(raw, lexed.tokens, w === undefined ? null : raw.slice(w.start, w.end), id === undefined ? null : raw.slice(id.start, id.end));
  return { tokens: from.tokens, hint };
}

/** Both readings of one value: from memory (after the same clause text was read in another value) and afresh. */
function bothReadings(raw: string): [unknown, unknown] | null {
  const c = fromClauseOf(raw);
  if (c === null) return null;
  return [readFromClauseMemo(raw, c.tokens, c.hint), readFromClause(raw, c.tokens, c.hint)];
}

/** Texts that follow a from clause, as real servers and attackers write them. */
const tails = [
  ' by mx.example.net (Postfix) with ESMTP id 4XyZ; Tue, 2 Jul 2024 10:00:00 +0200',
  '\r\n\tby relay.example.org with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) id 1rAbCd-000XyZ-Qq; Wed, 3 Jul 2024 11:00:00 +0000',
  ' by SMTP.example.com (6.7.018) id x; 4 Jul 2024 10:00:00 -0000',
  ' by mail.example.com with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2; Thu, 4 Jul 2024 10:00:00 +0000',
  ' by host with SMTP; 5 Jul 2024 10:00:00 -0000',
  '; Sat, 6 Jul 2024 10:00:00 +0000',
];

describe('from-clause memo', () => {
  it('answers as the reading does for every dialect fixture, each clause text met under different tails', () => {
    let compared = 0;
    for (const { header } of table.cases) {
      const semi = header.toLowerCase().indexOf(' by ');
      if (!header.toLowerCase().startsWith('from ') || semi < 0) continue;
      const head = header.slice(0, semi);
      for (const tail of [header.slice(semi), ...tails]) {
        const got = bothReadings(head + tail);
        if (got === null) continue;
        expect(got[0]).toEqual(got[1]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('answers as the reading does for clause-like noise: quotes, brackets, parentheses, case and folding', () => {
    const piece = fc.constantFrom(
      'mail.example.org', 'UNKNOWN', '[192.0.2.7]', '[192.0.2.7]:2525', '(192.0.2.7)', '(HELO x.example)', '(helo=y)',
      '(may be forged)', '(a "b) c" d)', '"q(uoted"', '(x [10.0.0.1] verified)', '(user@192.0.2.9)', '<a@b>', '[IPv6:2001:db8::1]',
      '(Exim 4.97)', 'claiming', 'to', 'be', '"helo.example"', '(', ')', '"', '[', '\r\n\t', '(account u@d)', 'from',
    );
    const value = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 9 }), fc.constantFrom(...tails), fc.constantFrom(...tails)).map(
      ([parts, t1, t2]) => ['from ' + parts.join(' '), t1, t2] as const,
    );
    fc.assert(
      fc.property(value, ([head, t1, t2]) => {
        // The first reading fills the memo; the second value has the same clause text and another tail.
        bothReadings(head + t1);
        const got = bothReadings(head + t2);
        if (got !== null) expect(got[0]).toEqual(got[1]);
      }),
      { numRuns: 3000, seed: 20261128 },
    );
  });

  it('answers right across generations: clauses met again after the young generation filled, and long clauses', () => {
    const value = (k: number) => `from h${k}.example (r${k}.example [198.51.100.${k % 250}]) by mx; 1 Jan 2024 00:00:00 +0000`;
    // More distinct clauses than both generations hold, then the first ones again (now old, or forgotten).
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < MAX_FROM_MEMO_ENTRIES * 0.75; k += round === 0 ? 1 : 97) {
        const got = bothReadings(value(k))!;
        expect(got[0]).toEqual(got[1]);
      }
    }
    const long = `from big.example (${'x'.repeat(MAX_FROM_MEMO_TEXT)} [192.0.2.9]) by mx; 1 Jan 2024 00:00:00 +0000`;
    const got = bothReadings(long)!;
    expect(got[0]).toEqual(got[1]);
  });

  it('gives every hop objects of its own', () => {
    const raw = 'from a.example (a.example [192.0.2.1]) by mx.example.net with ESMTP id 1; Tue, 2 Jul 2024 10:00:00 +0200';
    const first = parseReceived(raw);
    (first.from as { helo: string | null }).helo = 'changed by a caller';
    const second = parseReceived(raw);
    expect(second.from?.helo).toBe('a.example');
    expect(second.from).not.toBe(first.from);
  });

  it('keeps no slice of the value it read: memo entries are copies of their characters (V8)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = getHeapStatistics().used_heap_size;
    for (let k = 0; k < 200; k++) {
      // A distinct from clause in front of a distinct 200 KB value each time: a kept slice would keep the value.
      const raw = `from h${k}.example (rdns${k}.example [192.0.2.${k}] ident${k}) by mx; ${'x'.repeat(200_000)}${k}`;
      const c = fromClauseOf(raw)!;
      expect(readFromClauseMemo(raw, c.tokens, c.hint).from.helo).toBe(`h${k}.example`);
    }
    gc();
    // 200 values are about 40 MB; 200 remembered clauses a few hundred bytes each.
    expect(getHeapStatistics().used_heap_size - before).toBeLessThan(4_000_000);
  });
});
