/**
 * Streaming mbox reader (RFC 4155): the pure splitter (`MboxSplitter`) over a byte stream, each message it cuts
 * made a record — unquoted, with its `IO_*` issues — and the read chunks handed back for reuse once nothing holds a
 * view into them. A message still going past `maxMessageScanBytes` ends the input (an endless source after a
 * `From ` line is not scanned for ever).
 * @module
 */
import { issue, pushAll } from '../issues.js';
import type { Issue } from '../types.js';
import { isHeaderLine, lineEnd, startsWithFromSpace } from './detect-format.js';
import { MboxSplitter, type SplitMessage } from './mbox-split.js';
import { unquoteFromLines } from './mbox-unquote.js';
import { prependInPlace, type ChunkRecycler } from './read-chunks.js';
import { streamErrorIssue } from './read-faults.js';
import type { MessageRecord, ResolvedReadOptions } from './read-options.js';

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** The carried bytes written into the free room in front of the chunk when it has some, else a copy. */
function joinInPlace(carried: Buffer, chunk: Buffer): Buffer {
  return prependInPlace(carried, chunk) ?? Buffer.concat([carried, chunk]);
}

/** What is wrong with a message as cut, beside the `extra` issues of how the input ended. */
function messageIssues(message: SplitMessage, raw: Buffer, abandoned: boolean): Issue[] {
  const issues: Issue[] = [];
  if (message.offset === null) {
    if (message.substantive) issues.push(issue('IO_NOT_A_MESSAGE', 'warning', `${message.total} bytes before the first "From " line`));
  } else if (message.total === 0) {
    issues.push(issue('IO_NOT_A_MESSAGE', 'warning', 'empty message after its "From " line'));
  } else if (!startsWithFromSpace(raw, 0, raw.length) && !isHeaderLine(raw, 0, lineEnd(raw, 0))) {
    // A second envelope line (an mbox message saved with its own `From ` line) is still a message.
    issues.push(issue('IO_NOT_A_MESSAGE', 'warning', 'does not start with a header field'));
  }
  if (message.sawNul && message.total > 0) {
    issues.push(issue('IO_NOT_A_MESSAGE', 'warning', 'contains NUL bytes: binary data inside or after the message'));
  }
  if (message.total > message.kept) {
    issues.push(issue('IO_TRUNCATED', 'warning', `message is ${abandoned ? 'more than ' : ''}${message.total} bytes; kept the first ${message.kept} (maxMessageBytes)`));
  }
  return issues;
}

/**
 * Split an mbox byte stream into messages (RFC 4155 §2): `raw` is the message without its `From ` line and without
 * the blank line that precedes the next separator, `>From ` unquoted per `options.mboxVariant`. Never throws on
 * data: a read error ends the stream with an issue on the message in progress (or a record of its own). Records
 * are copies, never views of a chunk, so each chunk read with `recycler` goes back to it once the splitter has
 * moved past it and no message in progress has bytes in it.
 */
export async function* readMbox(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  options: ResolvedReadOptions,
  recycler?: ChunkRecycler,
): AsyncGenerator<MessageRecord> {
  const splitter = new MboxSplitter(options.maxMessageBytes, recycler === undefined ? undefined : joinInPlace);
  const release = (store: ArrayBufferLike): void => {
    if (recycler !== undefined && !splitter.holds(store)) recycler.release(store);
  };
  let index = 0;
  /** The record of a message cut (`null` for a preamble of blank lines); its chunks go back unless still held. */
  const record = (message: SplitMessage, extra: readonly Issue[], abandoned = false): MessageRecord | null => {
    const wanted = message.offset !== null || message.substantive || extra.length > 0;
    const joined = wanted ? Buffer.concat(message.parts, message.kept) : null;
    // The parts are copied (or dropped): the chunks they were cut from may go back.
    const stores = new Set(message.parts.map((p) => p.buffer));
    message.parts.length = 0;
    for (const store of stores) release(store);
    if (joined === null) return null;
    const raw = message.offset === null ? joined : unquoteFromLines(joined, options.mboxVariant);
    const issues = messageIssues(message, raw, abandoned);
    pushAll(issues, extra);
    return { source, index: index++, byteOffset: message.offset ?? (message.substantive ? 0 : null), raw, issues };
  };

  let bytesRead = 0;
  let failure: Issue | null = null;
  let abandoned = false;
  try {
    for await (const chunk of chunks) {
      const data = toBuffer(chunk);
      if (data.length === 0) continue;
      bytesRead += data.length;
      const previous = splitter.windowStore;
      splitter.append(data);
      release(previous);
      release(data.buffer);
      for (const message of splitter.split()) {
        const done = record(message, []);
        if (done !== null) yield done;
      }
      // Leaving the loop closes the source: endless input after a `From ` line is not scanned for ever.
      abandoned = splitter.pendingBytes > options.maxMessageScanBytes;
      if (abandoned) break;
    }
  } catch (error) {
    failure = streamErrorIssue(error, bytesRead);
  }
  const last = lastRecord(splitter, failure, abandoned);
  const done = record(last.message, last.extra, abandoned);
  if (done !== null) yield done;
}

/** The message in progress when the input ends — whole, cut by a read error, or abandoned — and what to say of it. */
function lastRecord(splitter: MboxSplitter, failure: Issue | null, abandoned: boolean): { message: SplitMessage; extra: Issue[] } {
  if (abandoned) {
    const message = splitter.abandon();
    const why = `message still going after ${message.total} bytes (maxMessageScanBytes): the rest of the input not read`;
    return { message, extra: [issue('IO_TRUNCATED', 'error', why)] };
  }
  if (failure !== null) return { message: splitter.cut(), extra: [failure] };
  const { message, cutMidLine } = splitter.end();
  return { message, extra: cutMidLine ? [issue('IO_TRUNCATED', 'warning', 'the last message ends mid-line (file cut short?)')] : [] };
}
