/**
 * The worker side of `runBatches`: each packed batch is unpacked and handled, and its buffer goes back to the main
 * thread with the result, to carry a later batch.
 * @module
 */
import type { TransferListItem } from 'node:worker_threads';
import { unpackBatch, type WireBatch, type WireReply } from './batch-wire.js';
import type { MessageRecord } from './read-options.js';
import { serveTasks } from './worker-pool.js';

/** What a batch handler gives back: its result, and what to move (not copy) with it. */
export interface BatchAnswer {
  readonly result: unknown;
  readonly transfer?: readonly TransferListItem[];
}

/**
 * Serve batches until the pool terminates this thread. `handle` gets the batch's records and the spare buffers
 * sent with it; nothing may keep a view of the records' bytes once its promise settles (the buffer moves on).
 */
export function serveBatches(handle: (records: MessageRecord[], spares: readonly ArrayBuffer[]) => Promise<BatchAnswer>): void {
  serveTasks(async (task) => {
    const wire = task as WireBatch;
    const { result, transfer = [] } = await handle(unpackBatch(wire), wire.spares);
    return { result: { result, buffer: wire.buffer } satisfies WireReply<unknown>, transfer: [...transfer, wire.buffer] };
  });
}
