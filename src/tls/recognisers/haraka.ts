// by mx.example.org (Haraka/3.0.3) with ESMTPS id 1B2C… envelope-from <a@example.org> (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 verify=NO)
/**
 * Haraka's `(version=… cipher=… verify=…)` (when the `by` software comment says Haraka) and the cipher-only
 * `(cipher=AES-256-GCM)` that Haraka-style and Momentum (ecelerity) relays write.
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { readKv } from '../kv.js';
import { tokenSpan, type HopView, type TlsRecogniser } from '../view.js';

/** The receiver's software comment (`by host (Haraka/3.0.3)`), not a HELO name that says so. */
function saysHaraka(hop: HopView): boolean {
  for (const c of hop.comments) if (c.place === Place.by && c.headStartsWith('haraka')) return true;
  return false;
}

/** Haraka's key=value TLS comment. */
export const haraka: TlsRecogniser = {
  dialect: 'haraka',
  heads: ['cipher=', 'version='],
  // Haraka: after `envelope-from <…>` (and its `(authenticated …)`); Momentum: after the protocol word.
  places: [Place.envelopeFrom, Place.id, Place.with],
  comment: (c, hop) => {
    const h = c.head;
    if (!(h.startsWith('cipher=') || (h.startsWith('version=') && saysHaraka(hop)))) return null;
    const kv = readKv(c);
    return kv === null ? null : statement('haraka', tokenSpan(c), kv);
  },
};
