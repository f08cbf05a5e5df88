/**
 * Special-purpose address ranges (RFC 6890 and the IANA special-purpose registries), folded into the few classes
 * a mail forensic needs. Our own table rather than `ipaddr.js`'s `range()`: that one files the documentation
 * blocks under `reserved` and has no `public`/`documentation` split.
 *
 * Decisions (the most specific prefix wins):
 * - `reserved` = special-purpose space that never sends mail from a real host: 0/8 ("this network"), 192.0.0/24
 *   (IETF protocol assignments), 192.88.99/24 (6to4 relay anycast, deprecated by RFC 7526), 198.18/15
 *   (benchmarking, RFC 2544), 240/4 (future use) incl. 255.255.255.255; IPv6 ::/8 other than `::` and `::1`
 *   (incl. deprecated IPv4-compatible `::a.b.c.d`), 100::/64 (discard), 2001:2::/48 (benchmarking), 2001:10::/28
 *   and 2001:20::/28 (ORCHID), 5f00::/16 (SRv6 SIDs), fec0::/10 (site-local, deprecated) and all space outside
 *   2000::/3 not named here.
 * - `public` includes Teredo 2001::/32 and NAT64 64:ff9b::/96: real clients behind them. A 6to4 address 2002::/16
 *   takes the class of the IPv4 address it embeds (RFC 3056 §2: bits 16–47): `2002:a05:…` is `10.5.x.x`, private,
 *   which is how Google names its internal hosts; a 6to4 image of a public IPv4 address is public.
 * - `documentation` = 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 2001:db8::/32 (RFC 3849),
 *   3fff::/20 (RFC 9637): seeing one in a Received header means a fixture or a forgery.
 * @module
 */

import type { IpRange } from '../types.js';

/** One table row: a prefix given as bytes, its length in bits, and the class. */
interface RangeRule {
  readonly bytes: readonly number[];
  readonly bits: number;
  readonly range: IpRange;
}

function v4(a: number, b: number, c: number, d: number, bits: number, range: IpRange): RangeRule {
  return { bytes: [a, b, c, d], bits, range };
}

function v6(groups: readonly number[], bits: number, range: IpRange): RangeRule {
  const bytes: number[] = [];
  for (let k = 0; k < 8; k++) {
    const g = groups[k] ?? 0;
    bytes.push((g >> 8) & 0xff, g & 0xff);
  }
  return { bytes, bits, range };
}

function bySpecificity(rules: RangeRule[]): readonly RangeRule[] {
  return Object.freeze(rules.sort((a, b) => b.bits - a.bits));
}

/** IPv4 rules, longest prefix first (RFC 6890 §2.2.2, RFC 1918, RFC 6598, RFC 5737, RFC 3927). */
const IPV4_RULES = bySpecificity([
  v4(0, 0, 0, 0, 32, 'unspecified'),
  v4(0, 0, 0, 0, 8, 'reserved'),
  v4(10, 0, 0, 0, 8, 'private'),
  v4(100, 64, 0, 0, 10, 'cgnat'),
  v4(127, 0, 0, 0, 8, 'loopback'),
  v4(169, 254, 0, 0, 16, 'link-local'),
  v4(172, 16, 0, 0, 12, 'private'),
  v4(192, 0, 0, 0, 24, 'reserved'),
  v4(192, 0, 2, 0, 24, 'documentation'),
  v4(192, 88, 99, 0, 24, 'reserved'),
  v4(192, 168, 0, 0, 16, 'private'),
  v4(198, 18, 0, 0, 15, 'reserved'),
  v4(198, 51, 100, 0, 24, 'documentation'),
  v4(203, 0, 113, 0, 24, 'documentation'),
  v4(224, 0, 0, 0, 4, 'multicast'),
  v4(240, 0, 0, 0, 4, 'reserved'),
]);

/** IPv6 rules, longest prefix first (RFC 6890 §2.2.3, RFC 4291, RFC 4193, RFC 3849, RFC 9637). */
const IPV6_RULES = bySpecificity([
  v6([], 128, 'unspecified'),
  v6([0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'),
  v6([0x64, 0xff9b], 96, 'public'),
  v6([], 8, 'reserved'),
  v6([0x100], 64, 'reserved'),
  v6([0x2001], 32, 'public'),
  v6([0x2001, 0x2], 48, 'reserved'),
  v6([0x2001, 0x10], 28, 'reserved'),
  v6([0x2001, 0x20], 28, 'reserved'),
  v6([0x2001, 0xdb8], 32, 'documentation'),
  v6([0x2000], 3, 'public'),
  v6([0x3fff], 20, 'documentation'),
  v6([0x5f00], 16, 'reserved'),
  v6([0xfc00], 7, 'unique-local'),
  v6([0xfe80], 10, 'link-local'),
  v6([0xfec0], 10, 'reserved'),
  v6([0xff00], 8, 'multicast'),
]);

/** `true` when the first `bits` bits of `bytes` equal those of `prefix` (same length arrays). */
export function prefixMatches(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  let k = 0;
  for (; k + 8 <= bits; k += 8) {
    if (bytes[k >> 3] !== prefix[k >> 3]) return false;
  }
  const rest = bits - k;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (((bytes[k >> 3] ?? 0) ^ (prefix[k >> 3] ?? 0)) & mask) === 0;
}

/** Classify 4 (IPv4) or 16 (IPv6) bytes; anything no rule names is `public` (IPv4) or `reserved` (IPv6). */
export function classifyBytes(bytes: readonly number[]): IpRange {
  if (bytes.length === 16 && bytes[0] === 0x20 && bytes[1] === 0x02) {
    // RFC 3056 §2: 2002:V4ADDR::/48; the embedded address says where the host really is.
    return classifyBytes([bytes[2]!, bytes[3]!, bytes[4]!, bytes[5]!]);
  }
  const rules = bytes.length === 4 ? IPV4_RULES : IPV6_RULES;
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k]!;
    if (prefixMatches(bytes, rule.bytes, rule.bits)) return rule.range;
  }
  return bytes.length === 4 ? 'public' : 'reserved';
}
