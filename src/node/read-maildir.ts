/**
 * Maildir reader: the messages in `cur/` then `new/` (never `tmp/`, where deliveries are still being written), then
 * Maildir++ sub-folders (`.Sent/`, `.Archive.2019/`), each in byte-wise name order.
 * @module
 */
import { lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { issue } from '../issues.js';
import type { DirectoryGuard } from './directory-guard.js';
import { fsPath } from './fs-path.js';
import { listDirectory, type DirectoryEntry, type ListingEnd } from './list-directory.js';
import { describeError, faultRecord } from './read-faults.js';
import { descend, walkFrom, walkListing } from './walk-listing.js';
import { type MessageRecord, type ReadOptions, type ResolvedReadOptions } from './read-options.js';

/** The issue text of a symbolic link that a walk did not follow. */
export const SYMLINK_NOT_FOLLOWED = 'a symbolic link: not followed (followSymlinks is off)';

async function isDirectory(path: string, follow: boolean): Promise<boolean> {
  try {
    return (follow ? await stat(fsPath(path)) : await lstat(fsPath(path))).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `true` when `dir` has `cur/` and `new/` sub-directories (`tmp/` is often missing from copies and backups); links
 * to directories count only with `followSymlinks`.
 */
export async function isMaildir(dir: string, options: { readonly followSymlinks: boolean } = { followSymlinks: false }): Promise<boolean> {
  return (await isDirectory(join(dir, 'cur'), options.followSymlinks)) && (await isDirectory(join(dir, 'new'), options.followSymlinks));
}

const DOT = 0x2e;

/** Maildir readers skip names starting with `.` in `cur/` and `new/` (they are never deliveries). */
function isDeliveryName(name: string): boolean {
  return name.charCodeAt(0) !== DOT;
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
    } else if (entry.kind === 'symlink') {
      yield faultRecord(entry.path, 0, issue('IO_UNREADABLE', 'warning', SYMLINK_NOT_FOLLOWED));
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
  const listing = listDirectory(dir, { maxEntries: options.maxDirectoryEntries, accept: isSubfolderName, followSymlinks: options.followSymlinks });
  for (;;) {
    let step: IteratorResult<DirectoryEntry, ListingEnd>;
    try {
      step = await listing.next();
    } catch (error) {
      yield faultRecord(dir, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
      return;
    }
    if (step.done === true) return;
    const entry = step.value;
    if (entry.kind !== 'directory' || !(await isMaildir(entry.path, options))) continue;
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
