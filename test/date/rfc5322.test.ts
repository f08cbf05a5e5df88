// Date-time reader: table of synthetic dates written the way MTAs write them (provenance: synthetic, modelled on
// RFC 5322 §3.3/§4.3 and on layouts seen in Postfix, Sendmail, qmail, Exchange, Go/SendGrid and asctime output).
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DATE_CHARS, parseDate, parseUnfoldedDate, parseUnfoldedDateGeneral, unfoldDate } from '../../src/date/rfc5322.js';
import type { IssueCode } from '../../src/types.js';

interface Case {
  readonly label: string;
  readonly input: string;
  readonly iso: string | null;
  readonly offset: number | null;
  readonly codes: readonly IssueCode[];
  readonly text?: string;
}

const NS: IssueCode = 'DATE_NONSTANDARD';
const OOR: IssueCode = 'DATE_OUT_OF_RANGE';
const INV: IssueCode = 'DATE_INVALID';

const cases: readonly Case[] = [
  // RFC 5322 §3.3 date-time
  { label: 'Gmail with zone comment', input: 'Sat, 05 Jan 2013 10:20:30 -0800 (PST)', iso: '2013-01-05T18:20:30.000Z', offset: -480, codes: [] },
  { label: 'no day name', input: '14 Nov 2003 08:05:52 +0100', iso: '2003-11-14T07:05:52.000Z', offset: 60, codes: [] },
  { label: 'half-hour zone', input: 'Wed, 4 Dec 2024 20:33:30 +0530 (+0530)', iso: '2024-12-04T15:03:30.000Z', offset: 330, codes: [] },
  { label: 'quarter-hour zone', input: 'Tue, 2 Jan 2024 12:00:00 +0545', iso: '2024-01-02T06:15:00.000Z', offset: 345, codes: [] },
  { label: '+1400 crosses the date line', input: 'Mon, 1 Jan 2024 00:00:00 +1400', iso: '2023-12-31T10:00:00.000Z', offset: 840, codes: [] },
  { label: '-1200', input: 'Mon, 1 Jan 2024 00:00:00 -1200', iso: '2024-01-01T12:00:00.000Z', offset: -720, codes: [] },
  { label: 'missing seconds', input: 'Mon, 1 Jan 2024 10:20 +0000', iso: '2024-01-01T10:20:00.000Z', offset: 0, codes: [] },
  { label: 'one-digit day', input: 'Tue, 2 Mar 2004 12:51:44 -0500', iso: '2004-03-02T17:51:44.000Z', offset: -300, codes: [] },
  { label: 'double space before day (Sendmail)', input: 'Mon,  1 Mar 2004 01:09:44 -0500 (EST)', iso: '2004-03-01T06:09:44.000Z', offset: -300, codes: [] },
  { label: 'zone glued to the time', input: 'Thu, 6 May 2004 17:40:44-0500', iso: '2004-05-06T22:40:44.000Z', offset: -300, codes: [] },
  { label: 'many spaces before zone', input: 'Fri, 27 Sep 1996 18:44:32          +0200', iso: '1996-09-27T16:44:32.000Z', offset: 120, codes: [] },
  {
    label: 'folded across lines',
    input: 'Sat, 05 Jan 2013\r\n\t10:20:30 -0800',
    iso: '2013-01-05T18:20:30.000Z',
    offset: -480,
    codes: [],
    text: 'Sat, 05 Jan 2013 10:20:30 -0800',
  },
  {
    label: 'LF folding and trailing newline',
    input: ' Mon, 8 Mar 2004\n   16:13:23 -0800\n',
    iso: '2004-03-09T00:13:23.000Z',
    offset: -480,
    codes: [],
    text: 'Mon, 8 Mar 2004 16:13:23 -0800',
  },
  { label: 'comments between every part', input: 'Mon, (a) 8 (b) Mar (c) 2004 16:13:23 -0800 (PST)', iso: '2004-03-09T00:13:23.000Z', offset: -480, codes: [] },
  { label: 'nested comment after zone', input: 'Mon, 8 Mar 2004 16:13:23 -0800 (PST (Pacific))', iso: '2004-03-09T00:13:23.000Z', offset: -480, codes: [] },
  { label: 'comment with quoted paren', input: 'Mon, 8 Mar 2004 16:13:23 -0800 (a \\) b)', iso: '2004-03-09T00:13:23.000Z', offset: -480, codes: [] },
  { label: 'lower-case names', input: 'mon, 08 mar 2004 16:13:23 -0800', iso: '2004-03-09T00:13:23.000Z', offset: -480, codes: [] },
  { label: 'nanosecond fraction truncated', input: 'Mon, 1 Jan 2024 10:20:30.123956789 +0000', iso: '2024-01-01T10:20:30.123Z', offset: 0, codes: [] },
  { label: 'one-digit fraction', input: 'Mon, 1 Jan 2024 10:20:30.5 +0000', iso: '2024-01-01T10:20:30.500Z', offset: 0, codes: [] },
  { label: 'fraction .9999 never rounds into the next second', input: 'Mon, 1 Jan 2024 10:20:59.9999 +0000', iso: '2024-01-01T10:20:59.999Z', offset: 0, codes: [] },
  { label: 'numeric zone then bare abbreviation', input: 'Mon, 8 Mar 2004 16:13:23 -0800 PST', iso: '2004-03-09T00:13:23.000Z', offset: -480, codes: [] },
  { label: 'numeric zone wins over a contradicting comment', input: 'Mon, 8 Mar 2004 16:13:23 +0100 (PST)', iso: '2004-03-08T15:13:23.000Z', offset: 60, codes: [] },

  // -0000 and obsolete / military / other names
  { label: '-0000 (qmail)', input: '8 Mar 2004 23:59:05 -0000', iso: '2004-03-08T23:59:05.000Z', offset: null, codes: ['DATE_UNKNOWN_OFFSET'] },
  { label: '+0000 is a known zero offset', input: '8 Mar 2004 23:59:05 +0000', iso: '2004-03-08T23:59:05.000Z', offset: 0, codes: [] },
  { label: 'GMT', input: 'Wed, 30 Aug 2006 13:17:58 GMT', iso: '2006-08-30T13:17:58.000Z', offset: 0, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'UT', input: 'Wed, 30 Aug 2006 13:17:58 UT', iso: '2006-08-30T13:17:58.000Z', offset: 0, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'Z in RFC 5322 text', input: 'Wed, 30 Aug 2006 13:17:58 Z', iso: '2006-08-30T13:17:58.000Z', offset: 0, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'EST', input: 'Wed, 30 Aug 2006 13:17:58 EST', iso: '2006-08-30T18:17:58.000Z', offset: -300, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'EDT', input: 'Wed, 30 Aug 2006 13:17:58 EDT', iso: '2006-08-30T17:17:58.000Z', offset: -240, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'CST', input: 'Wed, 30 Aug 2006 13:17:58 CST', iso: '2006-08-30T19:17:58.000Z', offset: -360, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'CDT', input: 'Wed, 30 Aug 2006 13:17:58 CDT', iso: '2006-08-30T18:17:58.000Z', offset: -300, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'MST', input: 'Wed, 30 Aug 2006 13:17:58 MST', iso: '2006-08-30T20:17:58.000Z', offset: -420, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'MDT', input: 'Wed, 30 Aug 2006 13:17:58 MDT', iso: '2006-08-30T19:17:58.000Z', offset: -360, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'PST lower-case', input: 'Wed, 30 Aug 2006 13:17:58 pst', iso: '2006-08-30T21:17:58.000Z', offset: -480, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'PDT', input: 'Wed, 30 Aug 2006 13:17:58 PDT', iso: '2006-08-30T20:17:58.000Z', offset: -420, codes: ['DATE_OBSOLETE_ZONE'] },
  { label: 'military A is -0000', input: 'Wed, 30 Aug 2006 13:17:58 A', iso: '2006-08-30T13:17:58.000Z', offset: null, codes: ['DATE_MILITARY_ZONE'] },
  { label: 'military lower-case m', input: 'Wed, 30 Aug 2006 13:17:58 m', iso: '2006-08-30T13:17:58.000Z', offset: null, codes: ['DATE_MILITARY_ZONE'] },
  { label: 'J is not a military zone', input: 'Wed, 30 Aug 2006 13:17:58 J', iso: null, offset: null, codes: ['DATE_UNKNOWN_ZONE'] },
  { label: 'UTC name', input: 'Fri, 4 Sep 2020 15:25:00 UTC', iso: '2020-09-04T15:25:00.000Z', offset: 0, codes: [NS] },
  { label: 'CEST name', input: 'Fri, 4 Sep 2020 15:25:00 CEST', iso: '2020-09-04T13:25:00.000Z', offset: 120, codes: [NS] },
  { label: 'CET name', input: 'Fri, 4 Sep 2020 15:25:00 CET', iso: '2020-09-04T14:25:00.000Z', offset: 60, codes: [NS] },
  { label: 'BST name', input: 'Fri, 4 Sep 2020 15:25:00 BST', iso: '2020-09-04T14:25:00.000Z', offset: 60, codes: [NS] },
  { label: 'JST name', input: 'Fri, 4 Sep 2020 15:25:00 JST', iso: '2020-09-04T06:25:00.000Z', offset: 540, codes: [NS] },
  { label: 'KST name', input: 'Fri, 4 Sep 2020 15:25:00 KST', iso: '2020-09-04T06:25:00.000Z', offset: 540, codes: [NS] },
  { label: 'IST is ambiguous', input: 'Fri, 4 Sep 2020 15:25:00 IST', iso: null, offset: null, codes: ['DATE_UNKNOWN_ZONE'] },
  { label: 'MSK changed offset, not guessed', input: 'Fri, 4 Sep 2020 15:25:00 MSK', iso: null, offset: null, codes: ['DATE_UNKNOWN_ZONE'] },
  { label: 'unknown name', input: 'Fri, 4 Sep 2020 15:25:00 XYZT', iso: null, offset: null, codes: ['DATE_UNKNOWN_ZONE'] },
  { label: 'Windows zone name', input: 'Fri, 13 Dec 1996 15:01:48 Pacific Standard Time', iso: null, offset: null, codes: ['DATE_UNKNOWN_ZONE'] },
  { label: 'GMT+0100', input: 'Mon, 1 Jan 2024 10:00:00 GMT+0100', iso: '2024-01-01T09:00:00.000Z', offset: 60, codes: [NS] },
  { label: 'GMT+1 (POSIX sign ambiguity)', input: 'Mon, 1 Jan 2024 10:00:00 GMT+1', iso: null, offset: null, codes: ['DATE_UNKNOWN_ZONE'] },
  { label: 'no zone: never local time', input: 'Mon, 8 Mar 2004 16:13:23', iso: null, offset: null, codes: ['DATE_NO_ZONE'] },
  { label: 'zone only in a comment is no zone', input: 'Mon, 8 Mar 2004 16:13:23 (PST)', iso: null, offset: null, codes: ['DATE_NO_ZONE'] },
  { label: '+2 is not a zone', input: 'Mon, 8 Mar 2004 16:13:23 +2', iso: null, offset: null, codes: ['DATE_UNKNOWN_ZONE'] },
  { label: '+02:00 in RFC text', input: 'Mon, 8 Mar 2004 16:13:23 +02:00', iso: '2004-03-08T14:13:23.000Z', offset: 120, codes: [NS] },
  { label: 'zone hour 24', input: 'Mon, 8 Mar 2004 16:13:23 +2400', iso: null, offset: null, codes: [OOR] },
  { label: 'zone minute 60', input: 'Mon, 8 Mar 2004 16:13:23 +0160', iso: null, offset: null, codes: [OOR] },
  { label: '+2300 is beyond real zones but readable', input: 'Mon, 8 Mar 2004 23:00:00 +2300', iso: '2004-03-08T00:00:00.000Z', offset: 1380, codes: [NS] },

  // asctime, ISO 8601, Go
  { label: 'asctime with numeric zone', input: 'Fri Feb 07 10:18:12 2003 -0800', iso: '2003-02-07T18:18:12.000Z', offset: -480, codes: [NS] },
  { label: 'asctime without zone', input: 'Mon Jan  5 10:00:00 2004', iso: null, offset: null, codes: [NS, 'DATE_NO_ZONE'] },
  { label: 'date(1) layout, zone before year', input: 'Fri Feb  7 10:18:12 PST 2003', iso: '2003-02-07T18:18:12.000Z', offset: -480, codes: [NS, 'DATE_OBSOLETE_ZONE'] },
  { label: 'Go time.String() (SendGrid)', input: '2023-05-01 12:34:56.123456789 +0000 UTC m=+0.123456789', iso: '2023-05-01T12:34:56.123Z', offset: 0, codes: [NS] },
  { label: 'Go time.String() with PDT', input: '2018-04-22 02:54:17.028704749 -0700 PDT', iso: '2018-04-22T09:54:17.028Z', offset: -420, codes: [NS] },
  { label: 'ISO 8601 Z', input: '2024-01-02T03:04:05Z', iso: '2024-01-02T03:04:05.000Z', offset: 0, codes: [NS] },
  { label: 'ISO 8601 lower-case t and z', input: '2024-01-02t03:04:05z', iso: '2024-01-02T03:04:05.000Z', offset: 0, codes: [NS] },
  { label: 'ISO 8601 +01:00', input: '2024-01-02T03:04:05+01:00', iso: '2024-01-02T02:04:05.000Z', offset: 60, codes: [NS] },
  { label: 'ISO 8601 -00:00 unknown offset', input: '2024-01-02T03:04:05.5-00:00', iso: '2024-01-02T03:04:05.500Z', offset: null, codes: [NS, 'DATE_UNKNOWN_OFFSET'] },
  { label: 'ISO 8601 without zone', input: '2024-01-02T03:04:05', iso: null, offset: null, codes: [NS, 'DATE_NO_ZONE'] },
  { label: 'ISO month 13', input: '2024-13-02T03:04:05Z', iso: null, offset: null, codes: [NS, OOR] },

  // years
  { label: 'two-digit year 04', input: '8 Mar 04 12:23:56 -0000', iso: '2004-03-08T12:23:56.000Z', offset: null, codes: ['DATE_UNKNOWN_OFFSET', 'DATE_TWO_DIGIT_YEAR'] },
  { label: 'two-digit year 92 with PDT', input: 'Fri, 25 Sep 92 14:13:02 PDT', iso: '1992-09-25T21:13:02.000Z', offset: -420, codes: ['DATE_OBSOLETE_ZONE', 'DATE_TWO_DIGIT_YEAR'] },
  { label: 'two-digit year 49 → 2049', input: '1 Jan 49 00:00:00 +0000', iso: '2049-01-01T00:00:00.000Z', offset: 0, codes: ['DATE_TWO_DIGIT_YEAR'] },
  { label: 'two-digit year 50 → 1950', input: '1 Jan 50 00:00:00 +0000', iso: '1950-01-01T00:00:00.000Z', offset: 0, codes: ['DATE_TWO_DIGIT_YEAR'] },
  { label: 'three-digit year 104 → 2004', input: '1 Jan 104 00:00:00 +0000', iso: '2004-01-01T00:00:00.000Z', offset: 0, codes: ['DATE_THREE_DIGIT_YEAR'] },
  { label: 'year 1899', input: '1 Jan 1899 00:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'instant past year 9999', input: '31 Dec 9999 23:30:00 -0100', iso: null, offset: null, codes: [OOR] },

  // calendar and clock validation
  { label: 'Feb 29 in a leap year', input: 'Thu, 29 Feb 2024 12:00:00 +0000', iso: '2024-02-29T12:00:00.000Z', offset: 0, codes: [] },
  { label: 'Feb 29 2000 (divisible by 400)', input: 'Tue, 29 Feb 2000 12:00:00 +0000', iso: '2000-02-29T12:00:00.000Z', offset: 0, codes: [] },
  { label: 'Feb 29 1900 (not a leap year)', input: '29 Feb 1900 12:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'Feb 29 2023', input: '29 Feb 2023 12:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'Feb 31 never rolls over', input: 'Mon, 31 Feb 2004 10:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'Apr 31', input: '31 Apr 2004 10:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'day 0', input: '0 Apr 2004 10:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'hour 25', input: '1 Apr 2004 25:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'hour 24', input: '1 Apr 2004 24:00:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'minute 61', input: '1 Apr 2004 10:61:00 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'second 61', input: '1 Apr 2004 10:00:61 +0000', iso: null, offset: null, codes: [OOR] },
  { label: 'leap second read as :59', input: 'Sat, 31 Dec 2016 23:59:60 +0000', iso: '2016-12-31T23:59:59.000Z', offset: 0, codes: [NS] },
  { label: 'wrong weekday keeps the instant', input: 'Tue, 05 Jan 2013 10:20:30 -0800', iso: '2013-01-05T18:20:30.000Z', offset: -480, codes: ['DATE_WRONG_WEEKDAY'] },
  { label: 'wrong weekday and military zone', input: 'Tue, 1 Mar 2004 10:00:00 A', iso: '2004-03-01T10:00:00.000Z', offset: null, codes: ['DATE_MILITARY_ZONE', 'DATE_WRONG_WEEKDAY'] },

  // non-standard shapes that still carry a date
  { label: 'comma without day name', input: ', 23 Dec 2007 12:57:34 -0800', iso: '2007-12-23T20:57:34.000Z', offset: -480, codes: [NS] },
  { label: 'day name without comma', input: 'Mon 8 Mar 2004 16:13:23 -0800', iso: '2004-03-09T00:13:23.000Z', offset: -480, codes: [NS] },
  { label: 'full day and month names', input: 'Monday, 1 January 2024 10:00:00 +0000', iso: '2024-01-01T10:00:00.000Z', offset: 0, codes: [NS, NS] },
  { label: 'dd-Mon-yyyy', input: '1-Jan-2024 10:00:00 +0000', iso: '2024-01-01T10:00:00.000Z', offset: 0, codes: [NS] },
  { label: 'one-digit hour', input: 'Mon, 1 Jan 2024 9:05:00 +0000', iso: '2024-01-01T09:05:00.000Z', offset: 0, codes: [NS] },
  { label: 'one-digit seconds', input: 'Mon, 27 May 2002 10:28:3 +0200', iso: '2002-05-27T08:28:03.000Z', offset: 120, codes: [NS] },
  { label: 'month-day-year with AM (spamware)', input: 'Aug, 22 2002 8:02:13 AM +0400', iso: '2002-08-22T04:02:13.000Z', offset: 240, codes: [NS, NS, NS] },
  { label: '12 PM is noon', input: 'Tue, 06 Aug 2002 12:50:21 PM -0400', iso: '2002-08-06T16:50:21.000Z', offset: -240, codes: [NS] },
  { label: '12 AM is midnight', input: 'Tue, 06 Aug 2002 12:50:21 AM -0400', iso: '2002-08-06T04:50:21.000Z', offset: -240, codes: [NS] },
  { label: 'p.m. with dots is not military P', input: 'Jun, 06 2002 11:07:31 p.m. -0800', iso: '2002-06-07T07:07:31.000Z', offset: -480, codes: [NS, NS] },
  { label: 'both signs +-0500', input: 'Thu, 29 Aug 2002 15:36:58 +-0500', iso: '2002-08-29T20:36:58.000Z', offset: -300, codes: [NS] },
  { label: 'three-digit zone -400', input: 'Sun, 29 Jul 2001 23:30:41 -400 (EDT)', iso: '2001-07-30T03:30:41.000Z', offset: -240, codes: [NS] },
  { label: 'tm_year bug: 0102 is 2002', input: '23 Aug 0102 02:37:19 -0300', iso: '2002-08-23T05:37:19.000Z', offset: -180, codes: ['DATE_THREE_DIGIT_YEAR'] },
  { label: 'year 0050 stays out of range', input: '23 Aug 0050 02:37:19 -0300', iso: null, offset: null, codes: [OOR] },
  { label: 'GMT Daylight Time is not GMT', input: 'Tue, 28 May 02 01:25:09 GMT Daylight Time', iso: null, offset: null, codes: ['DATE_TWO_DIGIT_YEAR', 'DATE_UNKNOWN_ZONE'] },
  { label: 'unsigned zone is no zone', input: 'Sun, 05 Aug 2001 14:39:39 0000 (GMT)', iso: null, offset: null, codes: [NS, 'DATE_NO_ZONE'] },
  { label: 'trailing words are reported', input: 'Mon, 1 Jan 2024 10:00:00 +0000 extra words', iso: '2024-01-01T10:00:00.000Z', offset: 0, codes: [NS] },
  { label: 'unterminated comment', input: 'Mon, 1 Jan 2024 10:00:00 +0000 (PST', iso: '2024-01-01T10:00:00.000Z', offset: 0, codes: [NS] },

  // garbage
  { label: 'empty', input: '', iso: null, offset: null, codes: [INV] },
  { label: 'whitespace only', input: ' \r\n\t ', iso: null, offset: null, codes: [INV] },
  { label: 'a word', input: 'garbage', iso: null, offset: null, codes: [INV] },
  { label: 'digits only', input: '12345', iso: null, offset: null, codes: [INV] },
  { label: 'day name only', input: 'Mon,', iso: null, offset: null, codes: [INV] },
  { label: 'unknown month', input: '1 Foo 2004 10:00:00 +0000', iso: null, offset: null, codes: [INV] },
  { label: 'no time', input: 'Mon, 1 Jan 2024 +0000', iso: null, offset: null, codes: [INV] },
  { label: 'one-digit minute', input: 'Sat, 8 Jun 2002 1:5:13 +0000', iso: null, offset: null, codes: [INV] },
  { label: '12-hour clock with hour 13', input: 'Aug, 22 2002 13:02:13 PM +0400', iso: null, offset: null, codes: [INV] },
  { label: 'numeric day/month order is ambiguous', input: '22/08/2002 10:25:57', iso: null, offset: null, codes: [INV] },
  { label: 'five-digit year', input: '1 Jan 20245 10:00:00 +0000', iso: null, offset: null, codes: [INV] },
  { label: 'envelope-from leftovers only', input: '(envelope-from <a@b.example>)', iso: null, offset: null, codes: [INV] },
  { label: 'too long', input: `Mon, 1 Jan 2024 10:00:00 +0000 ${'x'.repeat(MAX_DATE_CHARS)}`, iso: null, offset: null, codes: [INV] },
];

describe('parseDate table', () => {
  it('has at least 60 cases with distinct labels', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.label)).size).toBe(cases.length);
  });

  it.each(cases)('$label', (c) => {
    const { date, issues } = parseDate(c.input);
    expect(date.iso).toBe(c.iso);
    expect(date.offsetMinutes).toBe(c.offset);
    expect(issues.map((i) => i.code).sort()).toEqual([...c.codes].sort());
    expect(date.text).toBe(c.text ?? unfoldDate(c.input));
    for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
  });
});

