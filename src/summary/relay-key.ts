/**
 * The key a sending relay is grouped under in a summary. Kept deliberately simple (no public-suffix list): the
 * last two labels of the name, or the last three when the name ends in a two-letter country code preceded by a
 * short second-level label (`mail.example.co.uk` → `example.co.uk`). The name is the receiver's reverse DNS
 * (`from.rdns`), else the client's HELO when it is a name, else the IP.
 * @module
 */
import { isAddressText } from '../chain/hosts.js';
import type { Hop } from '../types.js';
import type { RelayBasis } from './types.js';

/** Second-level labels under a ccTLD that are public registries rather than organisations (`co.uk`, `com.au`). */
const SHORT_SECOND_LEVEL_MAX = 3;

function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return s.length > 0;
}

/** The registrable-ish domain of a host name: see the module comment; `null` for empty names and IP literals. */
export function registrableIsh(name: string): string | null {
  let n = name.trim().toLowerCase();
  if (n.endsWith('.')) n = n.slice(0, -1);
  if (n === '' || n === 'unknown' || isAddressText(n)) return null;
  const labels = n.split('.');
  if (labels.some((l) => l === '')) return null;
  const count = labels.length;
  if (count <= 2) return n;
  const tld = labels[count - 1] ?? '';
  const second = labels[count - 2] ?? '';
  const keep = tld.length === 2 && isLetters(tld) && second.length <= SHORT_SECOND_LEVEL_MAX ? 3 : 2;
  return labels.slice(count - keep).join('.');
}

/** The relay that sent a hop: its grouping key and what the key was built from. */
export function relayOf(hop: Hop): { relay: string; basis: RelayBasis } {
  const from = hop.from;
  if (from === null) return { relay: '(unstated)', basis: 'unstated' };
  const rdns = from.rdns === null ? null : registrableIsh(from.rdns);
  if (rdns !== null) return { relay: rdns, basis: 'rdns' };
  const helo = from.helo === null ? null : registrableIsh(from.helo);
  if (helo !== null) return { relay: helo, basis: 'helo' };
  if (from.ip !== null) return { relay: from.ip, basis: 'ip' };
  return { relay: '(unstated)', basis: 'unstated' };
}
