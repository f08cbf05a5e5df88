/** One order of grades: the letters once, and the one place `unknown` takes for each question. */
import { describe, expect, it } from 'vitest';
import { compareGrades, FAIL_ON_ORDER, GRADE_ORDER, KNOWN_GRADES, worseGrade } from '../../src/grade/order.js';
import type { Grade } from '../../src/types.js';

const withoutUnknown = (order: readonly Grade[]): Grade[] => order.filter((g) => g !== 'unknown');

describe('grade orders', () => {
  it('hold the six grades once each, and agree on every letter but unknown', () => {
    for (const order of [GRADE_ORDER, FAIL_ON_ORDER]) {
      expect([...order].sort()).toEqual(['A', 'B', 'C', 'F', 'none', 'unknown']);
      expect(withoutUnknown(order)).toEqual([...KNOWN_GRADES]);
    }
    expect(KNOWN_GRADES).toEqual(['none', 'F', 'C', 'B', 'A']);
  });

  it('worst-of puts unknown just above F: it never hides plaintext or F, and pulls C, B, A down', () => {
    expect(GRADE_ORDER.indexOf('unknown')).toBe(GRADE_ORDER.indexOf('F') + 1);
    for (const g of ['none', 'F'] as const) expect(worseGrade('unknown', g)).toBe(g);
    for (const g of ['C', 'B', 'A'] as const) expect(worseGrade('unknown', g)).toBe('unknown');
    expect([...GRADE_ORDER].reverse().sort(compareGrades)).toEqual([...GRADE_ORDER]);
  });

  it('the --fail-on scale puts unknown between C and B', () => {
    expect(FAIL_ON_ORDER.indexOf('unknown')).toBe(FAIL_ON_ORDER.indexOf('C') + 1);
    expect(FAIL_ON_ORDER.indexOf('unknown')).toBe(FAIL_ON_ORDER.indexOf('B') - 1);
  });
});
