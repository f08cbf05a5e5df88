/**
 * Host names as text: the one normal form every comparison and grouping uses, whether a name slot holds an address
 * instead, and the placeholder words MTAs write where a reverse-DNS name would stand.
 * @module
 */
import { isDigit } from '../text/chars.js';

/**
 * Lower-cased, without the root dot and surrounding whitespace; `''` for empty text. DNS names compare
 * case-insensitively and a trailing dot (the root) changes nothing (RFC 4343 §2, RFC 1034 §3.1).
 */
export function normaliseHost(name: string): string {
  let s = name.trim().toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  return s;
}

/**
 * Whether a host-name slot holds an address instead (RFC 5321 §4.1.3 literals, bare dotted digits, or anything with
 * a colon): such text has no labels to compare or group by. Host names never start with `[`.
 */
export function isAddressText(name: string): boolean {
  if (name.startsWith('[') || name.includes(':')) return true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c !== 0x2e && !isDigit(c)) return false;
  }
  return true;
}

/**
 * Words MTAs write in the reverse-DNS slot, or as its only word, when the lookup found no name or none they trust:
 * `unknown` (Postfix), `softdnserr`, `unverified`, `dynamic`, and the words of `(may be forged)` / `(not verified)`.
 * Never a host: not an rDNS name, not a name to compare along the chain, not a relay to group by.
 */
const RDNS_PLACEHOLDERS: ReadonlySet<string> = new Set(['unknown', 'softdnserr', 'unverified', 'dynamic', 'may', 'not', 'verified', 'forged']);

/** Whether `word` (any case) is one of the placeholder words MTAs write where no reverse-DNS name was found. */
export function isRdnsPlaceholder(word: string): boolean {
  return RDNS_PLACEHOLDERS.has(word.toLowerCase());
}
