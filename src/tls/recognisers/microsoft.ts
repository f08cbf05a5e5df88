// with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384) id 15.20.1234.5
/**
 * Microsoft Exchange / Exchange Online (SChannel names, `_P256`/`_P384` curve suffix before Windows 10),
 * Exchange 2010's bare `(TLS)`, IIS SMTPSVC's `over TLS secured channel`, and CodeTwo's `(TLS12)`. Exchange and IIS
 * write their TLS facts whenever TLS was used, so `with Microsoft SMTP Server` / `with Microsoft SMTPSVC` without them
 * is positive evidence of plaintext (docs/grading.md rule 6); it counts only when no statement exists (`readTls`).
 * @module
 */
import { Place } from '../../received/places.js';
import { keyword, NO_FINDINGS, statement, type TlsFinding } from '../finding.js';
import { schannelGroup } from '../group.js';
import { looksLikeKv, readKv } from '../kv.js';
import { eqi } from '../text.js';
import { tokenSpan, type HopView, type TlsRecogniser } from '../view.js';

/** Exchange's or IIS's own `with` value (`Microsoft SMTP Server`, `Microsoft SMTPSVC`), not its `mapi`. */
function isMicrosoftProtocol(hop: HopView): boolean {
  const m = hop.protocolMeaning;
  return m.writer === 'microsoft' && m.transport !== 'mapi';
}

/** `TLS12`, `TLS13`, `TLS10`, `TLS11`: CodeTwo's version spelling (no `v`, no dot). */
function isCompactVersion(head: string): boolean {
  return head.length === 5 && head.startsWith('tls1') && head.charCodeAt(4) >= 0x30 && head.charCodeAt(4) <= 0x33;
}

/** IIS SMTPSVC's `over TLS secured channel`, or Exchange's / IIS's protocol value as plaintext evidence. */
function readHop(hop: HopView): readonly TlsFinding[] {
  const over = overTls(hop);
  if (over.length > 0) return over;
  // Exchange (all versions, Online) and IIS always state TLS when they used it: their word alone says plaintext.
  const m = hop.protocolMeaning;
  const span = hop.ctx.protocolSpan;
  if (span === null || m.writer !== 'microsoft' || m.encrypted !== false) return NO_FINDINGS;
  return [keyword('microsoft', span, false)];
}

/** IIS SMTPSVC: the words `over TLS secured channel` in its with clause. */
function overTls(hop: HopView): readonly TlsFinding[] {
  const { raw, tokens } = hop.ctx;
  for (const i of hop.overAt) {
    const a = tokens[i + 1];
    const b = tokens[i + 2];
    const c = tokens[i + 3];
    const t = tokens[i];
    if (t === undefined || a === undefined || b === undefined || c === undefined) continue;
    if (eqi(raw.slice(a.start, a.end), 'TLS') && eqi(raw.slice(b.start, b.end), 'secured') && eqi(raw.slice(c.start, c.end), 'channel')) {
      return [statement('microsoft', { start: t.start, end: c.end }, {})];
    }
  }
  return NO_FINDINGS;
}

/** Microsoft's TLS comments and phrases. */
export const microsoft: TlsRecogniser = {
  dialect: 'microsoft',
  heads: ['tls', 'version=', 'cipher='],
  // After `with Microsoft SMTP Server` / `with CodeTwo SMTP Server`.
  places: [Place.with],
  comment: (c, hop) => {
    const h = c.head;
    if (h === 'tls') return statement('microsoft', tokenSpan(c), {});
    if (isCompactVersion(h)) return statement('microsoft', tokenSpan(c), { versionText: hop.ctx.raw.slice(c.inner.start, c.inner.end).trim() });
    if (!looksLikeKv(c) || !isMicrosoftProtocol(hop)) return null;
    const kv = readKv(c);
    if (kv === null) return null;
    return statement('microsoft', tokenSpan(c), { ...kv, group: kv.cipher === null ? null : schannelGroup(kv.cipher) });
  },
  hop: readHop,
};
