/**
 * The summary arithmetic on its own: relay keys, ranking, the per-year split, the key cap; and the --fail-on rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failsOn } from '../../src/summary/fail-on.js';
import type { HopFacts, MessageFacts } from '../../src/summary/facts.js';
import { relayDomain } from '../../src/summary/relay-key.js';
import { MAX_SUMMARY_KEYS, OTHER_KEY, SummaryBuilder, zeroCounts } from '../../src/summary/summary.js';
import type { Grade, Verdict, VerdictGrade } from '../../src/types.js';

describe('relayDomain', () => {
  it.each([
    ['mail.example.com', 'example.com'],
    ['MX1.Example.COM.', 'example.com'],
    ['example.com', 'example.com'],
    ['www1234.sakura.ne.jp', 'www1234.sakura.ne.jp'], // sakura.ne.jp is a hosting suffix in the PSL's private section
    ['smtp.shop.co.uk', 'shop.co.uk'],
    ['a.b.example.de', 'example.de'],
    ['mail.bigpond.com.au', 'bigpond.com.au'],
    ['mx.mail.example.city.kawasaki.jp', 'city.kawasaki.jp'], // the PSL's !city.kawasaki.jp exception to *.kawasaki.jp
    ['smtp.foo.github.io', 'foo.github.io'],
    ['localhost', 'localhost'],
    ['unknown', null],
    ['192.0.2.1', null],
    ['[192.0.2.1]', null],
    ['2001:db8::1', null],
    ['', null],
    ['a..b', null],
  ])('%s → %s', (name, expected) => {
    expect(relayDomain(name)).toBe(expected);
  });
});

function hop(grade: Grade, relay: string, year: number | null, cipher: string | null = null): HopFacts {
  return { grade, cipher, cipherIana: cipher === null ? null : `TLS_${cipher}`, relay, basis: 'rdns', year };
}

function facts(verdict: Grade, external: HopFacts[], year: number | null = 2024, internalHops = 0): MessageFacts {
  return { verdict, unreadable: false, hops: external.length + internalHops, internalHops, year, external, nested: 0, unmatchedDeclared: [] };
}

describe('SummaryBuilder', () => {
  it('counts messages, hops, verdicts and external grades', () => {
    const b = new SummaryBuilder();
    b.add(facts('F', [hop('F', 'a.example', 2013, 'RC4'), hop('A', 'b.example', 2013, 'AES')], 2013, 2));
    b.add(facts('none', [hop('none', 'a.example', 2024)]));
    b.add({ ...facts('unknown', []), unreadable: true, nested: 3 });
    const s = b.result();
    expect(s).toMatchObject({ type: 'summary', messages: 3, nestedMessages: 3, unreadable: 1, hops: 5, externalHops: 3, internalHops: 2 });
    expect(s.verdicts).toEqual({ ...zeroCounts(), F: 1, none: 1, unknown: 1 });
    expect(s.externalHopGrades).toEqual({ ...zeroCounts(), F: 1, A: 1, none: 1 });
    expect(s.weakestCiphers.map((c) => [c.cipher, c.grade, c.count])).toEqual([
      ['RC4', 'F', 1],
      ['AES', 'A', 1],
    ]);
    expect(s.worstRelays.map((r) => [r.relay, r.worstGrade, r.hops])).toEqual([
      ['a.example', 'none', 2],
      ['b.example', 'A', 1],
    ]);
    expect(s.years.map((y) => [y.year, y.verdicts.F + y.verdicts.none + y.verdicts.unknown, y.externalHops.F + y.externalHops.A + y.externalHops.none])).toEqual([
      [2013, 1, 2],
      [2024, 2, 1],
    ]);
  });

  it('ranks worst grade first (none < F < unknown < C < B < A, the project order), then hops at that grade, then total hops, then name', () => {
    const b = new SummaryBuilder();
    b.add(facts('C', [hop('C', 'c1.example', 2024), hop('C', 'c2.example', 2024), hop('C', 'c2.example', 2024), hop('A', 'c1.example', 2024), hop('A', 'c1.example', 2024)]));
    b.add(facts('none', [hop('none', 'z.example', 2024), hop('unknown', 'u.example', 2024)]));
    expect(b.result().worstRelays.map((r) => r.relay)).toEqual(['z.example', 'u.example', 'c2.example', 'c1.example']);
  });

  it('keeps at most MAX_SUMMARY_KEYS relays; the rest count under (other)', () => {
    const b = new SummaryBuilder();
    for (let i = 0; i < MAX_SUMMARY_KEYS + 10; i++) b.add(facts('none', [hop(i >= MAX_SUMMARY_KEYS ? 'none' : 'A', `r${i}.example`, 2024)]));
    const s = b.result();
    expect(s.worstRelays[0]).toMatchObject({ relay: OTHER_KEY, worstGrade: 'none', hops: 10 });
    expect(s.worstRelays).toHaveLength(10);
  });

  it('the same facts in the same order give the same summary (deterministic, JSON-clean)', () => {
    const grades: Grade[] = ['A', 'B', 'C', 'F', 'none', 'unknown'];
    const arbHop = fc.record({ g: fc.constantFrom(...grades), r: fc.constantFrom('a.example', 'b.example', '192.0.2.1'), y: fc.option(fc.integer({ min: 1990, max: 2030 })), c: fc.option(fc.constantFrom('RC4-SHA', 'DES-CBC3-SHA')) });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...grades), fc.array(arbHop, { maxLength: 5 }))), (messages) => {
        const build = (): string => {
          const b = new SummaryBuilder();
          for (const [v, hops] of messages) b.add(facts(v, hops.map((h) => hop(h.g, h.r, h.y, h.c))));
          return JSON.stringify(b.result());
        };
        const one = build();
        expect(build()).toBe(one);
        const s = JSON.parse(one) as { messages: number; verdicts: Record<string, number>; externalHops: number; externalHopGrades: Record<string, number> };
        expect(Object.values(s.verdicts).reduce((a, b) => a + b, 0)).toBe(s.messages);
        expect(Object.values(s.externalHopGrades).reduce((a, b) => a + b, 0)).toBe(s.externalHops);
      }),
    );
  });
});

function verdict(grade: VerdictGrade, counts: Partial<Record<Grade, number>> = {}): Verdict {
  return { grade, weakestHop: null, counts: { ...zeroCounts(), ...counts }, internalCounts: zeroCounts() };
}

describe('failsOn', () => {
  it.each([
    ['A', 'A', true],
    ['A', 'B', false],
    ['B', 'B', true],
    ['C', 'B', true],
    ['C', 'C', true],
    ['B', 'C', false],
    ['F', 'C', true],
    ['none', 'F', true],
    ['F', 'none', false],
    ['none', 'none', true],
    ['unknown', 'A', true],
    ['unknown', 'B', true],
    ['unknown', 'C', false],
    ['unknown', 'unknown', true],
    ['F', 'unknown', true],
    ['none', 'unknown', true],
    ['C', 'unknown', true],
    ['B', 'unknown', false],
    ['A', 'unknown', false],
    ['internal-only', 'A', false],
    ['internal-only', 'none', false],
    ['internal-only', 'unknown', false],
  ] as const)('verdict %s, --fail-on %s → %s', (grade, threshold, expected) => {
    expect(failsOn(verdict(grade), threshold)).toBe(expected);
  });

  it('an unknown verdict still fails on a known external hop at or below the threshold', () => {
    expect(failsOn(verdict('unknown', { C: 1, unknown: 1 }), 'C')).toBe(true);
    expect(failsOn(verdict('unknown', { C: 1, unknown: 1 }), 'F')).toBe(false);
    expect(failsOn(verdict('unknown', { F: 1, unknown: 1 }), 'F')).toBe(true);
    expect(failsOn(verdict('unknown', { A: 2, unknown: 1 }), 'C')).toBe(false);
  });
});

describe('SummaryBuilder: internal-only messages and declared patterns', () => {
  it('counts internal-only verdicts apart from the grades, per year too', () => {
    const b = new SummaryBuilder();
    b.add({ ...facts('A', [hop('A', 'example.org', 2024)]) });
    b.add({ ...facts('none', [], 2024, 3), verdict: 'internal-only' });
    const s = b.result();
    expect(s.verdicts).toEqual({ ...zeroCounts(), A: 1 });
    expect(s.internalOnly).toBe(1);
    expect(s.years).toEqual([expect.objectContaining({ year: 2024, internalOnly: 1, verdicts: { ...zeroCounts(), A: 1 } })]);
  });
  it('reports the declared patterns that no message matched', () => {
    const b = new SummaryBuilder();
    b.add({ ...facts('A', []), unmatchedDeclared: ['10.9.0.0/16', '.example.org', '.typo.example'] });
    b.add({ ...facts('A', []), unmatchedDeclared: ['.typo.example', '10.9.0.0/16'] });
    b.add({ ...facts('A', []), unmatchedDeclared: ['.typo.example'] });
    expect(b.result().unmatchedDeclared).toEqual(['.typo.example']);
    expect(new SummaryBuilder().result().unmatchedDeclared).toEqual([]);
  });
});

describe('SummaryBuilder: archive items without internet headers', () => {
  it('are counted apart: not in verdicts, not internal-only, not unreadable', () => {
    const b = new SummaryBuilder();
    b.add({ ...facts('A', [hop('A', 'example.org', 2024)]) });
    b.add({ ...facts('none', [], 2024), verdict: 'internal-only', withoutHeaders: true });
    const s = b.result();
    expect([s.messages, s.withoutHeaders, s.internalOnly, s.unreadable]).toEqual([2, 1, 0, 0]);
    expect(s.verdicts).toEqual({ ...zeroCounts(), A: 1 });
  });
});
