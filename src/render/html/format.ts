/**
 * Numbers and durations as the report prints them: fixed formats, no locale (the same bytes on every machine).
 * @module
 */
import type { GradeCounts } from '../../summary/types.js';

/** `1234567` → `1,234,567`. */
export function int(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i] ?? '';
  }
  return n < 0 ? `-${out}` : out;
}

/** `12345` → `12.3k`, `2500000` → `2.5M`: for labels where space is short. */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)}M`;
}

/** A share 0..1 as `42%`, `4.2%`, `<0.1%` (plain text: escape it like any other). */
export function pct(share: number): string {
  if (share <= 0) return '0%';
  if (share < 0.001) return '<0.1%';
  if (share < 0.1) return `${(share * 100).toFixed(1)}%`;
  return `${Math.round(share * 100)}%`;
}

/** Seconds as `3 s`, `4 min 5 s`, `2 h 3 min`, `3 d 4 h`; negative kept with a minus sign. */
export function duration(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  let s = Math.round(Math.abs(seconds));
  if (s < 60) return `${sign}${s} s`;
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return `${sign}${d} d${h > 0 ? ` ${h} h` : ''}`;
  if (h > 0) return `${sign}${h} h${m > 0 ? ` ${m} min` : ''}`;
  return `${sign}${m} min${s > 0 ? ` ${s} s` : ''}`;
}

/** Sum of a grade count record. */
export function total(counts: GradeCounts): number {
  return counts.A + counts.B + counts.C + counts.F + counts.none + counts.unknown;
}

/** An ISO instant as `2013-01-05 18:20:30 UTC` (our parser's ISO form is fixed, so slicing is exact). */
export function isoShort(iso: string | null): string {
  if (iso === null) return 'no valid date';
  if (iso.length >= 19 && iso[10] === 'T') return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return iso;
}
