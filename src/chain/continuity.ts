/**
 * Chain continuity: the client a server saw should be the server that wrote the header below (hop i's `from` is
 * hop i+1's `by`). A break is a sign of a missing or an inserted hop (forged trail). Strict on purpose: names
 * compare exactly (case-insensitive, root dot ignored), addresses compare canonically, and a shared parent
 * domain is not a match. Links where either side says nothing are skipped, not flagged.
 * @module
 */

import { parseIp } from '../address/ip.js';
import { issue } from '../issues.js';
import type { ReceivedRead } from '../received/parse.js';
import type { Issue } from '../types.js';
import { normaliseHost } from './hosts.js';

function ipOf(text: string | null): string | null {
  if (text === null) return null;
  return parseIp(text)?.ip ?? null;
}

function describeFrom(read: ReceivedRead): string {
  const f = read.hop.from;
  const name = f?.rdns ?? f?.helo ?? read.fromName ?? '?';
  return f?.ip !== null && f?.ip !== undefined ? `${name} [${f.ip}]` : name;
}

/** `true` when hop `upper`'s client can be the writer of hop `lower` (or one side is silent). */
function linked(upper: ReceivedRead, lower: ReceivedRead): boolean {
  const from = upper.hop.from;
  const by = lower.hop.by;
  if (from === null || by === null || (by.host === null && by.ip === null)) return true;
  const names: string[] = [];
  for (const n of [from.rdns, from.helo, upper.fromName]) if (n !== null && normaliseHost(n) !== '') names.push(normaliseHost(n));
  const ips: string[] = [];
  for (const ip of [from.ip, ipOf(from.helo), ipOf(upper.fromName)]) if (ip !== null) ips.push(ip);
  if (names.length === 0 && ips.length === 0) return true;
  const byIps = [by.ip, ipOf(by.host)];
  for (const ip of ips) if (byIps.includes(ip)) return true;
  const host = by.host === null ? '' : normaliseHost(by.host);
  if (host !== '' && names.includes(host)) return true;
  // A loopback client runs on the writer's own host (amavis re-injecting into Postfix): the header below must
  // then come from that same host.
  if (from.ipRange === 'loopback') {
    const upperHost = upper.hop.by?.host ?? null;
    if (upperHost !== null && host !== '' && normaliseHost(upperHost) === host) return true;
  }
  return false;
}

/** One CHAIN_DISCONTINUITY issue per broken link, keyed by the upper hop's index (sparse). */
export function checkContinuity(reads: readonly ReceivedRead[]): (Issue | undefined)[] {
  const out: (Issue | undefined)[] = [];
  for (let i = 0; i + 1 < reads.length; i++) {
    const upper = reads[i]!;
    const lower = reads[i + 1]!;
    if (linked(upper, lower)) continue;
    const by = lower.hop.by;
    const writer = by?.host ?? by?.ip ?? '?';
    out[i] = issue(
      'CHAIN_DISCONTINUITY',
      'warning',
      `received from ${describeFrom(upper)}, but the header below (hop ${i + 1}) was written by ${writer}: a hop may be missing or inserted`,
    );
  }
  return out;
}
