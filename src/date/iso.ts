/*
 * `new Date(ms).toISOString()` without the Date object and the runtime call: the canonical date path formats one
 * instant per hop, so no Date per hop. Civil-from-days is Howard Hinnant's algorithm (proleptic
 * Gregorian, as ECMAScript §21.4.1 specifies for Date).
 */

const MS_PER_DAY = 86_400_000;
/** The code unit of the digit 0. */
const D0 = 0x30;

/** `Date.UTC(0, 0, 1)` with year 0 taken literally: the first instant ISO 8601's four-digit year can write. */
export const FIRST_MS_OF_0000 = -62_167_219_200_000;
/** The first instant of year 10000: from here a four-digit ISO year no longer fits. */
export const FIRST_MS_AFTER_9999 = 253_402_300_800_000;

/** The ECMAScript §21.4.4.36 `toISOString` text of an integer time value whose UTC year is 0–9999. */
export function isoOfMillis(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  // days since 1970-01-01 → year, month, day
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // One flat string from its 24 code units: a template literal made a rope of 13 pieces and a string per number.
  return String.fromCharCode(
    D0 + ((year / 1000) | 0), D0 + (((year / 100) | 0) % 10), D0 + (((year / 10) | 0) % 10), D0 + (year % 10), 0x2d,
    D0 + ((month / 10) | 0), D0 + (month % 10), 0x2d, D0 + ((day / 10) | 0), D0 + (day % 10), 0x54,
    D0 + ((hour / 10) | 0), D0 + (hour % 10), 0x3a, D0 + ((minute / 10) | 0), D0 + (minute % 10), 0x3a,
    D0 + ((second / 10) | 0), D0 + (second % 10), 0x2e, D0 + ((millis / 100) | 0), D0 + (((millis / 10) | 0) % 10), D0 + (millis % 10), 0x5a,
  );
}
