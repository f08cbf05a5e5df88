// from [192.0.2.10] (account alice@example.org HELO laptop) by mail.example.org (CommuniGate Pro SMTP 6.3.4) with ESMTPSA id 123456
/**
 * CommuniGate Pro: `with ESMTPS` / `ESMTPSA` (RFC 3848) and its older `ESMTP-TLS` / `SMTP-TLS` protocol values.
 * Neither states parameters.
 * @module
 */
import { Place } from '../../received/places.js';
import { keyword, NO_FINDINGS, statement, type TlsFinding } from '../finding.js';
import type { HopView, TlsRecogniser } from '../view.js';

/** The receiver's software comment (`by host (CommuniGate Pro SMTP 6.3.4)`), not a HELO name that says so. */
function saysCommuniGate(hop: HopView): boolean {
  for (const c of hop.comments) if (c.place === Place.by && c.headStartsWith('communigate')) return true;
  return false;
}

function readProtocol(hop: HopView): readonly TlsFinding[] {
  const m = hop.protocolMeaning;
  const span = hop.ctx.protocolSpan;
  if (span === null) return NO_FINDINGS;
  if (m.writer === 'communigate') return [statement('communigate', span, {})];
  if (m.writer === null && m.encrypted === true && saysCommuniGate(hop)) return [keyword('communigate', span, true)];
  return NO_FINDINGS;
}

/** CommuniGate's protocol values. */
export const communigate: TlsRecogniser = {
  dialect: 'communigate',
  hop: readProtocol,
};
