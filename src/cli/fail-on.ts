/**
 * `--fail-on <grade>`: which verdicts make the exit code 1.
 *
 * Order of badness `none` < `F` < `C` < `B` < `A`. `--fail-on G` fails a message whose verdict is G or worse.
 * `unknown` is not on that scale: an `unknown` verdict does not trigger `--fail-on A…none` by itself — but the
 * known external hops of such a message still do (a C hop next to an unstated one fails `--fail-on C`, even though
 * the verdict, which cannot vouch for the unstated hop, is `unknown`). `--fail-on unknown` fails `none`, `F` and
 * `unknown` verdicts: "anything we cannot show was encrypted at all or was broken". An `internal-only` verdict (no
 * hop crossed between operators) is never matched: there was no crossing to protect. Nested reports never count.
 * @module
 */
import type { Grade, Verdict } from '../types.js';

const RANK: Readonly<Record<Exclude<Grade, 'unknown'>, number>> = { none: 0, F: 1, C: 2, B: 3, A: 4 };
const KNOWN: readonly Exclude<Grade, 'unknown'>[] = ['none', 'F', 'C', 'B', 'A'];

/** `true` when a message with this verdict makes `--fail-on threshold` exit 1. */
export function failsOn(verdict: Verdict, threshold: Grade): boolean {
  const grade = verdict.grade;
  if (grade === 'internal-only') return false;
  if (threshold === 'unknown') return grade === 'unknown' || grade === 'none' || grade === 'F';
  const limit = RANK[threshold];
  if (grade !== 'unknown') return RANK[grade] <= limit;
  for (const g of KNOWN) if (RANK[g] <= limit && verdict.counts[g] > 0) return true;
  return false;
}
