/**
 * Read a run of files in order while the next few are already being read: a Maildir of 100,000 small files is
 * bound by open/stat/read/close latency, not by parsing, so overlapping those calls is most of the speed.
 * @module
 */
import { issue } from '../issues.js';
import { fileChunks } from './read-chunks.js';
import { readContent, type ContentOrigin } from './read-content.js';
import { describeError, faultRecord } from './read-faults.js';
import { openMessageFile, readFileWith } from './read-file.js';
import type { MessageRecord, ResolvedReadOptions } from './read-options.js';

/** 16 files in flight: enough to hide I/O latency; with the size cap below, at most 4 MiB held ahead. */
const PREFETCH_FILES = 16;
/** 256 KiB: files up to this size are read whole ahead of their turn; larger files (mboxes) stream when reached. */
const PREFETCH_MAX_BYTES = 256 * 1024;

/** Every record of a small regular file, or `null` when the file must be read in turn (large, or not a file). */
async function readSmallFile(path: string, options: ResolvedReadOptions, origin: ContentOrigin): Promise<MessageRecord[] | null> {
  let handle;
  try {
    handle = await openMessageFile(path, origin, options.followSymlinks);
  } catch (error) {
    return [faultRecord(path, 0, issue('IO_UNREADABLE', 'error', describeError(error)))];
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > PREFETCH_MAX_BYTES) return null;
    const records: MessageRecord[] = [];
    for await (const record of readContent(fileChunks(handle, stat.size), path, options, origin)) records.push(record);
    return records;
  } catch (error) {
    return [faultRecord(path, 0, issue('IO_UNREADABLE', 'error', describeError(error)))];
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The records of `paths`, in the order given, exactly as {@link readFileWith} would yield them one file after the
 * other; up to {@link PREFETCH_FILES} small files are read ahead. Stopping early lets the reads in flight finish
 * and close their files on their own.
 */
export async function* readFileRun(
  paths: readonly string[],
  options: ResolvedReadOptions,
  origin: ContentOrigin,
): AsyncGenerator<MessageRecord> {
  const ahead: Promise<MessageRecord[] | null>[] = [];
  let started = 0;
  for (const path of paths) {
    while (started < paths.length && ahead.length < PREFETCH_FILES) {
      const next = paths[started++];
      if (next !== undefined) ahead.push(readSmallFile(next, options, origin));
    }
    const records = await ahead.shift();
    if (records === null || records === undefined) yield* readFileWith(path, options, origin);
    else yield* records;
  }
}
