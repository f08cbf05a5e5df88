// IP literal reader and classifier: synthetic literals written the way MTAs write them in Received fields
// (Postfix `[IPv6:…]`, Exim `[ip]:port`, Microsoft bare IPs, qmail, link-local with zone ids).
import ipaddr from 'ipaddr.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_IP_TEXT, parseIp, type ParsedIp } from '../../src/address/ip.js';
import type { IpRange } from '../../src/types.js';

type Expect = Pick<ParsedIp, 'ip' | 'version' | 'range'> & Partial<Pick<ParsedIp, 'port' | 'mapped'>>;

const accepted: readonly (readonly [string, string, Expect])[] = [
  // IPv4 forms
  ['public IPv4', '8.8.8.8', { ip: '8.8.8.8', version: 4, range: 'public' }],
  ['bracketed IPv4', '[203.0.113.7]', { ip: '203.0.113.7', version: 4, range: 'documentation' }],
  ['Exim [ip]:port', '[192.0.2.1]:25', { ip: '192.0.2.1', version: 4, range: 'documentation', port: 25 }],
  ['bare ip:port', '198.51.100.9:587', { ip: '198.51.100.9', version: 4, range: 'documentation', port: 587 }],
  ['port 65535', '[1.2.3.4]:65535', { ip: '1.2.3.4', version: 4, range: 'public', port: 65535 }],
  ['surrounding whitespace', '  1.2.3.4 ', { ip: '1.2.3.4', version: 4, range: 'public' }],
  ['single zero octets', '0.0.0.0', { ip: '0.0.0.0', version: 4, range: 'unspecified' }],
  ['this-network 0/8', '0.1.2.3', { ip: '0.1.2.3', version: 4, range: 'reserved' }],
  ['RFC 1918 10/8', '10.20.30.40', { ip: '10.20.30.40', version: 4, range: 'private' }],
  ['RFC 1918 172.16/12 low', '172.16.0.1', { ip: '172.16.0.1', version: 4, range: 'private' }],
  ['RFC 1918 172.16/12 high', '172.31.255.255', { ip: '172.31.255.255', version: 4, range: 'private' }],
  ['just outside 172.16/12', '172.32.0.1', { ip: '172.32.0.1', version: 4, range: 'public' }],
  ['RFC 1918 192.168/16', '192.168.1.1', { ip: '192.168.1.1', version: 4, range: 'private' }],
  ['loopback', '127.0.0.1', { ip: '127.0.0.1', version: 4, range: 'loopback' }],
  ['loopback /8', '127.255.0.9', { ip: '127.255.0.9', version: 4, range: 'loopback' }],
  ['link-local', '169.254.10.1', { ip: '169.254.10.1', version: 4, range: 'link-local' }],
  ['CGNAT low', '100.64.0.1', { ip: '100.64.0.1', version: 4, range: 'cgnat' }],
  ['CGNAT high', '100.127.255.254', { ip: '100.127.255.254', version: 4, range: 'cgnat' }],
  ['just outside CGNAT', '100.128.0.1', { ip: '100.128.0.1', version: 4, range: 'public' }],
  ['TEST-NET-1', '192.0.2.44', { ip: '192.0.2.44', version: 4, range: 'documentation' }],
  ['TEST-NET-2', '198.51.100.1', { ip: '198.51.100.1', version: 4, range: 'documentation' }],
  ['TEST-NET-3', '203.0.113.255', { ip: '203.0.113.255', version: 4, range: 'documentation' }],
  ['IETF protocol assignments', '192.0.0.8', { ip: '192.0.0.8', version: 4, range: 'reserved' }],
  ['benchmarking', '198.19.1.1', { ip: '198.19.1.1', version: 4, range: 'reserved' }],
  ['6to4 relay anycast', '192.88.99.1', { ip: '192.88.99.1', version: 4, range: 'reserved' }],
  ['multicast', '224.0.0.251', { ip: '224.0.0.251', version: 4, range: 'multicast' }],
  ['multicast top', '239.255.255.255', { ip: '239.255.255.255', version: 4, range: 'multicast' }],
  ['class E', '240.0.0.1', { ip: '240.0.0.1', version: 4, range: 'reserved' }],
  ['broadcast', '255.255.255.255', { ip: '255.255.255.255', version: 4, range: 'reserved' }],
  // IPv6 forms (RFC 4291 §2.2)
  ['full IPv6, upper-case', '2001:0DB8:0000:0000:0008:0800:200C:417A', { ip: '2001:db8::8:800:200c:417a', version: 6, range: 'documentation' }],
  ['compressed IPv6', '2a00:1450:4864:20::52f', { ip: '2a00:1450:4864:20::52f', version: 6, range: 'public' }],
  ['Postfix IPv6: tag', 'IPv6:2a00:1450:4864:20::52f', { ip: '2a00:1450:4864:20::52f', version: 6, range: 'public' }],
  ['bracketed lower-case tag', '[ipv6:2A00:1450:4864:20:0:0:0:52F]', { ip: '2a00:1450:4864:20::52f', version: 6, range: 'public' }],
  ['bracketed IPv6 with port', '[2001:db8::1]:2525', { ip: '2001:db8::1', version: 6, range: 'documentation', port: 2525 }],
  ['zone id dropped', 'fe80::1%eth0', { ip: 'fe80::1', version: 6, range: 'link-local' }],
  ['numeric zone id in brackets', '[fe80::abcd%9]', { ip: 'fe80::abcd', version: 6, range: 'link-local' }],
  ['unspecified ::', '::', { ip: '::', version: 6, range: 'unspecified' }],
  ['loopback ::1', '::1', { ip: '::1', version: 6, range: 'loopback' }],
  ['unique-local fd00::/8', 'fd12:3456:789a::1', { ip: 'fd12:3456:789a::1', version: 6, range: 'unique-local' }],
  ['unique-local fc00::/8', 'fc00::5', { ip: 'fc00::5', version: 6, range: 'unique-local' }],
  ['multicast ff02::1', 'ff02::1', { ip: 'ff02::1', version: 6, range: 'multicast' }],
  ['site-local (deprecated)', 'fec0::1', { ip: 'fec0::1', version: 6, range: 'reserved' }],
  ['documentation 3fff::/20', '3fff:0fff::1', { ip: '3fff:fff::1', version: 6, range: 'documentation' }],
  ['outside 3fff::/20', '3fff:1000::1', { ip: '3fff:1000::1', version: 6, range: 'public' }],
  ['Teredo is a real client', '2001:0:4136:e378:8000:63bf:3fff:fdd2', { ip: '2001:0:4136:e378:8000:63bf:3fff:fdd2', version: 6, range: 'public' }],
  ['6to4 of a public address is a real client', '2002:807:808::1', { ip: '2002:807:808::1', version: 6, range: 'public' }],
  ['6to4 takes the class of the address it embeds', '2002:a05:6a10::1', { ip: '2002:a05:6a10::1', version: 6, range: 'private' }],
  ['6to4 of a documentation address', '2002:c000:204::1', { ip: '2002:c000:204::1', version: 6, range: 'documentation' }],
  ['benchmarking 2001:2::/48', '2001:2::9', { ip: '2001:2::9', version: 6, range: 'reserved' }],
  ['NAT64 well-known prefix', '64:ff9b::c000:221', { ip: '64:ff9b::c000:221', version: 6, range: 'public' }],
  ['NAT64 with dotted tail', '64:ff9b::192.0.2.33', { ip: '64:ff9b::c000:221', version: 6, range: 'public' }],
  ['IPv4-compatible (deprecated)', '::1.2.3.4', { ip: '::102:304', version: 6, range: 'reserved' }],
  ['discard 100::/64', '100::1', { ip: '100::1', version: 6, range: 'reserved' }],
  ['unallocated 4000::/3', '4000::1', { ip: '4000::1', version: 6, range: 'reserved' }],
  ['RFC 5952: longest zero run', '2001:db8:0:0:1:0:0:0', { ip: '2001:db8:0:0:1::', version: 6, range: 'documentation' }],
  ['RFC 5952: first of equal runs', '2001:db8:0:0:1:0:0:1', { ip: '2001:db8::1:0:0:1', version: 6, range: 'documentation' }],
  ['RFC 5952: single zero group not compressed', '2001:db8:0:1:1:1:1:1', { ip: '2001:db8:0:1:1:1:1:1', version: 6, range: 'documentation' }],
  ['RFC 5952: :: for a single group accepted on input', '2001:db8::1:1:1:1:1', { ip: '2001:db8:0:1:1:1:1:1', version: 6, range: 'documentation' }],
  ['dotted tail without ::', '0:0:0:0:0:0:13.1.68.3', { ip: '::d01:4403', version: 6, range: 'reserved' }],
  // IPv4-mapped (RFC 4291 §2.5.5.2) → the IPv4
  ['mapped dotted', '::ffff:1.2.3.4', { ip: '1.2.3.4', version: 4, range: 'public', mapped: true }],
  ['mapped hex', '::FFFF:c000:0201', { ip: '192.0.2.1', version: 4, range: 'documentation', mapped: true }],
  ['mapped, tagged, bracketed, with port', '[IPv6:::ffff:10.0.0.1]:25', { ip: '10.0.0.1', version: 4, range: 'private', mapped: true, port: 25 }],
  ['mapped full form', '0:0:0:0:0:ffff:127.0.0.1', { ip: '127.0.0.1', version: 4, range: 'loopback', mapped: true }],
];

