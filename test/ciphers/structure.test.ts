/**
 * The word-by-word reading of cipher names (`describeStructurally`, the last resort of `lookupCipher`) against the
 * catalogue's own facts: read over every spelling of every catalogue suite, each property the words state is the
 * catalogue's. The catalogue is derived from IANA names by another reader (src/ciphers/derive.ts), so the two check
 * each other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/tls/version.js';
import { describeStructurally } from '../../src/ciphers/structure.js';
import { catalogue } from '../../src/ciphers/table.js';
import type { CipherSuite, SuiteProperties } from '../../src/ciphers/types.js';

const spellings = (s: CipherSuite): string[] => [...new Set([s.iana ?? '', ...s.openssl].filter((n) => n !== ''))];
const suites = catalogue().suites;

/**
 * Ciphers the word table knows; suites of other ciphers (GOST, SM4, AEGIS…) may read as nothing, and so may the
 * integrity-only TLS 1.3 suites (RFC 9150, `TLS_SHA256_SHA256`), whose names state neither a key exchange nor a cipher.
 */
const WORD_CIPHERS = new Set(['AES', 'Camellia', 'ARIA', 'SEED', 'ChaCha20', '3DES', 'DES', 'RC4', 'RC2', 'IDEA', 'NULL']);
const wordsName = (s: CipherSuite): boolean => WORD_CIPHERS.has(s.cipher) && !(s.cipher === 'NULL' && s.keyExchange === 'TLS1.3');

/**
 * Where the words say less than the catalogue, by design. Static DH/ECDH suites authenticate with the certificate's
 * DH key (`authentication: 'DH'`), while their names' `RSA`/`DSS`/`ECDSA` name the CA's signature. RFC 6655's two
 * `TLS_PSK_DHE_*` names are the one spelling with PSK before DHE, which the word reader reads as plain PSK.
 */
function agreed(s: CipherSuite): (keyof SuiteProperties)[] {
  const fields: (keyof SuiteProperties)[] = ['cipher', 'mode', 'bits', 'blockBits', 'truncatedTag', 'mac', 'export'];
  if (!(s.iana ?? '').startsWith('TLS_PSK_DHE_')) fields.push('keyExchange', 'forwardSecrecy');
  if (s.keyExchange !== 'DH' && s.keyExchange !== 'ECDH') fields.push('authentication');
  return fields;
}

describe('describeStructurally over every catalogue spelling', () => {
  const rows = suites.flatMap((s) => spellings(s).map((name) => [name, s] as const));

  it('reads every spelling of a suite whose cipher the word table knows', () => {
    expect(rows.length).toBeGreaterThan(500);
    const unread = rows.filter(([name, s]) => wordsName(s) && describeStructurally(name.toUpperCase()) === null);
    expect(unread.map(([name]) => name)).toEqual([]);
  });

  it.each(rows)('%s: what the words state is what the catalogue says', (name, s) => {
    const read = describeStructurally(name.toUpperCase());
    if (read === null) return;
    for (const field of agreed(s)) {
      const value: unknown = read[field];
      if (value !== 'unknown' && value !== null) expect([field, value]).toEqual([field, s[field]]);
    }
    // The words give a floor (AEAD or SHA-2 needs TLS 1.2), never a version later than the suite's.
    if (read.minVersion !== null && s.minVersion !== null) expect(compareVersions(read.minVersion, s.minVersion)).toBeLessThanOrEqual(0);
  });
});

describe('the word table', () => {
  it.each([
    // [name, what the words state]
    ['ECDHE-RSA-AES512-GCM-SHA384', { keyExchange: 'ECDHE', authentication: 'RSA', cipher: 'AES', bits: 512, mode: 'AEAD', mac: 'AEAD' }],
    ['EECDH+AESGCM', { keyExchange: 'ECDHE', cipher: 'AES', bits: null, mode: 'AEAD', minVersion: 'TLSv1.2' }],
    ['AESGCM 256', { cipher: 'AES', bits: null }],
    ['AES 256 CBC SHA', { cipher: 'AES', bits: 256, mode: 'CBC', mac: 'SHA1' }],
    ['DES-CBC3-SHA', { keyExchange: 'unknown', cipher: '3DES', bits: 112, blockBits: 64, mode: 'CBC' }],
    ['DES-CBC-SHA', { cipher: 'DES', bits: 56, mode: 'CBC' }],
    ['RSA-AES-128-CCM-8', { keyExchange: 'RSA', mode: 'AEAD', truncatedTag: true }],
    ['RSA-AES128-CBC-8', { mode: 'CBC', truncatedTag: false }],
    ['AES-GCM-CBC', { mode: 'AEAD' }],
    ['RC4 40', { cipher: 'RC4', bits: 40, mode: 'stream' }],
    ['RC4 999', { cipher: 'RC4', bits: 128 }],
    ['EXP1024-DES-CBC-SHA', { export: true, cipher: 'DES', bits: 56 }],
    ['EXP-RC4-MD5', { export: true, cipher: 'RC4', bits: 40, mac: 'MD5' }],
    ['ADH-AES128-SHA', { keyExchange: 'DH_anon', authentication: 'anon', forwardSecrecy: true }],
    ['ECDHE-ANON-AES128-SHA', { keyExchange: 'ECDH_anon', authentication: 'anon' }],
    ['DHE-PSK-AES128-CBC-SHA256', { keyExchange: 'DHE_PSK', authentication: 'PSK', minVersion: null }],
    ['RSA-PSK-AES128-SHA', { keyExchange: 'RSA_PSK', authentication: 'RSA' }],
    ['TLS_SRP_SHA_WITH_AES_128_CBC_SHA', { keyExchange: 'SRP', mac: 'SHA1' }],
    ['ECDHE-RSA-NULL-SHA', { cipher: 'NULL', bits: 0, mode: 'none' }],
    ['CHACHA20-POLY1305', { cipher: 'ChaCha20', bits: 256, mode: 'AEAD', keyExchange: 'unknown' }],
  ] as const)('%s', (name, expected) => {
    expect(describeStructurally(name.toUpperCase())).toMatchObject(expected);
  });

  it.each(['', 'SHA256', 'GCM-SHA384', 'ANON', 'TLS WITH', 'X25519 P256', 'CBC 8'])('%j names no key exchange and no cipher: null', (name) => {
    expect(describeStructurally(name)).toBeNull();
  });

  it('any sequence of words: never throws, deterministic, honest defaults', () => {
    const words = ['ECDHE', 'DHE', 'RSA', 'PSK', 'ANON', 'AES', 'AES256', 'AESGCM', 'CBC3', 'DES', 'RC4', 'NULL', 'GCM', 'CCM', '8', 'CBC', 'SHA', 'SHA256', 'MD5', 'EXP', 'TLS', 'WITH', '128', '40', 'FOO'];
    const name = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom('-', '_', ' ', '+')), { maxLength: 8 }).map((ws) => ws.map(([w, sep]) => w + sep).join(''));
    fc.assert(
      fc.property(name, (n) => {
        const read = describeStructurally(n);
        expect(describeStructurally(n)).toEqual(read);
        if (read === null) return;
        expect(read.keyExchange !== 'unknown' || read.cipher !== 'unknown').toBe(true);
        if (read.mode === 'AEAD') expect(read.mac).toBe('AEAD');
        if (read.cipher === 'NULL') expect(read.mode).toBe('none');
      }),
      { numRuns: 2000 },
    );
  });
});
