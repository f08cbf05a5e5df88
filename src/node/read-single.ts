/**
 * One file = one message (`.eml`, a Maildir file): up to `maxMessageBytes` kept, the rest counted.
 * @module
 */
import { issue, pushAll } from '../issues.js';
import type { Issue } from '../types.js';
import { streamErrorIssue } from './read-faults.js';
import type { MessageRecord, ResolvedReadOptions } from './read-options.js';

/**
 * Read a byte stream as a single message (RFC 5322 §2.1): index 0, no byte offset. Reading stops once
 * `maxMessageBytes` are kept: nothing past them is used, and `/dev/zero` or `yes | rcvd -` never end. A read error
 * keeps what arrived and adds an issue; `extra` issues (e.g. "does not look like mail") are appended.
 */
export async function readSingleMessage(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  options: ResolvedReadOptions,
  extra: readonly Issue[] = [],
): Promise<MessageRecord> {
  const max = options.maxMessageBytes;
  const parts: Uint8Array[] = [];
  let kept = 0;
  let cut = false;
  const issues: Issue[] = [];
  try {
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      const room = max - kept;
      const take = Math.min(room, chunk.length);
      if (take > 0) parts.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      kept += take;
      if (take < chunk.length) {
        // Leaving the loop closes the source: a file is closed, a stream destroyed.
        cut = true;
        break;
      }
    }
  } catch (error) {
    issues.push(streamErrorIssue(error, kept));
  }
  if (cut) {
    issues.unshift(issue('IO_TRUNCATED', 'warning', `message is larger than ${max} bytes; kept the first ${kept}, the rest not read (maxMessageBytes)`));
  }
  pushAll(issues, extra);
  return { source, index: 0, byteOffset: null, raw: Buffer.concat(parts, kept), issues };
}
