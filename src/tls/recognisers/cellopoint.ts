// by mailgw01.example.com (envelope-from <a@example.com>) (Cellopoint E-mail Firewall v4.1.14 Build 0819 with TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 256/256) with ESMTP id 614076810
/**
 * Cellopoint E-mail Firewall (and its `Generic MTA` variant): `(<product> with <version> <cipher> <bits>/<bits>)`.
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { eqi, isCipherText, isVersionText, leadingNumber } from '../text.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';

/** Words in a product comment worth scanning; real ones have about 10. */
const MAX_WORDS = 32;

/** Cellopoint's product comment. */
export const cellopoint: TlsRecogniser = {
  dialect: 'cellopoint',
  heads: ['cellopoint', 'generic mta'],
  // The product comment follows the by host (and its `(envelope-from …)`).
  places: [Place.by],
  comment: (c) => {
    if (!(c.head.startsWith('cellopoint') || c.head.startsWith('generic mta'))) return null;
    const w = c.words();
    const n = Math.min(w.length, MAX_WORDS);
    for (let i = 0; i + 2 < n; i++) {
      if (!eqi(w[i]?.text ?? '', 'with')) continue;
      const v = w[i + 1]?.text ?? '';
      const cipher = w[i + 2]?.text ?? '';
      if (!isVersionText(v) || !isCipherText(cipher)) continue;
      const b = w[i + 3]?.text;
      return statement('cellopoint', tokenSpan(c), { versionText: v, cipher, bits: b === undefined ? null : leadingNumber(b) });
    }
    return null;
  },
};
