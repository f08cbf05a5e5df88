/**
 * Grade ordering, shared by the hop grader and the chain verdict.
 * @module
 */
import type { Grade } from '../types.js';

/**
 * Worst first: `none` (known plaintext) < `F` < `unknown` < `C` < `B` < `A`. `unknown` sits just above `F` so that a
 * hop we cannot grade never hides a plaintext or broken hop (the verdict rule of docs/scope.md), yet still pulls an otherwise
 * good chain down: we cannot vouch for what was not stated.
 */
export const GRADE_ORDER: readonly Grade[] = Object.freeze(['none', 'F', 'unknown', 'C', 'B', 'A'] as const);

const RANK: Readonly<Record<Grade, number>> = Object.freeze({ none: 0, F: 1, unknown: 2, C: 3, B: 4, A: 5 });

/** Position of a grade in `GRADE_ORDER` (0 = worst). */
export function gradeRank(grade: Grade): number {
  return RANK[grade];
}

/** Negative when `a` is worse than `b`, 0 when equal, positive when better (usable with `Array.prototype.sort`). */
export function compareGrades(a: Grade, b: Grade): number {
  return RANK[a] - RANK[b];
}

/** The worse of two grades (by `GRADE_ORDER`). */
export function worseGrade(a: Grade, b: Grade): Grade {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The better of two grades (by `GRADE_ORDER`). */
export function betterGrade(a: Grade, b: Grade): Grade {
  return RANK[a] >= RANK[b] ? a : b;
}

/** `true` when `value` is one of the six grades (for validating user input such as `--fail-on`). */
export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RANK, value);
}
