/**
 * Run a batch function over the batches of a scan, in this thread or on a worker pool, results in input order.
 * @module
 */
import { packBatch } from './batch-wire.js';
import type { MessageRecord } from './read-options.js';
import { orderedMap, WorkerPool } from './worker-pool.js';

/** 2 batches queued per worker: one running, one waiting, so no worker idles while the main thread reads. */
export const BATCHES_PER_WORKER = 2;

/** A worker pool for batch work, or `null` to work in this thread (one job, or no script to start). */
export function batchPool(script: URL | null, workerData: unknown, jobs: number): WorkerPool | null {
  if (jobs <= 1 || script === null) return null;
  return new WorkerPool(script, workerData, jobs);
}

/**
 * Results of `inline(batch)` — or of the same work done by `pool`'s workers, whose script must do what `inline`
 * does — in batch order. The pool is closed when the iteration ends, however it ends.
 */
export async function* runBatches<O>(
  batches: AsyncIterable<MessageRecord[]>,
  inline: (records: MessageRecord[]) => Promise<O>,
  pool: WorkerPool | null,
  jobs: number,
  /** Send workers only the header blocks, cut at this `maxHeaderBytes` (when no nested parts are wanted). */
  headerLimit: number | null = null,
): AsyncGenerator<O> {
  if (pool === null) {
    for await (const batch of batches) yield await inline(batch);
    return;
  }
  try {
    yield* orderedMap(
      batches,
      (batch) => {
        const wire = packBatch(batch, headerLimit);
        return pool.run<O>(wire, [wire.buffer]);
      },
      jobs * BATCHES_PER_WORKER,
    );
  } finally {
    await pool.close();
  }
}
