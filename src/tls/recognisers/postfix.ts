// (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested)
/**
 * Postfix `smtpd_tls_received_header` (postfix/src/smtpd/smtpd.c): the `(using …)` cipher comment and the separate
 * client-certificate comment. Also the look-alikes that copy it: Strato RZmta's `(curve … with N ECDH bits …)`
 * trailer, Symantec Messaging Gateway's bare `TLS` version, Stalwart's `TLS13_` cipher spelling.
 * @module
 */
import type { CertificateStatus } from '../../types.js';
import { Place } from '../../received/places.js';
import { statement, type TlsFinding } from '../finding.js';
import { normaliseGroup } from '../group.js';
import { eqi, isCipherText, isVersionText, leadingNumber } from '../text.js';
import { tokenSpan, type CommentView, type TlsRecogniser } from '../view.js';
import type { Word } from '../words.js';

function word(words: readonly Word[], i: number): string {
  return words[i]?.text ?? '';
}

function readUsing(c: CommentView): TlsFinding | null {
  if (!c.head.startsWith('using')) return null;
  const w = c.words();
  if (!eqi(word(w, 0), 'using') || !isVersionText(word(w, 1)) || !eqi(word(w, 2), 'with') || !eqi(word(w, 3), 'cipher')) {
    return null;
  }
  const cipher = word(w, 4);
  if (!isCipherText(cipher)) return null;
  let bits: number | null = null;
  let group: string | null = null;
  for (let i = 5; i < w.length; i++) {
    const t = word(w, i);
    if (t === '(') {
      const inside = word(w, i + 1);
      // `(256/256 bits)`: secret bits / algorithm bits (SSL_CIPHER_get_bits).
      if (bits === null && i === 5 && leadingNumber(inside) !== null && eqi(word(w, i + 2), 'bits')) {
        bits = leadingNumber(inside);
      } else if (group === null && eqi(inside, 'curve')) {
        // Strato: `(curve X9_62_prime256v1 with 256 ECDH bits, eq. 3072 bits RSA)`.
        group = normaliseGroup(word(w, i + 2));
      }
    } else if (group === null && eqi(t, 'key-exchange')) {
      group = normaliseGroup(word(w, i + 1));
    }
  }
  const dialect = cipher.length > 6 && cipher.slice(0, 6).toUpperCase() === 'TLS13_' ? 'stalwart' : 'postfix';
  return statement(dialect, tokenSpan(c), { versionText: word(w, 1), cipher, bits, group });
}

function readClientCert(c: CommentView): TlsFinding | null {
  const h = c.head;
  let certificate: CertificateStatus | null = null;
  if (h.startsWith('no client certificate')) certificate = 'not-requested';
  else if (h.startsWith('client did not present')) certificate = 'not-presented';
  else if (h.startsWith('client cn ')) {
    // `Client CN "…", Issuer "…" (verified OK)` or `… (not verified)`: the last parenthesised group decides.
    const w = c.words();
    certificate = 'unknown';
    for (let i = w.length - 1; i >= 0; i--) {
      if (word(w, i) !== '(') continue;
      const a = word(w, i + 1);
      const b = word(w, i + 2);
      if (eqi(a, 'verified') && eqi(b, 'OK')) certificate = 'verified';
      else if (eqi(a, 'not') && eqi(b, 'verified')) certificate = 'failed';
      break;
    }
  }
  if (certificate === null) return null;
  return statement('postfix', tokenSpan(c), { certificate });
}

/** Postfix and its imitators: `(using <version> with cipher <suite> (<bits>/<bits> bits) …)` + certificate comment. */
export const postfix: TlsRecogniser = {
  dialect: 'postfix',
  heads: ['using', 'no client certificate', 'client did not present', 'client cn '],
  // After the TCP-info comment (Postfix, Symantec); after the queue id (Strato RZmta, Stalwart).
  places: [Place.from, Place.id, Place.with],
  comment: (c) => readUsing(c) ?? readClientCert(c),
};
