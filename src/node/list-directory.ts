/**
 * Directory listing in a deterministic order (names sorted byte-wise, as `LC_ALL=C ls` does), so scans of the same
 * tree always yield the same records in the same order — in bounded memory. Sorting needs every name, and a Maildir
 * `cur/` of a million files held as objects would take gigabytes; so a large directory is listed in passes: each pass
 * reads the whole directory again (streamed by `opendir`) and keeps only the next {@link LISTING_PASS_NAMES} names
 * in order. Names are read as bytes: a name that is not UTF-8 is kept whole (see `fs-path.ts`).
 * @module
 */
import type { Dirent } from 'node:fs';
import { lstat, opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsPath, nameFromBytes } from './fs-path.js';

/**
 * 65,536 names kept per pass (twice that held while a pass sorts: about 20 MB): a Maildir of a million files costs
 * 16 passes of `readdir`, little beside opening a million files, instead of memory in proportion to its size.
 */
const LISTING_PASS_NAMES = 65_536;

/**
 * What an entry is. `symlink` = a link not followed; with `followSymlinks` links are classified by their target,
 * and `broken` is one whose target cannot be stat'ed.
 */
type EntryKind = 'file' | 'directory' | 'symlink' | 'other' | 'broken';

/** One directory entry. */
export interface DirectoryEntry {
  /** The name, non-UTF-8 bytes kept as lone surrogates (`nameFromBytes`). */
  readonly name: string;
  readonly path: string;
  readonly kind: EntryKind;
  /** Why `kind` is `broken`; `null` otherwise. */
  readonly error: unknown;
}

/** How a directory is listed. */
export interface ListOptions {
  /** Names yielded at most; the listing then ends with `truncated`. */
  readonly maxEntries: number;
  /** Filters names before anything else is done with them; it gets the name's bytes as Latin-1 (one character each). */
  readonly accept?: (bytes: string) => boolean;
  /** Classify symlinks by what they point to (`stat`), instead of as `symlink`. */
  readonly followSymlinks: boolean;
  /** Names kept per pass (default {@link LISTING_PASS_NAMES}; tests set it low to make several passes). */
  readonly passNames?: number;
}

/** What a listing returns once every entry is yielded: `truncated` when it held more than `maxEntries` names. */
export interface ListingEnd {
  readonly truncated: boolean;
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The smallest `keep` accepted names after `after`, sorted; `more` when names past them were left for later. Names
 * are read as Latin-1: one character per byte, so nothing is lost and comparing the strings compares the bytes
 * (no Buffer per name).
 */
async function nextPass(dir: string, after: string | null, keep: number, accept: (bytes: string) => boolean): Promise<{ names: Dirent[]; more: boolean }> {
  let found: Dirent[] = [];
  // Once `found` has been cut, the largest name kept: anything at or past it waits for a later pass.
  let ceiling: string | null = null;
  let more = false;
  // for-await closes the handle on completion, on break and on error.
  for await (const dirent of await opendir(fsPath(dir) as string, { bufferSize: 256, encoding: 'latin1' })) {
    const name = dirent.name;
    if ((after !== null && name <= after) || !accept(name)) continue;
    if (ceiling !== null && name >= ceiling) {
      more = true;
      continue;
    }
    found.push(dirent);
    // Cut back to `keep` only now and then, so the sorting costs O(n log keep) over the whole pass.
    if (found.length >= 2 * keep) {
      found.sort(byName);
      found = found.slice(0, keep);
      ceiling = found[keep - 1]!.name;
      more = true;
    }
  }
  found.sort(byName);
  if (found.length > keep) {
    found = found.slice(0, keep);
    more = true;
  }
  return { names: found, more };
}

/** What a symlink points to (`broken` when that cannot be stat'ed). */
async function target(path: string): Promise<{ kind: EntryKind; error: unknown }> {
  try {
    const info = await stat(fsPath(path));
    return { kind: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other', error: null };
  } catch (error) {
    return { kind: 'broken', error };
  }
}

async function entryOf(dir: string, dirent: Dirent, followSymlinks: boolean): Promise<DirectoryEntry> {
  const name = nameFromBytes(Buffer.from(dirent.name, 'latin1'));
  const path = join(dir, name);
  const entry = (kind: EntryKind, error: unknown = null): DirectoryEntry => ({ name, path, kind, error });
  let link = dirent.isSymbolicLink();
  if (dirent.isFile()) return entry('file');
  if (dirent.isDirectory()) return entry('directory');
  if (dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice()) return entry('other');
  if (!link) {
    // DT_UNKNOWN: some file systems do not say; ask without following a link.
    try {
      const info = await lstat(fsPath(path));
      link = info.isSymbolicLink();
      if (!link) return entry(info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other');
    } catch (error) {
      return entry('broken', error);
    }
  }
  if (!followSymlinks) return entry('symlink');
  const { kind, error } = await target(path);
  return entry(kind, error);
}

/**
 * The entries of `dir`, sorted byte-wise by name, each classified when it is reached (a directory that changes
 * during the walk gives what each pass saw). Throws the `opendir` error (the caller reports it); returns whether
 * the listing was cut at `maxEntries`.
 */
export async function* listDirectory(dir: string, options: ListOptions): AsyncGenerator<DirectoryEntry, ListingEnd> {
  const keep = Math.max(1, options.passNames ?? LISTING_PASS_NAMES);
  const accept = options.accept ?? (() => true);
  let after: string | null = null;
  let listed = 0;
  for (;;) {
    const pass = await nextPass(dir, after, keep, accept);
    for (const dirent of pass.names) {
      if (listed >= options.maxEntries) return { truncated: true };
      listed++;
      yield await entryOf(dir, dirent, options.followSymlinks);
    }
    const last = pass.names.at(-1);
    if (!pass.more || last === undefined) return { truncated: false };
    after = last.name;
  }
}
