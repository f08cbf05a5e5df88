/**
 * Registrable domains (the Public Suffix List's "registered domain", RFC 1034 names): the unit one organisation
 * controls. `mail-sor-f41.google.com` and `mx.google.com` share `google.com`; `a.co.uk` and `b.co.uk` share
 * nothing. Private PSL suffixes count (`foo.github.io` and `bar.github.io` are two operators), so hosts under a
 * cloud's customer suffix never share a domain with each other or with the cloud.
 * @module
 */

import { getDomain } from 'tldts';
import { BoundedMemo } from '../text/bounded-memo.js';
import { isAddressText, normaliseHost } from '../address/host.js';

/** Distinct host names whose registrable domain is remembered: relay names repeat across an archive. */
const MAX_REGISTRABLE_MEMO = 8_192;

/** Longest name looked up (RFC 1035 §2.3.4: 255 octets); longer text is not a host name. */
const MAX_NAME = 255;

const NONE = '';
const memo = new BoundedMemo<string>(MAX_REGISTRABLE_MEMO);

/**
 * The registrable domain of a host name (lower case, no root dot), or `null` for addresses, single labels, public
 * suffixes themselves and text that is not a name.
 */
export function registrableDomain(name: string | null): string | null {
  if (name === null || name.length === 0 || name.length > MAX_NAME) return null;
  const hit = memo.get(name);
  if (hit !== undefined) return hit === NONE ? null : hit;
  const n = normaliseHost(name);
  let domain: string | null = null;
  if (n.includes('.') && !isAddressText(n)) {
    domain = getDomain(n, { allowPrivateDomains: true, validateHostname: true, extractHostname: false });
  }
  memo.set(name, domain ?? NONE);
  return domain;
}
