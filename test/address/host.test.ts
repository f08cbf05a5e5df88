/**
 * One normal form of host names and one list of rDNS placeholder words, used by the from-clause reader, chain
 * continuity and the summary's relay key alike. Received values are synthetic (written by us).
 */
import { describe, expect, it } from 'vitest';
import { isAddressText, isRdnsPlaceholder, normaliseHost } from '../../src/address/host.js';
import { checkContinuity } from '../../src/chain/continuity.js';
import { resolveChainOptions } from '../../src/chain/options.js';
import { readHop } from '../../src/hop/read-hop.js';
import { parseReceived } from '../../src/hop/parse-received.js';
import { relayDomain, relayOf } from '../../src/summary/relay-key.js';

const D = 'Mon, 4 Mar 2024 10:00:00 +0000';

describe('normaliseHost', () => {
  it.each([
    ['MX.Example.ORG', 'mx.example.org'],
    ['mx.example.org.', 'mx.example.org'],
    ['  mx.example.org.\t', 'mx.example.org'],
    ['.example.com', '.example.com'],
    ['', ''],
    ['.', ''],
  ])('%j → %j', (name, want) => {
    expect(normaliseHost(name)).toBe(want);
  });
});

describe('isAddressText', () => {
  it.each([
    ['[192.0.2.1]', true],
    ['192.0.2.1', true],
    ['IPv6:2001:db8::1', true],
    ['2001:db8::1', true],
    ['mx1.example.org', false],
    ['1e100.net', false],
  ])('%s → %s', (name, want) => {
    expect(isAddressText(name)).toBe(want);
  });
});

/** Every placeholder word, as MTAs write it in the rDNS slot. */
const WORDS = ['unknown', 'softdnserr', 'unverified', 'dynamic', 'may', 'not', 'verified', 'forged'];

describe('rDNS placeholders: one list for every reader', () => {
  it.each(WORDS)('%s is a placeholder in any case', (w) => {
    expect(isRdnsPlaceholder(w)).toBe(true);
    expect(isRdnsPlaceholder(w.toUpperCase())).toBe(true);
  });

  it.each(['mx.example.org', 'unknown.example.org', 'localhost'])('%s is a name', (w) => {
    expect(isRdnsPlaceholder(w)).toBe(false);
  });

  it.each(WORDS)('%s in the rDNS slot is no rDNS name', (w) => {
    const hop = parseReceived(`from helo.example.net (${w} [198.51.100.7]) by mx.example.org (Postfix) with ESMTP id 1; ${D}`);
    expect(hop.from?.ip).toBe('198.51.100.7');
    expect(hop.from?.rdns).toBeNull();
  });

  it.each(WORDS)('a client named %s is not compared along the chain (no CHAIN_DISCONTINUITY)', (w) => {
    const upper = readHop(`from ${w} ([198.51.100.7]) by mx.example.org with ESMTP id 1; ${D}`, { index: 0, byteOffset: null });
    const lower = readHop(`from a.example.net (a.example.net [192.0.2.1]) by relay.example.com with ESMTP id 2; ${D}`, { index: 1, byteOffset: null });
    expect(checkContinuity([upper, lower], resolveChainOptions({}).providers)).toEqual([]);
  });

  it('a real name there is compared, and the break reported', () => {
    const upper = readHop(`from gw.example.net ([198.51.100.7]) by mx.example.org with ESMTP id 1; ${D}`, { index: 0, byteOffset: null });
    const lower = readHop(`from a.example.net (a.example.net [192.0.2.1]) by relay.example.com with ESMTP id 2; ${D}`, { index: 1, byteOffset: null });
    expect(checkContinuity([upper, lower], resolveChainOptions({}).providers)[0]?.code).toBe('CHAIN_DISCONTINUITY');
  });

  it.each(WORDS)('a relay named %s is grouped by its address instead', (w) => {
    expect(relayDomain(w)).toBeNull();
    const hop = parseReceived(`from ${w} ([198.51.100.7]) by mx.example.org with ESMTP id 1; ${D}`);
    expect(relayOf(hop)).toEqual({ relay: '198.51.100.7', basis: 'ip' });
  });
});
