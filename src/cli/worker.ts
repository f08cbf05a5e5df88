/**
 * The worker side of `rcvd --jobs`: the CLI's own bundle is started again as a worker with this role and formats
 * the batches it is sent.
 * @module
 */
import { unpackBatch, type WireBatch } from '../node/batch-wire.js';
import { serveTasks } from '../node/worker-pool.js';
import { processCliBatch, type CliBatchConfig, type CliBatchResult } from './batch.js';
import { createFormat } from './format/index.js';

/** Marks a worker started by the CLI. */
export const CLI_WORKER_ROLE = 'received-forensics:cli';

/** The `workerData` of a CLI worker. */
export interface CliWorkerData {
  readonly role: typeof CLI_WORKER_ROLE;
  readonly config: CliBatchConfig;
}

/** A batch done by a worker: its output as UTF-8 bytes, pieces already joined by the format's separator. */
export interface CliWorkerResult extends CliBatchResult {
  readonly bytes: Uint8Array;
}

/** `true` when `data` is the `workerData` of a CLI worker. */
export function isCliWorkerData(data: unknown): data is CliWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === CLI_WORKER_ROLE;
}

/** Serve batches until the pool terminates this thread. */
export function serveCliWorker(data: CliWorkerData): void {
  const format = createFormat(data.config.format);
  const separator = Buffer.from(format.separator, 'utf8');
  serveTasks(async (task) => {
    // Encoded here, in parallel, piece by piece, and moved: the main thread only writes bytes (no string copied
    // between threads, no encoding on the thread that reads the input).
    const pieces: Buffer[] = [];
    const result = await processCliBatch(unpackBatch(task as WireBatch), data.config, format, (piece) => {
      if (pieces.length > 0 && separator.length > 0) pieces.push(separator);
      pieces.push(Buffer.from(piece, 'utf8'));
      return undefined;
    });
    // A fresh buffer of its own (pieces may live in Node's shared pool, which must not be moved to another thread).
    let total = 0;
    for (const p of pieces) total += p.length;
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of pieces) {
      bytes.set(p, at);
      at += p.length;
    }
    return { result: { ...result, bytes } satisfies CliWorkerResult, transfer: [bytes.buffer] };
  });
}
