/**
 * Scope of one hop: did it cross a network between organisations (`external`), stay inside one system
 * (`internal`), or can the header not tell (`unknown`)? GRADING.md rule 6; DESIGN.md "Internal hops".
 *
 * Decisions, first match wins (internal evidence before external, configuration before inference):
 * 1. a local handover (`from userid 1000`, `invoked by uid`) → internal: no network at all;
 * 2. a `by`-only header with no `from` (Google's `by 2002:a05:6a10:… with SMTP id …`) → internal; a stamp with
 *    neither `from` nor `by` nor `with` (qmail's `(qmail 123 invoked from network)` beside its SMTP line, Yahoo's
 *    `(EGP: mail-8_2_2_0)`) describes no transfer at all → internal; so does IIS/Exchange's
 *    `from mail pickup service` (the pickup directory on the writing host);
 * 3. the client is inside the configured internal networks/hosts, and the writer is too (or cannot be checked)
 *    → internal;
 * 4. a loopback client (by address; or named `localhost` by the receiver's lookup, or by the only name written
 *    when no address is), or a client address equal to the writer's → internal (one host);
 * 5. a private (RFC 1918), unique-local (RFC 4193) or link-local client → internal;
 * 6. a public client address → external. RFC 5737/3849 documentation addresses count as public: they stand in
 *    for public addresses in examples, and a forged header using one gets no "internal" pass;
 * 7. `with local` / `LMTP` / `mapi` (delivery to the mailbox inside one system) → internal;
 * 8. the receiver's rDNS name (or, with no address, the client's name) equals the writer's host → internal.
 *    With a public address this never applies (rule 6 came first): spam HELOs as the victim's MX;
 * 9. client and writer names in different domains (their last two labels differ) → external;
 * 10. otherwise unknown (CGNAT, reserved or unreadable addresses, no names to compare).
 * @module
 */

import type { ReceivedRead } from '../received/parse.js';
import type { Reason, Scope } from '../types.js';
import { ipInCidrs } from './cidr.js';
import { hostMatches, isAddressText, lastTwoLabels, normaliseHost } from './hosts.js';
import type { ChainOptions } from './options.js';

/** Which rule decided the scope. */
export type ScopeBasis =
  | 'local-handover'
  | 'by-only'
  | 'stamp'
  | 'pickup'
  | 'configured'
  | 'loopback'
  | 'same-address'
  | 'private'
  | 'public'
  | 'local-protocol'
  | 'same-host'
  | 'organisations'
  | 'undecided';

/** The scope of one hop, why, and the reason entry shown to users. */
export interface ScopeDecision {
  readonly scope: Scope;
  readonly basis: ScopeBasis;
  readonly reason: Reason;
}

/** Reason rule ids of the scope decision (beside the grading rule ids of GRADING.md). */
export const SCOPE_RULES = { internal: 'S-INTERNAL', external: 'S-EXTERNAL', unknown: 'S-UNKNOWN' } as const;

/** Bases that prove one host or one system handed the message to itself (no network to distrust). */
export const SAME_SYSTEM_BASES: ReadonlySet<ScopeBasis> = new Set<ScopeBasis>([
  'local-handover',
  'by-only',
  'stamp',
  'pickup',
  'loopback',
  'same-address',
]);

function decision(scope: Scope, basis: ScopeBasis, message: string, evidence: string | null): ScopeDecision {
  const rule = SCOPE_RULES[scope];
  const reason: Reason = evidence === null ? { rule, message } : { rule, message, evidence };
  return { scope, basis, reason };
}

function isLocalProtocol(protocol: string | null): boolean {
  if (protocol === null) return false;
  const p = protocol.toLowerCase();
  // RFC 2033 LMTP and its RFC 3848 / RFC 6531 variants (LMTPS, LMTPA, LMTPSA, UTF8LMTP…); Exchange `mapi`.
  return p === 'local' || p === 'mapi' || p.startsWith('lmtp') || p.startsWith('utf8lmtp');
}

/** Names of the loopback interface. */
const LOCALHOST_NAMES: ReadonlySet<string> = new Set(['localhost', 'localhost.localdomain', 'localhost6', 'ip6-localhost']);

/** IIS / Exchange SMTPSVC `from mail pickup service by host with Microsoft SMTPSVC`. */
function isPickup(raw: string): boolean {
  const at = raw.indexOf('ickup service');
  return at > 0 && raw.slice(0, at + 13).toLowerCase().trimStart().startsWith('from mail pickup service');
}

