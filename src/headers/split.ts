import { issue } from '../issues.js';
import { MAX_LINE_LENGTH, type Limits } from '../limits.js';
import type { Issue } from '../types.js';

/** One header field: its name as written, its value exactly as found (folding kept), where it starts. */
export interface HeaderField {
  readonly name: string;
  /** Lower-cased name, for lookups. */
  readonly key: string;
  /** The value after the colon: leading whitespace and the final line break removed, folding kept. */
  readonly value: string;
  /** Offset of the field's first byte in the message (UTF-8 bytes for string input). */
  readonly byteOffset: number;
}

/** The header block of one message, split into fields (RFC 5322 §2.2, §2.2.3, §3.5). */
export interface HeaderBlock {
  readonly fields: HeaderField[];
  /** Bytes of the header block, including the empty line that ends it. */
  readonly headerBytes: number;
  readonly issues: Issue[];
  readonly truncated: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
/** A block shorter than this is scanned a byte at a time: a word view over it is not worth making. */
const MIN_WORD_SCAN_BYTES = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });
// WHATWG "latin1" is windows-1252, which maps every byte to one code point: never loses a byte.
const latin1 = new TextDecoder('latin1');

/**
 * Where the header block ends in bytes (RFC 5322 §2.1: at the first empty line; a line ends at CR LF, a lone CR or a
 * lone LF): just past the empty line, or the end of what we may read. `ascii`: no byte before `end` has the high bit
 * set (read in the same pass: no second scan of the block).
 */
export function findHeaderEndBytes(bytes: Uint8Array, limit: number): { end: number; found: boolean; ascii: boolean } {
  const n = Math.min(bytes.length, limit);
  let i = 0;
  let lineStart = 0;
  let high = 0;
  // Four bytes at a time where the block is aligned: a word with no LF and no CR byte holds no line end, so only its
  // high bits matter (SWAR: `(x - 0x01010101) & ~x & 0x80808080` is non-zero exactly when a byte of x is zero).
  const first = (4 - (bytes.byteOffset & 3)) & 3;
  const words = n - first >= MIN_WORD_SCAN_BYTES ? new Uint32Array(bytes.buffer, bytes.byteOffset + first, (n - first) >>> 2) : null;
  const wordsEnd = words === null ? 0 : first + words.length * 4;
  let highWords = 0;
  while (i < n) {
    if (i >= first && i < wordsEnd && ((i - first) & 3) === 0) {
      const w = words![(i - first) >>> 2]!;
      const lf = w ^ 0x0a0a0a0a;
      const cr = w ^ 0x0d0d0d0d;
      if (((((lf - 0x01010101) & ~lf) | ((cr - 0x01010101) & ~cr)) & 0x80808080) === 0) {
        highWords |= w;
        i += 4;
        continue;
      }
    }
    const c = bytes[i]!;
    high |= c;
    if (c <= CR && (c === LF || c === CR)) {
      const lineEnd = i;
      // The LF of a CR LF is skipped unread: it is ASCII either way.
      i += c === CR && i + 1 < bytes.length && bytes[i + 1] === LF ? 2 : 1;
      if (lineEnd === lineStart) return { end: i, found: true, ascii: (high & 0x80) === 0 && (highWords & 0x80808080) === 0 };
      lineStart = i;
      continue;
    }
    i++;
  }
  return { end: n, found: false, ascii: (high & 0x80) === 0 && (highWords & 0x80808080) === 0 };
}

/**
 * How many leading bytes of a message `readHeaderBlock` can look at (RFC 5322 §2.1: the header ends at the first
 * empty line): the block and its empty line, or one byte past the limit when there is no end within it. A prefix of
 * this length analyses exactly like the whole message, so workers need not be sent the body.
 */
export function headerPrefixLength(bytes: Uint8Array, maxHeaderBytes: number): number {
  const { end, found } = findHeaderEndBytes(bytes, maxHeaderBytes);
  if (found) return end;
  return bytes.length > maxHeaderBytes ? maxHeaderBytes + 1 : bytes.length;
}

/** Decode header bytes: ASCII as is, valid UTF-8 as UTF-8 (RFC 6532), anything else byte-for-byte. */
function decodeHeader(bytes: Uint8Array, end: number, ascii: boolean): { text: string; eightBit: boolean; utf8: boolean } {
  const view = bytes.subarray(0, end);
  if (ascii) return { text: latin1.decode(view), eightBit: false, utf8: false };
  try {
    return { text: utf8.decode(view), eightBit: true, utf8: true };
  } catch {
    return { text: latin1.decode(view), eightBit: true, utf8: false };
  }
}

/** UTF-8 bytes of the code unit at `i`, as TextEncoder writes it: a pair is 4 bytes, a lone surrogate U+FFFD (3). */
function utf8Length(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 4 : 3; // the low half of a pair then counts 0
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    return prev >= 0xd800 && prev <= 0xdbff ? 0 : 3;
  }
  return 3;
}

