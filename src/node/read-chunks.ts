/**
 * Byte sources as async iterables of `Buffer`s, and a peek that looks at the first bytes without losing them. A
 * chunk is fresh unless its reader gave it back to the {@link ChunkRecycler} it was read with: readers keep views
 * into chunks, so only a reader that knows it holds none may do that.
 * @module
 */
import type { FileHandle } from 'node:fs/promises';
import { BufferShelf } from './buffer-shelf.js';
import { MAX_FROM_LINE_BYTES, READ_CHUNK_BYTES } from './read-options.js';

/**
 * Free bytes reserved in front of every chunk {@link fileChunks} yields: the mbox splitter puts the few bytes it
 * carries over from the previous chunk there instead of copying each 1 MiB chunk into a new window.
 */
const CHUNK_HEADROOM_BYTES = MAX_FROM_LINE_BYTES + 24;

/** Backing stores whose first {@link CHUNK_HEADROOM_BYTES} bytes belong to nobody (so a reader may write there). */
const withHeadroom = new WeakSet<ArrayBufferLike>();

/**
 * `chunk` with `prefix` copied into the free bytes just before it (no copy of `chunk`), or `null` when the chunk
 * has no such room (chunks from streams, zlib, or a prefix longer than the headroom).
 */
export function prependInPlace(prefix: Buffer, chunk: Buffer): Buffer | null {
  if (!withHeadroom.has(chunk.buffer) || chunk.byteOffset !== CHUNK_HEADROOM_BYTES || prefix.length > CHUNK_HEADROOM_BYTES) {
    return null;
  }
  withHeadroom.delete(chunk.buffer); // the room is used once
  const start = CHUNK_HEADROOM_BYTES - prefix.length;
  const joined = Buffer.from(chunk.buffer, start, prefix.length + chunk.length);
  prefix.copy(joined, 0);
  return joined;
}

/** 4 KiB buffers once a file is past its stat size (it is growing, or stat lied, as on some /proc files). */
const SMALL_CHUNK_BYTES = 4096;

/** 2 spare read buffers: with the chunk being split and the one being read ahead, the read cycles through four. */
const MAX_SPARE_CHUNKS = 2;

/**
 * Read buffers handed back for the next reads of the same file. A fresh 1 MiB buffer costs its page faults on
 * every read, and the allocator's heap grows with buffers freed out of order; reused ones cost neither.
 */
export class ChunkRecycler {
  readonly #spares = new BufferShelf(MAX_SPARE_CHUNKS);
  /** The backing stores this recycler made: only those come back. */
  readonly #own = new WeakSet<ArrayBufferLike>();

  /** A buffer of `bytes`, reused when a spare is large enough. */
  allocate(bytes: number): Buffer {
    const spare = this.#spares.take(bytes);
    if (spare !== undefined) return Buffer.from(spare, 0, bytes);
    const store = Buffer.allocUnsafeSlow(bytes);
    this.#own.add(store.buffer);
    return store;
  }

