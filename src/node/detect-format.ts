/**
 * Tell gzip, mbox, a single message and other files apart by their first bytes (names lie: the SpamAssassin
 * corpus is `.txt`, exports are `.eml`, `.mbx`, `.mail` or nothing at all).
 * @module
 */
import { isAlpha, isDigit } from '../text/chars.js';
import { hasCfbMagic } from './cfb-check.js';
import { MAX_FROM_LINE_BYTES } from './read-options.js';

/**
 * What the first bytes look like. `cfb` = a Compound File (an Outlook `.msg`), `pst` = an Outlook `.pst` or `.ost`;
 * `unknown` = not mail as far as we can tell.
 */
export type ContentFormat = 'empty' | 'gzip' | 'mbox' | 'message' | 'cfb' | 'pst' | 'unknown';

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const FROM_ = Buffer.from('From ', 'latin1');

/** `true` when `bytes[start..]` begins with `From ` followed by something other than white space. */
export function startsWithFromSpace(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 6) return false;
  for (let i = 0; i < 5; i++) if (bytes[start + i] !== FROM_[i]) return false;
  const next = bytes[start + 5];
  return next !== SP && next !== TAB && next !== CR && next !== LF;
}

/**
 * An mbox separator line: `From sender date` (the envelope line of RFC 4155 §2), with a `hh:mm` time somewhere in
 * it. Requiring the time keeps unquoted body lines such as `From home recordings to…` (mboxo writers often forget
 * them) from splitting a message. `end` is the index of the line's LF (or the end of the data).
 */
export function isFromLine(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start > MAX_FROM_LINE_BYTES || !startsWithFromSpace(bytes, start, end)) return false;
  // `end` is within `bytes`, so every index read here is.
  for (let i = start + 6; i + 4 < end; i++) {
    if (bytes[i + 2] === COLON && isDigit(bytes[i]!) && isDigit(bytes[i + 1]!) && isDigit(bytes[i + 3]!) && isDigit(bytes[i + 4]!)) {
      return true;
    }
  }
  return false;
}

/** `true` when a line starts with an RFC 5322 §2.2 field name (printable ASCII but `:`), optional WSP, then `:`. */
export function isHeaderLine(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  const limit = Math.min(end, start + MAX_FROM_LINE_BYTES);
  while (i < limit) {
    const byte = bytes[i];
    if (byte === undefined || byte <= SP || byte > 0x7e || byte === COLON) break;
    i++;
  }
  if (i === start) return false;
  while (i < limit && (bytes[i] === SP || bytes[i] === TAB)) i++; // RFC 5322 §4.5.1 obs-optional
  return i < limit && bytes[i] === COLON;
}

function isNameByte(byte: number | undefined, first: boolean): boolean {
  if (byte === undefined) return false;
  if (first) return isAlpha(byte);
  return isAlpha(byte) || isDigit(byte) || byte === 0x2d || byte === 0x5f;
}

/**
 * Stricter than {@link isHeaderLine}, for guessing whether a file is mail: the field name must look like the ones
 * MTAs and clients write (`Return-Path`, `X-Spam-Status`: a letter, then letters, digits, `-`, `_`), so JSON
 * (`{"id":`), CSV or source code does not pass for a message.
 */
function isLikelyHeaderLine(bytes: Uint8Array, start: number, end: number): boolean {
  if (!isNameByte(bytes[start], true)) return false;
  let i = start + 1;
  const limit = Math.min(end, start + MAX_FROM_LINE_BYTES);
  while (i < limit && isNameByte(bytes[i], false)) i++;
  while (i < limit && (bytes[i] === SP || bytes[i] === TAB)) i++;
  return i < limit && bytes[i] === COLON;
}

/** Index of the first LF at or after `start`, or `bytes.length`. */
export function lineEnd(bytes: Uint8Array, start: number): number {
  const at = bytes.indexOf(LF, start);
  return at === -1 ? bytes.length : at;
}

/** `true` when `head` starts with the [MS-PST] 2.2.2.6 header: `!BDN`, then (byte 8) `SM` for a PST or `SO` for an OST. */
export function hasPstMagic(head: Uint8Array): boolean {
  return head[0] === 0x21 && head[1] === 0x42 && head[2] === 0x44 && head[3] === 0x4e && head[8] === 0x53 && (head[9] === 0x4d || head[9] === 0x4f);
}

/**
 * Classify content by its first bytes: gzip magic `1f 8b` (RFC 1952 §2.3.1); the [MS-CFB] signature = an Outlook
 * `.msg`; the [MS-PST] `!BDN` header = a `.pst`/`.ost`; a `From ` line (after optional blank lines) = mbox; a header
 * field line = one message; nothing = `empty`; anything else `unknown`.
 */
export function detectFormat(head: Uint8Array): ContentFormat {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (hasCfbMagic(head)) return 'cfb';
  if (hasPstMagic(head)) return 'pst';
  let start = 0;
  while (start < head.length && (head[start] === LF || head[start] === CR)) start++;
  if (start === head.length) return 'unknown';
  const end = lineEnd(head, start);
  if (startsWithFromSpace(head, start, end)) return 'mbox';
  if (start === 0 && isLikelyHeaderLine(head, start, end)) return 'message';
  return 'unknown';
}
