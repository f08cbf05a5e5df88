/**
 * Date-time reader for trace fields: RFC 5322 §3.3 `date-time` with the §4.3 obsolete syntax, plus the layouts
 * real MTAs write instead (asctime order, ISO 8601, Go's `time.String()`). Independent of the machine's time zone:
 * the instant is built with `Date.UTC` from the fields as written, never by handing the text to `Date`, and nothing is
 * ever rolled over (Feb 31 is an error, not Mar 3). A date without a usable zone has no instant.
 *
 * Decisions:
 * - second `60` (a leap second) is accepted and read as `59` with a `DATE_NONSTANDARD` info: JavaScript time has
 *   no leap seconds, and rounding up would move the minute.
 * - `-0000`, `-00:00` and the military letters compute the instant as if UTC (RFC 5322 §3.3, §4.3) but leave
 *   `offsetMinutes` null.
 * - unknown and ambiguous zone names give no instant (stricter than RFC 5322 §4.3's "treat as -0000"): reading
 *   `IST` as UTC would be wrong by up to 5½ hours and look exact.
 * - `offsetMinutes` is non-null only when `iso` is non-null.
 * - real-world repairs, each reported as `DATE_NONSTANDARD` (or `DATE_THREE_DIGIT_YEAR`): `AM`/`PM`/`a.m.`,
 *   `Aug, 22 2002 …` (month-day-year), `+-0500` (read as -0500), `-400` (read as -0400), year `0102` (the
 *   tm_year bug, read as 2002), one-digit hour/second. Windows names (`GMT Daylight Time`) and `GMT+1` give no
 *   instant; numeric `dd/mm/yyyy` is `DATE_INVALID` (day and month order unknown).
 * @module
 */

import { issue } from '../issues.js';
import type { HopDate, Issue } from '../types.js';
import { dayIndex, dayName, daysInMonth, monthIndex, weekdayOf } from './calendar.js';
import { FIRST_MS_AFTER_9999, FIRST_MS_OF_0000, isoOfMillis } from './iso.js';
import { tokenizeDate, type DateToken } from './tokens.js';
import { lookupZoneName } from './zones.js';

/** 512 characters: a real date-time is under 80; a longer "date" is refused, bounding the work per hop. */
export const MAX_DATE_CHARS = 512;

/** 40 characters of hostile text quoted in an issue message, no more. */
const MAX_QUOTE_CHARS = 40;

const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The result of {@link parseDate}: the date and everything odd about it. */
export interface ParsedDate {
  readonly date: HopDate;
  /** `date.iso` as epoch milliseconds (null with it): the timeline's arithmetic without reading the ISO back. */
  readonly instant: number | null;
  readonly issues: Issue[];
}

type Form = 'rfc5322' | 'asctime' | 'iso';

type Zone =
  | { readonly kind: 'offset'; readonly minutes: number }
  /** `-0000` or a military letter: the instant is read as UTC, the local offset is unknown. */
  | { readonly kind: 'as-utc' }
  | { readonly kind: 'unknown'; readonly message: string }
  | { readonly kind: 'out-of-range'; readonly message: string }
  | { readonly kind: 'none' };

interface Time {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millis: number;
}

interface Structure {
  readonly form: Form;
  readonly dow: number | null;
  /** The year digits as written (2, 3 or 4 of them). */
  readonly yearText: string;
  readonly month: number;
  readonly day: number;
  readonly time: Time;
  readonly zone: Zone;
}

