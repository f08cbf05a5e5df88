/**
 * I/O faults as data: every failure to read becomes an `IO_*` issue on a record, never an exception.
 * @module
 */
import { issue } from '../issues.js';
import type { Issue } from '../types.js';
import type { MessageRecord } from './read-options.js';

const EMPTY = new Uint8Array(0);

/** `errno` code of a Node system error (`ENOENT`, `EACCES`, `Z_BUF_ERROR`…), or `null`. */
export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

/**
 * A one-line human description of an I/O error, with a plain-words hint for the common codes. Node's message is
 * kept without the path it quotes: that copy is decoded with U+FFFD for bytes that are not UTF-8, and every caller
 * names the path itself (escaped).
 */
export function describeError(error: unknown): string {
  const code = errorCode(error);
  let text = error instanceof Error ? error.message : String(error);
  // `ENOENT: no such file or directory, open '/path'` → without the quoted path (and `-> '/dest'`).
  const quoted = text.indexOf(" '");
  if (quoted !== -1 && typeof (error as { path?: unknown } | null)?.path !== 'undefined') text = text.slice(0, quoted);
  switch (code) {
    case 'ENOENT':
      return `file vanished or does not exist (${text})`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${text})`;
    case 'EISDIR':
      return `a directory where a file was expected (${text})`;
    case 'ELOOP':
      return `symlink loop, or a link where links are not followed (${text})`;
    case 'ENOTDIR':
      return `a file where a directory was expected (${text})`;
    case 'ENOSPC':
      return `no space left on the device (${text})`;
    case 'EDQUOT':
      return `disk quota exceeded (${text})`;
    case 'EFBIG':
      return `file too large for this system or process (${text})`;
    case 'EROFS':
      return `read-only file system (${text})`;
    default:
      return text;
  }
}

/**
 * The issue for an error that stopped a stream part-way: a gzip stream that ends early is `IO_TRUNCATED`
 * (RFC 1952 §2.2: the member trailer is missing), anything else `IO_UNREADABLE`.
 */
export function streamErrorIssue(error: unknown, bytesRead: number): Issue {
  const code = errorCode(error);
  if (code === 'Z_BUF_ERROR' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return issue('IO_TRUNCATED', 'error', `input ends early after ${bytesRead} bytes: ${describeError(error)}`);
  }
  return issue('IO_UNREADABLE', 'error', `read failed after ${bytesRead} bytes: ${describeError(error)}`);
}

/** A record that stands in for something we could not read. */
export function faultRecord(source: string, index: number, found: Issue): MessageRecord {
  return { source, index, byteOffset: null, raw: EMPTY, issues: [found] };
}
