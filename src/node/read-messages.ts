/**
 * `readMessages`: one entry point for every archive shape — a message file, an mbox, a Maildir, a folder of any of
 * these, a `.gz`, stdin (`-`) or a stream — yielding one record per message and one per fault.
 * @module
 */
import { stat } from 'node:fs/promises';
import { issue } from '../issues.js';
import { nodeStreamChunks, webStreamChunks } from './read-chunks.js';
import { readContent } from './read-content.js';
import { describeError, faultRecord } from './read-faults.js';
import { fsPath } from './fs-path.js';
import { readFileWith } from './read-file.js';
import { readFolder } from './read-folder.js';
import { resolveReadOptions, type MessageRecord, type ReadOptions, type ResolvedReadOptions } from './read-options.js';

/** What `readMessages` accepts: a path (`-` = stdin), a Node readable, or a WHATWG byte stream. */
export type MessageInput = string | NodeJS.ReadableStream | ReadableStream<Uint8Array>;

function isWebStream(input: object): input is ReadableStream<Uint8Array> {
  return typeof (input as { getReader?: unknown }).getReader === 'function';
}

function isNodeStream(input: object): input is NodeJS.ReadableStream {
  return typeof (input as { pipe?: unknown }).pipe === 'function' && Symbol.asyncIterator in input;
}

async function* readPath(path: string, options: ResolvedReadOptions): AsyncGenerator<MessageRecord> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(fsPath(path))).isDirectory();
  } catch (error) {
    yield faultRecord(path, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
    return;
  }
  if (isDirectory) yield* readFolder(path, options);
  else yield* readFileWith(path, options, 'named');
}

/**
 * Every message in `input`, as `{ source, index, byteOffset, raw, issues }` records: a single message file, an
 * mbox (mboxo/mboxrd, RFC 4155, streamed with byte offsets), a Maildir (`cur/` + `new/`, never `tmp/`, Maildir++
 * sub-folders), a folder walked recursively in byte-wise order, an Outlook `.msg` ([MS-OXMSG]) or `.pst`/`.ost`
 * ([MS-PST]) through each item's internet headers, a `.gz` of any of these, stdin (`-`) or a stream. Formats are
 * detected by content. Faults (unreadable, vanished, truncated, not mail) become records with
 * `issues` and the iteration goes on; only invalid arguments throw (`TypeError`, synchronously).
 * @example
 * ```ts
 * import { readMessages } from 'received-forensics/node';
 * for await (const record of readMessages('archive.mbox')) {
 *   console.log(record.index, record.byteOffset, record.raw.length, record.issues.length);
 * }
 * ```
 */
export function readMessages(input: MessageInput, options?: ReadOptions): AsyncGenerator<MessageRecord> {
  const resolved = resolveReadOptions(options);
  if (typeof input === 'string') {
    if (input === '') throw new TypeError('input path must not be empty');
    if (input === '-') return readContent(nodeStreamChunks(process.stdin), '-', resolved, 'named');
    return readPath(input, resolved);
  }
  if (typeof input === 'object' && input !== null) {
    if (isWebStream(input)) return readContent(webStreamChunks(input), resolved.name, resolved, 'named');
    if (isNodeStream(input)) return readContent(nodeStreamChunks(input), resolved.name, resolved, 'named');
  }
  throw new TypeError('input must be a path, a Node readable stream or a ReadableStream<Uint8Array>');
}