describe('unfoldDate', () => {
  it.each([
    ['a\r\n b', 'a b'],
    ['a\r\n\r\n\t b', 'a b'],
    ['a\nb', 'a b'],
    ['  a  b  ', 'a  b'],
    ['a \r\n b', 'a  b'],
  ])('%j → %j', (input, out) => {
    expect(unfoldDate(input)).toBe(out);
  });
});

describe('severities', () => {
  it.each([
    ['garbage', 'DATE_INVALID', 'error'],
    ['31 Feb 2004 10:00:00 +0000', 'DATE_OUT_OF_RANGE', 'error'],
    ['1 Feb 2004 10:00:00', 'DATE_NO_ZONE', 'warning'],
    ['1 Feb 2004 10:00:00 IST', 'DATE_UNKNOWN_ZONE', 'warning'],
    ['Mon, 1 Feb 2004 10:00:00 +0000', 'DATE_WRONG_WEEKDAY', 'warning'],
    ['1 Feb 2004 10:00:00 A', 'DATE_MILITARY_ZONE', 'warning'],
    ['1 Feb 2004 10:00:00 -0000', 'DATE_UNKNOWN_OFFSET', 'info'],
    ['1 Feb 2004 10:00:00 GMT', 'DATE_OBSOLETE_ZONE', 'info'],
    ['1 Feb 04 10:00:00 +0000', 'DATE_TWO_DIGIT_YEAR', 'info'],
  ] as const)('%s → %s %s', (input, code, severity) => {
    const found = parseDate(input).issues.find((i) => i.code === code);
    expect(found?.severity).toBe(severity);
  });
});

