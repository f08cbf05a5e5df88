// by mx.google.com with ESMTPS id a1si123.45 (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); (Google Transport Security)
/**
 * Google: `(version=TLS1_2 cipher=… bits=128/128)` on mx.google.com / smtp.gmail.com hops, and
 * `with SMTPS … (Google Transport Security)` on Google-internal hops (encrypted, parameters not stated).
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { looksLikeKv, readKv } from '../kv.js';
import { tokenSpan, type HopView, type TlsRecogniser } from '../view.js';

function isGoogleHost(hop: HopView): boolean {
  const h = hop.byHost;
  return h !== null && (h.endsWith('.google.com') || h.endsWith('.gmail.com') || h.endsWith('.google.com.'));
}

/** Google's TLS comments. */
export const gmail: TlsRecogniser = {
  dialect: 'gmail',
  heads: ['google transport securit', 'version=', 'cipher='],
  // After the id, or after `for <address>` when there is one.
  places: [Place.id, Place.for],
  comment: (c, hop) => {
    if (c.head.startsWith('google transport securit')) return statement('gmail', tokenSpan(c), {});
    if (!looksLikeKv(c) || !isGoogleHost(hop)) return null;
    const kv = readKv(c);
    return kv === null ? null : statement('gmail', tokenSpan(c), kv);
  },
};
