/**
 * Shapes of `scan()`: its options, its progress callback and the items it yields.
 * @module
 */
import type { AnalyzeOptions } from '../options.js';
import type { ScanSummary } from '../summary/types.js';
import type { MessageInput } from './read-messages.js';
import type { ReadOptions } from './read-options.js';

/** What `scan` reads: one input or several, in order (paths, `-` for stdin, streams). */
export type ScanInput = MessageInput | readonly MessageInput[];

/** Where a scan stands; `totalBytes` only when every input is a plain (not gzipped) file of known size. */
export interface ScanProgress {
  /** Messages read so far (shard-skipped ones included: they were read). */
  readonly messages: number;
  /** Message bytes read so far. */
  readonly bytes: number;
  /** Total bytes to read, when known (see above): lets a caller show a percentage. */
  readonly totalBytes?: number;
}

/** Take every `count`-th message, starting with the `index`-th (1-based): shard `k/n` of a batch run. */
export interface ScanShard {
  /** Which shard, 1-based (`1..count`). */
  readonly index: number;
  /** How many shards the run is split into. */
  readonly count: number;
}

/** Options of `scan`: the analysis options plus how to read, fan out and report progress. */
export interface ScanOptions extends AnalyzeOptions {
  /** Also analyse nested `message/rfc822` parts (forwards, bounces); uses a MIME parse on multipart messages only. */
  readonly nested?: boolean;
  /** Stops the scan: the iteration rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each batch of messages and once at the end. */
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Options of the archive readers. */
  readonly read?: ReadOptions;
  /**
   * Worker threads that run the analysis (default 1 = in this thread; at most `os.availableParallelism()`, more is
   * capped there). Output order never changes.
   */
  readonly jobs?: number;
  /** Analyse only shard `index` of `count` (by message order over all inputs). */
  readonly shard?: ScanShard;
}

export type { ScanMessage } from '../summary/scan-message.js';
import type { ScanMessage } from '../summary/scan-message.js';

/** What `scan` yields: messages in input order, then one summary. */
export type ScanItem = ScanMessage | ScanSummary;
