// from laptop.example.org (dsl.example.net [192.0.2.4]) (using STARTTLS) by mail.example.org (tmda-ofmipd) with ESMTP; Tue, 04 Mar 2025 21:30:56 +0100
/**
 * Bare STARTTLS statements without parameters: tmda-ofmipd's `(using STARTTLS)` comment and Mimecast's top-level
 * `with ESMTP with STARTTLS`.
 * @module
 */
import { Place } from '../../received/places.js';
import { NO_FINDINGS, statement, type TlsFinding } from '../finding.js';
import { eqi } from '../text.js';
import { tokenSpan, type HopView, type TlsRecogniser } from '../view.js';

function withStarttls(hop: HopView): readonly TlsFinding[] {
  const { raw, tokens } = hop.ctx;
  for (const i of hop.withAt) {
    const t = tokens[i];
    const n = tokens[i + 1];
    if (t === undefined || n === undefined || n.kind !== 'word') continue;
    if (n.end - n.start !== 8 || !eqi(raw.slice(n.start, n.end), 'STARTTLS')) continue;
    return [statement('starttls', { start: t.start, end: n.end }, {})];
  }
  return NO_FINDINGS;
}

/** STARTTLS without parameters. */
export const starttls: TlsRecogniser = {
  dialect: 'starttls',
  heads: ['using'],
  // tmda writes it after the TCP-info comment, as Postfix does.
  places: [Place.from],
  comment: (c) => {
    if (!c.head.startsWith('using')) return null;
    const w = c.words();
    if (w.length !== 2 || !eqi(w[1]?.text ?? '', 'STARTTLS')) return null;
    return statement('tmda', tokenSpan(c), {});
  },
  hop: withStarttls,
};
