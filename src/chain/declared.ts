/**
 * Which of the caller's declared networks and host patterns (`trustedNetworks`, `trustedHosts`,
 * `internalNetworks`, `internalHosts`) met nothing in a message. A pattern that never matches is almost always a
 * mistake (`--internal .outlook.com` where Microsoft's servers write HELO names its addresses do not confirm, a
 * typo, the wrong block), and silently changing nothing is the worst answer to it: the scan summary reports the
 * patterns no message met.
 * @module
 */

import { parseCidr } from '../address/cidr.js';
import type { ReceivedRead } from '../received/parse.js';
import { ipInCidrs } from './cidr.js';
import { compileHosts, hostMatches, isAddressText } from './hosts.js';
import { heloConfirmed, type ScopeContext } from './scope.js';

const NONE: readonly string[] = Object.freeze([]);

/** The declared patterns as the caller wrote them, each with its own matcher. */
export interface DeclaredPatterns {
  readonly networks: readonly string[];
  readonly hosts: readonly string[];
}

function networkMet(text: string, reads: readonly ReceivedRead[]): boolean {
  const cidr = parseCidr(text);
  if (cidr === null) return false;
  const one = [cidr];
  for (const r of reads) {
    const { from, by } = r.hop;
    if (from?.ip != null && ipInCidrs(from.ip, one)) return true;
    if (by?.ip != null && ipInCidrs(by.ip, one)) return true;
  }
  return false;
}

function hostMet(text: string, reads: readonly ReceivedRead[], contexts: readonly ScopeContext[]): boolean {
  const one = compileHosts([text]);
  for (let i = 0; i < reads.length; i++) {
    const r = reads[i]!;
    const { from, by } = r.hop;
    if (hostMatches(by?.host ?? null, one) || hostMatches(from?.rdns ?? null, one)) return true;
    const helo = from?.helo ?? r.fromName;
    if (helo !== null && !isAddressText(helo) && hostMatches(helo, one) && heloConfirmed(helo, r, contexts[i]!)) return true;
  }
  return false;
}

/**
 * The declared patterns that matched no client address, writer address, verified client name, writer name, or HELO
 * name its address confirms, in any hop of the message. Empty when nothing was declared.
 */
export function unmatchedDeclared(declared: DeclaredPatterns, reads: readonly ReceivedRead[], contexts: readonly ScopeContext[]): readonly string[] {
  if (declared.networks.length === 0 && declared.hosts.length === 0) return NONE;
  const out: string[] = [];
  for (const n of declared.networks) if (!out.includes(n) && !networkMet(n, reads)) out.push(n);
  for (const h of declared.hosts) if (!out.includes(h) && !hostMet(h, reads, contexts)) out.push(h);
  return out;
}
