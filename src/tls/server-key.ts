/**
 * Postfix's TLS 1.3 trailer states the server's signature key size: `server-signature RSA-PSS (2048 bits)`.
 * `HopTls` has no field for it, so grading reads it back from the evidence text (which is exactly what Postfix wrote).
 * @module
 */
import { eqi, leadingNumber } from './text.js';
import { splitWords } from './words.js';

/** The RSA key bits after `server-signature <alg> (`, or null when not stated or the key is not RSA. */
export function serverKeyBits(evidence: string): number | null {
  const words = splitWords(evidence, { start: 0, end: evidence.length });
  for (let i = 0; i + 4 < words.length; i++) {
    if (!eqi(words[i]?.text ?? '', 'server-signature')) continue;
    const alg = (words[i + 1]?.text ?? '').toUpperCase();
    if (!alg.startsWith('RSA')) return null;
    if (words[i + 2]?.text !== '(' || !eqi(words[i + 4]?.text ?? '', 'bits')) return null;
    return leadingNumber(words[i + 3]?.text ?? '');
  }
  return null;
}
