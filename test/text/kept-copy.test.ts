/**
 * Copies kept across messages: cut texts, and deep copies of plain data whose strings share nothing with the header
 * block they were read from (checked on the V8 heap).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUT_MARK, cutText, keptCopy, keptText } from '../../src/text/kept-copy.js';

describe('cutText', () => {
  it('returns text that fits as it is', () => {
    expect(cutText('', 3)).toBe('');
    expect(cutText('abc', 3)).toBe('abc');
  });

  it('cuts longer text to max code units and marks the cut', () => {
    expect(cutText('abcdef', 3)).toBe(`abc${CUT_MARK}`);
    expect(keptText('abcdef', 3)).toBe(`abc${CUT_MARK}`);
  });

  it('never splits a surrogate pair', () => {
    // 'a📧' is three code units; a cut after two would keep a lone high surrogate.
    expect(cutText('a📧b', 2)).toBe(`a${CUT_MARK}`);
    expect(cutText('a📧b', 3)).toBe(`a📧${CUT_MARK}`);
  });

  it('keeps at most max + the mark, a prefix of the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (s, max) => {
        const cut = cutText(s, max);
        if (s.length <= max) expect(cut).toBe(s);
        else {
          expect(cut.endsWith(CUT_MARK)).toBe(true);
          const kept = cut.slice(0, -CUT_MARK.length);
          expect(s.startsWith(kept)).toBe(true);
          expect(kept.length === max || kept.length === max - 1).toBe(true);
        }
      }),
    );
  });
});

describe('keptCopy', () => {
  it('is equal plain data with the same JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = keptCopy(value);
        expect(copy).toEqual(value);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('gives objects and arrays of its own, unfrozen', () => {
    const value = Object.freeze({ a: Object.freeze([Object.freeze({ b: 'x' })]) });
    const copy = keptCopy(value);
    expect(copy).not.toBe(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[0]).not.toBe(value.a[0]);
    expect(Object.isFrozen(copy)).toBe(false);
  });

  it('passes each string with its property name to the copier', () => {
    const seen: [string, string | undefined][] = [];
    const copy = keptCopy({ raw: 'r', list: ['x'], nested: { name: 'n' } }, (text, key) => {
      seen.push([text, key]);
      return text.toUpperCase();
    });
    expect(copy).toEqual({ raw: 'R', list: ['X'], nested: { name: 'N' } });
    expect(seen).toEqual([
      ['r', 'raw'],
      ['x', undefined],
      ['n', 'name'],
    ]);
  });

  it('copies an own `__proto__` key (data parsed from JSON) as a key, never as the prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    const copy = keptCopy(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });
});

describe('kept copies on the V8 heap', () => {
  it('keep no string they were cut from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapAfter = (keep: (parent: string) => unknown): number => {
      const kept: unknown[] = [];
      gc();
      const before = getHeapStatistics().used_heap_size;
      for (let k = 0; k < 200; k++) {
        // A distinct 200 KB parent each time (a header block), with a name cut from its middle.
        const parent = `${k}:${'x'.repeat(100_000)}uniquerelay${String(k).padStart(8, '0')}.example${'x'.repeat(100_000)}`;
        kept.push(keep(parent));
      }
      gc();
      expect(kept).toHaveLength(200);
      return getHeapStatistics().used_heap_size - before;
    };
    const name = (p: string) => p.slice(p.indexOf('unique'), p.indexOf('.example') + 8);
    const slices = heapAfter((p) => ({ relay: name(p) }));
    const copies = heapAfter((p) => keptCopy({ relay: name(p) }));
    const texts = heapAfter((p) => keptText(name(p), 256));
    const cuts = heapAfter((p) => keptText(p.slice(1000, 5000), 256));
    // 200 slices hold 200 parents (about 40 MB); copies hold their own few dozen characters each.
    expect(slices).toBeGreaterThan(20_000_000);
    expect(copies).toBeLessThan(2_000_000);
    expect(texts).toBeLessThan(2_000_000);
    expect(cuts).toBeLessThan(2_000_000);
  });
});
