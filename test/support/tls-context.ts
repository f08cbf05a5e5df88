/**
 * Test helper: the `TlsContext` of a Received value, as the hop reader hands it to `readTls` (the fields of
 * `readReceivedFields` are that context), without the grading step.
 */
import { readReceivedFields } from '../../src/received/read-received.js';
import type { TlsContext } from '../../src/tls/context.js';

export function tlsContext(raw: string): TlsContext {
  return readReceivedFields(raw);
}