/**
 * Find the header block of a raw message and split it into fields. Reads only the header block, never the body.
 * Line ends may be CRLF, LF or a lone CR; a leading mbox `From ` line is skipped. `wanted` limits which fields are
 * returned (by lower-cased name); all are returned when it is omitted.
 */
export function readHeaderBlock(
  message: string | Uint8Array,
  limits: Pick<Limits, 'maxHeaderBytes'> & Partial<Pick<Limits, 'maxLineLength'>>,
  wanted?: ReadonlySet<string>,
): HeaderBlock {
  const issues: Issue[] = [];
  let text: string;
  let offsetsAreBytes = true;
  let truncated = false;
  let found: boolean;
  let headerBytes: number;
  if (typeof message === 'string') {
    const end = findHeaderEndString(message, limits.maxHeaderBytes);
    found = end.found;
    text = message.slice(0, end.end);
    headerBytes = end.end;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        offsetsAreBytes = false;
        break;
      }
    }
    if (!offsetsAreBytes) {
      headerBytes = 0;
      for (let i = 0; i < text.length; i++) headerBytes += utf8Length(text, i);
    }
    if (!found && message.length > limits.maxHeaderBytes) truncated = true;
  } else {
    const end = findHeaderEndBytes(message, limits.maxHeaderBytes);
    found = end.found;
    headerBytes = end.end;
    const decoded = decodeHeader(message, end.end, end.ascii);
    text = decoded.text;
    offsetsAreBytes = !decoded.utf8;
    if (decoded.eightBit) {
      issues.push(issue('HEADER_8BIT', 'info', decoded.utf8 ? 'the header block holds raw UTF-8 (RFC 6532)' : 'the header block holds 8-bit bytes that are not UTF-8; read as Latin-1'));
    }
    if (!found && message.length > limits.maxHeaderBytes) truncated = true;
  }
  if (truncated) {
    issues.push(issue('LIMIT_HEADER_BYTES', 'warning', `no end of the header block within ${limits.maxHeaderBytes} bytes; the rest is not read`));
  } else if (!found) {
    issues.push(issue('HEADER_NO_END', 'info', 'the message has no empty line: it is all header'));
  }

  const split = splitFields(text, issues, wanted, limits.maxLineLength ?? MAX_LINE_LENGTH);
  if (!offsetsAreBytes) remapOffsets(text, split.fields);
  return { fields: split.fields, headerBytes, issues, truncated: truncated || split.cut };
}

function findHeaderEndString(s: string, limit: number): { end: number; found: boolean } {
  const n = Math.min(s.length, limit);
  let i = 0;
  let lineStart = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === LF || c === CR) {
      const lineEnd = i;
      i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
      if (lineEnd === lineStart) return { end: i, found: true };
      lineStart = i;
      continue;
    }
    i++;
  }
  return { end: n, found: false };
}

interface MutableField {
  name: string;
  key: string;
  value: string;
  byteOffset: number;
}