describe('no local-time API in the date code', () => {
  // The instant must not depend on the machine's TZ: only Date.UTC and UTC getters are allowed.
  const dir = new URL('../../src/date/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s', (file) => {
    const source = readFileSync(new URL(file, dir), 'utf8');
    expect(source).not.toMatch(/Date\.parse|\.get(?:Hours|Minutes|Seconds|Date|Day|FullYear|Month|TimezoneOffset)\(|\.set(?:Hours|Date|FullYear|Month)\(|toLocale/);
    for (const m of source.matchAll(/new Date\(([^)]*)/g)) {
      expect(['ms', 'Date.UTC(year, month - 1, day']).toContain(m[1]);
    }
  });
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Fragments that make date-like garbage more likely than plain random strings do. */
const fragment = fc.constantFrom(
  'Mon', 'Sun,', ',', ' ', '  ', '\r\n\t', '1', '29', '31', '00', '2024', '04', '104', 'Feb', 'feb', ':', '10', '59', '60',
  '.', '123456789', '+', '-', '0800', '-0000', '+0000', 'GMT', 'UTC', 'Z', 'A', 'J', 'IST', 'T', '(', ')', '\\', 'PST',
  'm=', '2023-05-01', ' 12:34:56', '\u0000', 'é',
);

describe('parseDate properties', () => {
  const check = (s: string): void => {
    const a = parseDate(s);
    expect(a.date.iso === null || ISO.test(a.date.iso)).toBe(true);
    if (a.date.iso !== null) expect(new Date(a.date.iso).toISOString()).toBe(a.date.iso);
    if (a.date.offsetMinutes !== null) expect(a.date.iso).not.toBeNull();
    expect(a.instant).toBe(a.date.iso === null ? null : new Date(a.date.iso).getTime());
    if (a.date.iso === null) expect(a.issues.some((i) => i.severity !== 'info')).toBe(true);
    expect(parseDate(s)).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  };

  it('never throws, iso is null or canonical, deterministic (random strings)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), check), { numRuns: 2000 });
  });

  it('never throws, iso is null or canonical, deterministic (date-like fragments)', () => {
    fc.assert(fc.property(fc.array(fragment, { maxLength: 16 }).map((p) => p.join('')), check), { numRuns: 3000 });
  });

  it('the canonical shortcut answers exactly as the general reader, issues included (near-canonical dates)', () => {
    // Also with one letter swapped for a character that is no ASCII letter but lies next to one, or lower-cases to
    // ASCII (U+0130, U+212A), or is the letter with its high bit set: only real names may take the shortcut.
    const lookalike = (w: string) =>
      fc.constantFrom('@', '[', '`', '{', '\u0130', '\u212A', String.fromCharCode(w.charCodeAt(1) | 0x80)).map((c) => w[0] + c + w.slice(2));
    const word = (w: string) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(w, w.toLowerCase(), w.toUpperCase()) }, { weight: 1, arbitrary: lookalike(w) });
    const blank = fc.constantFrom(' ', '  ', '\t', ' \t');
    const digits = (min: number, max: number, width: number) => fc.integer({ min, max }).map((n) => String(n).padStart(width, '0'));
    const date = fc
      .record({
        dow: fc.option(fc.constantFrom('Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat').chain(word), { nil: undefined }),
        comma: fc.constantFrom(',', '', ' ,'),
        day: fc.oneof(digits(0, 32, 1), digits(0, 32, 2), fc.constant('001')),
        // `Jc.` is `Jan` to a letter key that lets `.` through as a negative digit.
        month: fc.constantFrom('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Foo', 'Jc.').chain(word),
        year: fc.oneof(digits(1890, 2100, 4), digits(0, 99, 2), digits(9990, 9999, 4), fc.constant('02002')),
        time: fc.tuple(digits(0, 25, 2), digits(0, 61, 2), digits(0, 61, 2)).map(([h, m, sec]) => `${h}:${m}:${sec}`),
        sign: fc.constantFrom('+', '-', ''),
        zone: fc.oneof(fc.constantFrom('0000', '0100', '0530', '1400', '1401', '2359', '2400', '0060'), digits(0, 9999, 4), digits(0, 999, 3)),
        tail: fc.constantFrom('', ' (UTC)', ' (GMT)', '  (CEST)', ' (a (b))', ' (x\\)', ' (', ' GMT', ' (PST) x', '(EST)'),
        gaps: fc.array(blank, { minLength: 5, maxLength: 5 }),
      })
      .map((d) => `${d.dow === undefined ? '' : `${d.dow}${d.comma}${d.gaps[0]}`}${d.day}${d.gaps[1]}${d.month}${d.gaps[2]}${d.year}${d.gaps[3]}${d.time}${d.gaps[4]}${d.sign}${d.zone}${d.tail}`);
    fc.assert(
      fc.property(date, (text) => {
        expect(parseUnfoldedDate(text)).toEqual(parseUnfoldedDateGeneral(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('deep comment nesting costs one pass', () => {
    const r = parseDate(`1 Jan 2024 10:00:00 +0000 ${'('.repeat(400)}`);
    expect(r.date.iso).toBe('2024-01-01T10:00:00.000Z');
  });

  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');

  it('RFC 5322 text of a random instant and offset reads back as that instant and offset', () => {
    const min = Date.UTC(1901, 0, 1) / 1000;
    const max = Date.UTC(9998, 11, 31) / 1000;
    fc.assert(
      fc.property(
        fc.integer({ min, max }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        fc.constantFrom(' ', '  ', '\r\n\t', ' (c) '),
        fc.boolean(),
        (seconds, offset, sep, withDay) => {
          const local = new Date((seconds + offset * 60) * 1000);
          const abs = Math.abs(offset);
          const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
          const text =
            (withDay ? `${DAYS[local.getUTCDay()]},${sep}` : '') +
            `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()}${sep}` +
            `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${sep}${zone}`;
          const r = parseDate(text);
          expect(r.date.iso).toBe(new Date(seconds * 1000).toISOString());
          expect(r.date.offsetMinutes).toBe(offset);
          expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
