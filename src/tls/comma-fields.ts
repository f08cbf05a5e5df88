/**
 * The comma list Courier and a few gateways write after `TLS:`: `TLSv1/SSLv3,168bits,DES-CBC3-SHA` (fields in any
 * order, spaces and folding allowed around the commas).
 * @module
 */
import type { Span } from '../types.js';
import { isCipherText, isVersionText, leadingNumber } from './text.js';
import { isTokenSpace } from '../received/lex.js';

/** What a comma list states. */
export interface CommaFields {
  readonly versionText: string | null;
  readonly cipher: string | null;
  readonly bits: number | null;
}

/** Fields read per list: Courier writes 3, anything beyond 8 is not a TLS list. */
const MAX_FIELDS = 8;

/** Read `raw[range)` as a comma list; each field is classified by its shape (version, `NNNbits`, cipher). */
export function readCommaFields(raw: string, range: Span): CommaFields {
  let versionText: string | null = null;
  let cipher: string | null = null;
  let bits: number | null = null;
  let i = range.start;
  let fields = 0;
  while (i < range.end && fields < MAX_FIELDS) {
    let s = i;
    while (s < range.end && isTokenSpace(raw.charCodeAt(s))) s++;
    let e = s;
    while (e < range.end && raw.charCodeAt(e) !== 0x2c) e++;
    const next = e + 1;
    while (e > s && isTokenSpace(raw.charCodeAt(e - 1))) e--;
    const field = raw.slice(s, e);
    fields++;
    if (versionText === null && isVersionText(field)) versionText = field;
    else if (bits === null && field.length > 4 && field.slice(-4).toLowerCase() === 'bits' && leadingNumber(field) !== null) {
      bits = leadingNumber(field);
    } else if (cipher === null && isCipherText(field)) cipher = field;
    i = next;
  }
  return { versionText, cipher, bits };
}
