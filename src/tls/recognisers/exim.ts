// with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.98) id 1tAbCd-000123-Xy
/**
 * Exim: the old `($tls_in_cipher)` comment in every spelling (OpenSSL `(TLSv1:DHE-RSA-AES256-SHA:256)`, GnuTLS
 * `(TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256)`, session-description `…__AES_256_GCM:256`, custom
 * `(Cipher TLS1.3:…)` / `(tls_cipher TLS-1.0:…)`), and the newer header: a `(TLS1.3)` version comment plus the
 * RFC 8314 §7 `tls <IANA suite>` clause.
 * @module
 */
import { Place } from '../../received/places.js';
import { NO_FINDINGS, statement, type TlsFinding } from '../finding.js';
import { eqi, isCipherText, isVersionText } from '../text.js';
import { tokenSpan, type CommentView, type HopView, type TlsRecogniser } from '../view.js';
import { splitColonWord } from '../colon-triple.js';

function readColonComment(c: CommentView): TlsFinding | null {
  const h = c.head;
  const prefixed = h.startsWith('cipher') || h.startsWith('tls_cipher');
  if (!prefixed && !h.startsWith('tls') && !h.startsWith('ssl')) return null;
  const w = c.words();
  const first = w[0];
  if (first === undefined) return null;
  if (w.length === 1) {
    // `(TLS1.3)`: Exim 4.95+ writes the version alone and the suite in the `tls` clause.
    if (isVersionText(first.text) && first.text.length > 3) return statement('exim', tokenSpan(c), { versionText: first.text });
    const p = splitColonWord(first.text);
    if (p === null || p.fourth !== null) return null;
    return statement('exim', tokenSpan(c), { versionText: p.versionText, cipher: p.cipher, bits: p.bits });
  }
  if (w.length === 2 && (eqi(first.text, 'cipher') || eqi(first.text, 'tls_cipher'))) {
    const second = w[1];
    const p = second === undefined ? null : splitColonWord(second.text);
    if (p === null || p.fourth !== null) return null;
    return statement('exim', tokenSpan(c), { versionText: p.versionText, cipher: p.cipher, bits: p.bits });
  }
  return null;
}

/** RFC 8314 §7: `tls <cipher-suite>` — the suite as IANA names it. */
function readTlsClause(hop: HopView): readonly TlsFinding[] {
  const t = hop.ctx.tlsClause;
  if (t === null) return NO_FINDINGS;
  const text = hop.ctx.raw.slice(t.start, t.end);
  const cipher = text.endsWith(';') ? text.slice(0, -1) : text;
  if (!isCipherText(cipher)) return NO_FINDINGS;
  return [statement('exim', { start: t.start, end: t.start + cipher.length }, { cipher })];
}

/** Exim's TLS comments and the RFC 8314 clause. */
export const exim: TlsRecogniser = {
  dialect: 'exim',
  heads: ['cipher', 'tls_cipher', 'tls', 'ssl'],
  // `with $received_protocol ($tls_in_cipher)`: right after the protocol word.
  places: [Place.with],
  comment: readColonComment,
  hop: readTlsClause,
};
