/**
 * The memos' one mechanism: what is set is got back, the number of entries stays bounded, an entry in use survives
 * the turn of a generation (a memo cleared when full forgot it), and no entry holds the header it was cut from.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/text/bounded-memo.js';

describe('BoundedMemo', () => {
  it('gives back what was set, and undefined for what was not', () => {
    const memo = new BoundedMemo<number | null>(8);
    memo.set('a', 1);
    memo.set('b', null);
    expect(memo.get('a')).toBe(1);
    expect(memo.get('b')).toBeNull();
    expect(memo.get('c')).toBeUndefined();
  });

  it('keeps an old entry that is met again and forgets one that is not', () => {
    const memo = new BoundedMemo<string>(8);
    for (const k of ['k0', 'k1', 'k2', 'k3', 'k4']) memo.set(k, k); // k4 starts the second generation
    expect(memo.get('k0')).toBe('k0'); // old, moved back
    for (const k of ['k5', 'k6', 'k7']) memo.set(k, k); // k7 turns the generations again
    expect(memo.get('k0')).toBe('k0');
    expect(memo.get('k1')).toBeUndefined();
  });

  it('never remembers more than its bound, whatever the keys and their order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 600 }), (max, keys) => {
        const memo = new BoundedMemo<number>(max);
        for (const k of keys) if (memo.get(`k${k}`) === undefined) memo.set(`k${k}`, k);
        // Every get below may move an entry; none may bring back more than the bound allows.
        let remembered = 0;
        for (let k = 0; k <= 200; k++) {
          const v = memo.get(`k${k}`);
          if (v !== undefined) {
            expect(v).toBe(k);
            remembered++;
          }
        }
        expect(remembered).toBeLessThanOrEqual(Math.max(2, max));
      }),
      { seed: 20261128 },
    );
  });
});

describe('BoundedMemo retention (V8)', () => {
  it('keeps keys and string values without the strings they were cut from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const memo = new BoundedMemo<string>(1024);
    gc();
    const before = getHeapStatistics().used_heap_size;
    for (let k = 0; k < 200; k++) {
      // A distinct 200 KB block each time (a header), a host name cut from it, and its domain cut from the name.
      const block = `${'x'.repeat(100_000)} mail.uniquerelay${String(k).padStart(8, '0')}.example ${'x'.repeat(100_000)}`;
      const name = block.slice(100_001, block.indexOf(' ', 100_001));
      memo.set(name, name.slice(5));
    }
    gc();
    // 200 blocks are about 40 MB; 200 entries a few hundred bytes each.
    expect(getHeapStatistics().used_heap_size - before).toBeLessThan(2_000_000);
    expect(memo.get('mail.uniquerelay00000007.example')).toBe('uniquerelay00000007.example');
  });
});
