// (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO)
/**
 * OpenSMTPD (smtp_session.c `received` line): `(<version>:<cipher>:<bits>:<YES|NO>)`, the 4th field telling whether
 * the client certificate was verified.
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';
import { splitColonWord } from '../colon-triple.js';

/** OpenSMTPD's four-field TLS comment. */
export const opensmtpd: TlsRecogniser = {
  dialect: 'opensmtpd',
  heads: ['tls', 'ssl'],
  // After the session id.
  places: [Place.id],
  comment: (c) => {
    if (!(c.head.startsWith('tls') || c.head.startsWith('ssl'))) return null;
    const w = c.words();
    const only = w[0];
    if (only === undefined || w.length !== 1) return null;
    const p = splitColonWord(only.text);
    if (p === null || p.fourth === null) return null;
    const f = p.fourth.toUpperCase();
    // NO = not verified: OpenSMTPD does not say whether a certificate was presented; most clients present none.
    const certificate = f === 'YES' ? 'verified' : f === 'NO' ? 'not-presented' : 'unknown';
    return statement('opensmtpd', tokenSpan(c), { versionText: p.versionText, cipher: p.cipher, bits: p.bits, certificate });
  },
};
