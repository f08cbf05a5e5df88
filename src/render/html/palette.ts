/**
 * Grade colours: the Okabe–Ito palette (chosen to stay distinct under the common colour-vision deficiencies), good
 * to bad as green → blue → yellow → vermillion, plus hatching for `none` (plaintext) and dots for `unknown`, so no
 * grade is told by colour alone; the letter is always printed beside or on the colour.
 * @module
 */
import { GRADE_ORDER } from '../../grade/order.js';
import type { Grade, VerdictGrade } from '../../types.js';
import { esc } from './escape.js';

/** Grades in the order a chart stacks and a legend lists them: best first (`GRADE_ORDER` reversed). */
export const GRADES_BEST_FIRST: readonly Grade[] = [...GRADE_ORDER].reverse();

/** Base colour per grade (Okabe–Ito). */
export const GRADE_COLOR: Readonly<Record<Grade, string>> = {
  A: '#009E73',
  B: '#56B4E9',
  C: '#F0E442',
  F: '#D55E00',
  none: '#CC79A7',
  unknown: '#BBBBBB',
};

/** What a reader sees as the grade's name. */
export const GRADE_LABEL: Readonly<Record<Grade, string>> = {
  A: 'A',
  B: 'B',
  C: 'C',
  F: 'F',
  none: 'none',
  unknown: '?',
};

/** One-line meaning for legends (docs/grading.md, condensed). */
export const GRADE_MEANING: Readonly<Record<Grade, string>> = {
  A: 'TLS 1.3, or TLS 1.2 with ECDHE + AEAD',
  B: 'TLS 1.2 missing one recommendation',
  C: 'TLS 1.0/1.1, 3DES, anonymous, MD5',
  F: 'SSL, RC4, DES, EXPORT, NULL, < 112 bits',
  unknown: 'encryption not stated',
  none: 'plaintext',
};

/** The SVG paint for a grade: a pattern for `none`/`unknown`, the plain colour otherwise. */
export function gradeFill(grade: Grade): string {
  if (grade === 'none') return 'url(#pat-none)';
  if (grade === 'unknown') return 'url(#pat-unknown)';
  return GRADE_COLOR[grade];
}

/** Shared SVG definitions (patterns), placed once per page; inline SVGs in one document share ids. */
export function svgDefs(): string {
  return (
    '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>' +
    `<pattern id="pat-none" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="${GRADE_COLOR.none}"/><rect width="2.5" height="8" fill="#8f4a73"/></pattern>` +
    `<pattern id="pat-unknown" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${GRADE_COLOR.unknown}"/><circle cx="3" cy="3" r="1.3" fill="#555"/></pattern>` +
    '<marker id="arrow" viewBox="0 0 10 10" refX="2" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto"><path d="M0,1L9,5L0,9z" fill="#444"/></marker>' +
    '</defs></svg>'
  );
}

/** What the verdict `internal-only` means: no hop crossed between operators. */
const INTERNAL_ONLY_MEANING = 'no hop crossed between operators';

/** An HTML grade badge: the coloured swatch with the letter on it (CSS classes, no inline style). */
export function badge(grade: VerdictGrade): string {
  if (grade === 'internal-only') return `<span class="g g-internal" title="${esc(INTERNAL_ONLY_MEANING)}">int</span>`;
  return `<span class="g g-${grade}" title="${esc(GRADE_MEANING[grade])}">${GRADE_LABEL[grade]}</span>`;
}