/** `cut` = a line of a wanted field was longer than `maxLine`; that field's value stops at the cut. */
// eslint-disable-next-line complexity -- the splitter's one loop over the text (RFC 5322 §2.2 fields, §2.2.3 folding)
function splitFields(text: string, issues: Issue[], wanted: ReadonlySet<string> | undefined, maxLine: number): { fields: HeaderField[]; cut: boolean } {
  const fields: MutableField[] = [];
  const n = text.length;
  let i = 0;
  // mbox `From sender date` line before the header (RFC 4155)
  if (text.startsWith('From ')) {
    while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
    i = skipLineEnd(text, i);
  }
  let malformedReported = false;
  let bareCrReported = false;
  let nulReported = false;
  let fieldStart = -1;
  let valueStart = -1;
  let valueEnd = -1;
  let name = '';
  let key = '';
  let fieldCut = false;
  let cut = false;
  let fieldWanted = false;
  const shape = wanted === undefined ? null : shapeOf(wanted);
  // The first NUL (if any) is reported when the scan reaches its line, as a per-character scan would.
  const nulAt = text.indexOf('\u0000', i);
  // Without a CR anywhere, a line ends at the next LF: `indexOf` instead of a per-character loop.
  const hasCr = text.indexOf('\r', i) >= 0;
  const isWanted = (): boolean => fieldWanted;
  const reportCut = (start: number, end: number): void => {
    if (!cut) issues.push(issue('LIMIT_LINE_LENGTH', 'warning', `a header line is longer than ${maxLine} characters; the rest of that field is not read`, { start, end }));
    cut = true;
    fieldCut = true;
  };
  const flush = (): void => {
    if (fieldStart < 0) return;
    if (isWanted()) {
      fields.push({ name, key, value: text.slice(valueStart, valueEnd), byteOffset: fieldStart });
    }
    fieldStart = -1;
  };
  while (i < n) {
    let e: number;
    if (hasCr) {
      e = i;
      while (e < n) {
        const c = text.charCodeAt(e);
        if (c === LF || c === CR) break;
        e++;
      }
    } else {
      e = text.indexOf('\n', i);
      if (e < 0) e = n;
    }
    if (!nulReported && nulAt >= 0 && nulAt < e) {
      nulReported = true;
      issues.push(issue('HEADER_NUL', 'warning', 'a NUL byte in the header block', { start: nulAt, end: nulAt + 1 }));
    }
    if (e === i) break; // the empty line
    if (!bareCrReported && e < n && text.charCodeAt(e) === CR && text.charCodeAt(e + 1) !== LF) {
      bareCrReported = true;
      issues.push(issue('HEADER_BARE_CR', 'info', 'a line ends with a lone CR', { start: e, end: e + 1 }));
    }
    // Where a line longer than the limit is cut (a 5 MB single line is not handed on whole).
    const lineCut = e - i > maxLine ? i + maxLine : e;
    const first = text.charCodeAt(i);
    if (first === 0x20 || first === 0x09) {
      if (fieldStart >= 0 && !fieldCut) {
        valueEnd = lineCut;
        if (lineCut < e && isWanted()) reportCut(i, e);
      }
    } else {
      flush();
      fieldCut = false;
      // Look for the colon on this line only: `indexOf` would rescan the rest of the block for every colon-less line.
      let colon = i;
      while (colon < e && text.charCodeAt(colon) !== 0x3a) colon++;
      if (colon >= e) {
        if (!malformedReported) {
          malformedReported = true;
          issues.push(issue('HEADER_MALFORMED_LINE', 'warning', 'a line in the header block is not a field', { start: i, end: e }));
        }
      } else {
        let nameEnd = colon;
        while (nameEnd > i && (text.charCodeAt(nameEnd - 1) === 0x20 || text.charCodeAt(nameEnd - 1) === 0x09)) nameEnd--;
        // Only a name of a wanted length and first letter is cut out and lower-cased.
        if (shape === null || (shape.lengths.has(nameEnd - i) && shape.firsts.has(text.charCodeAt(i) | 0x20))) {
          name = text.slice(i, nameEnd);
          key = name.toLowerCase();
          fieldWanted = wanted === undefined || wanted.has(key);
        } else {
          fieldWanted = false;
        }
        let v = colon + 1;
        while (v < e && (text.charCodeAt(v) === 0x20 || text.charCodeAt(v) === 0x09)) v++;
        fieldStart = i;
        valueStart = v;
        valueEnd = e;
        // a field whose value starts on the next line: `Received:\r\n\tfrom …`
        if (v === e) valueStart = e;
        if (lineCut < e && isWanted()) {
          valueEnd = Math.max(valueStart, lineCut);
          reportCut(i, e);
        }
      }
    }
    i = skipLineEnd(text, e);
  }
  flush();
  for (const f of fields) {
    // A value that starts on a continuation line keeps its folding but not the leading break.
    if (f.value.length > 0 && (f.value.charCodeAt(0) === CR || f.value.charCodeAt(0) === LF)) f.value = trimLeadingFws(f.value);
  }
  return { fields, cut };
}

/** Lengths and lower-cased first characters of the wanted names: most unwanted names fail one of these. */
interface WantedShape {
  readonly lengths: ReadonlySet<number>;
  readonly firsts: ReadonlySet<number>;
}

const shapes = new WeakMap<ReadonlySet<string>, WantedShape>();

function shapeOf(wanted: ReadonlySet<string>): WantedShape {
  let shape = shapes.get(wanted);
  if (shape === undefined) {
    const lengths = new Set<number>();
    const firsts = new Set<number>();
    for (const k of wanted) {
      lengths.add(k.length);
      // `| 0x20` folds ASCII upper case; a non-letter first character simply never matches a letter.
      firsts.add(k.charCodeAt(0) | 0x20);
      // U+212A KELVIN SIGN is the one non-ASCII character that lower-cases to an ASCII letter.
      if (k.charCodeAt(0) === 0x6b) firsts.add(0x212a);
    }
    shape = { lengths, firsts };
    shapes.set(wanted, shape);
  }
  return shape;
}

function trimLeadingFws(s: string): string {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === CR || c === LF || c === 0x20 || c === 0x09) i++;
    else break;
  }
  return s.slice(i);
}

function skipLineEnd(text: string, e: number): number {
  if (e >= text.length) return e;
  if (text.charCodeAt(e) === CR && text.charCodeAt(e + 1) === LF) return e + 2;
  return e + 1;
}

/** Turn string indexes into UTF-8 byte offsets (only needed when the block holds non-ASCII characters). */
function remapOffsets(text: string, fields: MutableField[]): void {
  let bytes = 0;
  let pos = 0;
  for (const f of fields) {
    for (; pos < f.byteOffset; pos++) bytes += utf8Length(text, pos);
    f.byteOffset = bytes;
  }
}
