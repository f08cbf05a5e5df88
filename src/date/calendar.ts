/**
 * Calendar facts for date validation: English month and day names (RFC 5322 §3.3), month lengths and the
 * Gregorian leap-year rule. Pure arithmetic on UTC; no local-time API.
 * @module
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTHS_LONG = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAYS_LONG = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A name looked up: its index and whether it was the RFC 5322 three-letter form. */
export interface NameMatch {
  readonly index: number;
  readonly standard: boolean;
}

function lookup(word: string, short: readonly string[], long: readonly string[]): NameMatch | null {
  const w = word.toLowerCase();
  const s = short.indexOf(w);
  if (s >= 0) return { index: s, standard: true };
  const l = long.indexOf(w);
  return l >= 0 ? { index: l, standard: false } : null;
}

/** RFC 5322 §3.3 `month` (case-insensitive); index 0 = January. Full English names match as non-standard. */
export function monthIndex(word: string): NameMatch | null {
  return lookup(word, MONTHS, MONTHS_LONG);
}

/** RFC 5322 §3.3 `day-name` (case-insensitive); index 0 = Sunday, as `getUTCDay`. */
export function dayIndex(word: string): NameMatch | null {
  return lookup(word, DAYS, DAYS_LONG);
}

/** Gregorian leap year. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day of the week of a calendar date (0 = Sunday); the date is taken as written, so no zone applies. The same as
 * `new Date(Date.UTC(year, month - 1, day)).getUTCDay()` for every input. The dates a header gives (years 100–9999,
 * months 1–12, days 1–31, a day past its month's end carried as Date carries it) are worked out without a Date:
 * this runs for every dated header. Anything else is left to the builtin (two-digit years, carried months, NaN).
 */
export function weekdayOf(year: number, month: number, day: number): number {
  if (!(Number.isInteger(year) && year >= 100 && year <= 9999 && Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(day) && day >= 1 && day <= 31)) {
    return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  }
  // Days from civil (Howard Hinnant's algorithm, as isoOfMillis inverts), then 1970-01-01 was a Thursday (4).
  const ya = month <= 2 ? year - 1 : year;
  const era = Math.floor(ya / 400);
  const yoe = ya - era * 400;
  const mp = month <= 2 ? month + 9 : month - 3;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + Math.floor((153 * mp + 2) / 5);
  const days = era * 146_097 + doe - 719_468 + day - 1;
  return (((days + 4) % 7) + 7) % 7;
}

/** Three-letter English name of a weekday index, for messages. */
export function dayName(index: number): string {
  const name = DAYS[index] ?? '?';
  return name.charAt(0).toUpperCase() + name.slice(1);
}
