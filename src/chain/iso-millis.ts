/*
 * Hop instants back from their ISO text for the delay arithmetic, without a Date per hop: the strings come from
 * isoOfMillis (src/date/iso.ts), so one fixed shape covers them; any other text keeps the builtin's reading.
 */

import { daysInMonth } from '../date/calendar.js';

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let k = at; k < at + n; k++) {
    const d = s.charCodeAt(k) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * `new Date(iso).getTime()` (NaN when invalid), with a fast path for the exact `YYYY-MM-DDTHH:mm:ss.sssZ` shape
 * {@link isoOfMillis} writes (ECMAScript §21.4.1.32 date time string format); anything else goes to the builtin.
 */
export function millisOfIso(iso: string): number {
  if (iso.length === 24 && iso.charCodeAt(4) === 0x2d && iso.charCodeAt(7) === 0x2d && iso.charCodeAt(10) === 0x54 && iso.charCodeAt(13) === 0x3a && iso.charCodeAt(16) === 0x3a && iso.charCodeAt(19) === 0x2e && iso.charCodeAt(23) === 0x5a) {
    const year = digits(iso, 0, 4);
    const month = digits(iso, 5, 2);
    const day = digits(iso, 8, 2);
    const hour = digits(iso, 11, 2);
    const minute = digits(iso, 14, 2);
    const second = digits(iso, 17, 2);
    const millis = digits(iso, 20, 3);
    // Date.UTC reads years 0–99 as 1900–1999: those, and anything out of range, take the builtin's path.
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && millis >= 0) {
      return Date.UTC(year, month - 1, day, hour, minute, second, millis);
    }
  }
  return new Date(iso).getTime();
}
