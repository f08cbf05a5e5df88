// from mx.example.net (HELO mx.example.net) (192.0.2.7) by mail.example.org with (ECDHE-RSA-AES256-GCM-SHA384 encrypted) ESMTPS; 3 Mar 2024 10:00:00 -0000
/**
 * qmail-tls / netqmail: `with (<cipher> encrypted) ESMTPS`, notqmail-style `(<cipher> encrypted, authenticated)`,
 * and Symantec MessageLabs' top-level `with <cipher> encrypted SMTP` (same grammar, no parentheses).
 * @module
 */
import { endsWithLower } from '../../received/ascii.js';
import { Place } from '../../received/places.js';
import { NO_FINDINGS, statement, type TlsFinding } from '../finding.js';
import { eqi, isCipherText, trimTrailingPunct } from '../text.js';
import { tokenSpan, type HopView, type TlsRecogniser } from '../view.js';

/** Longest qmail TLS comment: a cipher name (≤ 128) plus `encrypted, authenticated`. */
const MAX_COMMENT_LENGTH = 160;

/** MessageLabs: top-level `with <cipher> encrypted`. */
function messageLabs(hop: HopView): readonly TlsFinding[] {
  const { raw, tokens } = hop.ctx;
  for (const i of hop.withAt) {
    const c = tokens[i + 1];
    const e = tokens[i + 2];
    if (c === undefined || e === undefined || c.kind !== 'word' || e.kind !== 'word') continue;
    if (e.end - e.start !== 9 || !eqi(raw.slice(e.start, e.end), 'encrypted')) continue;
    const cipher = raw.slice(c.start, c.end);
    if (isCipherText(cipher)) return [statement('messagelabs', { start: c.start, end: e.end }, { cipher })];
  }
  return NO_FINDINGS;
}

/**
 * Does the comment end in `encrypted` or `authenticated` (any case)? Checked before splitting words, in place: every
 * comment of every hop is offered to this recogniser, so no lower-cased copy of each tail.
 */
function endsLikeQmail(raw: string, start: number, end: number): boolean {
  return endsWithLower(raw, start, end, 'encrypted') || endsWithLower(raw, start, end, 'authenticated');
}

/** qmail's `(<cipher> encrypted)` comment and MessageLabs' phrase. */
export const qmail: TlsRecogniser = {
  dialect: 'qmail',
  // `with (<cipher> encrypted) SMTP`, notqmail's `with UTF8SMTPSA (<cipher> encrypted, authenticated)`.
  places: [Place.with],
  comment: (c, hop) => {
    // Cheap gates first: a short comment (`<cipher> encrypted, authenticated` fits) ending in one of the two words.
    if (c.inner.end - c.inner.start > MAX_COMMENT_LENGTH || !endsLikeQmail(hop.ctx.raw, c.inner.start, c.inner.end)) return null;
    const w = c.words();
    if (w.length < 2 || w.length > 3) return null;
    const first = w[0];
    const second = w[1];
    if (first === undefined || second === undefined || !eqi(trimTrailingPunct(second.text), 'encrypted')) return null;
    if (!isCipherText(first.text)) return null;
    return statement('qmail', tokenSpan(c), { cipher: first.text });
  },
  hop: messageLabs,
};
