/**
 * The few identifying fields of a message (RFC 5322 §3.6.1 Date, §3.6.4 Message-ID, §3.6.2 From, §3.6.3 To,
 * §3.6.5 Subject) as raw unfolded text: never decoded (no RFC 2047), never guessed. Control characters stay; the
 * output layers escape them. The first occurrence of each field counts.
 * @module
 */

import { parseDate } from '../date/rfc5322.js';
import type { HeaderField } from '../headers/split.js';
import type { Issue, MessageHeaders } from '../types.js';
import { unfoldField } from './trace-text.js';

/** Read Date, Message-ID, From, To and Subject; the Date field's problems come back as issues. */
export function readMessageHeaders(fields: readonly HeaderField[]): { headers: MessageHeaders; issues: Issue[] } {
  let date: HeaderField | null = null;
  let messageId: string | null = null;
  let from: string | null = null;
  let to: string | null = null;
  let subject: string | null = null;
  for (const f of fields) {
    if (f.key === 'date') date ??= f;
    else if (f.key === 'message-id') messageId ??= unfoldField(f.value);
    else if (f.key === 'from') from ??= unfoldField(f.value);
    else if (f.key === 'to') to ??= unfoldField(f.value);
    else if (f.key === 'subject') subject ??= unfoldField(f.value);
  }
  const issues: Issue[] = [];
  let parsed = null;
  if (date !== null) {
    const p = parseDate(unfoldField(date.value));
    parsed = p.date;
    for (const i of p.issues) issues.push({ code: i.code, severity: i.severity, message: `Date header: ${i.message}` });
  }
  return { headers: { date: parsed, messageId, from, to, subject }, issues };
}