interface Cursor {
  readonly t: readonly DateToken[];
  i: number;
}

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS)}…` : text);
}

interface PunctToken extends DateToken {
  readonly kind: 'punct';
}

interface NumToken extends DateToken {
  readonly kind: 'num';
}

function isPunct(t: DateToken | undefined, ch: string): t is PunctToken {
  return t !== undefined && t.kind === 'punct' && t.text === ch;
}

function isNum(t: DateToken | undefined, minDigits: number, maxDigits: number): t is NumToken {
  return t !== undefined && t.kind === 'num' && t.text.length >= minDigits && t.text.length <= maxDigits;
}

function adjacent(a: DateToken, b: DateToken | undefined): b is DateToken {
  return b !== undefined && a.end === b.start;
}

/** RFC 5322 §3.2.2 unfolding for display: each CR/LF and the whitespace after it become one space; trimmed. */
export function unfoldDate(text: string): string {
  // Most dates are written on one line: the builtin searches find that faster than the loop below.
  if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text.trim();
  let out = '';
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      out += `${text.slice(from, i)} `;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d !== 13 && d !== 10 && d !== 32 && d !== 9) break;
        i++;
      }
      from = i;
    } else {
      i++;
    }
  }
  return (out + text.slice(from)).trim();
}

/** `hh:mm[:ss[.fraction]]`; `null` when the tokens are not a time. */
function readTime(c: Cursor, notes: Issue[]): Time | null {
  const h = c.t[c.i];
  const m = c.t[c.i + 2];
  if (!isNum(h, 1, 2) || !isPunct(c.t[c.i + 1], ':') || !isNum(m, 2, 2)) return null;
  c.i += 3;
  let second = 0;
  let millis = 0;
  if (isPunct(c.t[c.i], ':')) {
    const s = c.t[c.i + 1];
    if (!isNum(s, 1, 2)) return null;
    if (s.text.length === 1) notes.push(issue('DATE_NONSTANDARD', 'info', `one-digit second ${quote(s.text)}`));
    second = Number(s.text);
    c.i += 2;
    const dot = c.t[c.i];
    const frac = c.t[c.i + 1];
    if (isPunct(dot, '.') && adjacent(s, dot) && adjacent(dot, frac) && frac.kind === 'num') {
      // Truncate, never round: rounding 59.9996 up would change the minute.
      millis = Number(`${frac.text}00`.slice(0, 3));
      c.i += 2;
    }
  }
  if (h.text.length === 1) notes.push(issue('DATE_NONSTANDARD', 'info', `one-digit hour ${quote(h.text)}`));
  let hour = Number(h.text);
  const meridiem = readMeridiem(c);
  if (meridiem !== null) {
    // Outlook-era clients wrote a 12-hour clock; 12 AM is midnight, 12 PM noon.
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    notes.push(issue('DATE_NONSTANDARD', 'info', `12-hour clock with ${meridiem}`));
  }
  return { hour, minute: Number(m.text), second, millis };
}

/** `AM`/`PM`/`a.m.`/`p.m.` (any case) after a time; the cursor moves past it when found. */
function readMeridiem(c: Cursor): 'AM' | 'PM' | null {
  const w = c.t[c.i];
  if (w?.kind !== 'word') return null;
  const upper = w.text.toUpperCase();
  if (upper === 'AM' || upper === 'PM') {
    c.i++;
    return upper;
  }
  const dot = c.t[c.i + 1];
  const m = c.t[c.i + 2];
  if ((upper === 'A' || upper === 'P') && isPunct(dot, '.') && adjacent(w, dot) && adjacent(dot, m) && m.text.toUpperCase() === 'M') {
    c.i += 3;
    const last = c.t[c.i];
    if (isPunct(last, '.') && adjacent(m, last)) c.i++;
    return upper === 'A' ? 'AM' : 'PM';
  }
  return null;
}

/** `±hhmm`, `±hh`, `±hh:mm` after the sign token; the cursor sits after the digits. */
function readNumericZone(sign: DateToken, digits: DateToken, c: Cursor, form: Form, notes: Issue[]): Zone {
  const written = sign.text + digits.text;
  let hours: number;
  let minutes = 0;
  if (digits.text.length === 4) {
    hours = Number(digits.text.slice(0, 2));
    minutes = Number(digits.text.slice(2));
  } else if (digits.text.length === 2) {
    hours = Number(digits.text);
    const colon = c.t[c.i];
    const mm = c.t[c.i + 1];
    if (isPunct(colon, ':') && adjacent(digits, colon) && adjacent(colon, mm) && isNum(mm, 2, 2)) {
      minutes = Number(mm.text);
      c.i += 2;
    }
    if (form !== 'iso') {
      notes.push(issue('DATE_NONSTANDARD', 'info', `zone ${quote(written)} is not the RFC 5322 ±hhmm form`));
    }
  } else if (digits.text.length === 3) {
    // `-400 (EDT)`: a zero-padding bug for `-0400`; read as ±hmm and say so.
    hours = Number(digits.text.slice(0, 1));
    minutes = Number(digits.text.slice(1));
    notes.push(issue('DATE_NONSTANDARD', 'info', `three-digit zone ${quote(written)} read as ${sign.text}0${digits.text}`));
  } else {
    return { kind: 'unknown', message: `malformed numeric zone ${quote(written)} (RFC 5322 §3.3 needs ±hhmm)` };
  }
  if (hours > 23 || minutes > 59) return { kind: 'out-of-range', message: `zone ${quote(written)} out of range` };
  const total = hours * 60 + minutes;
  if (total === 0 && sign.text === '-') {
    notes.push(unknownOffsetIssue(written));
    return { kind: 'as-utc' };
  }
  if (total > 14 * 60) {
    notes.push(issue('DATE_NONSTANDARD', 'info', `zone ${quote(written)} is beyond any zone in use (±14:00)`));
  }
  return { kind: 'offset', minutes: sign.text === '-' ? -total : total };
}

/** The zone after the time, or `none` (the cursor does not move then). */
// eslint-disable-next-line complexity -- every RFC 5322 §3.3 and §4.3 zone form in one pass over the characters
function readZone(c: Cursor, form: Form, notes: Issue[]): Zone {
  const t = c.t[c.i];
  if (t === undefined) return { kind: 'none' };
  if (t.kind === 'punct' && (t.text === '+' || t.text === '-')) {
    let sign = t;
    const second = c.t[c.i + 1];
    if (t.text === '+' && isPunct(second, '-') && adjacent(t, second)) {
      // `+-0500`: a signed number printed after a literal `+`; the minus is the sign.
      notes.push(issue('DATE_NONSTANDARD', 'info', 'zone written with both signs "+-"; the "-" is used'));
      sign = second;
      c.i++;
    }
    const digits = c.t[c.i + 1];
    if (!adjacent(sign, digits) || digits.kind !== 'num') return { kind: 'none' };
    c.i += 2;
    return readNumericZone(sign, digits, c, form, notes);
  }
  if (t.kind !== 'word') return { kind: 'none' };
  c.i++;
  const upper = t.text.toUpperCase();
  const sign = c.t[c.i];
  if ((upper === 'GMT' || upper === 'UTC' || upper === 'UT') && adjacent(t, sign) && (sign.text === '+' || sign.text === '-')) {
    const digits = c.t[c.i + 1];
    if (adjacent(sign, digits) && isNum(digits, 4, 4)) {
      c.i += 2;
      notes.push(issue('DATE_NONSTANDARD', 'info', `zone ${quote(t.text + sign.text + digits.text)} read as ${sign.text}${digits.text}`));
      return readNumericZone(sign, digits, c, 'rfc5322', []);
    }
    c.i += adjacent(sign, digits) && digits.kind === 'num' ? 2 : 1;
    return { kind: 'unknown', message: `zone ${quote(t.text + sign.text)}… is ambiguous (POSIX inverts the sign)` };
  }
  const name = lookupZoneName(t.text);
  if (c.t[c.i]?.kind === 'word' || name.kind === 'unknown') {
    // Several words are a Windows zone name, never guessed: "GMT Daylight Time" is +0100, not GMT.
    const words = [t.text];
    for (let w = c.t[c.i]; w?.kind === 'word'; w = c.t[++c.i]) words.push(w.text);
    return { kind: 'unknown', message: `unknown zone ${quote(words.join(' '))}` };
  }
  switch (name.kind) {
    case 'obsolete':
      if (!(form === 'iso' && upper === 'Z')) {
        notes.push(issue('DATE_OBSOLETE_ZONE', 'info', `obsolete zone name ${quote(t.text)} (RFC 5322 §4.3)`));
      }
      return { kind: 'offset', minutes: name.offsetMinutes ?? 0 };
    case 'military':
      notes.push(issue('DATE_MILITARY_ZONE', 'warning', `military zone ${quote(t.text)} read as -0000: RFC 822 defined these wrongly (RFC 5322 §4.3)`));
      return { kind: 'as-utc' };
    case 'common': {
      const minutes = name.offsetMinutes ?? 0;
      notes.push(issue('DATE_NONSTANDARD', 'info', `non-standard zone name ${quote(t.text)} read as ${formatOffset(minutes)}`));
      return { kind: 'offset', minutes };
    }
    default:
      return { kind: 'unknown', message: `zone name ${quote(t.text)} is ambiguous` };
  }
}

/** `+hhmm` for messages. */
function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}${mm}`;
}

