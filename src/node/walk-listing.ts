/**
 * The loop both directory readers share: list a directory (a fault record when it cannot be listed), read runs of
 * files with read-ahead, hand every other entry to the caller, and say when the listing was cut.
 * @module
 */
import { lstat } from 'node:fs/promises';
import { issue } from '../issues.js';
import { DirectoryGuard } from './directory-guard.js';
import { fsPath } from './fs-path.js';
import { listDirectory, type DirectoryEntry, type ListingEnd } from './list-directory.js';
import { readFileRun } from './read-file-run.js';
import { describeError, faultRecord } from './read-faults.js';
import { resolveReadOptions, type MessageRecord, type ReadOptions, type ResolvedReadOptions } from './read-options.js';

type ContentOrigin = Parameters<typeof readFileRun>[2];

/** 1,024 paths handed to the read-ahead at once: a run of files is read in slices this long, never listed whole. */
const FILE_RUN_PATHS = 1024;

/** Walk one directory's listing in byte-wise name order; `onOther` gets every entry that is not a regular file. */
export async function* walkListing(
  dir: string,
  options: ResolvedReadOptions,
  accept: (bytes: string) => boolean,
  origin: ContentOrigin,
  onOther: (entry: DirectoryEntry) => AsyncIterable<MessageRecord>,
): AsyncGenerator<MessageRecord> {
  const listing = listDirectory(dir, { maxEntries: options.maxDirectoryEntries, accept, followSymlinks: options.followSymlinks });
  let run: string[] = [];
  let end: ListingEnd;
  for (;;) {
    let step: IteratorResult<DirectoryEntry, ListingEnd>;
    try {
      step = await listing.next();
    } catch (error) {
      // The first pass failing means the directory cannot be listed; a later one, that it went away meanwhile.
      if (run.length > 0) yield* readFileRun(run, options, origin);
      yield faultRecord(dir, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
      return;
    }
    if (step.done === true) {
      end = step.value;
      break;
    }
    const entry = step.value;
    if (entry.kind === 'file') {
      // Runs of files are read with read-ahead; nothing is held across a sub-folder.
      run.push(entry.path);
      if (run.length < FILE_RUN_PATHS) continue;
    }
    if (run.length > 0) {
      yield* readFileRun(run, options, origin);
      run = [];
    }
    if (entry.kind !== 'file') yield* onOther(entry);
  }
  if (run.length > 0) yield* readFileRun(run, options, origin);
  if (end.truncated) {
    yield faultRecord(dir, 0, issue('IO_TRUNCATED', 'warning', `more than ${options.maxDirectoryEntries} entries; the rest not read`));
  }
}

/** `true` when `path` is a symlink now (a directory swapped for a link after it was listed). */
async function isLinkNow(path: string): Promise<boolean> {
  try {
    return (await lstat(fsPath(path))).isSymbolicLink();
  } catch {
    return false; // entering it reports why
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
  if (!options.followSymlinks && (await isLinkNow(path))) {
    yield faultRecord(path, 0, issue('IO_UNREADABLE', 'warning', 'became a symbolic link after it was listed; not followed'));
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
