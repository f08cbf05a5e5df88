/**
 * Matching one hop address against the option blocks. The blocks themselves are parsed by
 * `src/address/cidr.ts` (RFC 4632 §3.1); this reads the address once for a whole list.
 * @module
 */

import { cidrContainsBytes, type ParsedCidr } from '../address/cidr.js';
import { addressBytes } from '../address/ip.js';

/** `true` when the canonical address text (as in `Hop.from.ip`) falls inside any of the blocks. */
export function ipInCidrs(ip: string, cidrs: readonly ParsedCidr[]): boolean {
  if (cidrs.length === 0) return false;
  const addr = addressBytes(ip);
  if (addr === null) return false;
  for (const c of cidrs) if (cidrContainsBytes(c, addr)) return true;
  return false;
}
