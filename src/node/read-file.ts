/**
 * One file path → its messages (an `.eml`, an mbox, an Outlook `.msg`/`.pst`/`.ost`, a `.gz` of any), faults as records.
 * @module
 */
import { constants, open as openFd } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { issue } from '../issues.js';
import { fsPath } from './fs-path.js';
import { ChunkRecycler, fileChunks, nodeStreamChunks } from './read-chunks.js';
import { readContent, type ContentOrigin } from './read-content.js';
import { describeError, faultRecord } from './read-faults.js';
import { resolveReadOptions, type MessageRecord, type ReadOptions, type ResolvedReadOptions } from './read-options.js';

/**
 * Open a file for reading. A file found by walking a folder or a Maildir is opened non-blocking and must be a
 * regular file: a FIFO or device planted in a mail folder would otherwise hang the scan; unless `followSymlinks`,
 * it is also opened without following a link (one swapped in after the listing fails with ELOOP). A path the user
 * named may be a pipe (`<(zcat archive.gz)`) or a link.
 */
export async function openMessageFile(path: string, origin: ContentOrigin, followSymlinks = false): Promise<FileHandle> {
  if (origin === 'named') return open(fsPath(path), constants.O_RDONLY);
  return open(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK | (followSymlinks ? 0 : constants.O_NOFOLLOW));
}

const openDescriptor = promisify(openFd);

/**
 * The bytes of a named FIFO (`mkfifo`, `<(zcat archive.gz)`), read by the event loop instead of the thread pool. A
 * blocking open or read of a FIFO whose writer never comes holds a pool thread, and Node cannot exit until every
 * pool thread returns: Ctrl-C would print the summary and then hang. Opened non-blocking (Linux then waits for a
 * first writer before reporting the end), the descriptor is owned by the socket, which closes it.
 */
async function* fifoChunks(path: string): AsyncGenerator<Buffer> {
  const fd = await openDescriptor(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK);
  const socket = new Socket({ fd, readable: true, writable: false });
  try {
    yield* nodeStreamChunks(socket);
  } finally {
    socket.destroy();
  }
}

async function isFifo(path: string): Promise<boolean> {
  try {
    return (await stat(fsPath(path))).isFIFO();
  } catch {
    return false; // opening it reports why
  }
}

/** Read one file (format detected by content) with resolved options; every fault becomes a record. */
export async function* readFileWith(
  path: string,
  options: ResolvedReadOptions,
  origin: ContentOrigin,
): AsyncGenerator<MessageRecord> {
  if (origin === 'named' && (await isFifo(path))) {
    // Errors, from the open on, surface through the readers as an issue on a record.
    yield* readContent(fifoChunks(path), path, options, origin);
    return;
  }
  let handle: FileHandle;
  try {
    handle = await openMessageFile(path, origin, options.followSymlinks);
  } catch (error) {
    yield faultRecord(path, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
    return;
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      yield faultRecord(path, 0, issue('IO_UNREADABLE', 'error', 'a directory where a file was expected'));
      return;
    }
    if (origin !== 'named' && !stat.isFile()) {
      yield faultRecord(path, 0, issue('IO_UNREADABLE', 'warning', 'not a regular file (FIFO, socket or device): not read'));
      return;
    }
    const recycler = new ChunkRecycler();
    // An Outlook archive is read by random access: its reader opens the file again, by this name.
    const file = stat.isFile() ? path : undefined;
    yield* readContent(fileChunks(handle, stat.isFile() ? stat.size : null, undefined, recycler), path, options, origin, 0, recycler, file);
  } catch (error) {
    // Only fstat can land here; read errors are caught by the readers and reported on the message they cut.
    yield faultRecord(path, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Every message in one file: an `.eml` (one record), an mbox (one per message, with byte offsets), an Outlook
 * `.msg` (one record) or `.pst`/`.ost` (one per item), or a `.gz` of any; the format is detected by content. Never throws on I/O or data; invalid `options` throw `TypeError`.
 */
export function readFileMessages(path: string, options?: ReadOptions): AsyncGenerator<MessageRecord> {
  if (typeof path !== 'string') throw new TypeError('path must be a string');
  return readFileWith(path, resolveReadOptions(options), 'named');
}
