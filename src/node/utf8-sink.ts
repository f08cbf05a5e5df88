/**
 * Text appended as UTF-8 (WHATWG Encoding §8.3.1, RFC 3629) into one growing buffer that is handed over whole: a
 * worker's batch output is encoded once, where it is made, and moved to the main thread without a second copy.
 * @module
 */
import { BufferShelf } from './buffer-shelf.js';

/** The first buffer: one batch of ndjson is about 2 MB, so a batch rarely grows it more than once. */
const UTF8_SINK_INITIAL_BYTES = 1024 * 1024;

/** UTF-8 needs at most 3 bytes per UTF-16 code unit (a surrogate pair is 2 units and 4 bytes). */
const MAX_BYTES_PER_UNIT = 3;

/** The next buffer has room for the last output and this much more: batches of one run are much alike. */
const NEXT_BUFFER_HEADROOM = 1.25;

/**
 * A growing UTF-8 byte buffer; `take()` gives what was written and starts the next buffer, a spare given back with
 * `reuse()` when one is large enough.
 */
export class Utf8Sink {
  readonly #initialBytes: number;
  readonly #spares = new BufferShelf();
  #buffer: Buffer<ArrayBuffer>;
  #length = 0;
  /** The longest output taken so far: a new buffer is made large enough for it, so that it fits when reused. */
  #largest = 0;

  constructor(initialBytes: number = UTF8_SINK_INITIAL_BYTES) {
    this.#initialBytes = Math.max(16, initialBytes);
    this.#buffer = Buffer.allocUnsafeSlow(this.#initialBytes);
  }

  /** Keep `buffer` (one that `take()` gave out and whose bytes were used) for a later batch. */
  reuse(buffer: ArrayBuffer): void {
    this.#spares.put(buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Append `text` encoded as UTF-8 (a lone surrogate becomes U+FFFD, as `Buffer.from` writes it). */
  appendText(text: string): void {
    this.#reserve(text.length * MAX_BYTES_PER_UNIT);
    this.#length += this.#buffer.write(text, this.#length, 'utf8');
  }

  /**
   * The bytes written, as a view on a buffer of their own (never Node's shared pool, so it may be transferred to
   * another thread); the sink starts a new buffer, sized from this output, for what comes next.
   */
  take(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.#buffer.buffer, this.#buffer.byteOffset, this.#length);
    this.#largest = Math.max(this.#largest, this.#length);
    this.#buffer = this.#allocate(Math.max(this.#initialBytes, Math.ceil(this.#length * NEXT_BUFFER_HEADROOM)));
    this.#length = 0;
    return out;
  }

  /**
   * Room for `more` bytes: the capacity at least doubles, so appending n bytes copies O(n) in all. A grown buffer is
   * always new: the spares are sized for whole outputs, so asking the shelf for twice a buffer would only make it
   * drop one that fits the next output.
   */
  #reserve(more: number): void {
    const need = this.#length + more;
    if (need <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(need, this.#buffer.length * 2));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }

  /**
   * A buffer of its own (never Node's shared pool) of at least `bytes`: a spare if one fits, else a new one with
   * room for the longest output so far (outputs of one run vary by a factor of 3; a buffer sized for the last one
   * would often be too small when it comes back).
   */
  #allocate(bytes: number): Buffer<ArrayBuffer> {
    const spare = this.#spares.take(bytes);
    if (spare !== undefined) return Buffer.from(spare);
    return Buffer.allocUnsafeSlow(Math.max(bytes, Math.ceil(this.#largest * NEXT_BUFFER_HEADROOM)));
  }
}
