import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIp } from '../src/address/ip.js';
import { memoKey } from '../src/text/memo-key.js';

describe('memoKey', () => {
  it('is the same text, for any string (empty, short, long, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(memoKey(s)).toBe(s);
      }),
    );
    expect(memoKey('')).toBe('');
  });

  it('keys the address memo by text: a slice of a long header and a fresh copy hit the same entry', () => {
    const header = `Received: from a (b [198.51.100.77]) by c; ${'x'.repeat(5000)}`;
    const at = header.indexOf('198.51.100.77');
    const first = parseIp(header.slice(at, at + 13));
    expect(first?.ip).toBe('198.51.100.77');
    expect(parseIp('198.51.100.77')).toBe(first);
  });
});
