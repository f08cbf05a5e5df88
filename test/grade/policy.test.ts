import { describe, expect, it } from 'vitest';
import { gradeTls } from '../../src/grade/grade.js';
import { betterGrade, compareGrades, GRADE_ORDER, gradeRank, isGrade, worseGrade } from '../../src/grade/order.js';
import { BCP195_POLICY, PRACTICAL_POLICY, resolvePolicy, RULE_IDS, type GradingPolicy } from '../../src/grade/policy.js';
import type { Grade } from '../../src/types.js';

describe('grade order: none < F < unknown < C < B < A', () => {
  it.each([
    ['A', 'B', 'B'],
    ['A', 'unknown', 'unknown'],
    ['C', 'unknown', 'unknown'],
    ['F', 'unknown', 'F'],
    ['none', 'unknown', 'none'],
    ['none', 'F', 'none'],
    ['B', 'B', 'B'],
  ] as const)('worseGrade(%s, %s) = %s', (a, b, worse) => {
    expect(worseGrade(a, b)).toBe(worse);
    expect(worseGrade(b, a)).toBe(worse);
    expect(betterGrade(a, b)).toBe(a === worse ? b : a);
  });

  it('sorts with compareGrades and ranks in GRADE_ORDER', () => {
    const grades: Grade[] = ['A', 'unknown', 'none', 'C', 'F', 'B'];
    expect([...grades].sort(compareGrades)).toEqual([...GRADE_ORDER]);
    expect(gradeRank('none')).toBe(0);
    expect(gradeRank('A')).toBe(5);
  });

  it('recognises grades', () => {
    expect(isGrade('unknown')).toBe(true);
    expect(isGrade('D')).toBe(false);
    expect(isGrade('toString')).toBe(false);
    expect(isGrade(3)).toBe(false);
  });
});

describe('policies', () => {
  it('presets cover every rule with A/B/C/F and are frozen', () => {
    for (const p of [PRACTICAL_POLICY, BCP195_POLICY]) {
      expect(Object.keys(p.caps).sort()).toEqual([...RULE_IDS].sort());
      expect(Object.isFrozen(p.caps)).toBe(true);
    }
    expect(resolvePolicy()).toBe(PRACTICAL_POLICY);
    expect(resolvePolicy('practical')).toBe(PRACTICAL_POLICY);
    expect(resolvePolicy('bcp195')).toBe(BCP195_POLICY);
  });

  it('a custom policy overrides its base preset', () => {
    const dheOk: GradingPolicy = { name: 'dhe-ok', caps: { 'K-DHE': 'A' } };
    const g = gradeTls({ version: 'TLSv1.2', cipher: 'DHE-RSA-AES256-GCM-SHA384' }, dheOk);
    expect(g.grade).toBe('A');
    expect(g.reasons.map((r) => r.rule)).toEqual(['OK-MODERN']);
    // Everything else keeps the practical caps.
    expect(gradeTls({ version: 'TLSv1.2', cipher: 'RC4-SHA' }, dheOk).grade).toBe('F');
    // A strict TLS 1.0 policy over bcp195, and one that starts with no caps at all.
    expect(gradeTls({ version: 'TLSv1', cipher: 'ECDHE-RSA-AES128-SHA' }, { name: 's', base: 'bcp195', caps: {} }).grade).toBe('F');
    expect(gradeTls({ version: 'TLSv1', cipher: 'RC4-SHA' }, { name: 'off', base: 'none', caps: { 'E-RC4': 'C' } }).grade).toBe('C');
  });

  it('accepts a resolved policy back', () => {
    const p = resolvePolicy({ name: 'x', caps: { 'E-CBC': 'C' } });
    expect(resolvePolicy(p).caps['E-CBC']).toBe('C');
    expect(gradeTls({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA256' }, p).grade).toBe('C');
  });

  it.each([
    ['unknown preset', 'strict'],
    ['null', null],
    ['number', 3],
    ['missing name', { caps: {} }],
    ['empty name', { name: '', caps: {} }],
    ['missing caps', { name: 'x' }],
    ['caps array', { name: 'x', caps: [] }],
    ['unknown rule id (typo)', { name: 'x', caps: { 'K-DHEE': 'A' } }],
    ['cap outside A/B/C/F', { name: 'x', caps: { 'K-DHE': 'D' } }],
    ['cap not a string', { name: 'x', caps: { 'K-DHE': 1 } }],
    ['bad base', { name: 'x', base: 'lenient', caps: {} }],
  ])('rejects %s with TypeError', (_label, policy) => {
    expect(() => resolvePolicy(policy as unknown as GradingPolicy)).toThrow(TypeError);
    expect(() => gradeTls({ version: 'TLSv1.2' }, policy as unknown as GradingPolicy)).toThrow(TypeError);
  });
});