const rejected: readonly (readonly [string, string])[] = [
  ['empty', ''],
  ['spaces', '   '],
  ['three parts', '1.2.3'],
  ['five parts', '1.2.3.4.5'],
  ['octal-looking leading zero', '010.1.1.1'],
  ['leading zero in last octet', '1.1.1.01'],
  ['octet 256', '256.1.1.1'],
  ['octet 999', '1.2.3.999'],
  ['four-digit octet', '1.2.3.0255'],
  ['hex octet', '0x7f.0.0.1'],
  ['single number', '2130706433'],
  ['trailing dot', '1.2.3.4.'],
  ['empty octet', '1..3.4'],
  ['negative', '-1.2.3.4'],
  ['host name', 'mail.example.com'],
  ['unknown', 'unknown'],
  ['IPv6: tag on IPv4', 'IPv6:1.2.3.4'],
  ['zone id on IPv4', '1.2.3.4%eth0'],
  ['empty zone id', 'fe80::1%'],
  ['zone id with space', 'fe80::1%et h0'],
  ['two ::', '1::2::3'],
  [':::', '1:::2'],
  ['nine groups', '1:2:3:4:5:6:7:8:9'],
  ['seven groups without ::', '1:2:3:4:5:6:7'],
  ['eight groups plus ::', '1:2:3:4::5:6:7:8'],
  ['five-digit group', '12345::1'],
  ['non-hex group', 'g::1'],
  ['leading single colon', ':1:2:3:4:5:6:7'],
  ['trailing single colon', '1:2:3:4:5:6:7:'],
  ['IPv4 tail not last', '::1.2.3.4:5'],
  ['bad IPv4 tail', '::ffff:1.2.3'],
  ['IPv4 tail with leading zero', '::ffff:01.2.3.4'],
  ['unclosed bracket', '[1.2.3.4'],
  ['junk after bracket', '[1.2.3.4]x'],
  ['port 65536', '[1.2.3.4]:65536'],
  ['empty port', '1.2.3.4:'],
  ['port with letters', '1.2.3.4:smtp'],
  ['unbracketed IPv6 with a five-digit last group', '2001:db8::1:99999'],
  ['brackets inside', '[[1.2.3.4]]'],
  ['longer than the limit', `::${'0:'.repeat(MAX_IP_TEXT)}1`],
  ['CIDR is not an address', '10.0.0.0/8'],
  ['full-width digits', '１.2.3.4'],
];

