/**
 * A dropped file → the byte ranges of the messages in it: one `.eml`, an mbox (mboxo/mboxrd: a message starts at
 * each line beginning `From `, RFC 4155), or an Apple Mail `.emlx` (a byte count on the first line, the message,
 * then a property list). Only ranges are made: the analyzer reads each message's header block from its range.
 * One linear pass; pure.
 * @module
 */

/** Where one message lies in its file: `[start, end)`, and the offset of its mbox `From ` line (`null` otherwise). */
export interface MessageRange {
  readonly start: number;
  readonly end: number;
  readonly byteOffset: number | null;
}

/** How the file was read. */
export type FileKind = 'eml' | 'mbox' | 'emlx';

/**
 * 2,000,000 messages per file: each range costs a few dozen bytes and a list row; a file of empty `From ` lines
 * must not exhaust the tab. The rest of the file is reported as not read.
 */
const MAX_MESSAGES_PER_FILE = 2_000_000;
/** 20 digits of an `.emlx` byte count: more is not a count. */
const MAX_EMLX_DIGITS = 20;

const NL = 0x0a;
const CR = 0x0d;

function startsWithFrom(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x46 && bytes[at + 1] === 0x72 && bytes[at + 2] === 0x6f && bytes[at + 3] === 0x6d && bytes[at + 4] === 0x20;
}

/** The end of the line starting at `at` (the index after its `\n`, or the file's end). */
function lineEnd(bytes: Uint8Array, at: number): number {
  const i = bytes.indexOf(NL, at);
  return i < 0 ? bytes.length : i + 1;
}

/** The `.emlx` byte count on the first line, with the line's length; `null` when the first line is not one. */
function emlxCount(bytes: Uint8Array): { count: number; body: number } | null {
  let i = 0;
  let count = 0;
  while (i < bytes.length && i < MAX_EMLX_DIGITS && (bytes[i] ?? 0) >= 0x30 && (bytes[i] ?? 0) <= 0x39) {
    count = count * 10 + ((bytes[i] ?? 0) - 0x30);
    i++;
  }
  if (i === 0) return null;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  if (bytes[i] === CR) i++;
  if (bytes[i] !== NL) return null;
  return { count, body: i + 1 };
}

/** What kind of file `bytes` is, by its content (the name only decides between `.eml` and `.emlx`). */
function fileKind(name: string, bytes: Uint8Array): FileKind {
  if (startsWithFrom(bytes, 0)) return 'mbox';
  if (name.toLowerCase().endsWith('.emlx') && emlxCount(bytes) !== null) return 'emlx';
  return 'eml';
}

/**
 * The messages of one file. `truncated` = more than {@link MAX_MESSAGES_PER_FILE} were there. An mbox message ends
 * before the line break that precedes the next `From ` line (the separator's blank line belongs to no message).
 */
export function splitMessages(name: string, bytes: Uint8Array): { kind: FileKind; ranges: MessageRange[]; truncated: boolean } {
  const kind = fileKind(name, bytes);
  if (kind === 'emlx') {
    const head = emlxCount(bytes);
    const start = head?.body ?? 0;
    return { kind, ranges: [{ start, end: Math.min(bytes.length, start + (head?.count ?? bytes.length)), byteOffset: null }], truncated: false };
  }
  if (kind === 'eml') return { kind, ranges: [{ start: 0, end: bytes.length, byteOffset: null }], truncated: false };
  const ranges: MessageRange[] = [];
  let fromLine = 0;
  let truncated = false;
  for (;;) {
    const start = lineEnd(bytes, fromLine);
    // The next `From ` at a line start: search for "\nFrom " with indexOf (linear, no backtracking).
    let next = -1;
    let at = start;
    while (at < bytes.length) {
      const nl = bytes.indexOf(NL, at);
      if (nl < 0) break;
      if (startsWithFrom(bytes, nl + 1)) {
        next = nl + 1;
        break;
      }
      at = nl + 1;
    }
    let end = next < 0 ? bytes.length : next - 1;
    if (next >= 0 && end > start && bytes[end - 1] === CR) end--;
    ranges.push({ start, end: Math.max(start, end), byteOffset: fromLine });
    if (next < 0) break;
    if (ranges.length >= MAX_MESSAGES_PER_FILE) {
      truncated = true;
      break;
    }
    fromLine = next;
  }
  return { kind, ranges, truncated };
}
