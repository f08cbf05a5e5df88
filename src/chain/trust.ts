/**
 * The trust boundary. Anyone can prepend forged Received lines before sending, so a hop is only as believable
 * as the server that wrote it. The topmost header is written by the recipient's own server; walking down, the
 * writer of hop i+1 is the client that hop i's writer saw. It stays trusted while that client is trusted:
 * - when hop i is internal (one operator at both ends, by the evidence of `scope.ts`: the receiver's own records,
 *   never the client's claim alone);
 * - with options, when the client's address is in `trustedNetworks`/`internalNetworks`, the writer's rDNS lookup of
 *   it matches `trustedHosts`/`internalHosts`, or its HELO matches them and its address confirms the name.
 * Without options the boundary is inferred, and said so with CHAIN_TRUST_INFERRED. From the first untrusted writer
 * on, every hop carries UNVERIFIABLE (reported, never dropped or regraded), however internal it claims to be.
 * This is SpamAssassin's trusted_networks walk, with mailauth's refusal to guess.
 * @module
 */

import { issue } from '../issues.js';
import type { HopRead } from '../hop/read-hop.js';
import type { Issue } from '../types.js';
import { ipInCidrs } from './cidr.js';
import { isAddressText } from '../address/host.js';
import { hostMatches } from './hosts.js';
import type { ChainOptions } from './options.js';
import { heloConfirmed, type ScopeContext, type ScopeDecision } from './scope.js';

/** Where trust ends. */
export interface TrustWalk {
  /** Index of the first hop written by an untrusted server; `hops.length` when all are trusted. */
  readonly boundary: number;
  /** Why the hop above the boundary did not pass trust on (for the issue messages); `null` when all are trusted. */
  readonly why: string | null;
}

/** Whether the configured trusted or internal lists vouch for the client of a hop. */
function clientDeclaredTrusted(read: HopRead, ctx: ScopeContext): boolean {
  const o: ChainOptions = ctx.options;
  const from = read.from;
  if (from === null) return false;
  if (from.ip !== null && (ipInCidrs(from.ip, o.trustedNetworks) || ipInCidrs(from.ip, o.internalNetworks))) return true;
  if (hostMatches(from.rdns, o.trustedHosts) || hostMatches(from.rdns, o.internalHosts)) return true;
  const helo = from.helo ?? read.fromName;
  if (helo === null || isAddressText(helo)) return false;
  return (hostMatches(helo, o.trustedHosts) || hostMatches(helo, o.internalHosts)) && heloConfirmed(helo, read, ctx);
}

function describeClient(read: HopRead): string {
  const from = read.from;
  if (from === null) return 'an unnamed client';
  const name = from.rdns ?? from.helo ?? read.fromName;
  if (from.ip !== null) return name !== null ? `${name} [${from.ip}]` : `[${from.ip}]`;
  return name ?? 'an unnamed client';
}

/** Walk down from the top hop and find the first hop whose writer is not trusted. */
export function walkTrust(reads: readonly HopRead[], decisions: readonly ScopeDecision[], contexts: readonly ScopeContext[]): TrustWalk {
  for (let i = 0; i + 1 < reads.length; i++) {
    const read = reads[i]!;
    const ctx = contexts[i]!;
    if (decisions[i]!.scope === 'internal') continue;
    if (ctx.options.configured && clientDeclaredTrusted(read, ctx)) continue;
    return { boundary: i + 1, why: `hop ${i} was received from ${describeClient(read)}, which is not trusted` };
  }
  return { boundary: reads.length, why: null };
}

/** The UNVERIFIABLE issue of a hop below the boundary. */
export function unverifiableIssue(walk: TrustWalk): Issue {
  return issue('UNVERIFIABLE', 'info', `written by a server outside the trust boundary (${walk.why ?? 'untrusted'}): anyone can forge this line`);
}

/** The report-level note that the boundary was inferred, or null when options set it or nothing was inferred. */
export function trustInferredIssue(walk: TrustWalk, hopCount: number, o: ChainOptions): Issue | null {
  if (o.configured || hopCount < 2) return null;
  const trusted = walk.boundary;
  const tail = trusted < hopCount ? `; ${trusted === hopCount - 1 ? `hop ${trusted} is` : `hops ${trusted}–${hopCount - 1} are`} unverifiable` : '';
  return issue(
    'CHAIN_TRUST_INFERRED',
    'info',
    `no trustedNetworks/trustedHosts given: trusted the top hop and each hop written by a client of the same operator (${trusted === 1 ? 'hop 0' : `hops 0–${trusted - 1}`})${tail}`,
  );
}
