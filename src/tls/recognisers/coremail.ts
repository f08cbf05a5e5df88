// from mail01.example.cn by mx.example.cn ((D)) with ASMTP (SSL) id 202503051751237924; Wed, 05 Mar 2025 17:51:23 +0800
/**
 * Coremail: `with ASMTP (SSL)` — an SSL/TLS submission connection, version and cipher not stated (`SSL` is kept as
 * the version text, as written).
 * @module
 */
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';

/** Coremail's `(SSL)` comment. */
export const coremail: TlsRecogniser = {
  dialect: 'coremail',
  heads: ['ssl'],
  // After the protocol word.
  places: [Place.with],
  comment: (c, hop) => {
    if (c.head !== 'ssl') return null;
    return statement('coremail', tokenSpan(c), { versionText: hop.ctx.raw.slice(c.inner.start, c.inner.end).trim() });
  },
};