/** `d mon y time zone` (RFC 5322 §3.3), also `d-mon-y`. */
function readRfc(c: Cursor, dow: number | null, notes: Issue[]): Structure | string {
  const dayTok = c.t[c.i];
  if (!isNum(dayTok, 1, 2)) return 'day must be one or two digits';
  c.i++;
  const dashed = isPunct(c.t[c.i], '-');
  if (dashed) c.i++;
  const monTok = c.t[c.i];
  const month = monTok?.kind === 'word' ? monthIndex(monTok.text) : null;
  if (month === null) return 'expected a month name after the day';
  if (!month.standard) notes.push(issue('DATE_NONSTANDARD', 'info', `full month name ${quote(monTok?.text ?? '')}`));
  c.i++;
  if (dashed) {
    if (!isPunct(c.t[c.i], '-')) return 'expected "-" after the month';
    c.i++;
    notes.push(issue('DATE_NONSTANDARD', 'info', 'day-month-year joined with "-"'));
  }
  const yearTok = c.t[c.i];
  if (!isNum(yearTok, 2, 4)) return 'expected a year of 2 to 4 digits';
  c.i++;
  const time = readTime(c, notes);
  if (time === null) return 'expected a time hh:mm[:ss]';
  const zone = readZone(c, 'rfc5322', notes);
  return { form: 'rfc5322', dow, yearText: yearTok.text, month: month.index + 1, day: Number(dayTok.text), time, zone };
}

