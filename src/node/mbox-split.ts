/**
 * The mbox splitter (RFC 4155 §2), pure: bytes in, messages out, whatever the chunk boundaries. Messages are
 * separated by a `From ` line that starts the input or follows a blank line; the blank line before a separator
 * belongs to neither message. A message is handed out as soon as the next separator is seen, as views into the
 * chunks it was cut from (valid until the next call), with the byte offset of its `From ` line; memory stays at one
 * chunk plus at most `maxMessageBytes` per message. No I/O, no issues, no recycling: `readMbox` does those.
 * @module
 */
import { isFromLine, startsWithFromSpace } from './detect-format.js';
import { MAX_FROM_LINE_BYTES } from './read-options.js';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const NL_FROM = Buffer.from('\nFrom ', 'latin1');
const FROM_ = Buffer.from('From ', 'latin1');
/** Two virtual newlines before the first byte, so a `From ` line at offset 0 is found like any other separator. */
const VIRTUAL_PREFIX = Buffer.from('\n\n', 'latin1');

/** One message as the splitter cut it. */
export interface SplitMessage {
  /** Offset of the `From ` line; `null` for the bytes before the first separator (the preamble). */
  readonly offset: number | null;
  /** The kept bytes, in order: views into the chunks, valid until the splitter is called again. */
  readonly parts: Buffer[];
  /** Bytes kept (at most `maxMessageBytes`). */
  kept: number;
  /** Bytes the message has, kept or not. */
  total: number;
  /** Whether any byte other than CR/LF was seen (a preamble of blank lines is not worth a record). */
  substantive: boolean;
  sawNul: boolean;
}

function newMessage(offset: number | null): SplitMessage {
  return { offset, parts: [], kept: 0, total: 0, substantive: false, sawNul: false };
}

/** `true` when `bytes` hold anything but CR and LF. */
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

/** Carried-over bytes and the next chunk as one buffer; the default copies both. */
export type JoinChunks = (carried: Buffer, chunk: Buffer) => Buffer;

const concat: JoinChunks = (carried, chunk) => Buffer.concat([carried, chunk]);

/** Splits an mbox byte stream fed chunk by chunk. */
export class MboxSplitter {
  #current = newMessage(null);
  #window: Buffer = VIRTUAL_PREFIX;
  /** Input offset of `#window[0]`. */
  #windowStart = -VIRTUAL_PREFIX.length;
  /** Where the uncommitted bytes of the window start. */
  #pos = VIRTUAL_PREFIX.length;

  constructor(
    private readonly maxMessageBytes: number,
    private readonly join: JoinChunks = concat,
  ) {}

  /** Bytes of the message in progress so far. */
  get pendingBytes(): number {
    return this.#current.total;
  }

  /** The backing store of the bytes carried over to the next chunk. */
  get windowStore(): ArrayBufferLike {
    return this.#window.buffer;
  }

  /** `true` while the splitter holds a view into `store` (the carried bytes, or the message in progress). */
  holds(store: ArrayBufferLike): boolean {
    return store === this.#window.buffer || this.#current.parts.some((p) => p.buffer === store);
  }

  /** Add the next chunk (not empty) behind the bytes carried over; then take its messages with {@link split}. */
  append(chunk: Buffer): void {
    this.#window = this.#window.length === 0 ? chunk : this.join(this.#window, chunk);
  }