describe('parseIp accepts', () => {
  it('has at least 50 cases in total', () => {
    expect(accepted.length + rejected.length).toBeGreaterThanOrEqual(50);
  });

  it.each(accepted)('%s: %s', (_label, input, want) => {
    const got = parseIp(input);
    expect(got).toEqual({ port: null, mapped: false, ...want });
  });
});

describe('parseIp rejects', () => {
  it.each(rejected)('%s: %j', (_label, input) => {
    expect(parseIp(input)).toBeNull();
  });
});

const octet = fc.integer({ min: 0, max: 255 });
const group = fc.integer({ min: 0, max: 0xffff });
const ipv4Text = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const ipv6Groups = fc.array(group, { minLength: 8, maxLength: 8 });

/** An IPv6 text in a random RFC 4291 spelling of the same 8 groups: padded, upper-case, or `::`-compressed. */
function spell(groups: readonly number[], style: number, cut: number): string {
  const hex = groups.map((g) => (style === 1 ? g.toString(16).padStart(4, '0') : g.toString(16)));
  const text = hex.join(':');
  if (style === 2) return text.toUpperCase();
  if (style === 3) {
    // Compress the zero run starting at `cut`, if there is one (any run is legal, not only the longest).
    let end = cut;
    while (end < 8 && groups[end] === 0) end++;
    if (end > cut) return `${hex.slice(0, cut).join(':')}::${hex.slice(end).join(':')}`;
  }
  return text;
}

