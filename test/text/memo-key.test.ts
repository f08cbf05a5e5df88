import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../src/address/ip.js';
import { memoKey } from '../../src/text/memo-key.js';

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

describe('memoKey retention (V8)', () => {
  it('keeps a key without the string it was cut from', () => {
    // `gc` from a context created after the flag is set; the flag only adds the function, it changes nothing else.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapAfter = (keep: (parent: string, k: number) => string): number => {
      const kept: string[] = [];
      gc();
      const before = getHeapStatistics().used_heap_size;
      for (let k = 0; k < 200; k++) {
        // A distinct 200 KB parent each time (a header block), and a 20-character key cut from its middle.
        const parent = `${k}:${'x'.repeat(200_000)}`;
        kept.push(keep(parent, k));
      }
      gc();
      const grown = getHeapStatistics().used_heap_size - before;
      expect(kept.length).toBe(200);
      return grown;
    };
    const slices = heapAfter((p) => p.slice(100_000, 100_020));
    const keys = heapAfter((p) => memoKey(p.slice(100_000, 100_020)));
    // 200 slices hold 200 parents (about 40 MB); 200 keys hold their own 20 characters each.
    expect(slices).toBeGreaterThan(20_000_000);
    expect(keys).toBeLessThan(2_000_000);
  });
});
