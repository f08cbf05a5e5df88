import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endsWithLower, equalsLower, includesLower, startsWithLower } from '../../src/received/ascii.js';

const NEEDLES = ['from userid', 'invoked by uid', 'helo=', 'ident=', 'verified', '[local]', 'forged', '@localhost', 'envelope-from', 'tls', 'k'];

/** Characters that stress the folding: ASCII both cases, the Kelvin sign (lower-cases to `k`), dotted capital I (to `i` + U+0307). */
const text = fc
  .array(fc.constantFrom('F', 'r', 'O', 'm', ' ', 'U', 's', 'e', 'R', 'i', 'D', 'I', 'n', 'v', 'o', 'K', 'k', '\u212a', '\u0130', 'b', 'y', '@', 'l', 'c', 'a', 'h', 't', '=', '[', ']', 'T', 'L', 'S', 'g'), { maxLength: 30 })
  .map((a) => a.join(''));

describe('ASCII case-folded range tests agree with toLowerCase', () => {
  it.each([
    ['upper-case phrase', 'FROM USERID 1000', 'from userid', true],
    ['Kelvin sign reads as k', 'invo\u212aed by uid 0', 'invoked by uid', true],
    ['dotted capital I is no plain i', '\u0130dent=x', 'ident=', false],
  ])('%s', (_label, s, needle, want) => {
    expect(includesLower(s, 0, s.length, needle)).toBe(want);
    expect(s.toLowerCase().includes(needle)).toBe(want);
  });

  it('for random texts, ranges and needles', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.constantFrom(...NEEDLES), (s, a, b, needle) => {
        const start = Math.min(a, b) % (s.length + 1);
        const end = start + ((Math.max(a, b) - Math.min(a, b)) % (s.length - start + 1));
        const lower = s.slice(start, end).toLowerCase();
        expect(startsWithLower(s, start, end, needle)).toBe(lower.startsWith(needle));
        expect(endsWithLower(s, start, end, needle)).toBe(lower.endsWith(needle));
        expect(equalsLower(s, start, end, needle)).toBe(lower === needle);
        expect(includesLower(s, start, end, needle)).toBe(lower.includes(needle));
      }),
      { numRuns: 3000 },
    );
  });
});
