/**
 * The message verdict (docs/output.md): the worst grade over the hops that are not internal.
 *
 * Order of badness: `none` < `F` < `C` < `B` < `A`. `unknown` is not a point on that scale but a hole in the
 * evidence, and the verdict is what an auditor can show:
 * - any counted hop `none` or `F` → that grade (the worst of them): an unknown hop can never hide it;
 * - otherwise, any counted hop `unknown` → `unknown`: with A + an unknown external hop we cannot show that every
 *   external hop was A (the unknown one may have been RC4), so we do not claim A — nor C or B;
 * - otherwise the worst of A/B/C;
 * - no counted hop (no Received fields, or only internal ones) → `internal-only` with `weakestHop: null`: nothing
 *   crossed between operators, which is a fact, not a hole in the evidence.
 * `weakestHop` is the hop that set the grade (for `unknown`, the first unknown counted hop); on ties the
 * topmost (lowest index). Internal hops are counted apart in `internalCounts`, shown and never weighed.
 * @module
 */

import type { Grade, Hop, Verdict } from '../types.js';

/**
 * Rank on the badness scale, lower is worse (`unknown` has none). A switch, not a table keyed by grade name: a keyed
 * load is re-optimised once per new name it meets.
 */
function rankOf(grade: Exclude<Grade, 'unknown'>): number {
  switch (grade) {
    case 'none':
      return 0;
    case 'F':
      return 1;
    case 'C':
      return 2;
    case 'B':
      return 3;
    default:
      return 4;
  }
}

function zero(): Record<Grade, number> {
  return { A: 0, B: 0, C: 0, F: 0, none: 0, unknown: 0 };
}

/** Compute the verdict over hops whose scope is already set. */
export function computeVerdict(hops: readonly Hop[]): Verdict {
  const counts = zero();
  const internalCounts = zero();
  let worst: Hop | null = null;
  let firstUnknown: Hop | null = null;
  for (const hop of hops) {
    const grade = hop.security.grade;
    if (hop.security.scope === 'internal') {
      internalCounts[grade]++;
      continue;
    }
    counts[grade]++;
    if (grade === 'unknown') {
      firstUnknown ??= hop;
      continue;
    }
    if (worst === null || rankOf(grade) < rankOf(worst.security.grade as Exclude<Grade, 'unknown'>)) worst = hop;
  }
  let setter: Hop | null;
  if (worst !== null && rankOf(worst.security.grade as Exclude<Grade, 'unknown'>) <= rankOf('F')) setter = worst;
  else setter = firstUnknown ?? worst;
  return {
    grade: setter === null ? 'internal-only' : setter.security.grade,
    weakestHop: setter === null ? null : setter.index,
    counts,
    internalCounts,
  };
}