describe('parseIp properties', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const r = parseIp(s);
        expect(r === null || typeof r.ip === 'string').toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on address-like fragments; canonical form is idempotent', () => {
    const piece = fc.constantFrom('1', '0', '00', '255', '256', 'ffff', 'FFFF', 'db8', ':', '::', '.', '[', ']', '%', 'eth0', 'IPv6:', '25', 'g');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }).map((p) => p.join('')), (s) => {
        const r = parseIp(s);
        if (r === null) return;
        const again = parseIp(r.ip);
        expect(again?.ip).toBe(r.ip);
        expect(again?.version).toBe(r.version);
        expect(again?.range).toBe(r.range);
      }),
      { numRuns: 5000 },
    );
  });

  it('every IPv4 round-trips and agrees with ipaddr.js on the value', () => {
    fc.assert(
      fc.property(ipv4Text, fc.boolean(), (text, bracket) => {
        const r = parseIp(bracket ? `[${text}]` : text);
        expect(r).not.toBeNull();
        expect(r?.ip).toBe(text);
        expect(r?.version).toBe(4);
        expect(r?.ip).toBe(ipaddr.IPv4.parse(text).toString());
        expect(parseIp(`::ffff:${text}`)).toEqual({ ...r, mapped: true });
      }),
      { numRuns: 2000 },
    );
  });

  it('random IPv6 from 8 groups matches ipaddr.js in every spelling', () => {
    fc.assert(
      fc.property(ipv6Groups, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 7 }), (groups, style, cut) => {
        const text = spell(groups, style, cut);
        const r = parseIp(text);
        expect(r, text).not.toBeNull();
        const ref = ipaddr.IPv6.parse(text);
        if (ref.isIPv4MappedAddress()) {
          expect(r?.ip).toBe(ref.toIPv4Address().toString());
          expect(r?.mapped).toBe(true);
        } else {
          expect(r?.ip).toBe(ref.toRFC5952String());
          expect(r?.version).toBe(6);
        }
        expect(parseIp(r?.ip ?? '')?.ip).toBe(r?.ip);
      }),
      { numRuns: 3000 },
    );
  });

  it('zero-heavy IPv6 (where compression rules matter) matches ipaddr.js', () => {
    const sparse = fc.array(fc.oneof(fc.constant(0), fc.constant(0), group), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(sparse, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 7 }), (groups, style, cut) => {
        const text = spell(groups, style, cut);
        const ref = ipaddr.IPv6.parse(text);
        const r = parseIp(text);
        expect(r?.ip).toBe(ref.isIPv4MappedAddress() ? ref.toIPv4Address().toString() : ref.toRFC5952String());
      }),
      { numRuns: 3000 },
    );
  });

  it('range is one of the documented classes', () => {
    const ranges: readonly IpRange[] = [
      'public', 'private', 'loopback', 'link-local', 'cgnat', 'documentation', 'unique-local', 'multicast', 'unspecified', 'reserved',
    ];
    fc.assert(
      fc.property(fc.oneof(ipv4Text, ipv6Groups.map((g) => spell(g, 0, 0))), (text) => {
        expect(ranges).toContain(parseIp(text)?.range);
      }),
    );
  });
});
