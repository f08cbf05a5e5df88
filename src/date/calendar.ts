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
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Fields up to this many years stay exact in double arithmetic; the sum is then checked against the time range. */
const MAX_ARITHMETIC_YEAR = 400_000;
/** Years after carrying the months: ±275,760 is the time range, so beyond this only NaN or a V8 quirk remain. */
const MAX_CARRIED_YEAR = 300_000;
/** ECMAScript §21.4.1.1: a time value lies within 100,000,000 days of 1970-01-01 (TimeClip gives NaN beyond). */
const MAX_TIME_DAYS = 100_000_000;

/**
 * Day of the week of a calendar date (0 = Sunday); the date is taken as written, so no zone applies. The same as
 * `new Date(Date.UTC(year, month - 1, day)).getUTCDay()` (years 0–99 read as 1900–1999, months and days past their
 * end carried over, `NaN` outside the time range), worked out without a Date: this runs for every dated header.
 */
export function weekdayOf(year: number, month: number, day: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || Math.abs(year) > MAX_ARITHMETIC_YEAR || Math.abs(month) > 12 * MAX_ARITHMETIC_YEAR || Math.abs(day) > 366 * MAX_ARITHMETIC_YEAR) {
    return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  }
  // ECMAScript MakeDay: the two-digit years first, then months past December carried into the year.
  const y0 = year >= 0 && year <= 99 ? 1900 + year : year;
  const y = y0 + Math.floor((month - 1) / 12);
  // Far past the time range, V8's own MakeDay divides with truncation (its year offset turns negative): such a year
  // is left to the builtin, whose answer (almost always NaN) is the one to match.
  if (Math.abs(y) > MAX_CARRIED_YEAR) return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const m = (((month - 1) % 12) + 12) % 12;
  // Days from civil (Howard Hinnant's algorithm, as isoOfMillis inverts), then 1970-01-01 was a Thursday (4).
  const ya = m < 2 ? y - 1 : y;
  const era = Math.floor(ya / 400);
  const yoe = ya - era * 400;
  const mp = m < 2 ? m + 10 : m - 2;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468 + day - 1;
  // Fields in range may still add up to a day outside it: `Date.UTC` clips that to NaN, and so does this.
  if (Math.abs(days) > MAX_TIME_DAYS) return Number.NaN;
  return (((days + 4) % 7) + 7) % 7;
}

/** Three-letter English name of a weekday index, for messages. */
export function dayName(index: number): string {
  const name = DAYS[index] ?? '?';
  return name.charAt(0).toUpperCase() + name.slice(1);
}
