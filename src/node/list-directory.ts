/**
 * Directory listing in a deterministic order (names sorted byte-wise, as `LC_ALL=C ls` does) with symlinks
 * resolved, so scans of the same tree always yield the same records in the same order.
 * @module
 */
import type { Dirent } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What an entry is after following symlinks; `broken` = a symlink whose target cannot be stat'ed. */
export type EntryKind = 'file' | 'directory' | 'other' | 'broken';

/** One directory entry. */
export interface DirectoryEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: EntryKind;
  /** Why `kind` is `broken`; `null` otherwise. */
  readonly error: unknown;
}

/** A sorted listing; `truncated` when the directory held more than `maxEntries` names. */
export interface DirectoryListing {
  readonly entries: readonly DirectoryEntry[];
  readonly truncated: boolean;
}

function byteOrder(a: { key: Buffer }, b: { key: Buffer }): number {
  return Buffer.compare(a.key, b.key);
}

async function kindOf(dirent: Dirent, path: string): Promise<{ kind: EntryKind; error: unknown }> {
  if (dirent.isFile()) return { kind: 'file', error: null };
  if (dirent.isDirectory()) return { kind: 'directory', error: null };
  if (!dirent.isSymbolicLink() && (dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice())) {
    return { kind: 'other', error: null };
  }
  try {
    const info = await stat(path);
    return { kind: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other', error: null };
  } catch (error) {
    return { kind: 'broken', error };
  }
}

/**
 * List `dir` sorted byte-wise by name, following symlinks to classify entries; `accept` filters names before any
 * `stat`. Throws the `opendir` error (the caller reports it).
 */
export async function listDirectory(
  dir: string,
  maxEntries: number,
  accept: (name: string) => boolean = () => true,
): Promise<DirectoryListing> {
  const found: { key: Buffer; dirent: Dirent }[] = [];
  let truncated = false;
  // for-await closes the directory handle on completion, on break and on error.
  for await (const dirent of await opendir(dir, { bufferSize: 256 })) {
    if (!accept(dirent.name)) continue;
    if (found.length >= maxEntries) {
      truncated = true;
      break;
    }
    found.push({ key: Buffer.from(dirent.name, 'utf8'), dirent });
  }
  found.sort(byteOrder);
  const entries: DirectoryEntry[] = [];
  for (const { dirent } of found) {
    const path = join(dir, dirent.name);
    const { kind, error } = await kindOf(dirent, path);
    entries.push({ name: dirent.name, path, kind, error });
  }
  return { entries, truncated };
}
