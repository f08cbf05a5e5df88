// (AUTH: PLAIN alice, TLS: TLSv1/SSLv3,256bits,ECDHE-RSA-AES256-GCM-SHA384)
/**
 * Courier-MTA: `(TLS: <version>,<bits>bits,<cipher>)`, alone or after `AUTH: …,` in the same comment; older
 * builds write `SSL:` instead of `TLS:`.
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';
import { readCommaFields } from '../comma-fields.js';

/** `TLS:` / `SSL:` as a word of its own, at the start or after a `,`. */
function isTlsLabel(text: string): boolean {
  if (text.length !== 4 || text.charCodeAt(3) !== 0x3a) return false;
  const p = text.slice(0, 3).toLowerCase();
  return p === 'tls' || p === 'ssl';
}

/** Courier's TLS comment. */
export const courier: TlsRecogniser = {
  dialect: 'courier',
  heads: ['tls:', 'ssl:', 'auth:'],
  // After the TCP-info comment.
  places: [Place.from],
  comment: (c, hop) => {
    if (!(c.head.startsWith('tls:') || c.head.startsWith('ssl:') || c.head.startsWith('auth:'))) return null;
    const w = c.words();
    for (let i = 0; i < w.length; i++) {
      const cur = w[i];
      if (cur === undefined) break;
      if (!isTlsLabel(cur.text)) continue;
      const prev = w[i - 1];
      if (prev !== undefined && !prev.text.endsWith(',')) continue;
      const f = readCommaFields(hop.ctx.raw, { start: cur.end, end: c.inner.end });
      if (f.versionText === null && f.cipher === null) return null;
      return statement('courier', tokenSpan(c), f);
    }
    return null;
  },
};
