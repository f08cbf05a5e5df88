/**
 * GnuTLS session descriptions (`ECDHE_SECP256R1__RSA_SHA256__AES_128_GCM`, Exim's `tls_cipher`) against the
 * catalogue's facts: every IANA candidate `parseSessionDesc` names that the catalogue holds is a suite with the key
 * exchange, cipher and MAC the description states.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSessionDesc } from '../../src/ciphers/gnutls.js';
import { catalogue } from '../../src/ciphers/table.js';
import type { BulkCipher, CipherMode, KeyExchange, MacAlgorithm } from '../../src/ciphers/types.js';
import type { TlsVersion } from '../../src/types.js';

/** GnuTLS cipher groups and the algorithm, key size and mode they name (gnutls_cipher_get_name). */
const CIPHERS: Readonly<Record<string, readonly [BulkCipher, number, CipherMode]>> = {
  AES_128_GCM: ['AES', 128, 'AEAD'],
  AES_256_GCM: ['AES', 256, 'AEAD'],
  CHACHA20_POLY1305: ['ChaCha20', 256, 'AEAD'],
  AES_128_CCM: ['AES', 128, 'AEAD'],
  AES_128_CCM_8: ['AES', 128, 'AEAD'],
  AES_256_CCM: ['AES', 256, 'AEAD'],
  AES_256_CCM_8: ['AES', 256, 'AEAD'],
  CAMELLIA_128_GCM: ['Camellia', 128, 'AEAD'],
  CAMELLIA_256_GCM: ['Camellia', 256, 'AEAD'],
  AES_128_CBC: ['AES', 128, 'CBC'],
  AES_256_CBC: ['AES', 256, 'CBC'],
  CAMELLIA_128_CBC: ['Camellia', 128, 'CBC'],
  CAMELLIA_256_CBC: ['Camellia', 256, 'CBC'],
  '3DES_CBC': ['3DES', 112, 'CBC'],
  ARCFOUR_128: ['RC4', 128, 'stream'],
  ARCFOUR_40: ['RC4', 40, 'stream'],
  NULL: ['NULL', 0, 'none'],
};

/** Key-exchange groups, with the key exchange they name and the authentication they leave to the signature. */
const KEY_EXCHANGES: readonly (readonly [string, KeyExchange])[] = [
  ['ECDHE_RSA', 'ECDHE'],
  ['ECDHE_ECDSA', 'ECDHE'],
  ['ECDHE_X25519', 'ECDHE'],
  ['ECDHE_SECP384R1', 'ECDHE'],
  ['ECDHE_PSK', 'ECDHE_PSK'],
  ['DHE_RSA', 'DHE'],
  ['DHE_RSA_2048', 'DHE'],
  ['DHE_DSS', 'DHE'],
  ['DHE_FFDHE3072', 'DHE'],
  ['DHE_PSK', 'DHE_PSK'],
  ['RSA', 'RSA'],
  ['RSA_PSK', 'RSA_PSK'],
  ['PSK', 'PSK'],
  ['ANON_DH', 'DH_anon'],
  ['ECDH_ANON', 'ECDH_anon'],
];

const SIGNATURES = [null, 'RSA_SHA256', 'RSA_PSS_RSAE_SHA256', 'ECDSA_SHA256', 'ECDSA_SECP256R1_SHA256', 'ED25519', 'DSA_SHA1'];
const MACS: Readonly<Record<string, MacAlgorithm>> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA384: 'SHA384', MD5: 'MD5' };
const HINTS: readonly (TlsVersion | null)[] = [null, 'TLSv1.3', 'TLSv1.2', 'TLSv1.0'];

describe('parseSessionDesc against the catalogue', () => {
  const { byName } = catalogue();
  const description = fc.record({
    kx: fc.constantFrom(...KEY_EXCHANGES),
    sig: fc.constantFrom(...SIGNATURES),
    cipher: fc.constantFrom(...Object.keys(CIPHERS)),
    mac: fc.constantFrom(null, ...Object.keys(MACS)),
    hint: fc.constantFrom(...HINTS),
  });

  it('names only suites with the key exchange, cipher and MAC described', () => {
    let resolved = 0;
    fc.assert(
      fc.property(description, ({ kx: [kxText, kx], sig, cipher, mac, hint }) => {
        const text = [kxText, sig, cipher, mac].filter((g) => g !== null).join('__');
        const read = parseSessionDesc(text, hint);
        expect(read, text).not.toBeNull();
        const [algorithm, bits, mode] = CIPHERS[cipher] ?? [];
        for (const name of read?.candidates ?? []) {
          const suite = byName.get(name);
          if (suite === undefined) continue;
          resolved++;
          expect([text, suite.keyExchange === 'TLS1.3' ? 'TLS1.3' : kx]).toEqual([text, suite.keyExchange]);
          expect([text, suite.cipher, suite.bits, suite.mode]).toEqual([text, algorithm, bits, mode]);
          if (mode !== 'AEAD') expect([text, suite.mac]).toEqual([text, MACS[mac ?? '']]);
          if (suite.keyExchange === 'TLS1.3') expect(hint === 'TLSv1.3' || hint === null).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(resolved).toBeGreaterThan(1000);
  });

  it.each(['', 'AES_128_GCM', 'FOO__AES_128_GCM', 'ECDHE_RSA__RSA_SHA256', 'ECDHE_RSA', '____'])('%j is not a session description: null', (text) => {
    expect(parseSessionDesc(text, null)).toBeNull();
  });

  it('reads the group and the DH prime size the key-exchange group states', () => {
    expect(parseSessionDesc('DHE_RSA_2038__AES_256_CBC__SHA1', null)).toEqual({ candidates: ['TLS_DHE_RSA_WITH_AES_256_CBC_SHA'], group: null, dhBits: 2038 });
    expect(parseSessionDesc('DHE_FFDHE3072__RSA_SHA256__AES_128_CBC__SHA256', null)).toMatchObject({ group: 'ffdhe3072', dhBits: 3072 });
    expect(parseSessionDesc('ECDHE_SECP256R1__ECDSA_SHA256__AES_128_GCM', 'TLSv1.2')?.group).toBe('secp256r1');
  });
});