/** asctime order: `mon d time [zone] y [zone]` (`Fri Feb  7 10:18:12 2003 -0800`). */
function readAsctime(c: Cursor, dow: number | null, notes: Issue[]): Structure | string {
  const monTok = c.t[c.i] as DateToken;
  const month = monthIndex(monTok.text);
  if (month === null) return 'expected a month name';
  c.i++;
  if (isPunct(c.t[c.i], ',')) c.i++;
  const dayTok = c.t[c.i];
  if (!isNum(dayTok, 1, 2)) return 'day must be one or two digits';
  c.i++;
  if (isPunct(c.t[c.i], ',')) c.i++;
  const early = c.t[c.i];
  if (isNum(early, 2, 4) && !isPunct(c.t[c.i + 1], ':')) {
    // `Aug, 22 2002 8:02:13 AM +0400`: month, day, year, time.
    c.i++;
    const t = readTime(c, notes);
    if (t === null) return 'expected a time hh:mm[:ss] after the year';
    const z = readZone(c, 'asctime', notes);
    notes.push(issue('DATE_NONSTANDARD', 'info', 'month-day-year layout, not RFC 5322'));
    return { form: 'asctime', dow, yearText: early.text, month: month.index + 1, day: Number(dayTok.text), time: t, zone: z };
  }
  const time = readTime(c, notes);
  if (time === null) return 'expected a time hh:mm[:ss]';
  let zone: Zone = { kind: 'none' };
  if (!isNum(c.t[c.i], 2, 4)) zone = readZone(c, 'asctime', notes);
  const yearTok = c.t[c.i];
  if (!isNum(yearTok, 2, 4)) return 'expected a year after the time';
  c.i++;
  if (zone.kind === 'none') zone = readZone(c, 'asctime', notes);
  notes.push(issue('DATE_NONSTANDARD', 'info', 'asctime layout (month before day, year after time), not RFC 5322'));
  return { form: 'asctime', dow, yearText: yearTok.text, month: month.index + 1, day: Number(dayTok.text), time, zone };
}

/** `yyyy-mm-dd[T| ]time[zone]` (ISO 8601 / RFC 3339, Go's `time.String()`). */
function readIso(c: Cursor, dow: number | null, notes: Issue[]): Structure | string {
  const yearTok = c.t[c.i] as DateToken;
  const monTok = c.t[c.i + 2];
  const dayTok = c.t[c.i + 4];
  if (!isNum(monTok, 1, 2) || !isPunct(c.t[c.i + 3], '-') || !isNum(dayTok, 1, 2)) return 'expected yyyy-mm-dd';
  c.i += 5;
  const sep = c.t[c.i];
  if (sep?.kind === 'word' && (sep.text === 'T' || sep.text === 't')) c.i++;
  const time = readTime(c, notes);
  if (time === null) return 'expected a time hh:mm[:ss] after the date';
  const zone = readZone(c, 'iso', notes);
  notes.push(issue('DATE_NONSTANDARD', 'info', 'ISO 8601 layout, not RFC 5322'));
  return { form: 'iso', dow, yearText: yearTok.text, month: Number(monTok.text), day: Number(dayTok.text), time, zone };
}

