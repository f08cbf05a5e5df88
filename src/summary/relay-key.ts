/**
 * The key a sending relay is grouped under in a summary: the registrable domain of its name (Public Suffix List, the
 * same rule scope uses: `mail.example.co.uk` → `example.co.uk`), or the whole name when it has none (a single label,
 * a name under a cloud's customer suffix). The name is the receiver's reverse DNS (`from.rdns`), else the client's
 * HELO when it is a name, else the IP.
 * @module
 */
import { isAddressText, isRdnsPlaceholder, normaliseHost } from '../address/host.js';
import { registrableDomain } from '../chain/registrable.js';
import type { Hop } from '../types.js';
import type { RelayBasis } from './types.js';

/** The grouping key of a host name: see the module comment; `null` for empty names, placeholders and IP literals. */
export function relayDomain(name: string): string | null {
  const n = normaliseHost(name);
  if (n === '' || isRdnsPlaceholder(n) || isAddressText(n) || n.split('.').some((l) => l === '')) return null;
  return registrableDomain(n) ?? n;
}

/** The relay that sent a hop: its grouping key and what the key was built from. */
export function relayOf(hop: Hop): { relay: string; basis: RelayBasis } {
  const from = hop.from;
  if (from === null) return { relay: '(unstated)', basis: 'unstated' };
  const rdns = from.rdns === null ? null : relayDomain(from.rdns);
  if (rdns !== null) return { relay: rdns, basis: 'rdns' };
  const helo = from.helo === null ? null : relayDomain(from.helo);
  if (helo !== null) return { relay: helo, basis: 'helo' };
  if (from.ip !== null) return { relay: from.ip, basis: 'ip' };
  return { relay: '(unstated)', basis: 'unstated' };
}
