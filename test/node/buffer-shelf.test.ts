/**
 * Spare buffers between the threads of a scan: the shelf is bounded, hands out the smallest spare that fits, never
 * keeps a detached buffer; a batch packed into a used (larger, dirty) buffer unpacks to the same records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packBatch, unpackBatch } from '../../src/node/batch-wire.js';
import { BufferShelf, MAX_SPARE_BUFFERS } from '../../src/node/buffer-shelf.js';
import type { MessageRecord } from '../../src/node/read-options.js';

describe('BufferShelf', () => {
  it('keeps at most its bound, hands out the smallest spare that fits, drops the smallest on a miss', () => {
    const shelf = new BufferShelf();
    for (const n of [64, 16, 32, 128, 8, 256]) shelf.put(new ArrayBuffer(n));
    expect(shelf.size).toBe(MAX_SPARE_BUFFERS);
    expect(shelf.take(20)?.byteLength).toBe(32);
    expect(shelf.take(20)?.byteLength).toBe(64);
    expect(shelf.take(200)).toBeUndefined();
    expect(shelf.size).toBe(1);
    shelf.put(new ArrayBuffer(512));
    expect(shelf.takeAll().map((b) => b.byteLength).sort((a, b) => a - b)).toEqual([128, 512]);
    expect(shelf.size).toBe(0);
  });

  it('does not keep a buffer that moved to another thread', () => {
    const buffer = new ArrayBuffer(1024);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(buffer, [buffer]);
    port1.close();
    port2.close();
    const shelf = new BufferShelf();
    shelf.put(buffer);
    expect(shelf.size).toBe(0);
  });
});

describe('packBatch with spare buffers', () => {
  const record = (raw: Uint8Array, index: number): MessageRecord => ({ source: 'a.mbox', index, byteOffset: index * 100, issues: [], raw });
  const message = fc.uint8Array({ maxLength: 300 });

  it('unpacks to the same records from a reused buffer that is larger and holds an earlier batch', () => {
    fc.assert(
      fc.property(fc.array(fc.array(message, { maxLength: 6 }), { minLength: 1, maxLength: 5 }), (batches) => {
        const shelf = new BufferShelf();
        for (const batch of batches) {
          const records = batch.map(record);
          const wire = packBatch(records, null, shelf);
          expect(wire.buffer.byteLength).toBeGreaterThanOrEqual(batch.reduce((n, m) => n + m.length, 0));
          const back = unpackBatch(wire);
          expect(back.map((r) => Array.from(r.raw))).toEqual(batch.map((m) => Array.from(m)));
          expect(back.map((r) => r.index)).toEqual(records.map((r) => r.index));
          new Uint8Array(wire.buffer).fill(0xee);
          shelf.put(wire.buffer);
        }
      }),
      { numRuns: 200, seed: 20261128 },
    );
  });

  it('takes the spare it was given rather than a new buffer, and carries the output spares', () => {
    const shelf = new BufferShelf();
    const spare = new ArrayBuffer(4096);
    shelf.put(spare);
    const out = [new ArrayBuffer(8)];
    const wire = packBatch([record(new Uint8Array([1, 2, 3]), 0)], null, shelf, out);
    expect(wire.buffer).toBe(spare);
    expect(wire.spares).toEqual(out);
    expect(shelf.size).toBe(0);
  });
});
