/**
 * Small text helpers shared by the text and CSV formats.
 * @module
 */
import type { GradeCounts } from '../../summary/types.js';
import type { Grade } from '../../types.js';

/** Display order of grades: worst first, `unknown` last. */
export const GRADE_DISPLAY_ORDER: readonly Grade[] = ['none', 'F', 'C', 'B', 'A', 'unknown'];

/** `2013-01-05T18:20:30.000Z` → `2013-01-05 18:20:30`. */
export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** A delay in seconds as `+4s`, `+2m05s`, `+3h02m`, `+2d04h`; negative delays keep their sign. */
export function delayText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  let s = Math.round(Math.abs(seconds));
  if (s < 60) return `${sign}${s}s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m${pad(s % 60)}s`;
  if (s < 86400) return `${sign}${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  s = Math.floor(s / 3600);
  return `${sign}${Math.floor(s / 24)}d${pad(s % 24)}h`;
}

/** `text` cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Non-zero grade counts as `none 5 · F 1`, worst first; `-` when all are zero. */
export function countsText(counts: GradeCounts, paint: (grade: Grade, text: string) => string = (_g, t) => t): string {
  const parts: string[] = [];
  for (const g of GRADE_DISPLAY_ORDER) if (counts[g] > 0) parts.push(`${paint(g, g)} ${counts[g]}`);
  return parts.length === 0 ? '-' : parts.join(' · ');
}
