/**
 * Outlook `.msg` items ([MS-OXMSG], a Compound File per [MS-CFB]): the message's internet header block is the
 * `PR_TRANSPORT_MESSAGE_HEADERS` property (0x007D, [MS-OXPROPS] 2.1069), which Outlook keeps exactly as the last
 * MTA delivered it. That block is all the analysis needs; bodies and attachments are never decoded.
 * @module
 */
import { issue } from '../issues.js';
import type { Issue } from '../types.js';
import { checkCompoundFile } from './cfb-check.js';
import { streamErrorIssue } from './read-faults.js';
import type { MessageRecord, ResolvedReadOptions } from './read-options.js';

/**
 * 128 MiB read of one `.msg` at most: the reader needs the whole compound file in memory, and an endless stream
 * that starts with the CFB signature must not be buffered whole; Outlook caps items with attachments well below.
 */
export const MAX_MSG_FILE_BYTES = 128 * 1024 * 1024;

const EMPTY = new Uint8Array(0);

/** Why an item has no header block, for the `IO_NO_INTERNET_HEADERS` issue. */
export const NO_HEADERS_MESSAGE =
  'no internet headers (PR_TRANSPORT_MESSAGE_HEADERS): a draft, a sent item, a calendar or contact item, or mail delivered inside one Exchange organisation; counted apart, neither a failure nor plaintext';

/** What was found in one Outlook item. */
export interface TransportHeaders {
  /** The header block as UTF-8 bytes, ending in an empty line; empty when there is none. */
  readonly raw: Uint8Array;
  readonly issues: Issue[];
  /**
   * `false` for a sound compound file that is no Outlook item: no message class (PR_MESSAGE_CLASS, which [MS-OXMSG]
   * items always have) and no headers, like a `.doc` or `.xls`.
   */
  readonly outlookItem: boolean;
}

/** The fields of msgreader's `getFileData()` this module reads. */
interface MsgFields {
  readonly headers?: string;
  readonly messageClass?: string;
  readonly error?: string;
}

/** The part of msgreader's class this module uses. */
type MsgReaderCtor = new (data: ArrayBuffer | DataView) => { getFileData(): MsgFields };

let reader: Promise<MsgReaderCtor> | null = null;

/** msgreader, loaded on first use: runs without any `.msg` never pay for it. */
function loadMsgReader(): Promise<MsgReaderCtor> {
  reader ??= import('@kenjiuno/msgreader').then((m: unknown) => {
    // CommonJS with `exports.default`: Node's ESM wrapper (and a bundler's) may put the class one level further down.
    let found: unknown = (m as { default?: unknown }).default ?? m;
    if (typeof found !== 'function') found = (found as { default?: unknown }).default;
    if (typeof found !== 'function') throw new TypeError('@kenjiuno/msgreader has no default export');
    return found as MsgReaderCtor;
  });
  return reader;
}

/**
 * The header block text of an Outlook item as bytes an RFC 5322 reader takes: UTF-8 (the property is UTF-16 or
 * the item's code page; either way already decoded), ending in an empty line so the header block has its end. Cut
 * to `max` bytes with `IO_TRUNCATED`.
 */
export function headerBlockBytes(text: string, max: number): TransportHeaders {
  let block = text;
  if (!block.endsWith('\n')) block += '\r\n';
  if (!block.endsWith('\r\n\r\n') && !block.endsWith('\n\n')) block += '\r\n';
  const bytes = Buffer.from(block, 'utf8');
  if (bytes.length <= max) return { raw: bytes, issues: [], outlookItem: true };
  return {
    outlookItem: true,
    raw: bytes.subarray(0, max),
    issues: [issue('IO_TRUNCATED', 'warning', `internet headers are ${bytes.length} bytes; kept the first ${max} (maxMessageBytes)`)],
  };
}

/** The header text of a parsed item, or `null` when it has none (an empty property counts as none). */
function headersOf(fields: { headers?: string }): string | null {
  const text = fields.headers;
  return typeof text === 'string' && text.trim() !== '' ? text : null;
}

/**
 * The internet headers of a whole `.msg` file ([MS-OXMSG] 2.1.3: top-level properties). The compound file is
 * checked first ({@link checkCompoundFile}); a damaged one is an `IO_UNREADABLE` issue, never a throw or a hang.
 */
export async function msgTransportHeaders(bytes: Uint8Array, options: Pick<ResolvedReadOptions, 'maxMessageBytes'>): Promise<TransportHeaders> {
  const damaged = (why: string): TransportHeaders => ({ raw: EMPTY, issues: [issue('IO_UNREADABLE', 'error', `damaged Outlook item (.msg): ${why}`)], outlookItem: true });
  const fault = checkCompoundFile(bytes);
  if (fault !== null) return damaged(fault);
  let text: string | null;
  let classified: boolean;
  try {
    const MsgReader = await loadMsgReader();
    // The reader seeks from the start of the DataView's buffer, not of the view: give it a buffer of its own (small
    // Buffers share Node's pool; and `Buffer#slice` is a view, hence the copy through the constructor).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    const fields = new MsgReader(new DataView(own.buffer, 0, own.byteLength)).getFileData();
    if (fields.error !== undefined) return damaged(fields.error);
    text = headersOf(fields);
    classified = typeof fields.messageClass === 'string' && fields.messageClass !== '';
  } catch (error) {
    return damaged(error instanceof Error ? error.message : String(error));
  }
  if (text === null) return { raw: EMPTY, issues: classified ? [issue('IO_NO_INTERNET_HEADERS', 'info', NO_HEADERS_MESSAGE)] : [], outlookItem: classified };
  return headerBlockBytes(text, options.maxMessageBytes);
}

/**
 * Read a byte stream that starts with the CFB signature as one Outlook `.msg` item ([MS-OXMSG]): index 0, no byte
 * offset, `raw` = its internet header block. A stream larger than {@link MAX_MSG_FILE_BYTES} is not parsed. A
 * compound file that is no Outlook item (a `.doc`) is `null`, for the caller to treat as content that is not mail.
 */
export async function readMsgMessage(chunks: AsyncIterable<Uint8Array>, source: string, options: ResolvedReadOptions): Promise<MessageRecord | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      // Leaving the loop closes the source.
      if (total > MAX_MSG_FILE_BYTES) {
        const found = issue('IO_UNREADABLE', 'error', `Outlook item (.msg) larger than ${MAX_MSG_FILE_BYTES} bytes: not read (MAX_MSG_FILE_BYTES)`);
        return { source, index: 0, byteOffset: null, raw: EMPTY, issues: [found] };
      }
      parts.push(chunk);
    }
  } catch (error) {
    return { source, index: 0, byteOffset: null, raw: EMPTY, issues: [streamErrorIssue(error, total)] };
  }
  const found = await msgTransportHeaders(Buffer.concat(parts, total), options);
  if (!found.outlookItem) return null;
  return { source, index: 0, byteOffset: null, raw: found.raw, issues: found.issues };
}
