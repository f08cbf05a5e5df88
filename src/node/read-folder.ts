/**
 * Folder walker: every file below a directory, in byte-wise name order, format detected by content (the names of
 * mail files say nothing reliable); Maildirs found on the way are read as Maildirs.
 * @module
 */
import { issue } from '../issues.js';
import type { DirectoryGuard } from './directory-guard.js';
import { describeError, faultRecord } from './read-faults.js';
import { isMaildir, readMaildirWith, SYMLINK_NOT_FOLLOWED } from './read-maildir.js';
import { descend, walkFrom, walkListing } from './walk-listing.js';
import { type MessageRecord, type ReadOptions, type ResolvedReadOptions } from './read-options.js';

const DOT = 0x2e;

/** Hidden entries (`.git`, `.DS_Store`, editor swap files, a report being written) are not filed mail. */
function isVisibleName(name: string): boolean {
  return name.charCodeAt(0) !== DOT;
}

/** Read a directory already entered in `guard`: a Maildir as such, anything else file by file, recursively. */
async function* readFolderWith(
  dir: string,
  options: ResolvedReadOptions,
  guard: DirectoryGuard,
  depth: number,
): AsyncGenerator<MessageRecord> {
  if (await isMaildir(dir, options)) {
    yield* readMaildirWith(dir, options, guard, depth);
    return;
  }
  yield* walkListing(dir, options, isVisibleName, 'discovered', async function* (entry) {
    if (entry.kind === 'directory') {
      yield* descend(entry.path, options, guard, depth, (path, d) => readFolderWith(path, options, guard, d));
    } else if (entry.kind === 'broken') {
      yield faultRecord(entry.path, 0, issue('IO_UNREADABLE', 'error', describeError(entry.error)));
    } else if (entry.kind === 'symlink') {
      if (options.nonMessages === 'report') yield faultRecord(entry.path, 0, issue('IO_NOT_A_MESSAGE', 'info', SYMLINK_NOT_FOLLOWED));
    } else if (options.nonMessages === 'report') {
      yield faultRecord(entry.path, 0, issue('IO_NOT_A_MESSAGE', 'info', 'not a regular file (FIFO, socket or device): not read'));
    }
  });
}

/**
 * Every message below `dir`, recursively, in byte-wise name order; each real directory read once (symlink loops
 * become a record with an issue). Files that are not mail are skipped unless `options.nonMessages` is `report`;
 * symbolic links below `dir` are not followed unless `options.followSymlinks` is set.
 */
export function readFolder(dir: string, options?: ReadOptions): AsyncGenerator<MessageRecord> {
  return walkFrom(dir, options, readFolderWith);
}
