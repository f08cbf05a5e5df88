/**
 * The worker's output buffer: whatever texts are appended, in whatever sizes, `take()` gives the bytes of each text
 * as `Buffer.from` encodes it, one after the other, in a buffer that can be moved to another thread. (Each text is
 * encoded on its own, as before: a surrogate pair split across two texts is two U+FFFD, never one character. The
 * CLI's pieces are whole JSON lines, which `JSON.stringify` keeps well-formed, so none ends inside a pair.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Sink } from '../../src/node/utf8-sink.js';

/** Text with the characters UTF-8 writes in 1, 2, 3 and 4 bytes, and lone surrogates (written as U+FFFD). */
const text = fc.string({
  unit: fc.constantFrom('a', '\n', '"', 'é', 'Ā', '–', '€', '\u2028', '😀', '\ud800', '\udfff', 'x'.repeat(40)),
  maxLength: 60,
});

describe('Utf8Sink', () => {
  it('gives the bytes Buffer.from gives for each text, across growth and takes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 64 }), (batches, initial) => {
        const sink = new Utf8Sink(initial);
        for (const batch of batches) {
          for (const t of batch) sink.appendText(t);
          const expected = Buffer.concat(batch.map((t) => Buffer.from(t, 'utf8')));
          expect(sink.length).toBe(expected.length);
          const got = sink.take();
          expect(Buffer.from(got.buffer, got.byteOffset, got.length).equals(expected)).toBe(true);
          expect(sink.length).toBe(0);
        }
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('hands out a buffer of its own, which a transfer detaches without touching the next batch', () => {
    const sink = new Utf8Sink(16);
    sink.appendText('first batch, longer than sixteen bytes');
    const first = sink.take();
    expect(first.byteOffset).toBe(0);
    // Node's shared pool is 8 KiB and may not be transferred; a buffer of our own is exactly what was allocated.
    expect(first.buffer.byteLength).not.toBe(Buffer.poolSize);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(first, [first.buffer]);
    port1.close();
    port2.close();
    expect(first.buffer.byteLength).toBe(0);
    sink.appendText('second');
    expect(Buffer.from(sink.take()).toString('utf8')).toBe('second');
  });

  it('writes into buffers given back with reuse(), and still gives the right bytes', () => {
    let reused = 0;
    fc.assert(
      fc.property(fc.array(fc.array(text, { maxLength: 12 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 16, max: 64 }), (batches, initial) => {
        const sink = new Utf8Sink(initial);
        const given = new Set<ArrayBuffer>();
        for (const batch of batches) {
          for (const t of batch) sink.appendText(t);
          const got = sink.take();
          if (given.has(got.buffer)) reused++;
          expect(Buffer.from(got.buffer, got.byteOffset, got.length).equals(Buffer.concat(batch.map((t) => Buffer.from(t, 'utf8'))))).toBe(true);
          new Uint8Array(got.buffer).fill(0xee);
          given.add(got.buffer);
          sink.reuse(got.buffer);
        }
      }),
      { numRuns: 300, seed: 20261128 },
    );
    // The spares were written into (dirty, as the fill left them), not just kept.
    expect(reused).toBeGreaterThan(100);
  });
});
