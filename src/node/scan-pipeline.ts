/**
 * The one scan pipeline under `scan()` and `rcvd`: the inputs read in order and cut into batches (the shard filter,
 * progress and abort live there), each batch analysed — and, for the CLI, rendered — in this thread or on a pool of
 * worker threads, the results back in input order whatever the number of threads.
 * @module
 */
import { resolveLimits } from '../limits.js';
import { createOutputFormat } from '../render/formats.js';
import { batchPool, runBatches } from './batch-runner.js';
import type { BufferShelf } from './buffer-shelf.js';
import type { MessageInput } from './read-messages.js';
import type { ReadOptions } from './read-options.js';
import { readBatches } from './scan-batches.js';
import { processBatch, type BatchPlan, type BatchResult, type TextSink } from './scan-batch.js';
import type { ScanProgress, ScanShard } from './scan-types.js';
import { SCAN_WORKER_ROLE, type RenderedBatch, type ScanWorkerData } from './scan-worker.js';

/** How the pipeline reads, where it works and where rendered output goes. */
export interface PipelineOptions {
  readonly plan: BatchPlan;
  /** Worker threads (1 = this thread). */
  readonly jobs: number;
  /** The worker entry (see `defaultWorkerScript`); `null` = work in this thread whatever `jobs` is. */
  readonly workerScript: URL | null;
  readonly read?: ReadOptions;
  readonly shard?: ScanShard;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** The inputs' total size, for the progress callback's percentage. */
  readonly totalBytes?: number;
  /**
   * With a rendering plan, where the batches rendered in this thread write (their results then have no `bytes`);
   * the workers' output comes back as each result's `bytes` instead.
   */
  readonly sink?: TextSink;
  /** Output buffers written and free again, which the workers fill next (see `BatchRunOptions.outputSpares`). */
  readonly outputSpares?: BufferShelf;
}

/** A batch's result; `bytes` when a worker rendered it. */
export type PipelineResult = BatchResult | RenderedBatch;

/** The batch results of a scan of `inputs`, in input order. */
export function scanPipeline(inputs: readonly MessageInput[], options: PipelineOptions): AsyncGenerator<PipelineResult> {
  const { plan, jobs, signal, onProgress, totalBytes, sink } = options;
  // Messages embedded in Outlook items are nested messages too: with nesting on, the reader gathers them to its limit.
  const read = plan.nested ? { maxEmbeddedDepth: resolveLimits(plan.analyze.limits).maxNestedDepth, ...options.read } : options.read;
  const batches = readBatches(inputs, {
    ...(read === undefined ? {} : { read }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(totalBytes === undefined ? {} : { totalBytes }),
  });
  const output = plan.render === undefined || sink === undefined ? null : { format: createOutputFormat(plan.render), sink };
  const data: ScanWorkerData = { role: SCAN_WORKER_ROLE, plan };
  // Without nested parts workers get the header blocks only: the analysis never reads a body.
  const headerLimit = plan.nested ? null : resolveLimits(plan.analyze.limits).maxHeaderBytes;
  const pool = batchPool(options.workerScript, data, jobs);
  return runBatches<PipelineResult>(batches, (records) => processBatch(records, plan, output), pool, jobs, {
    headerLimit,
    ...(options.outputSpares === undefined ? {} : { outputSpares: options.outputSpares }),
  });
}
