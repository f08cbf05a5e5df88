/**
 * A batch of records on its way to a worker thread: the raw messages packed into one transferable buffer (one move
 * instead of hundreds of copies), the rest as plain data.
 * @module
 */
import { headerPrefixLength } from '../headers/split.js';
import type { Issue } from '../types.js';
import type { BufferShelf } from './buffer-shelf.js';
import type { EmbeddedMessage, MessageRecord } from './read-options.js';

/** A packed batch. */
export interface WireBatch {
  readonly meta: readonly { readonly source: string; readonly index: number; readonly byteOffset: number | null; readonly issues: readonly Issue[]; readonly embedded?: readonly EmbeddedMessage[] }[];
  /** Byte length of each message in `buffer`, in order (from its start; the buffer may be longer). */
  readonly lengths: readonly number[];
  readonly buffer: ArrayBuffer;
  /** Spare buffers for the worker's output, moved with the batch (see `BufferShelf`). */
  readonly spares: readonly ArrayBuffer[];
}

/** A worker's answer to a batch: its result, and the batch's buffer handed back for the next batch. */
export interface WireReply<O> {
  readonly result: O;
  readonly buffer: ArrayBuffer;
}

/**
 * A new batch buffer (when buffers are reused) has this much room over its first batch, and at least
 * {@link FRESH_BUFFER_MIN_BYTES}, so that later batches fit it when it comes back: the header blocks of a batch of
 * real mail stay under 1 MiB.
 */
const FRESH_BUFFER_HEADROOM = 1.25;
/** 1 MiB: see {@link FRESH_BUFFER_HEADROOM}. */
const FRESH_BUFFER_MIN_BYTES = 1024 * 1024;

/**
 * Pack records; transfer `buffer` (and `spares`) with the message. With `headerLimit` (no nested parts wanted) only
 * each message's header block is packed: the analysis never reads the body, and bodies are most of an archive's
 * bytes. The buffer is a spare from `shelf` when one is large enough.
 */
export function packBatch(records: readonly MessageRecord[], headerLimit: number | null = null, shelf?: BufferShelf, spares: readonly ArrayBuffer[] = []): WireBatch {
  const sizes = records.map((r) => (headerLimit === null ? r.raw.length : headerPrefixBound(r.raw, headerLimit)));
  let total = 0;
  for (const n of sizes) total += n;
  const reused = shelf?.take(total);
  const bytes = reused === undefined ? new Uint8Array(shelf === undefined ? total : Math.max(FRESH_BUFFER_MIN_BYTES, Math.ceil(total * FRESH_BUFFER_HEADROOM))) : new Uint8Array(reused);
  const lengths: number[] = [];
  const meta: WireBatch['meta'][number][] = [];
  let at = 0;
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    const n = sizes[k]!;
    bytes.set(n === r.raw.length ? r.raw : r.raw.subarray(0, n), at);
    at += n;
    lengths.push(n);
    meta.push({ source: r.source, index: r.index, byteOffset: r.byteOffset, issues: r.issues, ...(r.embedded === undefined ? {} : { embedded: r.embedded }) });
  }
  return { meta, lengths, buffer: bytes.buffer, spares };
}

const LF_LF = Buffer.from('\n\n', 'latin1');
const CRLF_CRLF = Buffer.from('\r\n\r\n', 'latin1');
const LF = 0x0a;
const CR = 0x0d;

/**
 * A prefix length that analyses exactly like the whole message (RFC 5322 §2.1: the header block ends at the first
 * empty line), found with Buffer's native search instead of a byte loop on the thread that reads the input. The
 * first line's end tells the style: with LF lines the block ends at the first `LF LF` when no CR comes before it,
 * with CR LF lines at the first `CR LF CR LF` when no `LF LF` comes before it (each ends an empty line wherever it
 * stands, so it is at or past the block's end, and the bytes after the end are never read). A search that finds
 * its pattern stops at the block's end; other line-end mixes, and no end within the limit, take the exact scan.
 */
export function headerPrefixBound(raw: Uint8Array, maxHeaderBytes: number): number {
  const window = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.length, maxHeaderBytes));
  const firstLf = window.indexOf(LF);
  if (firstLf > 0 && window[firstLf - 1] === CR) {
    const crlf = window.indexOf(CRLF_CRLF);
    if (crlf >= 0 && window.subarray(0, crlf).indexOf(LF_LF) < 0) return crlf + CRLF_CRLF.length;
  } else {
    const lf = window.indexOf(LF_LF);
    if (lf >= 0 && window.subarray(0, lf).indexOf(CR) < 0) return lf + LF_LF.length;
  }
  return headerPrefixLength(raw, maxHeaderBytes);
}

/** Unpack into records whose `raw` are views into the one buffer. */
export function unpackBatch(batch: WireBatch): MessageRecord[] {
  const bytes = new Uint8Array(batch.buffer);
  const out: MessageRecord[] = [];
  let at = 0;
  batch.meta.forEach((m, i) => {
    const length = batch.lengths[i] ?? 0;
    out.push({ source: m.source, index: m.index, byteOffset: m.byteOffset, issues: m.issues, raw: bytes.subarray(at, at + length), ...(m.embedded === undefined ? {} : { embedded: m.embedded }) });
    at += length;
  });
  return out;
}
