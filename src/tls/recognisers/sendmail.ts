// by mail.example.org (8.17.1/8.17.1) with ESMTPS id 4ABC123 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)
/**
 * sendmail's `$|` TLS comment (`version=${tls_version} cipher=${cipher} bits=${cipher_bits} verify=${verify}`), which
 * Proofpoint, Barracuda, Mimecast (with commas) and many appliances copy. Google, Microsoft and Haraka hops are read
 * by their own recognisers first; this one takes every other `version=` / `cipher=` comment.
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { looksLikeKv, readKv } from '../kv.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';

/** The sendmail key=value comment. */
export const sendmail: TlsRecogniser = {
  dialect: 'sendmail',
  heads: ['version=', 'cipher='],
  // `id $i (version=…) for $u` (sendmail.cf); the look-alikes put it after the protocol word or the for address.
  places: [Place.id, Place.with, Place.for],
  comment: (c) => {
    if (!looksLikeKv(c)) return null;
    const kv = readKv(c);
    return kv === null ? null : statement('sendmail', tokenSpan(c), kv);
  },
};