  /** Keep `window[from..to)` in the message in progress (up to `maxMessageBytes`), counting all of it. */
  #commit(from: number, to: number): void {
    if (to <= from) return;
    const current = this.#current;
    const length = to - from;
    current.total += length;
    const slice = this.#window.subarray(from, to);
    if (!current.substantive && hasNonBlank(slice)) current.substantive = true;
    if (!current.sawNul && slice.indexOf(NUL) !== -1) current.sawNul = true;
    const room = this.maxMessageBytes - current.kept;
    if (room <= 0) return;
    const take = Math.min(room, length);
    current.parts.push(take === length ? slice : slice.subarray(0, take));
    current.kept += take;
  }

  /** The separator line starting at `lineStart` and ending at `end` (its LF), judged as the message so far allows. */
  #isSeparator(lineStart: number, end: number): boolean {
    const window = this.#window;
    // The first `From ` line of a file needs no date (detection already chose mbox); later ones do.
    const first = this.#current.offset === null && !this.#current.substantive && !hasNonBlank(window.subarray(this.#pos, lineStart));
    return first ? end - lineStart <= MAX_FROM_LINE_BYTES && startsWithFromSpace(window, lineStart, end) : isFromLine(window, lineStart, end);
  }

  /**
   * The messages the chunks appended so far complete, in order. Each must be used (copied) before the next one is
   * asked for: its parts are views. What may still be a separator line is carried over to the next chunk.
   */
  *split(): Generator<SplitMessage> {
    let search = Math.max(0, this.#pos - 1);
    for (;;) {
      const window = this.#window;
      const at = window.indexOf(NL_FROM, search);
      if (at === -1) break;
      const lineStart = at + 1;
      const before = window[at - 1];
      const blank = before === LF || (before === CR && window[at - 2] === LF);
      search = at + 1;
      if (!blank || lineStart < this.#pos) continue;
      const end = window.indexOf(LF, lineStart + FROM_.length);
      // No line end yet: the line may complete in the next chunk, unless it is already too long to be a separator.
      if (end === -1 && window.length - lineStart <= MAX_FROM_LINE_BYTES) break;
      if (end === -1) continue;
      if (!this.#isSeparator(lineStart, end)) {
        // A rejected `From ` line in the preamble is junk: mark it, so later candidates skip the blank scan above.
        if (this.#current.offset === null) this.#current.substantive = true;
        continue;
      }
      // The blank line before the separator belongs to neither message.
      const blankLength = window[lineStart - 2] === CR ? 2 : 1;
      this.#commit(this.#pos, Math.max(this.#pos, lineStart - blankLength));
      const done = this.#current;
      this.#current = newMessage(this.#windowStart + lineStart);
      this.#pos = end + 1;
      search = end;
      yield done;
    }
    this.#carry();
  }

  /** Commit what cannot start a separator; keep its line and the 3 bytes before it, which a separator would need. */
  #carry(): void {
    const window = this.#window;
    const lastLf = window.lastIndexOf(LF);
    const pendingLine = lastLf !== -1 && mayBecomeFromLine(window, lastLf + 1);
    const edge = pendingLine ? lastLf + 1 : window.length;
    const commitEnd = Math.max(this.#pos, edge - 2);
    this.#commit(this.#pos, commitEnd);
    const keepFrom = Math.max(0, Math.min(commitEnd, edge - 3));
    this.#window = window.subarray(keepFrom);
    this.#windowStart += keepFrom;
    this.#pos = commitEnd - keepFrom;
  }

  /**
   * The last message at the end of the input, without the blank line writers put after it too; `cutMidLine` when
   * its last line has no line end (a file cut short).
   */
  end(): { readonly message: SplitMessage; readonly cutMidLine: boolean } {
    const window = this.#window;
    const pos = this.#pos;
    let end = window.length;
    if (window[end - 1] === LF) {
      const eol = window[end - 2] === CR ? 2 : 1;
      if (window[end - 1 - eol] === LF && end - eol >= pos) end -= eol;
    }
    this.#commit(pos, end);
    const message = this.#current;
    const cutMidLine = message.offset !== null && message.total > 0 && window[end - 1] !== LF && end > pos;
    return { message, cutMidLine };
  }

  /** The message in progress with every byte read, when the input ends early (a read error). */
  cut(): SplitMessage {
    this.#commit(this.#pos, this.#window.length);
    return this.#current;
  }

  /** The message in progress as it stands, when the rest of the input is left unread. */
  abandon(): SplitMessage {
    return this.#current;
  }
}
