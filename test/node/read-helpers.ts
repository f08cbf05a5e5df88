/** Shared helpers for the archive-reader tests (not a test file itself). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { MessageRecord } from '../../src/node/read-options.js';

/** Drain an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A byte stream cut into the given chunk sizes (the last chunk takes the rest). */
export async function* chunked(bytes: Uint8Array, sizes: readonly number[] = [bytes.length]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) return;
    const end = Math.min(bytes.length, at + Math.max(1, size));
    yield Buffer.from(bytes.subarray(at, end));
    at = end;
  }
  if (at < bytes.length) yield Buffer.from(bytes.subarray(at));
}

/** A Node readable that delivers `bytes` then fails with `error`. */
export function failingStream(bytes: Uint8Array, error: Error): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.from(bytes));
      } else this.destroy(error);
    },
  });
}

/** Records as comparable plain data: raw as latin1 text, issues as codes. */
export function summarise(records: readonly MessageRecord[]): { index: number; byteOffset: number | null; raw: string; codes: string[] }[] {
  return records.map((r) => ({
    index: r.index,
    byteOffset: r.byteOffset,
    raw: Buffer.from(r.raw).toString('latin1'),
    codes: r.issues.map((i) => i.code),
  }));
}

/** A fresh temporary directory and its remover. */
export async function tempDir(label: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `rcvd-${label}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