function clientInside(read: ReceivedRead, o: ChainOptions): string | null {
  const from = read.hop.from;
  if (from === null) return null;
  if (from.ip !== null && ipInCidrs(from.ip, o.internalNetworks)) return from.ip;
  if (hostMatches(from.rdns, o.internalHosts)) return from.rdns;
  // With no address and no lookup, the client's own name is all the writer recorded.
  if (from.ip === null && from.rdns === null) {
    const claimed = from.helo ?? read.fromName;
    if (hostMatches(claimed, o.internalHosts)) return claimed;
  }
  return null;
}

function writerInside(read: ReceivedRead, o: ChainOptions): boolean {
  const by = read.hop.by;
  const ipCheckable = by !== null && by.ip !== null && o.internalNetworks.length > 0;
  const hostCheckable = by !== null && by.host !== null && (o.internalHosts.exact.size > 0 || o.internalHosts.suffixes.length > 0);
  if (!ipCheckable && !hostCheckable) return true;
  return (ipCheckable && ipInCidrs(by.ip!, o.internalNetworks)) || (hostCheckable && hostMatches(by.host, o.internalHosts));
}

/** Decide the scope of one hop. Pure; reads only the hop and the options. */
export function classifyScope(read: ReceivedRead, o: ChainOptions): ScopeDecision {
  const { hop } = read;
  const from = hop.from;
  const by = hop.by;
  if (read.localHandover !== null) {
    return decision('internal', 'local-handover', 'handed over inside one host, no network', read.localHandover);
  }
  if (from === null) {
    if (by !== null && (by.host !== null || by.ip !== null)) {
      return decision('internal', 'by-only', 'a by-only header with no from: a handoff inside one system', by.host ?? by.ip);
    }
    if (by === null && hop.protocol === null) {
      return decision('internal', 'stamp', 'a stamp with no from, by or with: a process on the writing host, no transfer', null);
    }
    return decision('unknown', 'undecided', 'neither the sender nor the writer is stated', null);
  }
  if (isPickup(hop.raw)) {
    return decision('internal', 'pickup', 'the pickup directory of the writing host, no network', 'mail pickup service');
  }
  if (o.configured) {
    const inside = clientInside(read, o);
    if (inside !== null && writerInside(read, o)) {
      return decision('internal', 'configured', 'the client is in the configured internal networks or hosts', inside);
    }
  }
  if (from.ipRange === 'loopback') return decision('internal', 'loopback', 'loopback client: the same host', from.ip);
  const looked = from.rdns ?? (from.ip === null ? (from.helo ?? read.fromName) : null);
  if (from.ip === null && looked !== null && LOCALHOST_NAMES.has(normaliseHost(looked))) {
    return decision('internal', 'loopback', 'the client is named localhost and no address was recorded', looked);
  }
  if (from.ip !== null && by !== null && by.ip !== null && from.ip === by.ip) {
    return decision('internal', 'same-address', 'the client and the writer have the same address', from.ip);
  }
  if (from.ipRange === 'private' || from.ipRange === 'unique-local' || from.ipRange === 'link-local') {
    return decision('internal', 'private', `${from.ipRange} client address: inside one network`, from.ip);
  }
  if (from.ipRange === 'public' || from.ipRange === 'documentation') {
    return decision('external', 'public', 'public client address: crossed the internet', from.ip);
  }
  if (isLocalProtocol(hop.protocol)) {
    return decision('internal', 'local-protocol', 'local delivery protocol inside one system', hop.protocol);
  }
  const clientName = from.rdns ?? (from.ip === null ? (from.helo ?? read.fromName) : null);
  const writerName = by?.host ?? null;
  if (clientName !== null && writerName !== null && normaliseHost(clientName) === normaliseHost(writerName) && normaliseHost(writerName) !== '') {
    return decision('internal', 'same-host', 'the client name equals the writer host', clientName);
  }
  if (clientName !== null && writerName !== null && !isAddressText(clientName) && !isAddressText(writerName)) {
    const a = lastTwoLabels(clientName);
    const b = lastTwoLabels(writerName);
    if (a !== null && b !== null && a !== b) {
      return decision('external', 'organisations', 'client and writer are in different domains', `${clientName} → ${writerName}`);
    }
  }
  return decision('unknown', 'undecided', 'no public or private address and no names that decide it', null);
}
