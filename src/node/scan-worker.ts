/**
 * The worker side of `scan({ jobs })`: analyse packed batches, post the scan messages back.
 * @module
 */
import type { AnalyzeOptions } from '../options.js';
import { serveBatches } from './batch-serve.js';
import { scanRecords } from './scan-record.js';

/** Marks a worker started by `scan`. */
export const SCAN_WORKER_ROLE = 'received-forensics:scan';

/** What `scan` hands its workers. */
export interface ScanWorkerData {
  readonly role: typeof SCAN_WORKER_ROLE;
  readonly options: AnalyzeOptions;
  readonly nested: boolean;
}

/** `true` when `data` is the `workerData` of a scan worker. */
export function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === SCAN_WORKER_ROLE;
}

/** Serve batches until the pool terminates this thread. */
export function serveScanWorker(data: ScanWorkerData): void {
  serveBatches(async (records) => ({ result: await scanRecords(records, data.options, data.nested) }));
}
