/**
 * `scan`: every message of every input → one report each, streamed in input order, then a summary. Memory stays
 * bounded: messages are read, analysed and handed over batch by batch; only counters and capped tables are kept.
 * @module
 */
import { availableParallelism } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { analyzeMessage } from '../analyze.js';
import type { AnalyzeOptions } from '../options.js';
import { messageFacts } from '../summary/facts.js';
import { SummaryBuilder } from '../summary/summary.js';
import { resolveLimits } from '../limits.js';
import { batchPool, runBatches } from './batch-runner.js';
import type { MessageInput } from './read-messages.js';
import { checkShard, inputList, readBatches, totalBytesOf } from './scan-batches.js';
import { scanRecords } from './scan-record.js';
import type { ScanInput, ScanItem, ScanMessage, ScanOptions } from './scan-types.js';
import { isScanWorkerData, SCAN_WORKER_ROLE, serveScanWorker, type ScanWorkerData } from './scan-worker.js';
import { workerScript } from './worker-pool.js';

/** 64 worker threads: more than any machine we run on has cores; a typo such as `jobs: 1000` must not fork-bomb. */
export const MAX_JOBS = 64;

// This module's own file doubles as the worker script (the bundle has no separate worker entry). The CommonJS build
// has an empty import.meta, hence the __filename fallback (never first: `node -e` defines a global `[eval]` one).
const META_URL: string | undefined = import.meta.url;
const SELF: string | undefined = META_URL ?? (typeof __filename === 'string' ? __filename : undefined);
if (!isMainThread && isScanWorkerData(workerData)) serveScanWorker(workerData);

/** The analysis options alone (plain data that can be copied to a worker). */
function analyzeOptionsOf(options: ScanOptions): AnalyzeOptions {
  const { policy, trustedNetworks, trustedHosts, internalNetworks, internalHosts, limits } = options;
  return {
    ...(policy === undefined ? {} : { policy }),
    ...(trustedNetworks === undefined ? {} : { trustedNetworks }),
    ...(trustedHosts === undefined ? {} : { trustedHosts }),
    ...(internalNetworks === undefined ? {} : { internalNetworks }),
    ...(internalHosts === undefined ? {} : { internalHosts }),
    ...(limits === undefined ? {} : { limits }),
  };
}

/** Validate scan options up front (`TypeError` on programmer errors) and return the inputs and analysis options. */
function prepareScan(input: ScanInput, options: ScanOptions): { inputs: readonly MessageInput[]; analyze: AnalyzeOptions; jobs: number } {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const inputs = inputList(input);
  if (inputs.length === 0) throw new TypeError('scan needs at least one input');
  checkShard(options.shard);
  const asked = options.jobs ?? 1;
  if (!Number.isSafeInteger(asked) || asked < 1 || asked > MAX_JOBS) throw new TypeError(`jobs must be an integer in 1..${MAX_JOBS}, got ${String(asked)}`);
  // More threads than cores only add memory (each compiles the analyser) and contention.
  const jobs = Math.min(asked, Math.max(1, availableParallelism()));
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError('onProgress must be a function');
  const analyze = analyzeOptionsOf(options);
  analyzeMessage('', analyze); // throws TypeError now, not after the first batch, on invalid analysis options
  return { inputs, analyze, jobs };
}

/** The scan messages in input order, batch by batch (what `scan` flattens; also the CLI's hot path). */
async function* scanMessageBatches(inputs: readonly MessageInput[], options: ScanOptions, analyze: AnalyzeOptions, jobs: number): AsyncGenerator<ScanMessage[]> {
  const nested = options.nested === true;
  const totalBytes = options.onProgress === undefined ? undefined : await totalBytesOf(inputs);
  // Messages embedded in Outlook items are nested messages too: the reader gathers them, to the nesting limit.
  const read = nested ? { maxEmbeddedDepth: resolveLimits(analyze.limits).maxNestedDepth, ...options.read } : options.read;
  const batches = readBatches(inputs, {
    ...(read === undefined ? {} : { read }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(totalBytes === undefined ? {} : { totalBytes }),
  });
  const data: ScanWorkerData = { role: SCAN_WORKER_ROLE, options: analyze, nested };
  const headerLimit = nested ? null : resolveLimits(analyze.limits).maxHeaderBytes;
  yield* runBatches(batches, (records) => scanRecords(records, analyze, nested), batchPool(workerScript(SELF), data, jobs), jobs, { headerLimit });
}

/**
 * Scan paths (`-` = stdin) or streams: yields `{ type: 'message', source, index, byteOffset, report, nested }` for
 * every message read — an unreadable or damaged one is a report with an `IO_*` issue, never an aborted scan — then
 * one `{ type: 'summary', … }`. Output order is input order whatever `jobs` is. Invalid options throw `TypeError`
 * synchronously; an aborted `signal` rejects the iteration with its reason.
 * @example
 * ```ts
 * import { scan } from 'received-forensics/node';
 * const controller = new AbortController();
 * for await (const item of scan(['inbox.mbox', 'Maildir/'], { signal: controller.signal, trustedNetworks: ['203.0.113.0/24'] })) {
 *   if (item.type === 'message') console.log(JSON.stringify({ source: item.source, verdict: item.report.verdict.grade }));
 *   else console.error(`${item.messages} messages, ${item.hops} hops`);
 * }
 * ```
 */
export function scan(input: ScanInput, options: ScanOptions = {}): AsyncGenerator<ScanItem> {
  const { inputs, analyze, jobs } = prepareScan(input, options);
  return scanItems(inputs, options, analyze, jobs);
}

async function* scanItems(inputs: readonly MessageInput[], options: ScanOptions, analyze: AnalyzeOptions, jobs: number): AsyncGenerator<ScanItem> {
  const summary = new SummaryBuilder();
  const signal = options.signal;
  for await (const batch of scanMessageBatches(inputs, options, analyze, jobs)) {
    for (const item of batch) {
      // batches are read ahead: once aborted, not one more item
      if (signal?.aborted === true) signal.throwIfAborted();
      summary.add(messageFacts(item.report, item.nested.length));
      yield item;
    }
  }
  signal?.throwIfAborted();
  yield summary.result();
}
