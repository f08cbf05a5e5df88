/**
 * The loop both directory readers share: list a directory (a fault record when it cannot be listed), read runs of
 * files with read-ahead, hand every other entry to the caller, and say when the listing was cut.
 * @module
 */
import { issue } from '../issues.js';
import { DirectoryGuard } from './directory-guard.js';
import { listDirectory, type DirectoryEntry } from './list-directory.js';
import { readFileRun } from './read-file-run.js';
import { describeError, faultRecord } from './read-faults.js';
import { resolveReadOptions, type MessageRecord, type ReadOptions, type ResolvedReadOptions } from './read-options.js';

type ContentOrigin = Parameters<typeof readFileRun>[2];

/** Walk one directory's listing in byte-wise name order; `onOther` gets every entry that is not a regular file. */
export async function* walkListing(
  dir: string,
  options: ResolvedReadOptions,
  accept: (name: string) => boolean,
  origin: ContentOrigin,
  onOther: (entry: DirectoryEntry) => AsyncIterable<MessageRecord>,
): AsyncGenerator<MessageRecord> {
  let listing;
  try {
    listing = await listDirectory(dir, options.maxDirectoryEntries, accept);
  } catch (error) {
    yield faultRecord(dir, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
    return;
  }
  const { entries } = listing;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined) break;
    if (entry.kind === 'file') {
      // A run of files (up to the next non-file) is read with read-ahead; nothing is held across a sub-folder.
      let end = i + 1;
      while (entries[end]?.kind === 'file') end++;
      yield* readFileRun(entries.slice(i, end).map((e) => e.path), options, origin);
      i = end - 1;
    } else yield* onOther(entry);
  }
  if (listing.truncated) {
    yield faultRecord(dir, 0, issue('IO_TRUNCATED', 'warning', `more than ${options.maxDirectoryEntries} entries; the rest not read`));
  }
}

/**
 * Descend into a sub-directory one level below `depth`: a fault record when it is too deep or already entered
 * (a symlink loop), else `read`'s records, leaving the guard however the iteration ends.
 */
export async function* descend(
  path: string,
  options: ResolvedReadOptions,
  guard: DirectoryGuard,
  depth: number,
  read: (path: string, depth: number) => AsyncIterable<MessageRecord>,
): AsyncGenerator<MessageRecord> {
  if (depth + 1 > options.maxDirectoryDepth) {
    yield faultRecord(path, 0, issue('IO_UNREADABLE', 'warning', `deeper than ${options.maxDirectoryDepth} levels; not read`));
    return;
  }
  const entered = await guard.enter(path);
  if (!entered.entered) {
    yield faultRecord(path, 0, entered.issue);
    return;
  }
  try {
    yield* read(path, depth + 1);
  } finally {
    guard.leave(entered.real);
  }
}

/**
 * A directory reader's public entry: check the arguments now (a `TypeError` at the call, not at the first
 * iteration), then enter `dir` in a fresh guard — a fault record when it cannot be entered — and run `read` at depth 0.
 */
export function walkFrom(
  dir: string,
  options: ReadOptions | undefined,
  read: (dir: string, options: ResolvedReadOptions, guard: DirectoryGuard, depth: number) => AsyncIterable<MessageRecord>,
): AsyncGenerator<MessageRecord> {
  if (typeof dir !== 'string') throw new TypeError('dir must be a string');
  const resolved = resolveReadOptions(options);
  return (async function* () {
    const guard = new DirectoryGuard();
    const entered = await guard.enter(dir);
    if (!entered.entered) {
      yield faultRecord(dir, 0, entered.issue);
      return;
    }
    yield* read(dir, resolved, guard, 0);
  })();
}
