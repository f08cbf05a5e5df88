/**
 * The lines of an NDJSON file, plain or gzipped (told by its first two bytes, not its name: stdin has none), in
 * bounded memory: one chunk of input and one line at a time. A line longer than {@link MAX_RECORD_BYTES} is not
 * kept: it is passed over to its end and reported as `{ tooLong }`, so a corrupt file (no newline for gigabytes)
 * cannot take the memory.
 * @module
 */
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * 64 MiB per record: a message record is about 800 bytes per hop, so this holds the 1,000-hop chains the analyser
 * reads by default with room to spare; anything longer is not a record this tool wrote with its defaults.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** One line: its text (without the newline) or, when it was too long to keep, its length. */
export type Line = { readonly text: string; readonly number: number } | { readonly tooLong: number; readonly number: number };

const NEWLINE = 0x0a;

function isGzip(chunk: Uint8Array): boolean {
  return chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

/** The chunks of `source`, gunzipped when they start with the gzip magic bytes. */
async function* plainChunks(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done === true) return;
  const head = typeof first.value === 'string' ? Buffer.from(first.value) : first.value;
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    try {
      yield head;
      for (;;) {
        const next = await it.next();
        if (next.done === true) return;
        yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      }
    } finally {
      // Stopped early (a reader that has seen enough): the file is closed now, not when collected.
      await it.return?.();
    }
  };
  if (!isGzip(head)) {
    yield* rest();
    return;
  }
  const raw = Readable.from(rest(), { objectMode: false });
  const gunzip = createGunzip();
  // pipeline, not pipe: a read error reaches the gunzip stream, so the loop below ends with it.
  pipeline(raw, gunzip, () => undefined);
  try {
    for await (const chunk of gunzip as AsyncIterable<Uint8Array>) yield chunk;
  } finally {
    raw.destroy();
    gunzip.destroy();
  }
}

/** The lines of `source` (a file stream, stdin); a last line without a newline counts, an empty one does not. */
export async function* readLines(source: AsyncIterable<Uint8Array | string>, maxBytes: number = MAX_RECORD_BYTES): AsyncGenerator<Line> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let overflow = false;
  let number = 0;
  const finish = (): Line => {
    number++;
    const line: Line = overflow ? { tooLong: size, number } : { text: Buffer.concat(parts, size).toString('utf8'), number };
    parts = [];
    size = 0;
    overflow = false;
    return line;
  };
  for await (const chunk of plainChunks(source)) {
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, from);
      const end = nl < 0 ? chunk.length : nl;
      size += end - from;
      if (!overflow && size > maxBytes) {
        // Past the limit: drop what was kept and only count the rest of the line.
        overflow = true;
        parts = [];
      }
      if (!overflow && end > from) parts.push(chunk.subarray(from, end));
      if (nl < 0) break;
      yield finish();
      from = nl + 1;
    }
  }
  if (size > 0 || overflow) yield finish();
}