/** 5 letters: the longest zone abbreviation skipped after a numeric zone (`CEST`, `AKDT`, `NZDT`). */
const MAX_ZONE_ABBREVIATION = 5;

function isZoneAbbreviation(t: DateToken | undefined): boolean {
  return t?.kind === 'word' && t.text.length <= MAX_ZONE_ABBREVIATION && t.text === t.text.toUpperCase();
}

/**
 * Go writes `+0000 UTC`, some MTAs `-0800 PST` without parentheses: the number decides and one upper-case
 * abbreviation after it is skipped silently; any other trailing word is reported as ignored text.
 */
function skipZoneNameAfterNumber(c: Cursor, zone: Zone): void {
  if (zone.kind !== 'offset' && zone.kind !== 'as-utc') return;
  if (c.t[c.i - 1]?.kind !== 'num') return;
  if (isZoneAbbreviation(c.t[c.i])) c.i++;
}

/** Go's `time.String()` appends the monotonic clock reading `m=+0.123456789`: not part of the date. */
function skipGoMonotonic(c: Cursor): void {
  const m = c.t[c.i];
  const eq = c.t[c.i + 1];
  const sign = c.t[c.i + 2];
  const int = c.t[c.i + 3];
  if (m?.text !== 'm' || !isPunct(eq, '=') || !adjacent(m, eq) || !adjacent(eq, sign)) return;
  if ((sign.text !== '+' && sign.text !== '-') || !adjacent(sign, int) || int.kind !== 'num') return;
  let end = c.i + 4;
  const dot = c.t[end];
  const frac = c.t[end + 1];
  if (isPunct(dot, '.') && adjacent(int, dot) && adjacent(dot, frac) && frac.kind === 'num') end += 2;
  if (end === c.t.length) c.i = end;
}

/** `[dow [","]]` then one of the three layouts. */
function readStructure(c: Cursor, notes: Issue[]): Structure | string {
  let dow: number | null = null;
  let comma = false;
  let t = c.t[c.i];
  if (isPunct(t, ',')) {
    notes.push(issue('DATE_NONSTANDARD', 'info', 'comma without a day name'));
    c.i++;
    t = c.t[c.i];
  } else if (t?.kind === 'word') {
    const day = dayIndex(t.text);
    if (day !== null) {
      dow = day.index;
      if (!day.standard) notes.push(issue('DATE_NONSTANDARD', 'info', `full day name ${quote(t.text)}`));
      c.i++;
      t = c.t[c.i];
      if (isPunct(t, ',')) {
        comma = true;
        c.i++;
        t = c.t[c.i];
      }
    }
  }
  if (t === undefined) return 'no date';
  if (t.kind === 'word') {
    return monthIndex(t.text) === null ? `unexpected ${quote(t.text)}` : readAsctime(c, dow, notes);
  }
  if (t.kind === 'num' && t.text.length === 4 && isPunct(c.t[c.i + 1], '-')) return readIso(c, dow, notes);
  if (t.kind === 'num') {
    if (dow !== null && !comma) notes.push(issue('DATE_NONSTANDARD', 'info', 'no comma after the day name'));
    return readRfc(c, dow, notes);
  }
  return `unexpected ${quote(t.text)}`;
}

