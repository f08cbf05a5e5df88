import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { millisOfIso } from '../../src/chain/iso-millis.js';
import { FIRST_MS_AFTER_9999, FIRST_MS_OF_0000, isoOfMillis } from '../../src/date/iso.js';

describe('isoOfMillis', () => {
  it.each([
    ['the epoch', 0],
    ['one millisecond before the epoch', -1],
    ['a leap day', Date.UTC(2024, 1, 29, 12, 30, 15, 7)],
    ['1900 is no leap year', Date.UTC(1900, 2, 1) - 1],
    ['2000 is a leap year', Date.UTC(2000, 1, 29, 23, 59, 59, 999)],
    ['the first instant of year 0', FIRST_MS_OF_0000],
    ['the last instant of year 9999', FIRST_MS_AFTER_9999 - 1],
  ])('%s matches Date#toISOString', (_label, ms) => {
    expect(isoOfMillis(ms)).toBe(new Date(ms).toISOString());
  });

  it('matches Date#toISOString for every integer instant of years 0000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_MS_OF_0000, max: FIRST_MS_AFTER_9999 - 1 }), (ms) => {
        expect(isoOfMillis(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('names the year-range bounds right', () => {
    expect(new Date(FIRST_MS_OF_0000).toISOString()).toBe('0000-01-01T00:00:00.000Z');
    expect(new Date(FIRST_MS_AFTER_9999).getUTCFullYear()).toBe(10000);
  });
});

describe('millisOfIso', () => {
  it.each([
    ['a canonical instant', '2024-07-02T08:00:00.000Z'],
    ['a leap day', '2024-02-29T23:59:59.999Z'],
    ['no leap day in 2023 (builtin decides)', '2023-02-29T00:00:00.000Z'],
    ['hour 24 (builtin decides)', '2024-01-01T24:00:00.000Z'],
    ['a two-digit-century year (builtin decides)', '0050-01-01T00:00:00.000Z'],
    ['another offset form (builtin decides)', '2024-07-02T10:00:00+02:00'],
    ['garbage', 'not a date at all, really'],
    ['the empty string', ''],
  ])('%s agrees with new Date().getTime()', (_label, iso) => {
    expect(millisOfIso(iso)).toBe(new Date(iso).getTime());
  });

  it('inverts isoOfMillis over years 0000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_MS_OF_0000, max: FIRST_MS_AFTER_9999 - 1 }), (ms) => {
        expect(millisOfIso(isoOfMillis(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});
