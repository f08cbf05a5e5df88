import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekdayOf } from '../../src/date/calendar.js';

/** What weekdayOf promises to equal: the builtin Date's reading of the same fields. */
const viaDate = (y: number, m: number, d: number): number => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

describe('weekdayOf', () => {
  it('agrees with Date.UTC(…).getUTCDay() on any integer fields, carried-over months and days included', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300_000, max: 300_000 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -800, max: 800 }), (y, m, d) => {
        expect(weekdayOf(y, m, d)).toBe(viaDate(y, m, d));
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives NaN where months and days carry a date past the time range, as Date.UTC does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400_000, max: 400_000 }), fc.integer({ min: -4_800_000, max: 4_800_000 }), fc.integer({ min: -146_000_000, max: 146_000_000 }), (y, m, d) => {
        expect(weekdayOf(y, m, d)).toBe(viaDate(y, m, d));
      }),
      { numRuns: 20_000 },
    );
    expect(weekdayOf(200_000, 1_200_000, 1)).toBeNaN();
    expect(weekdayOf(2000, 2_400_000, 73_200_000)).toBeNaN();
  });

  it('knows the days that anchor it and the edges of the Date range', () => {
    expect(weekdayOf(1970, 1, 1)).toBe(4); // Thursday
    expect(weekdayOf(2002, 9, 2)).toBe(1); // Monday
    expect(weekdayOf(2000, 2, 29)).toBe(2); // Tuesday, a leap day of a 400-year
    for (const [y, m, d] of [[0, 1, 1], [99, 12, 31], [100, 1, 1], [-1, 1, 1], [275_760, 9, 13], [275_760, 9, 14], [-271_821, 4, 20], [-271_821, 4, 19], [2002, 0, 1], [2002, 13, 1], [2002, 1, 0]] as const) {
      expect(weekdayOf(y, m, d), `${y}-${m}-${d}`).toBe(viaDate(y, m, d));
    }
    expect(weekdayOf(Number.NaN, 1, 1)).toBeNaN();
    expect(weekdayOf(1.5, 1, 1)).toBe(viaDate(1.5, 1, 1));
  });
});
