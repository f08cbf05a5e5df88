/**
 * `--fail-on <grade>`: which verdicts make the exit code 1.
 *
 * One scale, worst first: `none` < `F` < `C` < `unknown` < `B` < `A`. `--fail-on G` fails a message whose verdict
 * is G or anything left of it. `unknown` sits between C and B because a gate asks "can this be shown to be good
 * enough?": a message whose weakest crossing is not stated cannot be shown to be B, so "everything must be A"
 * (`--fail-on B`) and "everything at least B" (`--fail-on unknown`) both fail it, and "nothing weaker than C"
 * (`--fail-on C`) does not. The known external hops of an `unknown` verdict still count: a C hop next to an unstated
 * one fails `--fail-on C`, though the verdict, which cannot vouch for the unstated hop, is `unknown`. An
 * `internal-only` verdict (no hop crossed between operators) never fails: there was no crossing to protect. Nested
 * reports never count. The whole truth table is {@link FAIL_ON_TABLE} and docs/cli.md.
 * @module
 */
import { FAIL_ON_ORDER, KNOWN_GRADES as KNOWN } from '../grade/order.js';
import type { Grade, Verdict } from '../types.js';

/** Position on the `--fail-on` scale, worst first. */
const FAIL_ON_RANK: Readonly<Record<Grade, number>> = Object.fromEntries(FAIL_ON_ORDER.map((g, i) => [g, i])) as Record<Grade, number>;

/**
 * `true` when a message with this verdict makes `--fail-on threshold` exit 1: a gate on the scale
 * `none < F < C < unknown < B < A`, where `internal-only` never fails.
 * @example
 * ```ts
 * import { analyzeMessage, failsOn } from 'received-forensics';
 * if (failsOn(analyzeMessage(raw).verdict, 'B')) process.exitCode = 1; // "everything must be A"
 * ```
 */
export function failsOn(verdict: Verdict, threshold: Grade): boolean {
  const grade = verdict.grade;
  if (grade === 'internal-only') return false;
  const limit = FAIL_ON_RANK[threshold];
  if (FAIL_ON_RANK[grade] <= limit) return true;
  if (grade !== 'unknown') return false;
  for (const g of KNOWN) if (FAIL_ON_RANK[g] <= limit && verdict.counts[g] > 0) return true;
  return false;
}

/**
 * The verdicts each `--fail-on` value fails (an `unknown` verdict also fails when a known external hop is listed),
 * written out as the truth table docs/cli.md shows: the oracle `failsOn` is tested against, so not derived from it.
 */
export const FAIL_ON_TABLE: Readonly<Record<Grade, readonly (Grade | 'internal-only')[]>> = {
  none: ['none'],
  F: ['none', 'F'],
  C: ['none', 'F', 'C'],
  unknown: ['none', 'F', 'C', 'unknown'],
  B: ['none', 'F', 'C', 'unknown', 'B'],
  A: ['none', 'F', 'C', 'unknown', 'B', 'A'],
};
