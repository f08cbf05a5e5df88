/**
 * Microsoft's own statement about a message it received, `X-Forefront-Antispam-Report` (Exchange Online
 * Protection's anti-spam message header): `CIP:` the connecting address EOP saw, `DIR:` its direction (`INB`
 * inbound, `OUT` outbound, `INT` internal to the organisation), `H:` the client's HELO, `PTR:` its reverse-DNS
 * name, `CTRY:` the country of `CIP`. Read as trace evidence beside the hops and checked against the chain:
 *
 *   X-Forefront-Antispam-Report: CIP:192.0.2.25;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;
 *     H:mail.example.org;PTR:mail.example.org;CAT:NONE;SFS:(13230040);DIR:INB;
 * @module
 */

import { parseIp } from '../address/ip.js';
import { issue } from '../issues.js';
import type { ForefrontEvidence, Hop, Issue } from '../types.js';
import { unfoldField } from './trace-text.js';

/** Pairs read from one field: the field holds about twenty; hostile ones are cut here. */
const MAX_FOREFRONT_PAIRS = 64;

/** The direction word, when it is one Microsoft documents. */
function direction(value: string): ForefrontEvidence['direction'] {
  const d = value.trim().toUpperCase();
  return d === 'INB' || d === 'OUT' || d === 'INT' ? d : null;
}

/** Read one `X-Forefront-Antispam-Report` value. Never throws on data. */
export function parseForefront(value: string): ForefrontEvidence {
  const text = unfoldField(value);
  let connectingIp: string | null = null;
  let dir: ForefrontEvidence['direction'] = null;
  let helo: string | null = null;
  let ptr: string | null = null;
  let country: string | null = null;
  let start = 0;
  for (let pairs = 0; start < text.length && pairs < MAX_FOREFRONT_PAIRS; pairs++) {
    let end = text.indexOf(';', start);
    if (end < 0) end = text.length;
    const colon = text.indexOf(':', start);
    if (colon > start && colon < end) {
      const key = text.slice(start, colon).trim().toUpperCase();
      const val = text.slice(colon + 1, end).trim();
      if (key === 'CIP') connectingIp = parseIp(val)?.ip ?? null;
      else if (key === 'DIR') dir = direction(val);
      else if (key === 'H') helo = val === '' ? null : val;
      else if (key === 'PTR') ptr = val === '' ? null : val;
      else if (key === 'CTRY') country = val === '' ? null : val;
    }
    start = end + 1;
  }
  return { raw: value, connectingIp, direction: dir, helo, ptr, country };
}

/**
 * Cross-check Microsoft's statement with the chain (the topmost field, written by the recipient's organisation):
 * its connecting address should be a client some hop recorded, and `DIR:INT` (a message from inside the
 * organisation) cannot sit above a trusted hop that crossed between operators.
 */
export function checkForefront(fields: readonly ForefrontEvidence[], hops: readonly Hop[], trustBoundary: number): Issue[] {
  const top = fields[0];
  if (top === undefined || hops.length === 0) return [];
  const out: Issue[] = [];
  const cip = top.connectingIp;
  if (cip !== null && !hops.some((h) => h.from?.ip === cip)) {
    out.push(issue('TRACE_FOREFRONT_MISMATCH', 'warning', `X-Forefront-Antispam-Report names CIP ${cip}, which no Received hop was received from`));
  }
  if (top.direction === 'INT') {
    const crossing = hops.slice(0, trustBoundary).find((h) => h.security.scope === 'external');
    if (crossing !== undefined) {
      out.push(
        issue(
          'TRACE_FOREFRONT_MISMATCH',
          'warning',
          `X-Forefront-Antispam-Report says DIR:INT (inside the organisation), but trusted hop ${crossing.index} crossed between operators`,
        ),
      );
    }
  }
  return out;
}
