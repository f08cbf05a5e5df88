/**
 * The header-end scan reads four bytes at a time where it can: it must give what reading one byte at a time gives,
 * whatever the alignment of the bytes, the mix of line ends and the limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeaderEndBytes } from '../../src/headers/split.js';

/** The plain reading: one byte at a time, a line ending at CR LF, a lone CR or a lone LF. */
function byteAtATime(bytes: Uint8Array, limit: number): { end: number; found: boolean; ascii: boolean } {
  const n = Math.min(bytes.length, limit);
  let i = 0;
  let lineStart = 0;
  let high = 0;
  while (i < n) {
    const c = bytes[i]!;
    high |= c;
    if (c === 0x0a || c === 0x0d) {
      const lineEnd = i;
      i += c === 0x0d && i + 1 < bytes.length && bytes[i + 1] === 0x0a ? 2 : 1;
      if (lineEnd === lineStart) return { end: i, found: true, ascii: (high & 0x80) === 0 };
      lineStart = i;
      continue;
    }
    i++;
  }
  return { end: n, found: false, ascii: (high & 0x80) === 0 };
}

/** Bytes that matter to the scan, and runs of ordinary text between them. */
const piece = fc.oneof(
  fc.constantFrom([0x0a], [0x0d], [0x0d, 0x0a], [0x0a, 0x0a], [0x0d, 0x0a, 0x0d, 0x0a], [0x80], [0xff], [0xc3, 0xa9], [0x0b], [0x00]),
  fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 1, maxLength: 7 }),
  fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 8, maxLength: 90 }),
);

describe('findHeaderEndBytes', () => {
  it('gives what a byte-at-a-time scan gives, at any alignment and limit', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), fc.nat(7), fc.oneof(fc.nat(600), fc.constant(1 << 20)), (pieces, offset, limit) => {
        // At least one word's worth of text first, so the four-byte path runs; line ends then fall at every position.
        const body = [...Array.from({ length: 64 + (offset % 5) }, () => 0x61), ...pieces.flat()];
        // A view at `offset` into a larger buffer: the word view starts at the first 4-byte boundary inside it.
        const backing = new Uint8Array(offset + body.length + 8).fill(0x0a);
        backing.set(body, offset);
        const bytes = backing.subarray(offset, offset + body.length);
        expect(findHeaderEndBytes(bytes, limit)).toEqual(byteAtATime(bytes, limit));
      }),
      { numRuns: 10_000 },
    );
  });

  it('finds the empty line and the 8-bit byte inside or across a four-byte word', () => {
    for (let pad = 60; pad < 72; pad++) {
      const text = new Uint8Array(pad + 20).fill(0x61);
      text[pad] = 0x0a;
      text[pad + 1] = 0x0a;
      expect(findHeaderEndBytes(text, 1000)).toEqual({ end: pad + 2, found: true, ascii: true });
      text[pad - 30] = 0xe9;
      expect(findHeaderEndBytes(text, 1000)).toEqual({ end: pad + 2, found: true, ascii: false });
      text[pad + 5] = 0xe9;
      text[pad - 30] = 0x61;
      expect(findHeaderEndBytes(text, 1000)).toEqual({ end: pad + 2, found: true, ascii: true });
    }
  });
});
