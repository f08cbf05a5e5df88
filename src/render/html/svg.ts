/**
 * Small SVG helpers. Coordinates are rounded to 0.1 so output is stable and short; every text goes through the
 * caller's escaping (these helpers take already-escaped strings where named `html`).
 * @module
 */

/** A number for an SVG attribute. */
export function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Characters that fit in `width` px at `size` px. */
export function fitChars(width: number, size: number): number {
  return Math.max(1, Math.floor(width / (size * 0.58)));
}
