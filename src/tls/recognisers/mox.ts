// by mail.example.org (mox 0.0.14) with ESMTPS (TLS1.3 TLS_AES_128_GCM_SHA256) id 8d1e2f; 4 Jun 2024 09:00:00 +0200
/**
 * mox (mjl-/mox `tls.go`): `(<TLS1.x> <Go cipher-suite name>)` — Go's names are the IANA names.
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { isCipherText, isVersionText } from '../text.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';

/** mox's two-word TLS comment. */
export const mox: TlsRecogniser = {
  dialect: 'mox',
  heads: ['tls', 'ssl'],
  // After the protocol word.
  places: [Place.with],
  comment: (c) => {
    if (!c.head.startsWith('tls') && !c.head.startsWith('ssl')) return null;
    const w = c.words();
    const v = w[0];
    const s = w[1];
    if (w.length !== 2 || v === undefined || s === undefined) return null;
    if (!isVersionText(v.text) || !isCipherText(s.text)) return null;
    return statement('mox', tokenSpan(c), { versionText: v.text, cipher: s.text });
  },
};
