// CIDR blocks for trustedNetworks / internalNetworks (synthetic values, as an admin would write them).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContainsBytes, parseCidr } from '../../src/address/cidr.js';
import { addressBytes } from '../../src/address/ip.js';

/** The matching the scope code does: the block parsed once, the hop's address read to bytes, then compared. */
function inBlock(ip: string, cidr: string): boolean {
  const block = parseCidr(cidr);
  const addr = addressBytes(ip);
  return block !== null && addr !== null && cidrContainsBytes(block, addr);
}

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', { version: 4, prefix: 8, text: '10.0.0.0/8' }],
    ['10.1.2.3/8', { version: 4, prefix: 8, text: '10.0.0.0/8' }],
    ['192.168.1.77/27', { version: 4, prefix: 27, text: '192.168.1.64/27' }],
    ['0.0.0.0/0', { version: 4, prefix: 0, text: '0.0.0.0/0' }],
    ['203.0.113.5', { version: 4, prefix: 32, text: '203.0.113.5/32' }],
    ['2001:DB8::/32', { version: 6, prefix: 32, text: '2001:db8::/32' }],
    ['2001:db8:abcd:12ff::/60', { version: 6, prefix: 60, text: '2001:db8:abcd:12f0::/60' }],
    ['fe80::1/10', { version: 6, prefix: 10, text: 'fe80::/10' }],
    ['::/0', { version: 6, prefix: 0, text: '::/0' }],
    ['::1', { version: 6, prefix: 128, text: '::1/128' }],
    ['IPv6:2001:db8::/48', { version: 6, prefix: 48, text: '2001:db8::/48' }],
    ['::ffff:10.0.0.0/104', { version: 4, prefix: 8, text: '10.0.0.0/8' }],
    ['::ffff:0:0/96', { version: 4, prefix: 0, text: '0.0.0.0/0' }],
    [' 172.16.0.0/12 ', { version: 4, prefix: 12, text: '172.16.0.0/12' }],
  ])('%s', (input, want) => {
    expect(parseCidr(input)).toMatchObject(want);
  });

  it.each([
    '', '/', '10.0.0.0/', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/8/8', '10.0.0/8', '010.0.0.0/8',
    'example.com/24', '2001:db8::/129', 'fe80::1%eth0/64', '[10.0.0.0]/8', '10.0.0.0/ 8', '10.0.0.0/1e1', '1.2.3.4:25/32',
  ])('rejects %j', (input) => {
    expect(parseCidr(input)).toBeNull();
  });

  it('is plain data', () => {
    const c = parseCidr('10.0.0.0/8');
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});

describe('cidrContainsBytes', () => {
  it.each([
    ['10.255.255.255', '10.0.0.0/8', true],
    ['11.0.0.0', '10.0.0.0/8', false],
    ['192.168.1.64', '192.168.1.64/27', true],
    ['192.168.1.95', '192.168.1.64/27', true],
    ['192.168.1.96', '192.168.1.64/27', false],
    ['8.8.8.8', '0.0.0.0/0', true],
    ['203.0.113.5', '203.0.113.5', true],
    ['203.0.113.6', '203.0.113.5', false],
    ['2001:db8:1::5', '2001:db8::/32', true],
    ['2001:db9::5', '2001:db8::/32', false],
    ['IPv6:2001:db8::5', '2001:db8::/32', true],
    ['fe80::1%eth0', 'fe80::/10', true],
    ['::ffff:10.1.1.1', '10.0.0.0/8', true],
    ['10.1.1.1', '::ffff:10.0.0.0/104', true],
    ['10.1.1.1', '::ffff:0:0/96', true],
    ['10.1.1.1', '::/0', true],
    ['10.1.1.1', '2001:db8::/32', false],
    ['2001:db8::1', '0.0.0.0/0', false],
    ['not-an-ip', '10.0.0.0/8', false],
    ['10.0.0.1', 'not-a-cidr', false],
    ['010.0.0.1', '10.0.0.0/8', false],
  ] as const)('%s in %s → %s', (ip, cidr, want) => {
    expect(inBlock(ip, cidr)).toBe(want);
  });

  it('agrees with a bit-level reference for random IPv4 and prefixes', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const addr = fc.tuple(octet, octet, octet, octet);
    fc.assert(
      fc.property(addr, addr, fc.integer({ min: 0, max: 32 }), (a, b, prefix) => {
        const toInt = (o: readonly number[]): number => ((o[0] ?? 0) * 2 ** 24) + ((o[1] ?? 0) << 16) + ((o[2] ?? 0) << 8) + (o[3] ?? 0);
        const block = 2 ** (32 - prefix);
        const want = Math.floor(toInt(a) / block) === Math.floor(toInt(b) / block);
        expect(parseCidr(`${b.join('.')}/${prefix}`)).not.toBeNull();
        expect(inBlock(a.join('.'), `${b.join('.')}/${prefix}`)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), (a, b) => {
        expect(typeof inBlock(a, b)).toBe('boolean');
        const c = parseCidr(b);
        expect(c === null || typeof c.text === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
