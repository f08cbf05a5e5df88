// from laptop.example.org [192.0.2.55] by smtp.example.org with NetMail SMTP Agent $Revision: 3.11 $ on Novell NetWare via secured & encrypted transport (TLS); Thu, 29 Aug 2002 03:10:11 +0000
/**
 * Novell NetMail (NetWare): `via secured & encrypted transport (TLS)` at the end of its via clause — encrypted,
 * parameters not stated.
 * @module
 */
import { endsWithLower } from '../../received/ascii.js';
import { isTokenSpace } from '../../received/lex.js';
import { Place } from '../../received/places.js';
import { statement } from '../finding.js';
import { tokenSpan, type TlsRecogniser } from '../view.js';

/** The words NetMail writes before its `(TLS)`. */
const PHRASE = 'encrypted transport';

/** NetMail's `(TLS)` after `encrypted transport`. */
export const netmail: TlsRecogniser = {
  dialect: 'netmail',
  heads: ['tls'],
  places: [Place.via],
  comment: (c, hop) => {
    if (c.head !== 'tls') return null;
    const raw = hop.ctx.raw;
    let end = c.token.start;
    while (end > 0 && isTokenSpace(raw.charCodeAt(end - 1))) end--;
    return endsWithLower(raw, Math.max(0, end - PHRASE.length), end, PHRASE) ? statement('netmail', tokenSpan(c), {}) : null;
  },
};
