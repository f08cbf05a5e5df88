/**
 * `--jobs auto`: how many worker threads pay off. Each worker compiles the analyser afresh (about a second of CPU
 * before it runs at full speed) and shares the machine's cores with the thread that reads, so small inputs are
 * faster in one thread and only inputs of hundreds of megabytes gain from more.
 * @module
 */
import { availableParallelism } from 'node:os';
import { MAX_JOBS } from '../node/scan.js';

/** 128 MiB of input files before `auto` starts workers: below it their start-up costs more than they save. */
export const AUTO_JOBS_MIN_BYTES = 128 * 1024 * 1024;

/**
 * One thread per core (at most {@link MAX_JOBS}) when the inputs are plain files of at least
 * {@link AUTO_JOBS_MIN_BYTES} in all; otherwise 1 — also when the size cannot be known up front (stdin, gzip,
 * directories).
 */
export function autoJobs(totalBytes: number | undefined, cores: number = availableParallelism()): number {
  if (totalBytes === undefined || totalBytes < AUTO_JOBS_MIN_BYTES) return 1;
  return Math.min(MAX_JOBS, Math.max(1, cores));
}
