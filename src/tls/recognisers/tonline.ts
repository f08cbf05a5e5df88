// from relay3.example.de ([192.0.2.140]) by mailin12.example.de with (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted) esmtp id 1tQzXy-0aBcDe8; Wed, 12 Mar 2025 08:15:27 +0100
/**
 * Deutsche Telekom's mail platform (t-online.de): `with (<version>:<cipher> encrypted) esmtp` — qmail's
 * `(<cipher> encrypted)` phrase with the OpenSSL version string and cipher joined by a colon, and a plain protocol
 * word after it (the comment is the only TLS evidence).
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { eqi, isCipherText, isVersionText, trimTrailingPunct } from '../text.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';

/** `(<version>:<cipher> encrypted)`. */
export const tonline: TlsRecogniser = {
  dialect: 'tonline',
  heads: ['tls', 'ssl'],
  // Between `with` and the protocol word.
  places: [Place.with],
  comment: (c) => {
    if (!(c.head.startsWith('tls') || c.head.startsWith('ssl'))) return null;
    const w = c.words();
    const pair = w[0];
    const label = w[1];
    if (w.length !== 2 || pair === undefined || label === undefined || !eqi(trimTrailingPunct(label.text), 'encrypted')) return null;
    const colon = pair.text.indexOf(':');
    if (colon <= 0) return null;
    const versionText = pair.text.slice(0, colon);
    const cipher = pair.text.slice(colon + 1);
    if (!isVersionText(versionText) || !isCipherText(cipher)) return null;
    return statement('tonline', tokenSpan(c), { versionText, cipher });
  },
};
