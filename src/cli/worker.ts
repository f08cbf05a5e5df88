/**
 * The worker side of `rcvd --jobs`: the CLI's own bundle is started again as a worker with this role and formats
 * the batches it is sent.
 * @module
 */
import { serveBatches } from '../node/batch-serve.js';
import { processCliBatch, type CliBatchConfig, type CliBatchResult } from './batch.js';
import { createFormat } from './format/index.js';
import { Utf8Sink } from './utf8-sink.js';

/** Marks a worker started by the CLI. */
export const CLI_WORKER_ROLE = 'received-forensics:cli';

/** The `workerData` of a CLI worker. */
export interface CliWorkerData {
  readonly role: typeof CLI_WORKER_ROLE;
  readonly config: CliBatchConfig;
}

/** A batch done by a worker: its output as UTF-8 bytes, pieces already joined by the format's separator. */
export interface CliWorkerResult extends CliBatchResult {
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** `true` when `data` is the `workerData` of a CLI worker. */
export function isCliWorkerData(data: unknown): data is CliWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === CLI_WORKER_ROLE;
}

/** Serve batches until the pool terminates this thread. */
export function serveCliWorker(data: CliWorkerData): void {
  const format = createFormat(data.config.format);
  const separator = format.separator;
  const sink = new Utf8Sink();
  serveBatches(async (records, spares) => {
    // Encoded here, in parallel, straight into one buffer, and moved: the main thread only writes bytes (no string
    // copied between threads, no encoding on the thread that reads the input, no second copy to join pieces).
    for (const spare of spares) sink.reuse(spare);
    let pieces = 0;
    const result = await processCliBatch(records, data.config, format, (piece) => {
      if (pieces++ > 0 && separator.length > 0) sink.appendText(separator);
      sink.appendText(piece);
      return undefined;
    });
    const bytes = sink.take();
    return { result: { ...result, bytes } satisfies CliWorkerResult, transfer: [bytes.buffer] };
  });
}
