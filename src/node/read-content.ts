/**
 * Read a byte stream of unknown format: look at its first bytes, then hand it to the gzip, mbox or single-message
 * reader. Shared by files, stdin and caller-supplied streams.
 * @module
 */
import { issue } from '../issues.js';
import { detectFormat } from './detect-format.js';
import { peekChunks, type ChunkRecycler } from './read-chunks.js';
import { faultRecord, streamErrorIssue } from './read-faults.js';
import { gunzipChunks } from './read-gzip.js';
import { readMbox } from './read-mbox.js';
import { readMsgMessage } from './read-msg.js';
import { bufferArchive, readPst } from './read-pst.js';
import { DETECT_BYTES, type MessageRecord, type ResolvedReadOptions } from './read-options.js';
import { readSingleMessage } from './read-single.js';

/**
 * Where the input came from, which decides how content that does not look like mail is treated: `named` (a path
 * the user gave, or a stream) and `maildir` (a file in `cur/` or `new/`) are read anyway, with a warning;
 * `discovered` (a file met while walking a folder) is skipped or reported per `options.nonMessages`.
 */
export type ContentOrigin = 'named' | 'maildir' | 'discovered';

/** 1 level of gzip: a `.gz` inside a `.gz` is not an archive format anyone writes, but it is a cheap bomb layer. */
const MAX_GZIP_LAYERS = 1;

/**
 * Detect the format of `chunks` by content (RFC 1952 magic, [MS-CFB] and [MS-PST] signatures, RFC 4155 `From `
 * line, RFC 5322 field) and read it. `recycler`: the one `chunks` were read with, given their buffers back by the
 * mbox reader (the others keep views). `file`: the path of the regular file `chunks` read from its start, which
 * lets an Outlook archive be read by random access instead of whole in memory.
 */
export async function* readContent(
  chunks: AsyncIterable<Buffer>,
  source: string,
  options: ResolvedReadOptions,
  origin: ContentOrigin,
  gzipLayers = 0,
  recycler?: ChunkRecycler,
  file?: string,
): AsyncGenerator<MessageRecord> {
  const peeked = await peekChunks(chunks, DETECT_BYTES);
  const format = detectFormat(peeked.head);
  if (format === 'gzip' && gzipLayers < MAX_GZIP_LAYERS) {
    yield* readContent(gunzipChunks(peeked.chunks), source, options, origin, gzipLayers + 1);
    return;
  }
  if (format === 'mbox') {
    yield* readMbox(peeked.chunks, source, options, recycler);
    return;
  }
  if (format === 'message') {
    yield await readSingleMessage(peeked.chunks, source, options);
    return;
  }
  if (format === 'cfb') {
    const item = await readMsgMessage(peeked.chunks, source, options);
    if (item !== null) yield item;
    else if (origin !== 'discovered' || options.nonMessages === 'report') {
      const expected = origin !== 'discovered';
      yield faultRecord(source, 0, issue('IO_NOT_A_MESSAGE', expected ? 'warning' : 'info', 'a compound file (an Office document) that is no Outlook item'));
    }
    return;
  }
  if (format === 'pst') {
    if (file !== undefined && gzipLayers === 0) {
      await peeked.close();
      yield* readPst(file, source, options, origin === 'named' || options.followSymlinks);
      return;
    }
    const archive = await bufferArchive(peeked.chunks, source);
    if (Buffer.isBuffer(archive)) yield* readPst(archive, source, options);
    else yield archive;
    return;
  }
  if (peeked.failure !== null && peeked.head.length === 0) {
    await peeked.close();
    yield faultRecord(source, 0, streamErrorIssue(peeked.failure.error, 0));
    return;
  }
  const what = format === 'empty' ? 'empty input' : 'does not look like mail (no header field, no "From " line)';
  const expected = origin !== 'discovered';
  if (expected && format !== 'empty') {
    yield await readSingleMessage(peeked.chunks, source, options, [issue('IO_NOT_A_MESSAGE', 'warning', what)]);
    return;
  }
  await peeked.close();
  if (expected || options.nonMessages === 'report') {
    yield faultRecord(source, 0, issue('IO_NOT_A_MESSAGE', expected ? 'warning' : 'info', what));
  }
}
