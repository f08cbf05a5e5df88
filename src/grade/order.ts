/**
 * The one order of grades, shared by the hop grader, the chain verdict, the summaries, the report and `--fail-on`.
 *
 * The letters of a known outcome have one order: `none` (known plaintext) < `F` < `C` < `B` < `A`. Only `unknown` (not
 * stated) has no place of its own; each question places it once, here:
 * - "the worst of" (verdict, summaries, sorting, charts) puts it just above `F`, so a hop we cannot grade never
 *   hides a plaintext or broken hop (the verdict rule of docs/scope.md), yet still pulls an otherwise good chain
 *   down: we cannot vouch for what was not stated;
 * - the `--fail-on` gate asks "can this be shown to be good enough?" and puts it between `C` and `B`: what is not
 *   stated cannot be shown to be `B`, but is not shown to be weaker than `C` either (docs/cli.md).
 * @module
 */
import type { Grade } from '../types.js';

/** The grades of a known outcome, worst first: `none` < `F` < `C` < `B` < `A`. */
export const KNOWN_GRADES: readonly Exclude<Grade, 'unknown'>[] = Object.freeze(['none', 'F', 'C', 'B', 'A'] as const);

/** {@link KNOWN_GRADES} with `unknown` placed right after `letter`. */
function unknownAfter(letter: Exclude<Grade, 'unknown'>): readonly Grade[] {
  const at = KNOWN_GRADES.indexOf(letter) + 1;
  return Object.freeze([...KNOWN_GRADES.slice(0, at), 'unknown', ...KNOWN_GRADES.slice(at)]);
}

/** Worst first, for "the worst of": `none` < `F` < `unknown` < `C` < `B` < `A`. */
export const GRADE_ORDER: readonly Grade[] = unknownAfter('F');

/** The `--fail-on` scale, worst first: `none` < `F` < `C` < `unknown` < `B` < `A`. */
export const FAIL_ON_ORDER: readonly Grade[] = unknownAfter('C');

const RANK: Readonly<Record<Grade, number>> = Object.freeze(
  Object.fromEntries(GRADE_ORDER.map((g, i) => [g, i])) as Record<Grade, number>,
);

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
