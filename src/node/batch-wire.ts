/**
 * A batch of records on its way to a worker thread: the raw messages packed into one transferable buffer (one move
 * instead of hundreds of copies), the rest as plain data.
 * @module
 */
import { headerPrefixLength } from '../headers/split.js';
import type { Issue } from '../types.js';
import type { MessageRecord } from './read-options.js';

/** A packed batch. */
export interface WireBatch {
  readonly meta: readonly { readonly source: string; readonly index: number; readonly byteOffset: number | null; readonly issues: readonly Issue[] }[];
  /** Byte length of each message in `buffer`, in order. */
  readonly lengths: readonly number[];
  readonly buffer: ArrayBuffer;
}

/**
 * Pack records; transfer `buffer` with the message. With `headerLimit` (no nested parts wanted) only each message's
 * header block is packed: the analysis never reads the body, and bodies are most of an archive's bytes.
 */
export function packBatch(records: readonly MessageRecord[], headerLimit: number | null = null): WireBatch {
  const sizes = records.map((r) => (headerLimit === null ? r.raw.length : headerPrefixBound(r.raw, headerLimit)));
  let total = 0;
  for (const n of sizes) total += n;
  const bytes = new Uint8Array(total);
  const lengths: number[] = [];
  const meta: WireBatch['meta'][number][] = [];
  let at = 0;
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    const n = sizes[k]!;
    bytes.set(n === r.raw.length ? r.raw : r.raw.subarray(0, n), at);
    at += n;
    lengths.push(n);
    meta.push({ source: r.source, index: r.index, byteOffset: r.byteOffset, issues: r.issues });
  }
  return { meta, lengths, buffer: bytes.buffer };
}

const LF_LF = Buffer.from('\n\n', 'latin1');
const CRLF_CRLF = Buffer.from('\r\n\r\n', 'latin1');
const CR = 0x0d;

/**
 * A prefix length that analyses exactly like the whole message (RFC 5322 §2.1: the header block ends at the first
 * empty line), found with Buffer's native search instead of a byte loop on the thread that reads the input. An
 * `LF LF` or `CR LF CR LF` ends an empty line wherever it stands, so the first one is at or past the block's end:
 * the prefix holds the whole block, and the bytes after its end are never read. Taken only where it is the block's
 * end (or, for a leading empty line, just past it): `LF LF` when no CR comes before it, `CR LF CR LF` when it
 * comes before any `LF LF`. Other line-end mixes, and no match within the limit, take the exact scan.
 */
export function headerPrefixBound(raw: Uint8Array, maxHeaderBytes: number): number {
  const window = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.length, maxHeaderBytes));
  const lf = window.indexOf(LF_LF);
  if (lf >= 0 && window.lastIndexOf(CR, lf) < 0) return lf + LF_LF.length;
  const crlf = window.indexOf(CRLF_CRLF);
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + CRLF_CRLF.length;
  return headerPrefixLength(raw, maxHeaderBytes);
}

/** Unpack into records whose `raw` are views into the one buffer. */
export function unpackBatch(batch: WireBatch): MessageRecord[] {
  const bytes = new Uint8Array(batch.buffer);
  const out: MessageRecord[] = [];
  let at = 0;
  batch.meta.forEach((m, i) => {
    const length = batch.lengths[i] ?? 0;
    out.push({ source: m.source, index: m.index, byteOffset: m.byteOffset, issues: m.issues, raw: bytes.subarray(at, at + length) });
    at += length;
  });
  return out;
}
