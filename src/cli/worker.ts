/**
 * The worker side of `rcvd --jobs`: the CLI's own bundle is started again as a worker with this role and formats
 * the batches it is sent.
 * @module
 */
import { unpackBatch, type WireBatch } from '../node/batch-wire.js';
import { serveTasks } from '../node/worker-pool.js';
import { processCliBatch, type CliBatchConfig } from './batch.js';
import { createFormat } from './format/index.js';

/** Marks a worker started by the CLI. */
export const CLI_WORKER_ROLE = 'received-forensics:cli';

/** The `workerData` of a CLI worker. */
export interface CliWorkerData {
  readonly role: typeof CLI_WORKER_ROLE;
  readonly config: CliBatchConfig;
}

/** `true` when `data` is the `workerData` of a CLI worker. */
export function isCliWorkerData(data: unknown): data is CliWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === CLI_WORKER_ROLE;
}

/** Serve batches until the pool terminates this thread. */
export function serveCliWorker(data: CliWorkerData): void {
  const format = createFormat(data.config.format);
  const encoder = new TextEncoder();
  serveTasks(async (task) => {
    const result = await processCliBatch(unpackBatch(task as WireBatch), data.config, format);
    // Encoded here, in parallel, and moved: the main thread only writes bytes (no copy of a string, no encoding).
    const text = encoder.encode(result.text as string);
    return { result: { ...result, text }, transfer: [text.buffer] };
  });
}
