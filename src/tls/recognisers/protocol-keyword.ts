// from mx.example.net (mx.example.net [192.0.2.7]) by mail.example.org with ESMTPS id 4AbCdE; Tue, 5 Mar 2024 10:00:00 +0000
/**
 * The generic `with` words (RFC 3848 §2, RFC 6531 §3.7.3, and the unregistered `SMTPS`, `HTTPS`, `IMAPS`, `POP3S`),
 * as src/received/protocols.ts reads them. An `S` word means TLS was negotiated, parameters unknown. A plain SMTP or
 * LMTP word is positive evidence of plaintext ONLY when no TLS statement exists anywhere in the header (`readTls`
 * decides); `A` is authentication, not encryption. Words that name no SMTP session (`HTTP`, `IMAP`, `local`, `mapi`,
 * `QMQP`, …) say nothing about TLS on their own (docs/grading.md rule 6). Words a vendor reads its own way (Microsoft,
 * CommuniGate, IronPort) are left to that vendor's recogniser.
 * @module
 */
import { keyword, NO_FINDINGS } from '../finding.js';
import type { TlsRecogniser } from '../view.js';

/** RFC 3848 / RFC 6531 protocol words. */
export const protocolKeyword: TlsRecogniser = {
  dialect: 'protocol-keyword',
  hop: (hop) => {
    const m = hop.protocolMeaning;
    const span = hop.ctx.protocolSpan;
    if (m.writer !== null || m.encrypted === null || span === null) return NO_FINDINGS;
    return [keyword('protocol-keyword', span, m.encrypted)];
  },
};
