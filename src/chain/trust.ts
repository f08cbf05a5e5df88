/**
 * The trust boundary. Anyone can prepend forged Received lines before sending, so a hop is only as believable
 * as the server that wrote it. The topmost header is written by the recipient's own server; walking down, the
 * writer of hop i+1 is the client that hop i's writer saw. It stays trusted while that client is trusted:
 * - always, when hop i shows one host or one system handing the message to itself (local handover, `by`-only,
 *   loopback, client address = writer address);
 * - with options, when the client's address is in `trustedNetworks`/`internalNetworks` or the writer's rDNS
 *   lookup of it matches `trustedHosts`/`internalHosts` (the client's HELO is its own claim and never counts);
 * - without options (inferred, and said so with CHAIN_TRUST_INFERRED), when hop i is internal by any rule of
 *   `scope.ts` (private, loopback, LMTP …): a private client of a trusted server is on the same network.
 * From the first untrusted writer on, every hop carries UNVERIFIABLE (reported, never dropped or regraded).
 * This is SpamAssassin's trusted_networks walk, with mailauth's refusal to guess.
 * @module
 */

import { issue } from '../issues.js';
import type { ReceivedRead } from '../received/parse.js';
import type { Issue } from '../types.js';
import { ipInCidrs } from './cidr.js';
import { hostMatches } from './hosts.js';
import type { ChainOptions } from './options.js';
import { SAME_SYSTEM_BASES, type ScopeDecision } from './scope.js';

/** Where trust ends. */
export interface TrustWalk {
  /** Index of the first hop written by an untrusted server; `hops.length` when all are trusted. */
  readonly boundary: number;
  /** Why the hop above the boundary did not pass trust on (for the issue messages); `null` when all are trusted. */
  readonly why: string | null;
}

function clientTrusted(read: ReceivedRead, d: ScopeDecision, o: ChainOptions): boolean {
  if (SAME_SYSTEM_BASES.has(d.basis)) return true;
  if (!o.configured) return d.scope === 'internal';
  if (d.basis === 'configured') return true;
  const from = read.hop.from;
  if (from === null) return false;
  if (from.ip !== null && (ipInCidrs(from.ip, o.trustedNetworks) || ipInCidrs(from.ip, o.internalNetworks))) return true;
  return hostMatches(from.rdns, o.trustedHosts) || hostMatches(from.rdns, o.internalHosts);
}

function describeClient(read: ReceivedRead): string {
  const from = read.hop.from;
  if (from === null) return 'an unnamed client';
  const name = from.rdns ?? from.helo ?? read.fromName;
  if (from.ip !== null) return name !== null ? `${name} [${from.ip}]` : `[${from.ip}]`;
  return name ?? 'an unnamed client';
}

/** Walk down from the top hop and find the first hop whose writer is not trusted. */
export function walkTrust(reads: readonly ReceivedRead[], decisions: readonly ScopeDecision[], o: ChainOptions): TrustWalk {
  for (let i = 0; i + 1 < reads.length; i++) {
    const read = reads[i]!;
    if (!clientTrusted(read, decisions[i]!, o)) {
      return { boundary: i + 1, why: `hop ${i} was received from ${describeClient(read)}, which is not trusted` };
    }
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
    `no trustedNetworks/trustedHosts given: trusted the top hop and each hop written by an internal client of a trusted one (${trusted === 1 ? "hop 0" : `hops 0–${trusted - 1}`})${tail}`,
  );
}
