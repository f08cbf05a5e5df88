/**
 * Streaming mbox splitter (RFC 4155): messages are separated by a `From ` line that starts the file or follows a
 * blank line. Each message is yielded as soon as the next separator (or the end) is seen, with the byte offset of
 * its `From ` line; memory stays at one read chunk plus at most `maxMessageBytes` per message, and a message still
 * going past `maxMessageScanBytes` ends the input (an endless source after a `From ` line is not scanned for ever).
 * @module
 */
import { issue, pushAll } from '../issues.js';
import type { Issue } from '../types.js';
import { isFromLine, isHeaderLine, lineEnd, startsWithFromSpace } from './detect-format.js';
import { unquoteFromLines } from './mbox-unquote.js';
import { prependInPlace, type ChunkRecycler } from './read-chunks.js';
import { streamErrorIssue } from './read-faults.js';
import { MAX_FROM_LINE_BYTES, type MessageRecord, type ResolvedReadOptions } from './read-options.js';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const NL_FROM = Buffer.from('\nFrom ', 'latin1');
const FROM_ = Buffer.from('From ', 'latin1');
/** Two virtual newlines before the first byte, so a `From ` line at offset 0 is found like any other separator. */
const VIRTUAL_PREFIX = Buffer.from('\n\n', 'latin1');

/** The message being collected: views into read windows, at most `maxMessageBytes` of them. */
interface Pending {
  /** Offset of the `From ` line; `null` for the bytes before the first separator (the preamble). */
  readonly offset: number | null;
  readonly parts: Buffer[];
  kept: number;
  total: number;
  /** Whether any byte other than CR/LF was seen (a preamble of blank lines is not worth a record). */
  substantive: boolean;
  sawNul: boolean;
}

function newPending(offset: number | null): Pending {
  return { offset, parts: [], kept: 0, total: 0, substantive: false, sawNul: false };
}

function hasNonBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== LF && bytes[i] !== CR) return true;
  return false;
}

