/**
 * Which of the caller's declared networks and host patterns (`trustedNetworks`, `trustedHosts`,
 * `internalNetworks`, `internalHosts`) met nothing in a message. A pattern that never matches is almost always a
 * mistake (`--internal .outlook.com` where Microsoft's servers write HELO names its addresses do not confirm, a
 * typo, the wrong block), and silently changing nothing is the worst answer to it: the scan summary reports the
 * patterns no message met.
 * @module
 */

import { parseCidr, type ParsedCidr } from '../address/cidr.js';
import type { HopRead } from '../hop/read-hop.js';
import { ipInCidrs } from './cidr.js';
import { isAddressText } from '../address/host.js';
import { compileHosts, hostMatches, type HostPatterns } from './hosts.js';
import { heloConfirmed, type ScopeContext } from './scope.js';

const NONE: readonly string[] = Object.freeze([]);

/** The declared patterns as the caller wrote them, each with its own matcher (compiled once with the options). */
export interface DeclaredPatterns {
  readonly networks: readonly { readonly text: string; readonly one: readonly ParsedCidr[] }[];
  readonly hosts: readonly { readonly text: string; readonly one: HostPatterns }[];
}

/** No declared patterns. */
export const NO_DECLARED: DeclaredPatterns = Object.freeze({ networks: Object.freeze([]), hosts: Object.freeze([]) });

/** Compile the caller's networks (already validated) and host patterns one by one. */
export function compileDeclared(networks: readonly string[], hosts: readonly string[]): DeclaredPatterns {
  return {
    networks: networks.flatMap((text) => {
      const cidr = parseCidr(text);
      return cidr === null ? [] : [{ text, one: [cidr] }];
    }),
    hosts: hosts.map((text) => ({ text, one: compileHosts([text]) })),
  };
}

function networkMet(one: readonly ParsedCidr[], reads: readonly HopRead[]): boolean {
  for (const r of reads) {
    const { from, by } = r;
    if (from?.ip != null && ipInCidrs(from.ip, one)) return true;
    if (by?.ip != null && ipInCidrs(by.ip, one)) return true;
  }
  return false;
}

function hostMet(one: HostPatterns, reads: readonly HopRead[], contexts: readonly ScopeContext[]): boolean {
  for (let i = 0; i < reads.length; i++) {
    const r = reads[i]!;
    const { from, by } = r;
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
export function unmatchedDeclared(declared: DeclaredPatterns, reads: readonly HopRead[], contexts: readonly ScopeContext[]): readonly string[] {
  if (declared.networks.length === 0 && declared.hosts.length === 0) return NONE;
  const out: string[] = [];
  for (const n of declared.networks) if (!out.includes(n.text) && !networkMet(n.one, reads)) out.push(n.text);
  for (const h of declared.hosts) if (!out.includes(h.text) && !hostMet(h.one, reads, contexts)) out.push(h.text);
  return out;
}
