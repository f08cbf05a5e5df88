/**
 * What the chain shows of the server that wrote a hop: the name and address it wrote for itself in `by`, and — when
 * the header above records that same server as its client — the reverse-DNS name and address the server above saw
 * for it (`from lists.example.org (lf-lists.example.net [2001:db8::7])` above a hop `by lists.example.org`). Scope
 * compares a client against all of these.
 * @module
 */

import { parseIp } from '../address/ip.js';
import type { HopRead } from '../hop/read-hop.js';
import { isAddressText } from '../address/host.js';

/** Names and addresses of one hop's writer. */
export interface WriterNames {
  /** Host names (as written), the `by` host first. */
  readonly names: readonly string[];
  /** Canonical addresses: the one it wrote for itself, then the one the server above saw. */
  readonly ips: readonly string[];
  /** What scope works out about these names, filled on first use (one hop asks several rules). */
  readonly derived: {
    /** Registrable domain of each of `names`, in order. */
    domains?: readonly (string | null)[];
  };
}

/** The writer of a hop, from its own `by` clause and from the hop above when the two are linked. */
export function writerNames(reads: readonly HopRead[], i: number, linkedAbove: boolean): WriterNames {
  const names: string[] = [];
  const ips: string[] = [];
  const by = reads[i]!.by;
  if (by !== null) {
    if (by.host !== null) {
      if (!isAddressText(by.host)) names.push(by.host);
      else {
        const ip = parseIp(by.host)?.ip;
        if (ip !== undefined) ips.push(ip);
      }
    }
    if (by.ip !== null && !ips.includes(by.ip)) ips.push(by.ip);
  }
  if (linkedAbove && i > 0) {
    const above = reads[i - 1]!.from;
    if (above !== null) {
      if (above.rdns !== null && !isAddressText(above.rdns)) names.push(above.rdns);
      if (above.ip !== null && !ips.includes(above.ip)) ips.push(above.ip);
    }
  }
  return { names, ips, derived: {} };
}
