/**
 * Run a batch function over the batches of a scan, in this thread or on a worker pool, results in input order.
 * @module
 */
import { BufferShelf } from './buffer-shelf.js';
import { packBatch, type WireReply } from './batch-wire.js';
import type { MessageRecord } from './read-options.js';
import { orderedMap, WorkerPool } from './worker-pool.js';

/** 2 batches queued per worker: one running, one waiting, so no worker idles while the main thread reads. */
const BATCHES_PER_WORKER = 2;

/** A worker pool for batch work, or `null` to work in this thread (one job, or no script to start). */
export function batchPool(script: URL | null, workerData: unknown, jobs: number): WorkerPool | null {
  if (jobs <= 1 || script === null) return null;
  return new WorkerPool(script, workerData, jobs);
}

/** How `runBatches` sends batches to workers. */
export interface BatchRunOptions {
  /** Send workers only the header blocks, cut at this `maxHeaderBytes` (when no nested parts are wanted). */
  readonly headerLimit?: number | null;
  /**
   * Spare output buffers, put there by the caller once their bytes are written; each batch takes them to a worker
   * (whose script serves with `serveBatches`), which writes its next output into them.
   */
  readonly outputSpares?: BufferShelf;
}

/**
 * Results of `inline(batch)` — or of the same work done by `pool`'s workers, whose script must do what `inline`
 * does and serve with `serveBatches` — in batch order. The pool is closed when the iteration ends, however it ends.
 */
export async function* runBatches<O>(
  batches: AsyncIterable<MessageRecord[]>,
  inline: (records: MessageRecord[]) => Promise<O>,
  pool: WorkerPool | null,
  jobs: number,
  options: BatchRunOptions = {},
): AsyncGenerator<O> {
  if (pool === null) {
    for await (const batch of batches) yield await inline(batch);
    return;
  }
  const { headerLimit = null, outputSpares } = options;
  // Batch buffers come back with their results and carry later batches.
  const inputSpares = new BufferShelf();
  try {
    yield* orderedMap(
      batches,
      async (batch) => {
        const spares = outputSpares?.takeAll() ?? [];
        const wire = packBatch(batch, headerLimit, inputSpares, spares);
        const reply = await pool.run<WireReply<O>>(wire, [wire.buffer, ...spares]);
        inputSpares.put(reply.buffer);
        return reply.result;
      },
      jobs * BATCHES_PER_WORKER,
    );
  } finally {
    await pool.close();
  }
}
