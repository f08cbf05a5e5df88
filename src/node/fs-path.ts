/**
 * File names are bytes, not text: a Linux name may hold any byte but `/` and NUL, and a name written on another
 * system (Latin-1, Shift-JIS, a name cut inside a UTF-8 sequence) is not valid UTF-8. Node decodes such names to
 * U+FFFD, after which the file cannot be opened ("vanished"). Names are therefore carried as strings in which every
 * byte of an invalid UTF-8 sequence stands as a lone surrogate U+DC80..U+DCFF (PEP 383 "surrogateescape"): valid
 * names are unchanged, the mapping is lossless, and {@link fsPath} gives the file system its bytes back.
 * @module
 */

/** The first lone surrogate that stands for a byte (`0x80`; bytes below it are ASCII and always valid). */
const ESCAPE_BASE = 0xdc00;
/** A lone surrogate that stands for a byte (the `u` flag keeps the low half of a real surrogate pair out). */
const ESCAPED_BYTE = /[\udc80-\udcff]/u;

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

function inRange(byte: number | undefined, low: number, high: number): boolean {
  return byte !== undefined && byte >= low && byte <= high;
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode §3.9, table 3-7), or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return isContinuation(bytes[i + 1]) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80; // no overlong forms
    const high = b0 === 0xed ? 0x9f : 0xbf; // no encoded surrogates
    return inRange(bytes[i + 1], low, high) && isContinuation(bytes[i + 2]) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80;
    const high = b0 === 0xf4 ? 0x8f : 0xbf; // nothing past U+10FFFF
    return inRange(bytes[i + 1], low, high) && isContinuation(bytes[i + 2]) && isContinuation(bytes[i + 3]) ? 4 : 0;
  }
  return 0;
}

/** A file name's bytes as a string: valid UTF-8 decoded, every other byte kept as a lone surrogate U+DC80..U+DCFF. */
export function nameFromBytes(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fast = buffer.toString('utf8');
  // U+FFFD is also a legal character of a name; only then is the slow path needed to tell the two apart.
  if (!fast.includes('\ufffd')) return fast;
  let out = '';
  let run = 0; // start of the current run of valid bytes
  let i = 0;
  while (i < buffer.length) {
    const length = sequenceLength(buffer, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += buffer.toString('utf8', run, i) + String.fromCharCode(ESCAPE_BASE + buffer[i]!);
    i++;
    run = i;
  }
  return out + buffer.toString('utf8', run, buffer.length);
}

/** `true` when `name` holds bytes that are not UTF-8 (lone surrogates U+DC80..U+DCFF from {@link nameFromBytes}). */
function hasEscapedBytes(name: string): boolean {
  return ESCAPED_BYTE.test(name);
}

/** `name` as the file system wants it: the string itself, or its original bytes when it holds escaped ones. */
export function fsPath(name: string): string | Buffer {
  if (!hasEscapedBytes(name)) return name;
  const parts: Buffer[] = [];
  let run = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < name.length) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++; // a real pair: part of the run
      continue;
    }
    if (c < 0xdc80 || c > 0xdcff) continue;
    parts.push(Buffer.from(name.slice(run, i), 'utf8'), Buffer.of(c - ESCAPE_BASE));
    run = i + 1;
  }
  parts.push(Buffer.from(name.slice(run), 'utf8'));
  return Buffer.concat(parts);
}
