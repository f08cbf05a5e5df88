/**
 * The reading half of a scan: every input in order, through the archive readers, cut into batches; the shard
 * filter, the progress callback and the abort signal live here.
 * @module
 */
import { open, stat } from 'node:fs/promises';
import { hasCfbMagic } from './cfb-check.js';
import { hasPstMagic } from './detect-format.js';
import { fsPath } from './fs-path.js';
import { readMessages, type MessageInput } from './read-messages.js';
import type { MessageRecord, ReadOptions } from './read-options.js';
import type { ScanInput, ScanProgress, ScanShard } from './scan-types.js';

/** 256 messages per batch: few enough to keep memory small, enough to amortise a worker round trip. */
const BATCH_MESSAGES = 256;
/** 8 MiB of raw messages per batch: a batch of huge messages is cut early so memory stays bounded. */
const BATCH_BYTES = 8 * 1024 * 1024;

/** The inputs as a list (a single stream or path is a list of one). */
export function inputList(input: ScanInput): readonly MessageInput[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) return input as readonly MessageInput[];
  return [input as MessageInput];
}

/** Check a shard; `TypeError` unless `1 ≤ index ≤ count` are integers. */
export function checkShard(shard: ScanShard | undefined): void {
  if (shard === undefined) return;
  const { index, count } = shard;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new TypeError(`shard must be { index: 1..count, count ≥ 1 }, got ${String(index)}/${String(count)}`);
  }
}

/** Bytes enough for the gzip, [MS-CFB] and [MS-PST] signatures. */
const HEAD_BYTES = 10;
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Total size of the inputs when every one is a plain file: a gzip or a folder has no size we can compare to, and
 * neither has an Outlook `.msg`/`.pst`/`.ost`, whose records carry only the header blocks out of a much larger file.
 */
export async function totalBytesOf(inputs: readonly MessageInput[]): Promise<number | undefined> {
  let total = 0;
  for (const input of inputs) {
    if (typeof input !== 'string' || input === '-') return undefined;
    try {
      const s = await stat(fsPath(input));
      if (!s.isFile()) return undefined;
      const handle = await open(fsPath(input), 'r');
      try {
        const head = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
        if (bytesRead >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1) return undefined;
        if (hasCfbMagic(head.subarray(0, bytesRead)) || hasPstMagic(head.subarray(0, bytesRead))) return undefined;
      } finally {
        await handle.close();
      }
      total += s.size;
    } catch {
      return undefined;
    }
  }
  return total;
}

/**
 * The next record, or a rejection as soon as `signal` aborts — a stalled source (a network stream waiting for
 * data) must not hold an aborted scan open. The reader is then closed as soon as its pending read settles.
 */
async function raceAbort(records: AsyncGenerator<MessageRecord>, signal: AbortSignal): Promise<IteratorResult<MessageRecord>> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const pending = records.next();
  try {
    return await Promise.race([pending, aborted]);
  } catch (error) {
    if (signal.aborted) void pending.then(() => records.return(undefined)).catch(() => undefined);
    throw error;
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/** How batches are read. */
export interface BatchReadOptions {
  readonly read?: ReadOptions;
  readonly shard?: ScanShard;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly totalBytes?: number;
}

/**
 * Records of every input, in order, in batches of at most {@link BATCH_MESSAGES} messages or {@link BATCH_BYTES}
 * bytes. Records outside the shard are read (the position must be counted) but not yielded.
 */
export async function* readBatches(inputs: readonly MessageInput[], options: BatchReadOptions): AsyncGenerator<MessageRecord[]> {
  const { shard, signal, onProgress, totalBytes } = options;
  const every = shard?.count ?? 1;
  const keep = (shard?.index ?? 1) - 1;
  let ordinal = 0;
  let bytes = 0;
  let batch: MessageRecord[] = [];
  let batchBytes = 0;
  const report = (): void => {
    if (onProgress === undefined) return;
    onProgress(totalBytes === undefined ? { messages: ordinal, bytes } : { messages: ordinal, bytes, totalBytes });
  };
  signal?.throwIfAborted();
  for (const input of inputs) {
    const records = readMessages(input, options.read);
    try {
      for (;;) {
        const next = signal === undefined ? await records.next() : await raceAbort(records, signal);
        if (next.done === true) break;
        const record = next.value;
        if (signal?.aborted === true) signal.throwIfAborted();
        const mine = ordinal % every === keep;
        ordinal++;
        bytes += record.raw.length;
        if (ordinal % BATCH_MESSAGES === 0) report();
        if (!mine) continue;
        batch.push(record);
        batchBytes += record.raw.length;
        if (batch.length >= BATCH_MESSAGES || batchBytes >= BATCH_BYTES) {
          yield batch;
          batch = [];
          batchBytes = 0;
        }
      }
    } finally {
      // Closes files and cancels streams when the consumer stops early. An aborted read may still be pending, so
      // that close is not awaited: it runs when the read settles.
      if (signal?.aborted === true) void records.return(undefined).catch(() => undefined);
      else await records.return(undefined);
    }
  }
  signal?.throwIfAborted();
  report();
  if (batch.length > 0) yield batch;
}
