/**
 * Byte sources as async iterables of fresh `Buffer`s (readers keep views into them, so no buffer is reused),
 * and a peek that looks at the first bytes without losing them.
 * @module
 */
import type { FileHandle } from 'node:fs/promises';
import { READ_CHUNK_BYTES } from './read-options.js';

/** Chunks of an open file until end of file; the caller owns (and closes) the handle. */
export async function* fileChunks(handle: FileHandle, chunkBytes: number = READ_CHUNK_BYTES): AsyncGenerator<Buffer> {
  for (;;) {
    const buffer = Buffer.allocUnsafeSlow(chunkBytes);
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
    if (bytesRead === 0) return;
    yield bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
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
