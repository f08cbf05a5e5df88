/**
 * Chain continuity: the client a server saw should be the server that wrote the header below (hop i's `from` is
 * hop i+1's `by`). A break is a sign of a missing or an inserted hop (forged trail). Strict on purpose: names
 * compare exactly (case-insensitive, root dot ignored) or as two names of one server (same first label, same
 * operator), addresses compare canonically, and a shared parent domain alone is not a match. Links where either side says nothing are skipped, not flagged.
 * @module
 */

import { isRdnsPlaceholder, normaliseHost } from '../address/host.js';
import { parseIp } from '../address/ip.js';
import { issue } from '../issues.js';
import type { HopRead } from '../hop/read-hop.js';
import { withMeaning } from '../received/protocols.js';
import type { Issue } from '../types.js';
import { registrableDomain } from './registrable.js';
import { providerOfHost, type CompiledProviders } from '../providers/lookup.js';

/** An address written as a name (`[192.0.2.1]`, `192.0.2.1`, `IPv6:…`); names are not sent to the parser. */
function ipOf(text: string | null): string | null {
  if (text === null || text === '') return null;
  const c = text.charCodeAt(0);
  const maybe = c === 91 /* [ */ || (c >= 48 && c <= 57) || text.includes(':');
  return maybe ? (parseIp(text)?.ip ?? null) : null;
}

function describeFrom(read: HopRead): string {
  const f = read.from;
  const name = f?.rdns ?? f?.helo ?? read.fromName ?? '?';
  return f?.ip !== null && f?.ip !== undefined ? `${name} [${f.ip}]` : name;
}

/** Letters, digits, `-`, `_` and dots: anything else (`user@host`, `EMS-SRV0/SpoolDir`) is not a host name. */
function isHostName(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95;
    if (!ok) return false;
  }
  return true;
}

/**
 * Same host: equal names, a short name equal to the first label of the other (`kbs01` = `kbs01.kbs.ie`), or two
 * names of one server — the same first label under one registrable domain or one provider's host families
 * (`DB1PEPF000509E5.eurprd03.prod.outlook.com` writes itself `DB1PEPF000509E5.mail.protection.outlook.com`).
 */
function sameHost(a: string, b: string, providers: CompiledProviders): boolean {
  if (a === b) return true;
  const aShort = !a.includes('.');
  const bShort = !b.includes('.');
  if (aShort === bShort) return !aShort && twoNamesOfOneHost(a, b, providers);
  const [short, full] = aShort ? [a, b] : [b, a];
  return full.startsWith(short) && full.charCodeAt(short.length) === 46;
}

/**
 * `true` when hop `upper`'s client can be the writer of hop `lower`, or when the link cannot be checked: only
 * like is compared with like (addresses with addresses, names with names), so a client seen only as an address
 * above a writer named only by host is skipped, not flagged (resolving names is not ours to do).
 */
// eslint-disable-next-line complexity -- the continuity rules read top to bottom as one decision list
function linked(upper: HopRead, lower: HopRead, providers: CompiledProviders): boolean {
  const from = upper.from;
  const by = lower.by;
  if (from === null || by === null) return true;
  // A local handover or Exim's `from list by host with local`: the "client" is a local user, not a server.
  if (upper.localHandover !== null || withMeaning(upper.protocol).transport === 'local') return true;
  // Names and addresses one by one, not gathered in arrays: this runs for every pair of hops.
  const fallback = from.rdns === null && from.helo === null ? upper.fromName : null;
  const n1 = comparableName(from.rdns);
  const n2 = comparableName(from.helo);
  const n3 = comparableName(fallback);
  const i1 = from.ip;
  const i2 = ipOf(from.helo);
  const i3 = ipOf(upper.fromName);
  const b1 = by.ip;
  const b2 = ipOf(by.host);
  let host = by.host === null || b2 !== null ? '' : normaliseHost(by.host);
  if (!isHostName(host)) host = '';
  const ipComparable = (i1 !== null || i2 !== null || i3 !== null) && (b1 !== null || b2 !== null);
  const nameComparable = (n1 !== null || n2 !== null || n3 !== null) && host !== '';
  if (!ipComparable && !nameComparable) return true;
  if (ipComparable && (sameIp(i1, b1, b2) || sameIp(i2, b1, b2) || sameIp(i3, b1, b2))) return true;
  if (nameComparable && ((n1 !== null && sameHost(n1, host, providers)) || (n2 !== null && sameHost(n2, host, providers)) || (n3 !== null && sameHost(n3, host, providers)))) {
    return true;
  }
  // A loopback client is a local process (content filter, SSH tunnel, fetchmail): the header below may come
  // from this host or from whatever the tunnel reaches, so a name mismatch proves nothing.
  return from.ipRange === 'loopback';
}

function twoNamesOfOneHost(a: string, b: string, providers: CompiledProviders): boolean {
  const dotA = a.indexOf('.');
  if (dotA <= 0 || a.slice(0, dotA + 1) !== b.slice(0, dotA + 1)) return false;
  const domain = registrableDomain(a);
  if (domain !== null && domain === registrableDomain(b)) return true;
  const provider = providerOfHost(a, providers);
  return provider !== null && providerOfHost(b, providers)?.id === provider.id;
}

/** A client name worth comparing with the writer's: a host name (not an address, not a placeholder), normalised. */
function comparableName(n: string | null): string | null {
  if (n === null || ipOf(n) !== null) return null;
  const h = normaliseHost(n);
  return isHostName(h) && !isRdnsPlaceholder(h) ? h : null;
}

function sameIp(ip: string | null, a: string | null, b: string | null): boolean {
  return ip !== null && (ip === a || ip === b);
}

/** One CHAIN_DISCONTINUITY issue per broken link, keyed by the upper hop's index (sparse). */
export function checkContinuity(reads: readonly HopRead[], providers: CompiledProviders): (Issue | undefined)[] {
  const out: (Issue | undefined)[] = [];
  for (let i = 0; i + 1 < reads.length; i++) {
    const upper = reads[i]!;
    const lower = reads[i + 1]!;
    if (linked(upper, lower, providers)) continue;
    const by = lower.by;
    const writer = by?.host ?? by?.ip ?? '?';
    out[i] = issue(
      'CHAIN_DISCONTINUITY',
      'warning',
      `received from ${describeFrom(upper)}, but the header below (hop ${i + 1}) was written by ${writer}: a hop may be missing or inserted`,
    );
  }
  return out;
}