/** Could the last (unterminated) line `window[start..]` still grow into a separator line? */
function mayBecomeFromLine(window: Buffer, start: number): boolean {
  const length = window.length - start;
  if (length < FROM_.length) return FROM_.compare(window, start, window.length, 0, length) === 0;
  return length <= MAX_FROM_LINE_BYTES && startsWithFromSpace(window, start, window.length + 1);
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Split an mbox byte stream into messages (RFC 4155 §2): `raw` is the message without its `From ` line and without
 * the blank line that precedes the next separator, `>From ` unquoted per `options.mboxVariant`. Never throws on
 * data: a read error ends the stream with an issue on the message in progress (or a record of its own). Records
 * are copies, never views of a chunk, so each chunk read with `recycler` goes back to it once the window has moved
 * past it and no message in progress has bytes in it.
 */
export async function* readMbox(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  options: ResolvedReadOptions,
  recycler?: ChunkRecycler,
): AsyncGenerator<MessageRecord> {
  const max = options.maxMessageBytes;
  let index = 0;
  let bytesRead = 0;
  let current = newPending(null);
  let window: Buffer = VIRTUAL_PREFIX;
  let windowStart = -VIRTUAL_PREFIX.length;
  let pos = VIRTUAL_PREFIX.length;
  // The chunk stores the message in progress has views into (its `parts`).
  const held = new Set<ArrayBufferLike>();
  const releaseUnlessUsed = (store: ArrayBufferLike): void => {
    if (recycler !== undefined && store !== window.buffer && !held.has(store)) recycler.release(store);
  };

  // Set when a message outgrew maxMessageScanBytes and the rest of the input is left unread.
  let abandoned = false;

  const commit = (from: number, to: number): void => {
    if (to <= from) return;
    const length = to - from;
    current.total += length;
    const slice = window.subarray(from, to);
    if (!current.substantive && hasNonBlank(slice)) current.substantive = true;
    if (!current.sawNul && slice.indexOf(NUL) !== -1) current.sawNul = true;
    const room = max - current.kept;
    if (room <= 0) return;
    const take = Math.min(room, length);
    current.parts.push(take === length ? slice : slice.subarray(0, take));
    current.kept += take;
    if (recycler !== undefined) held.add(window.buffer);
  };

  const finish = (pending: Pending, extra: readonly Issue[]): MessageRecord | null => {
    const wanted = pending.offset !== null || pending.substantive || extra.length > 0;
    const joined = wanted ? Buffer.concat(pending.parts, pending.kept) : null;
    // The parts are copied (or dropped): the chunks they were cut from may go back (only `current` is finished).
    pending.parts.length = 0;
    for (const store of held) {
      held.delete(store);
      releaseUnlessUsed(store);
    }
    if (joined === null) return null;
    const raw = pending.offset === null ? joined : unquoteFromLines(joined, options.mboxVariant);
    const issues: Issue[] = [];
    if (pending.offset === null) {
      if (pending.substantive) {
        issues.push(issue('IO_NOT_A_MESSAGE', 'warning', `${pending.total} bytes before the first "From " line`));
      }
    } else if (pending.total === 0) {
      issues.push(issue('IO_NOT_A_MESSAGE', 'warning', 'empty message after its "From " line'));
    } else if (!startsWithFromSpace(raw, 0, raw.length) && !isHeaderLine(raw, 0, lineEnd(raw, 0))) {
      // A second envelope line (an mbox message saved with its own `From ` line) is still a message.
      issues.push(issue('IO_NOT_A_MESSAGE', 'warning', 'does not start with a header field'));
    }
    if (pending.sawNul && pending.total > 0) {
      issues.push(issue('IO_NOT_A_MESSAGE', 'warning', 'contains NUL bytes: binary data inside or after the message'));
    }
    if (pending.total > pending.kept) {
      issues.push(
        issue('IO_TRUNCATED', 'warning', `message is ${abandoned ? 'more than ' : ''}${pending.total} bytes; kept the first ${pending.kept} (maxMessageBytes)`),
      );
    }
    pushAll(issues, extra);
    return { source, index: index++, byteOffset: pending.offset ?? (pending.substantive ? 0 : null), raw, issues };
  };

  let failure: Issue | null = null;
  try {
    for await (const chunk of chunks) {
      const data = toBuffer(chunk);
      if (data.length === 0) continue;
      bytesRead += data.length;
      const previous = window.buffer;
      window = window.length === 0 ? data : (prependInPlace(window, data) ?? Buffer.concat([window, data]));
      releaseUnlessUsed(previous);
      releaseUnlessUsed(data.buffer);
      let search = Math.max(0, pos - 1);
      for (;;) {
        const at = window.indexOf(NL_FROM, search);
        if (at === -1) break;
        const lineStart = at + 1;
        const before = window[at - 1];
        const blank = before === LF || (before === CR && window[at - 2] === LF);
        if (!blank || lineStart < pos) {
          search = at + 1;
          continue;
        }
        const end = window.indexOf(LF, lineStart + FROM_.length);
        if (end === -1) {
          if (window.length - lineStart > MAX_FROM_LINE_BYTES) {
            search = at + 1;
            continue;
          }
          break; // the line may complete in the next chunk
        }
        // The first `From ` line of a file needs no date (detection already chose mbox); later ones do.
        const first = current.offset === null && !current.substantive && !hasNonBlank(window.subarray(pos, lineStart));
        const separator = first
          ? end - lineStart <= MAX_FROM_LINE_BYTES && startsWithFromSpace(window, lineStart, end)
          : isFromLine(window, lineStart, end);
        if (!separator) {
          // A rejected `From ` line in the preamble is junk: mark it, so later candidates skip the blank scan above.
          if (current.offset === null) current.substantive = true;
          search = at + 1;
          continue;
        }
        // The blank line before the separator belongs to neither message (RFC 4155 §2).
        const blankLength = window[lineStart - 2] === CR ? 2 : 1;
        commit(pos, Math.max(pos, lineStart - blankLength));
        const done = finish(current, []);
        if (done !== null) yield done;
        current = newPending(windowStart + lineStart);
        pos = end + 1;
        search = end;
      }
      // Keep what a separator spanning the chunk boundary would need: its line and the 3 bytes before it.
      const lastLf = window.lastIndexOf(LF);
      const pendingLine = lastLf !== -1 && mayBecomeFromLine(window, lastLf + 1);
      const edge = pendingLine ? lastLf + 1 : window.length;
      const commitEnd = Math.max(pos, edge - 2);
      commit(pos, commitEnd);
      const keepFrom = Math.max(0, Math.min(commitEnd, edge - 3));
      window = window.subarray(keepFrom);
      windowStart += keepFrom;
      pos = commitEnd - keepFrom;
      if (current.total > options.maxMessageScanBytes) {
        // Leaving the loop closes the source: endless input after a `From ` line is not scanned for ever.
        abandoned = true;
        break;
      }
    }
  } catch (error) {
    failure = streamErrorIssue(error, bytesRead);
  }

  if (abandoned) {
    const why = `message still going after ${current.total} bytes (maxMessageScanBytes): the rest of the input not read`;
    const done = finish(current, [issue('IO_TRUNCATED', 'error', why)]);
    if (done !== null) yield done;
  } else if (failure === null) {
    // At the end, drop the blank line writers put after the last message too.
    let end = window.length;
    if (window[end - 1] === LF) {
      const eol = window[end - 2] === CR ? 2 : 1;
      if (window[end - 1 - eol] === LF && end - eol >= pos) end -= eol;
    }
    commit(pos, end);
    const cutMidLine = current.offset !== null && current.total > 0 && window[end - 1] !== LF && end > pos;
    const extra = cutMidLine ? [issue('IO_TRUNCATED', 'warning', 'the last message ends mid-line (file cut short?)')] : [];
    const done = finish(current, extra);
    if (done !== null) yield done;
  } else {
    commit(pos, window.length);
    const done = finish(current, [failure]);
    if (done !== null) yield done;
  }
}
