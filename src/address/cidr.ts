/**
 * CIDR blocks (RFC 4632 §3.1 notation, RFC 4291 §2.3 for IPv6) for the `trustedNetworks` / `internalNetworks`
 * options. Parsed once, matched byte-wise.
 *
 * Decisions: a bare address is a single-host block (`/32`, `/128`); host bits after the prefix are cleared
 * (`10.1.2.3/8` → `10.0.0.0/8`, as Postfix `mynetworks` does); an IPv4-mapped IPv6 block of `/96` or longer is
 * stored as the IPv4 block (`::ffff:10.0.0.0/104` → `10.0.0.0/8`); an IPv4 address is inside an IPv6 block when
 * its mapped form `::ffff:a.b.c.d` is.
 * @module
 */

import { addressBytes, formatIpBytes, type IpBytes } from './ip.js';
import { prefixMatches } from './ranges.js';

/** A parsed CIDR block. Plain data (JSON-serialisable). */
export interface ParsedCidr {
  readonly version: 4 | 6;
  /** Network address with host bits cleared: 4 or 16 bytes. */
  readonly bytes: readonly number[];
  readonly prefix: number;
  /** Canonical text, e.g. `10.0.0.0/8`, `2001:db8::/32`. */
  readonly text: string;
}

function parsePrefix(text: string, max: number): number | null {
  if (text.length === 0 || text.length > 3) return null;
  if (text.length > 1 && text.charCodeAt(0) === 48) return null;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  return value <= max ? value : null;
}

function masked(bytes: readonly number[], prefix: number): number[] {
  return bytes.map((b, k) => {
    const bitsHere = Math.min(8, Math.max(0, prefix - k * 8));
    return b & ((0xff << (8 - bitsHere)) & 0xff);
  });
}

function mappedBytes(v4: readonly number[]): number[] {
  return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4];
}

/**
 * Parse `address/prefix` or a bare address (RFC 4632 §3.1). `null` when malformed (bad address, prefix out of
 * range, leading zeros, brackets, ports); the options layer turns that into a `TypeError`.
 */
export function parseCidr(cidr: string): ParsedCidr | null {
  if (typeof cidr !== 'string') return null;
  const s = cidr.trim();
  const slash = s.lastIndexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  if (addrText.length === 0 || addrText.length > 64 || addrText.includes('%')) return null;
  const addr = addressBytes(addrText);
  if (addr === null) return null;
  // The prefix counts bits of the address as written: `::ffff:10.0.0.0/104` is 128-bit notation.
  const writtenBits = addr.mapped ? 128 : addr.bytes.length * 8;
  let prefix = writtenBits;
  if (slash >= 0) {
    const p = parsePrefix(s.slice(slash + 1), writtenBits);
    if (p === null) return null;
    prefix = p;
  }
  let version = addr.version;
  let bytes: readonly number[] = addr.bytes;
  if (addr.mapped) {
    if (prefix >= 96) prefix -= 96;
    else {
      version = 6;
      bytes = mappedBytes(addr.bytes);
    }
  }
  const network = masked(bytes, prefix);
  return { version, bytes: network, prefix, text: `${formatIpBytes(network)}/${prefix}` };
}

/** `true` when the address (as bytes) lies inside the block; IPv4 inside IPv6 blocks via its mapped form. */
export function cidrContainsBytes(cidr: ParsedCidr, ip: IpBytes): boolean {
  if (ip.version === cidr.version) return prefixMatches(ip.bytes, cidr.bytes, cidr.prefix);
  if (ip.version === 4) return prefixMatches(mappedBytes(ip.bytes), cidr.bytes, cidr.prefix);
  return false;
}
