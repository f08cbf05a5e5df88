/**
 * One file = one message (`.eml`, a Maildir file): up to `maxMessageBytes` kept, the rest counted.
 * @module
 */
import { issue, pushAll } from '../issues.js';
import type { Issue } from '../types.js';
import { streamErrorIssue } from './read-faults.js';
import type { MessageRecord, ResolvedReadOptions } from './read-options.js';

/**
 * Read a whole byte stream as a single message (RFC 5322 §2.1): index 0, no byte offset. A read error keeps what
 * arrived and adds an issue; `extra` issues (e.g. "does not look like mail") are appended.
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
  let total = 0;
  const issues: Issue[] = [];
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      const room = max - kept;
      if (room <= 0) continue;
      const take = Math.min(room, chunk.length);
      parts.push(take === chunk.length ? chunk : chunk.subarray(0, take));
      kept += take;
    }
  } catch (error) {
    issues.push(streamErrorIssue(error, total));
  }
  if (total > kept) {
    issues.unshift(issue('IO_TRUNCATED', 'warning', `message is ${total} bytes; kept the first ${kept} (maxMessageBytes)`));
  }
  pushAll(issues, extra);
  return { source, index: 0, byteOffset: null, raw: Buffer.concat(parts, kept), issues };
}
