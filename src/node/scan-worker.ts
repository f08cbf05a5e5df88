/**
 * The worker side of a scan (`scan({ jobs })` and `rcvd --jobs`): each packed batch is analysed as the plan says.
 * A rendering plan's output is encoded here, in parallel, straight into one buffer that is moved to the main thread
 * (no string copied between threads, no encoding on the thread that reads the input); otherwise the scan messages
 * are posted back. Nothing here runs at import: the worker entry calls {@link serveScanWorker}.
 * @module
 */
import { workerData as threadData } from 'node:worker_threads';
import { createOutputFormat } from '../render/formats.js';
import { serveBatches } from './batch-serve.js';
import { processBatch, type BatchPlan, type BatchResult } from './scan-batch.js';
import { Utf8Sink } from './utf8-sink.js';

/** Marks a worker started by a scan. */
export const SCAN_WORKER_ROLE = 'received-forensics:scan';

/** The `workerData` of a scan worker. */
export interface ScanWorkerData {
  readonly role: typeof SCAN_WORKER_ROLE;
  readonly plan: BatchPlan;
}

/** A batch a worker rendered: its output as UTF-8 bytes, pieces already joined by the format's separator. */
export interface RenderedBatch extends BatchResult {
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** `true` when `data` is the `workerData` of a scan worker. */
function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === SCAN_WORKER_ROLE;
}

/** Serve batches until the pool terminates this thread; `data` is the thread's `workerData`. */
export function serveScanWorker(data: unknown = threadData): void {
  if (!isScanWorkerData(data)) throw new TypeError('serveScanWorker: workerData is not a scan plan');
  const plan = data.plan;
  if (plan.render === undefined) {
    serveBatches(async (records) => ({ result: await processBatch(records, plan, null) }));
    return;
  }
  const format = createOutputFormat(plan.render);
  const separator = format.separator;
  const bytes = new Utf8Sink();
  serveBatches(async (records, spares) => {
    for (const spare of spares) bytes.reuse(spare);
    let pieces = 0;
    const result = await processBatch(records, plan, {
      format,
      sink: (piece) => {
        if (pieces++ > 0 && separator.length > 0) bytes.appendText(separator);
        bytes.appendText(piece);
        return undefined;
      },
    });
    const out = bytes.take();
    return { result: { ...result, bytes: out } satisfies RenderedBatch, transfer: [out.buffer] };
  });
}
