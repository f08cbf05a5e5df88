// (using TLS: TLSv1.2, ECDHE-RSA-AES256-GCM-SHA384)
/**
 * A gateway seen in front of some corporate Exchange hosts (`… by gw.example.com (using TLS: TLSv1.2, <cipher>)`):
 * a comma list after `using TLS:`.
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { eqi } from '../text.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';
import { readCommaFields } from '../comma-fields.js';

/** `(using TLS: <version>, <cipher>)`. */
export const usingTlsList: TlsRecogniser = {
  dialect: 'using-tls-list',
  heads: ['using'],
  // After the gateway's host name.
  places: [Place.by],
  comment: (c, hop) => {
    if (!c.head.startsWith('using')) return null;
    const w = c.words();
    const first = w[0];
    const second = w[1];
    if (first === undefined || second === undefined || !eqi(first.text, 'using') || !eqi(second.text, 'TLS:')) return null;
    const f = readCommaFields(hop.ctx.raw, { start: second.end, end: c.inner.end });
    if (f.versionText === null && f.cipher === null) return null;
    return statement('using-tls-list', tokenSpan(c), f);
  },
};
