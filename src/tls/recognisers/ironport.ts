// by esa1.example.iphmx.com with ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384; 26 Oct 2021 06:35:52 -0700
/**
 * Cisco Secure Email (IronPort) AsyncOS: the protocol value `ESMTP/TLS/<OpenSSL cipher>` (no version stated).
 * @module
 */
import { NO_FINDINGS, statement, type TlsFinding } from '../finding.js';
import { isCipherText } from '../text.js';
import type { HopView, TlsRecogniser } from '../view.js';

function readProtocol(hop: HopView): readonly TlsFinding[] {
  const p = hop.protocolLower;
  const span = hop.ctx.protocolSpan;
  const proto = hop.ctx.protocol;
  if (p === null || span === null || proto === null || hop.protocolMeaning.writer !== 'ironport') return NO_FINDINGS;
  // `…/tls` or `…/tls/<cipher>` (src/received/protocols.ts).
  const after = p.indexOf('/tls') + 4;
  if (after === p.length) return [statement('ironport', span, {})];
  const cipher = proto.slice(after + 1);
  return [statement('ironport', span, isCipherText(cipher) ? { cipher } : {})];
}

/** IronPort's `ESMTP/TLS/<cipher>`. */
export const ironport: TlsRecogniser = {
  dialect: 'ironport',
  hop: readProtocol,
};