  /**
   * Give back `store`, the backing buffer of a chunk this recycler's reads yielded (any other is ignored): the
   * caller holds no view into it any more, nor does anyone it gave one.
   */
  release(store: ArrayBufferLike): void {
    if (this.#own.has(store)) this.#spares.put(store as ArrayBuffer);
  }
}

/**
 * Chunks of an open file until end of file; the caller owns (and closes) the handle. With `sizeHint` (the stat
 * size) buffers are sized to the file, so a folder of 100,000 small messages does not allocate 1 MiB per file.
 * With `recycler`, buffers its consumer released are read into again.
 */
export async function* fileChunks(
  handle: FileHandle,
  sizeHint: number | null = null,
  chunkBytes: number = READ_CHUNK_BYTES,
  recycler?: ChunkRecycler,
): AsyncGenerator<Buffer> {
  let position = 0;
  // Pipes and devices cannot seek: read them at the current position.
  const seekable = sizeHint !== null;
  const readNext = async (): Promise<{ chunk: Buffer; short: boolean } | null> => {
    // One byte more than expected, so a file read whole in one call is known to be at its end.
    const want = sizeHint === null ? chunkBytes : sizeHint - position >= 0 ? sizeHint - position + 1 : SMALL_CHUNK_BYTES;
    const size = Math.min(chunkBytes, Math.max(1, want));
    const store = recycler === undefined ? Buffer.allocUnsafeSlow(CHUNK_HEADROOM_BYTES + size) : recycler.allocate(CHUNK_HEADROOM_BYTES + size);
    const { bytesRead } = await handle.read(store, CHUNK_HEADROOM_BYTES, size, seekable ? position : null);
    if (bytesRead === 0) return null;
    position += bytesRead;
    withHeadroom.add(store.buffer);
    return { chunk: store.subarray(CHUNK_HEADROOM_BYTES, CHUNK_HEADROOM_BYTES + bytesRead), short: bytesRead < size };
  };
  type Outcome = { readonly value: Awaited<ReturnType<typeof readNext>> } | { readonly error: unknown };
  // Settled into a value so a failed read-ahead is never an unhandled rejection while the consumer works.
  const settle = (): Promise<Outcome> => readNext().then((value) => ({ value }), (error: unknown) => ({ error }));
  let next: Promise<Outcome> = settle();
  try {
    for (;;) {
      const outcome = await next;
      if ('error' in outcome) throw outcome.error;
      const got = outcome.value;
      if (got === null) return;
      const atEnd = sizeHint !== null && position === sizeHint && got.short;
      // Read ahead: the next read runs in the thread pool while the consumer splits this chunk.
      next = atEnd ? Promise.resolve({ value: null }) : settle();
      yield got.chunk;
      if (atEnd) return;
    }
  } finally {
    // Never leave a read in flight on a handle the caller is about to close.
    await next;
  }
}

/** Chunks of a Node readable (strings are encoded as UTF-8: a stream set to text mode still carries the bytes). */
export async function* nodeStreamChunks(stream: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  for await (const chunk of stream as AsyncIterable<unknown>) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else if (chunk instanceof Uint8Array) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else throw new TypeError('stream yielded something that is not bytes');
  }
}

/** Chunks of a WHATWG `ReadableStream<Uint8Array>`; cancels the stream when the consumer stops early. */
export async function* webStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const step = await reader.read();
      if (step.done) {
        done = true;
        return;
      }
      const chunk: unknown = step.value;
      if (!(chunk instanceof Uint8Array)) throw new TypeError('stream yielded something that is not a Uint8Array');
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** The first bytes of a source and the whole source again (head included); an error is deferred to `chunks`. */
export interface Peeked {
  /** At least `bytes` bytes, or the whole source when shorter (or when reading failed early). */
  readonly head: Buffer;
  /** The complete source, starting with `head`; rethrows a read error at the point it happened. */
  readonly chunks: AsyncIterable<Buffer>;
  /** The read error met while peeking (it is also rethrown by `chunks`); `null` when there was none. */
  readonly failure: { readonly error: unknown } | null;
  /** Release the source when `chunks` will not be read to the end (or at all). */
  close(): Promise<void>;
}

/** Read ahead until `bytes` are available, then replay them in front of the rest. */
export async function peekChunks(source: AsyncIterable<Buffer>, bytes: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let seenBytes = 0;
  let ended = false;
  let failure: { error: unknown } | null = null;
  try {
    while (seenBytes < bytes) {
      const step = await iterator.next();
      if (step.done === true) {
        ended = true;
        break;
      }
      seen.push(step.value);
      seenBytes += step.value.length;
    }
  } catch (error) {
    failure = { error };
  }
  const head = seen.length === 1 && seen[0] !== undefined ? seen[0] : Buffer.concat(seen);
  async function* replay(): AsyncGenerator<Buffer> {
    let finished = ended || failure !== null;
    try {
      if (head.length > 0) yield head;
      if (failure !== null) throw failure.error;
      while (!finished) {
        const step = await iterator.next();
        if (step.done === true) {
          finished = true;
          return;
        }
        yield step.value;
      }
    } finally {
      if (!finished) await iterator.return?.();
    }
  }
  const chunks = replay();
  const close = async (): Promise<void> => {
    await chunks.return(undefined);
    if (!ended && failure === null) await iterator.return?.();
  };
  return { head, chunks, failure, close };
}
