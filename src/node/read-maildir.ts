/**
 * Maildir reader: the messages in `cur/` then `new/` (never `tmp/`, where deliveries are still being written), then
 * Maildir++ sub-folders (`.Sent/`, `.Archive.2019/`), each in byte-wise name order.
 * @module
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { issue } from '../issues.js';
import type { DirectoryGuard } from './directory-guard.js';
import { listDirectory } from './list-directory.js';
import { describeError, faultRecord } from './read-faults.js';
import { descend, walkFrom, walkListing } from './walk-listing.js';
import { type MessageRecord, type ReadOptions, type ResolvedReadOptions } from './read-options.js';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `true` when `dir` has `cur/` and `new/` sub-directories (`tmp/` is often missing from copies and backups). */
export async function isMaildir(dir: string): Promise<boolean> {
  return (await isDirectory(join(dir, 'cur'))) && (await isDirectory(join(dir, 'new')));
}

/** Maildir readers skip names starting with `.` in `cur/` and `new/` (they are never deliveries). */
function isDeliveryName(name: string): boolean {
  return !name.startsWith('.');
}

/** A Maildir++ folder name: `.Name` at the Maildir root (`.` and `..` excluded). */
function isSubfolderName(name: string): boolean {
  return name.length > 1 && name.startsWith('.') && name !== '..';
}

function readDeliveries(dir: string, options: ResolvedReadOptions): AsyncGenerator<MessageRecord> {
  return walkListing(dir, options, isDeliveryName, 'maildir', async function* (entry) {
    if (entry.kind === 'directory') {
      yield faultRecord(entry.path, 0, issue('IO_UNREADABLE', 'warning', 'a directory where a message file was expected'));
    } else if (entry.kind === 'other') {
      yield faultRecord(entry.path, 0, issue('IO_UNREADABLE', 'warning', 'not a regular file (FIFO, socket or device): not read'));
    } else yield faultRecord(entry.path, 0, issue('IO_UNREADABLE', 'error', describeError(entry.error)));
  });
}

/**
 * Read a Maildir already entered in `guard`: `cur/`, `new/`, then Maildir++ sub-folders below `depth`
 * (each entered once, at most `maxDirectoryDepth` deep).
 */
export async function* readMaildirWith(
  dir: string,
  options: ResolvedReadOptions,
  guard: DirectoryGuard,
  depth: number,
): AsyncGenerator<MessageRecord> {
  yield* readDeliveries(join(dir, 'cur'), options);
  yield* readDeliveries(join(dir, 'new'), options);
  let listing;
  try {
    listing = await listDirectory(dir, options.maxDirectoryEntries, isSubfolderName);
  } catch (error) {
    yield faultRecord(dir, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
    return;
  }
  for (const entry of listing.entries) {
    if (entry.kind !== 'directory' || !(await isMaildir(entry.path))) continue;
    yield* descend(entry.path, options, guard, depth, (path, d) => readMaildirWith(path, options, guard, d));
  }
}

/**
 * Every message of a Maildir (cur/ + new/, never tmp/, then Maildir++ `.Sub/` folders), one record per file,
 * `index` 0 and `byteOffset` null. Never throws on I/O; invalid `options` throw `TypeError`.
 */
export function readMaildir(dir: string, options?: ReadOptions): AsyncGenerator<MessageRecord> {
  return walkFrom(dir, options, readMaildirWith);
}