/** RFC 5322 §4.3 year expansion; `null` for a 4-digit year before 1900 (RFC 5322 §3.3). */
function expandYear(yearText: string, notes: Issue[]): number | null {
  const value = Number(yearText);
  if (yearText.length === 2) {
    const year = value < 50 ? 2000 + value : 1900 + value;
    notes.push(issue('DATE_TWO_DIGIT_YEAR', 'info', `two-digit year ${quote(yearText)} read as ${year} (RFC 5322 §4.3)`));
    return year;
  }
  if (yearText.length === 3) {
    const year = 1900 + value;
    notes.push(issue('DATE_THREE_DIGIT_YEAR', 'info', `three-digit year ${quote(yearText)} read as ${year} (RFC 5322 §4.3)`));
    return year;
  }
  if (yearText.charCodeAt(0) === 48 && value >= 100 && value <= 199) {
    // `0102`: the three-digit tm_year bug zero-padded to four digits.
    const year = 1900 + value;
    notes.push(issue('DATE_THREE_DIGIT_YEAR', 'info', `year ${quote(yearText)} read as ${year} (tm_year + 1900, RFC 5322 §4.3)`));
    return year;
  }
  return value >= 1900 ? value : null;
}

/** Three ASCII letters as one number, each folded to lower case; -1 when one of them is not an ASCII letter. */
function letterKey(s: string, i: number): number {
  let key = 0;
  for (let k = 0; k < 3; k++) {
    // `| 0x20` lower-cases A–Z and leaves a–z; it maps nothing else into a–z.
    const c = s.charCodeAt(i + k) | 0x20;
    if (c < 0x61 || c > 0x7a) return -1;
    key = key * 32 + (c - 0x60);
  }
  return key;
}

/** Key of each three-letter name → its index. */
function keyTable(names: readonly string[]): ReadonlyMap<number, number> {
  return new Map(names.map((name, index) => [letterKey(name, 0), index]));
}

