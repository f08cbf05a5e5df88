/**
 * Spare `ArrayBuffer`s kept for reuse between the threads of a scan: a batch's input buffer goes back to the main
 * thread with its result, a worker's output buffer goes back to a worker once its bytes are written. Fresh large
 * allocations are paid in page faults (the allocator hands a freed buffer back to the kernel, and the next one is
 * zero-filled page by page); a reused buffer is already mapped.
 * @module
 */

/** Spare buffers one shelf keeps at most: the batches in flight of two workers; more would only hold memory. */
export const MAX_SPARE_BUFFERS = 4;

/** A bounded set of spare buffers. */
export class BufferShelf {
  readonly #spares: ArrayBuffer[] = [];
  readonly #max: number;

  constructor(max: number = MAX_SPARE_BUFFERS) {
    this.#max = Math.max(0, max);
  }

  /** Spares on the shelf. */
  get size(): number {
    return this.#spares.length;
  }

  /** Keep `buffer` for later, unless the shelf is full or the buffer was detached (moved to another thread). */
  put(buffer: ArrayBuffer): void {
    if (buffer.byteLength > 0 && this.#spares.length < this.#max) this.#spares.push(buffer);
  }

  /**
   * The smallest spare of at least `bytes` (taken off the shelf), or `undefined`. When none is large enough the
   * smallest spare is dropped: the batches of one run are alike, so it would not fit the next request either, and
   * a shelf full of such buffers would turn away the larger ones coming back.
   */
  take(bytes: number): ArrayBuffer | undefined {
    let best = -1;
    let smallest = -1;
    for (let i = 0; i < this.#spares.length; i++) {
      const n = this.#spares[i]!.byteLength;
      if (n >= bytes && (best < 0 || n < this.#spares[best]!.byteLength)) best = i;
      if (smallest < 0 || n < this.#spares[smallest]!.byteLength) smallest = i;
    }
    if (best >= 0) return this.#spares.splice(best, 1)[0];
    if (smallest >= 0) this.#spares.splice(smallest, 1);
    return undefined;
  }

  /** Every spare (the shelf is left empty), to hand to another thread. */
  takeAll(): ArrayBuffer[] {
    return this.#spares.splice(0, this.#spares.length);
  }
}
