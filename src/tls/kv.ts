import type { CertificateStatus } from '../types.js';
import { leadingNumber, trimTrailingPunct } from './text.js';
import type { CommentView } from './view.js';

/** `version=… cipher=… bits=… verify=…` as sendmail, Gmail, Microsoft, Haraka, Barracuda and Mimecast write it. */
export interface KvFacts {
  readonly versionText: string | null;
  readonly cipher: string | null;
  readonly bits: number | null;
  readonly certificate: CertificateStatus;
}

/**
 * sendmail's `${verify}` values (sendmail op.me §"Macros": OK, NO = no client certificate, NOT = none requested,
 * FAIL, NONE = no STARTTLS, TEMP/PROTOCOL/SOFTWARE = errors). Haraka prints its own OK/FAIL the same way.
 */
function verifyStatus(value: string): CertificateStatus {
  switch (value.toUpperCase()) {
    case 'OK':
      return 'verified';
    case 'NO':
      return 'not-presented';
    case 'NOT':
      return 'not-requested';
    case 'FAIL':
    case 'TEMP':
    case 'PROTOCOL':
    case 'SOFTWARE':
      return 'failed';
    default:
      return 'unknown';
  }
}

/** Does the comment start like a key=value TLS comment (`version=` or `cipher=`)? Cheap head check. */
export function looksLikeKv(c: CommentView): boolean {
  return c.head.startsWith('version=') || c.head.startsWith('cipher=');
}

/**
 * Read the key=value pairs of a comment; words may end in `,` (Microsoft, Mimecast) and folding may split a pair
 * after `=`. Unknown keys are skipped. `null` when neither version nor cipher is stated.
 */
export function readKv(c: CommentView): KvFacts | null {
  const words = c.words();
  let versionText: string | null = null;
  let cipher: string | null = null;
  let bits: number | null = null;
  let certificate: CertificateStatus = 'unknown';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === undefined) break;
    const text = trimTrailingPunct(w.text);
    const eq = text.indexOf('=');
    if (eq <= 0) continue;
    const key = text.slice(0, eq).toLowerCase();
    let value = text.slice(eq + 1);
    if (value.length === 0) {
      const next = words[i + 1];
      if (next !== undefined && next.text.indexOf('=') < 0 && next.text !== ')' && next.text !== '(') {
        value = trimTrailingPunct(next.text);
        i++;
      }
    }
    if (value.length === 0) continue;
    if (key === 'version') versionText ??= value;
    else if (key === 'cipher') cipher ??= value;
    else if (key === 'bits') bits ??= leadingNumber(value);
    else if (key === 'verify') certificate = verifyStatus(value);
  }
  if (versionText === null && cipher === null) return null;
  return { versionText, cipher, bits, certificate };
}
