/*
 * Case-insensitive tests on a range of a string without building a lower-cased copy: the hot path reads every
 * comment of every hop, and `toLowerCase` on each one is garbage. Matches exactly what `s.toLowerCase()` would for
 * the lower-case ASCII needles we use: the only non-ASCII characters that lower-case into ASCII are U+212A KELVIN
 * SIGN (to `k`) and U+0130 (to `i` + U+0307, which no needle can continue), so the Kelvin sign is folded here too.
 */

/** The code unit `toLowerCase` would give for `c` where that is ASCII; `c` itself otherwise. */
export function fold(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c | 0x20;
  return c === 0x212a ? 0x6b : c;
}

/** `s.slice(start, end).toLowerCase().startsWith(needle)` for a lower-case ASCII needle, without the copies. */
export function startsWithLower(s: string, start: number, end: number, needle: string): boolean {
  const m = needle.length;
  if (end - start < m) return false;
  for (let k = 0; k < m; k++) if (fold(s.charCodeAt(start + k)) !== needle.charCodeAt(k)) return false;
  return true;
}

/** `s.slice(start, end).toLowerCase().endsWith(needle)` for a lower-case ASCII needle, without the copies. */
export function endsWithLower(s: string, start: number, end: number, needle: string): boolean {
  const m = needle.length;
  if (end - start < m) return false;
  const from = end - m;
  for (let k = 0; k < m; k++) if (fold(s.charCodeAt(from + k)) !== needle.charCodeAt(k)) return false;
  return true;
}

/** `s.slice(start, end).toLowerCase() === needle` for a lower-case ASCII needle, without the copies. */
export function equalsLower(s: string, start: number, end: number, needle: string): boolean {
  return end - start === needle.length && startsWithLower(s, start, end, needle);
}

/** `s.slice(start, end).toLowerCase().includes(needle)` for a short lower-case ASCII needle: O(range × needle). */
export function includesLower(s: string, start: number, end: number, needle: string): boolean {
  const first = needle.charCodeAt(0);
  for (let i = start, last = end - needle.length; i <= last; i++) {
    if (fold(s.charCodeAt(i)) === first && startsWithLower(s, i, end, needle)) return true;
  }
  return false;
}
