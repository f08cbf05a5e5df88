/**
 * Small SVG helpers. Coordinates are rounded to 0.1 so output is stable and short; every text goes through the
 * caller's escaping (these helpers take already-escaped strings where named `html`).
 * @module
 */

/** A number for an SVG attribute. */
export function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Rough width of `chars` characters of our sans-serif at `size` px (for layout, never for escaping). */
export function textWidth(chars: number, size: number): number {
  return chars * size * 0.58;
}

/** Characters that fit in `width` px at `size` px. */
export function fitChars(width: number, size: number): number {
  return Math.max(1, Math.floor(width / (size * 0.58)));
}
