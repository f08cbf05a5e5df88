/**
 * `scan`: every message of every input → one report each, streamed in input order, then a summary. Memory stays
 * bounded: messages are read, analysed and handed over batch by batch; only counters and capped tables are kept.
 * @module
 */
import { availableParallelism } from 'node:os';
import type { AnalyzeOptions } from '../options.js';
import { validateOptions } from '../validate-options.js';
import type { MessageInput } from './read-messages.js';
import { RunTotals } from './run-totals.js';
import { checkShard, inputList, totalBytesOf } from './scan-batches.js';
import { scanPipeline } from './scan-pipeline.js';
import type { ScanInput, ScanItem, ScanMessage, ScanOptions } from './scan-types.js';
import { defaultWorkerScript } from './worker-script.js';

/** 64 worker threads: more than any machine we run on has cores; a typo such as `jobs: 1000` must not fork-bomb. */
export const MAX_JOBS = 64;

/** The analysis options alone (plain data that can be copied to a worker). */
function analyzeOptionsOf(options: ScanOptions): AnalyzeOptions {
  const { policy, trustedNetworks, trustedHosts, internalNetworks, internalHosts, providers, limits } = options;
  return {
    ...(policy === undefined ? {} : { policy }),
    ...(trustedNetworks === undefined ? {} : { trustedNetworks }),
    ...(trustedHosts === undefined ? {} : { trustedHosts }),
    ...(internalNetworks === undefined ? {} : { internalNetworks }),
    ...(internalHosts === undefined ? {} : { internalHosts }),
    ...(providers === undefined ? {} : { providers }),
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
  validateOptions(analyze);
  return { inputs, analyze, jobs };
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

async function* scanItems(inputs: readonly MessageInput[], options: ScanOptions, analyze: AnalyzeOptions, jobs: number): AsyncGenerator<ScanMessage | ScanItem> {
  const { signal, onProgress } = options;
  const totalBytes = onProgress === undefined ? undefined : await totalBytesOf(inputs);
  const totals = new RunTotals();
  const batches = scanPipeline(inputs, {
    plan: { analyze, nested: options.nested === true },
    jobs,
    workerScript: defaultWorkerScript(),
    ...(options.read === undefined ? {} : { read: options.read }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(totalBytes === undefined ? {} : { totalBytes }),
  });
  for await (const batch of batches) {
    for (let i = 0; i < batch.messages.length; i++) {
      // batches are read ahead: once aborted, not one more item
      if (signal?.aborted === true) signal.throwIfAborted();
      totals.add(batch.facts[i]!);
      yield batch.messages[i]!;
    }
  }
  signal?.throwIfAborted();
  yield totals.summary();
}