const SHORT_DAYS = keyTable(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
const SHORT_MONTHS = keyTable(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

/** `charCodeAt`, or -1 past the end: reading past the end gives NaN, which costs the optimised caller a deopt. */
function codeAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

function digitAt(s: string, i: number): number {
  const c = codeAt(s, i);
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

/**
 * Index of a three-letter name (any case) at `s[i..i+3]` in `names`, or -1: what lower-casing the three characters
 * and looking them up finds, without the two strings. Only ASCII letters can match: of the non-ASCII characters,
 * only U+0130 (to `i̇`, two characters) and U+212A KELVIN SIGN (to `k`, in no day or month name) lower-case to ASCII.
 */
function shortNameAt(s: string, i: number, names: ReadonlyMap<number, number>): number {
  if (i + 3 > s.length) return -1;
  return names.get(letterKey(s, i)) ?? -1;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The canonical RFC 5322 §3.3 layout most MTAs write — `[Ddd, ]d[d] Mmm yyyy hh:mm:ss ±hhmm[ (comment)]` — read
 * without tokenising. It returns exactly what the general reader would, or `null` whenever the text strays from that
 * layout in any way the general reader would note (then the general reader runs): it is only a shortcut.
 */
// eslint-disable-next-line complexity -- the fast path for the canonical layout: one pass, no allocation
function parseCanonical(clean: string): ParsedDate | null {
  const n = clean.length;
  let i = 0;
  let dow: number | null = null;
  if (digitAt(clean, 0) < 0) {
    dow = shortNameAt(clean, 0, SHORT_DAYS);
    if (dow < 0 || codeAt(clean, 3) !== 44 /* , */) return null;
    i = 4;
    while (i < n && isBlank(codeAt(clean, i))) i++;
  }
  const d1 = digitAt(clean, i);
  if (d1 < 0) return null;
  let day = d1;
  i++;
  const d2 = digitAt(clean, i);
  if (d2 >= 0) {
    day = day * 10 + d2;
    i++;
  }
  if (!isBlank(codeAt(clean, i))) return null;
  while (i < n && isBlank(codeAt(clean, i))) i++;
  const month = shortNameAt(clean, i, SHORT_MONTHS);
  if (month < 0) return null;
  i += 3;
  if (!isBlank(codeAt(clean, i))) return null;
  while (i < n && isBlank(codeAt(clean, i))) i++;
  const y0 = digitAt(clean, i);
  const y1 = digitAt(clean, i + 1);
  const y2 = digitAt(clean, i + 2);
  const y3 = digitAt(clean, i + 3);
  if (y0 < 1 || y1 < 0 || y2 < 0 || y3 < 0) return null;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  i += 4;
  if (year < 1900 || !isBlank(codeAt(clean, i))) return null;
  while (i < n && isBlank(codeAt(clean, i))) i++;
  // hh:mm:ss, two digits each
  const h0 = digitAt(clean, i);
  const h1 = digitAt(clean, i + 1);
  const m0 = digitAt(clean, i + 3);
  const m1 = digitAt(clean, i + 4);
  const s0 = digitAt(clean, i + 6);
  const s1 = digitAt(clean, i + 7);
  if (h0 < 0 || h1 < 0 || m0 < 0 || m1 < 0 || s0 < 0 || s1 < 0) return null;
  if (codeAt(clean, i + 2) !== 58 || codeAt(clean, i + 5) !== 58) return null;
  const hour = h0 * 10 + h1;
  const minute = m0 * 10 + m1;
  const second = s0 * 10 + s1;
  i += 8;
  if (!isBlank(codeAt(clean, i))) return null;
  while (i < n && isBlank(codeAt(clean, i))) i++;
  const sign = codeAt(clean, i);
  if (sign !== 43 && sign !== 45) return null;
  const z0 = digitAt(clean, i + 1);
  const z1 = digitAt(clean, i + 2);
  const z2 = digitAt(clean, i + 3);
  const z3 = digitAt(clean, i + 4);
  if (z0 < 0 || z1 < 0 || z2 < 0 || z3 < 0) return null;
  const zh = z0 * 10 + z1;
  const zm = z2 * 10 + z3;
  i += 5;
  // The zone ends the text, or one closed comment without nesting or escapes does.
  if (i < n) {
    if (!isBlank(codeAt(clean, i))) return null;
    while (i < n && isBlank(codeAt(clean, i))) i++;
    if (codeAt(clean, i) !== 40) return null;
    const close = clean.indexOf(')', i + 1);
    if (close !== n - 1) return null;
    for (let k = i + 1; k < close; k++) {
      const c = codeAt(clean, k);
      if (c === 40 || c === 92) return null;
    }
  }
  const total = zh * 60 + zm;
  if (zh > 23 || zm > 59 || total > 14 * 60) return null;
  if (month < 0 || day < 1 || day > daysInMonth(year, month + 1) || hour > 23 || minute > 59 || second > 59) return null;
  // `-0000` (qmail writes nothing else): the instant in UTC, the local offset unknown (RFC 5322 §3.3).
  const unknownOffset = total === 0 && sign === 45;
  const offset = sign === 45 ? -total : total;
  const ms = Date.UTC(year, month, day, hour, minute, second, 0) - offset * 60_000;
  if (!Number.isFinite(ms) || ms >= FIRST_MS_AFTER_9999) return null;
  const notes: Issue[] = [];
  if (unknownOffset) notes.push(unknownOffsetIssue('-0000'));
  if (dow !== null) {
    const actual = weekdayOf(year, month + 1, day);
    if (actual !== dow) {
      notes.push(issue('DATE_WRONG_WEEKDAY', 'warning', `${day} ${MONTH_LABELS[month] ?? '?'} ${year} is a ${dayName(actual)}, the date says ${dayName(dow)}`));
    }
  }
  return { date: { text: clean, iso: isoOfMillis(ms), offsetMinutes: unknownOffset ? null : offset }, instant: ms, issues: notes };
}

/** `-0000` and its kin: the instant is in UTC, the writer's local offset is unknown (RFC 5322 §3.3). */
function unknownOffsetIssue(written: string): Issue {
  return issue('DATE_UNKNOWN_OFFSET', 'info', `zone ${quote(written)}: instant in UTC, local offset unknown (RFC 5322 §3.3)`);
}

/**
 * Parse one date-time as found after the `;` of a Received field (RFC 5322 §3.3, §4.3 obsolete forms; also
 * asctime, ISO 8601 and Go layouts). Never throws on data: garbage gives `iso: null` and `DATE_INVALID`.
 */
export function parseDate(text: string): ParsedDate {
  if (typeof text !== 'string') throw new TypeError('parseDate: text must be a string');
  return parseUnfoldedDate(unfoldDate(text));
}

/** {@link parseDate} for text that has been through {@link unfoldDate} already (unfolding twice changes nothing). */
export function parseUnfoldedDate(clean: string): ParsedDate {
  if (clean.length > 0 && clean.length <= MAX_DATE_CHARS) {
    const canonical = parseCanonical(clean);
    if (canonical !== null) return canonical;
  }
  return parseUnfoldedDateGeneral(clean);
}

/**
 * The general reader behind {@link parseUnfoldedDate}: tokens, every obsolete and vendor layout. Exported for the
 * test that holds the canonical shortcut to the same answers; callers use {@link parseUnfoldedDate}.
 */
// eslint-disable-next-line complexity -- the tolerant path: each obsolete or broken form has its own branch
export function parseUnfoldedDateGeneral(clean: string): ParsedDate {
  const notes: Issue[] = [];
  const fail = (code: 'DATE_INVALID' | 'DATE_OUT_OF_RANGE', message: string): ParsedDate => ({
    date: { text: clean, iso: null, offsetMinutes: null },
    instant: null,
    issues: [...notes, issue(code, 'error', message)],
  });
  if (clean === '') return fail('DATE_INVALID', 'empty date');
  if (clean.length > MAX_DATE_CHARS) return fail('DATE_INVALID', `date longer than ${MAX_DATE_CHARS} characters`);

  const lex = tokenizeDate(clean);
  if (lex.unterminatedComment) notes.push(issue('DATE_NONSTANDARD', 'info', 'unterminated comment in the date'));
  const c: Cursor = { t: lex.tokens, i: 0 };
  const s = readStructure(c, notes);
  if (typeof s === 'string') return fail('DATE_INVALID', `not a date: ${s}`);

  skipZoneNameAfterNumber(c, s.zone);
  skipGoMonotonic(c);
  const rest = c.t[c.i];
  if (rest !== undefined) {
    notes.push(issue('DATE_NONSTANDARD', 'info', `ignored trailing text ${quote(clean.slice(rest.start))}`));
  }

  const year = expandYear(s.yearText, notes);
  const { hour, minute, millis } = s.time;
  let { second } = s.time;
  const problems: string[] = [];
  if (year === null) problems.push(`year ${quote(s.yearText)} before 1900`);
  if (s.month < 1 || s.month > 12) problems.push(`month ${s.month}`);
  else if (year !== null && (s.day < 1 || s.day > daysInMonth(year, s.month))) {
    problems.push(`day ${s.day} of month ${s.month} in ${year}`);
  }
  if (hour > 23) problems.push(`hour ${hour}`);
  if (minute > 59) problems.push(`minute ${minute}`);
  if (second > 60) problems.push(`second ${second}`);
  if (s.zone.kind === 'out-of-range') problems.push(s.zone.message);
  if (problems.length > 0 || year === null) {
    return fail('DATE_OUT_OF_RANGE', `out of range: ${problems.join(', ')} (never rolled over)`);
  }
  if (second === 60) {
    second = 59;
    notes.push(issue('DATE_NONSTANDARD', 'info', 'leap second :60 read as :59'));
  }
  if (s.dow !== null) {
    const actual = weekdayOf(year, s.month, s.day);
    if (actual !== s.dow) {
      notes.push(issue('DATE_WRONG_WEEKDAY', 'warning', `${s.day} ${MONTH_LABELS[s.month - 1] ?? '?'} ${year} is a ${dayName(actual)}, the date says ${dayName(s.dow)}`));
    }
  }

  const zone = s.zone;
  if (zone.kind === 'none') {
    notes.push(issue('DATE_NO_ZONE', 'warning', 'no time zone: the instant is unknown (never read as local time)'));
    return { date: { text: clean, iso: null, offsetMinutes: null }, instant: null, issues: notes };
  }
  if (zone.kind === 'unknown') {
    notes.push(issue('DATE_UNKNOWN_ZONE', 'warning', `${zone.message}: the instant is unknown`));
    return { date: { text: clean, iso: null, offsetMinutes: null }, instant: null, issues: notes };
  }
  const offset = zone.kind === 'offset' ? zone.minutes : 0;
  const ms = Date.UTC(year, s.month - 1, s.day, hour, minute, second, millis) - offset * 60_000;
  if (!Number.isFinite(ms) || ms < FIRST_MS_OF_0000 || ms >= FIRST_MS_AFTER_9999) {
    return fail('DATE_OUT_OF_RANGE', 'out of range: the instant falls outside years 0000–9999');
  }
  return {
    date: { text: clean, iso: isoOfMillis(ms), offsetMinutes: zone.kind === 'offset' ? zone.minutes : null },
    instant: ms,
    issues: notes,
  };
}
