/**
 * What `rcvd summarize` reads: the files named, the record files inside the folders named (`*.ndjson`, `*.jsonl`,
 * either gzipped), and `-` for stdin. Folders are walked in code-unit order of their names (the same on every
 * machine, so the same folder gives the same order and the same summary), without following links, skipping dot
 * names (a report being written beside the records is a dot file).
 * @module
 */
import { createReadStream } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsPath } from '../../node/fs-path.js';
import { describeError } from '../../node/read-faults.js';

/** 100,000 record files under the folders named: a shard per file, far past any batch job; the list is held to be sorted. */
const MAX_RECORD_FILES = 100_000;

/** 64 KiB read at a time per file: with many shards open at once, their buffers are what the merge costs. */
const READ_CHUNK_BYTES = 64 * 1024;

const RECORD_SUFFIXES = ['.ndjson', '.ndjson.gz', '.jsonl', '.jsonl.gz'];

/** One file of records (or stdin). */
export interface RecordSource {
  /** The path as named or found, `-` for stdin. */
  readonly name: string;
  /** A new stream of its bytes; stdin can be opened once only. */
  open(): AsyncIterable<Uint8Array | string>;
}

/** Sources found, and one line per path that could not be read. */
export interface FoundSources {
  readonly sources: RecordSource[];
  readonly problems: string[];
}

function fileSource(path: string): RecordSource {
  return { name: path, open: () => createReadStream(fsPath(path), { highWaterMark: READ_CHUNK_BYTES }) };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The record files under `dir`, sorted, recursing into sub-folders; stops at {@link MAX_RECORD_FILES}. */
async function walk(dir: string, out: string[], problems: string[]): Promise<void> {
  const names: { name: string; folder: boolean }[] = [];
  try {
    for await (const entry of await opendir(fsPath(dir) as string)) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) names.push({ name: entry.name, folder: true });
      else if (entry.isFile() && RECORD_SUFFIXES.some((s) => entry.name.endsWith(s))) names.push({ name: entry.name, folder: false });
      if (names.length + out.length > MAX_RECORD_FILES) break;
    }
  } catch (error) {
    problems.push(`cannot read ${dir}: ${describeError(error)}`);
    return;
  }
  names.sort((a, b) => byCodeUnits(a.name, b.name));
  for (const { name, folder } of names) {
    if (out.length >= MAX_RECORD_FILES) {
      problems.push(`more than ${MAX_RECORD_FILES} record files under the folders named: the rest are left out`);
      return;
    }
    const path = join(dir, name);
    if (folder) await walk(path, out, problems);
    else out.push(path);
  }
}

/** The sources the paths name, in order; `stdin` for `-`. */
export async function findSources(paths: readonly string[], stdin: NodeJS.ReadableStream): Promise<FoundSources> {
  const sources: RecordSource[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      sources.push({ name: '-', open: () => stdin as AsyncIterable<Uint8Array | string> });
      continue;
    }
    let isDir: boolean;
    try {
      // A link named on the command line is followed (the user chose it); links inside folders are not.
      isDir = (await stat(fsPath(path))).isDirectory();
    } catch (error) {
      problems.push(`cannot read ${path}: ${describeError(error)}`);
      continue;
    }
    if (!isDir) {
      sources.push(fileSource(path));
      continue;
    }
    const found: string[] = [];
    await walk(path, found, problems);
    for (const f of found) sources.push(fileSource(f));
  }
  return { sources, problems };
}
