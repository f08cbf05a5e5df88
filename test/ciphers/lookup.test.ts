import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCipherSuites, lookupCipher, lookupCipherByCode, MAX_CIPHER_NAME_LENGTH } from '../../src/ciphers/lookup.js';
import { gradeTls } from '../../src/grade/grade.js';

type Row = readonly [family: string, input: string, code: string, iana: string];

// Spellings as they appear in Received headers (labelled synthetic cases; names are facts from the registries).
const RESOLVES: readonly Row[] = [
  // IANA names (Exchange/SChannel, RFC 8314 `tls` clause, mox), any case
  ['iana', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', '0xC0,0x30', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['iana', 'tls_ecdhe_rsa_with_aes_256_gcm_sha384', '0xC0,0x30', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['iana', 'TLS_DH_anon_WITH_AES_128_CBC_SHA', '0x00,0x34', 'TLS_DH_anon_WITH_AES_128_CBC_SHA'],
  ['iana', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', '0x00,0x0A', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['iana', '  TLS_RSA_WITH_RC4_128_SHA  ', '0x00,0x05', 'TLS_RSA_WITH_RC4_128_SHA'],
  // TLS 1.3
  ['tls13', 'TLS_AES_128_GCM_SHA256', '0x13,0x01', 'TLS_AES_128_GCM_SHA256'],
  ['tls13', 'TLS_AES_256_GCM_SHA384', '0x13,0x02', 'TLS_AES_256_GCM_SHA384'],
  ['tls13', 'TLS_CHACHA20_POLY1305_SHA256', '0x13,0x03', 'TLS_CHACHA20_POLY1305_SHA256'],
  ['tls13', 'TLS_AES_128_CCM_8_SHA256', '0x13,0x05', 'TLS_AES_128_CCM_8_SHA256'],
  // Stalwart
  ['stalwart', 'TLS13_AES_256_GCM_SHA384', '0x13,0x02', 'TLS_AES_256_GCM_SHA384'],
  ['stalwart', 'TLS13_CHACHA20_POLY1305_SHA256', '0x13,0x03', 'TLS_CHACHA20_POLY1305_SHA256'],
  // OpenSSL / BoringSSL / LibreSSL
  ['openssl', 'ECDHE-RSA-AES256-GCM-SHA384', '0xC0,0x30', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['openssl', 'ecdhe-ecdsa-chacha20-poly1305', '0xCC,0xA9', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  ['openssl', 'RC4-SHA', '0x00,0x05', 'TLS_RSA_WITH_RC4_128_SHA'],
  ['openssl', 'RC4-MD5', '0x00,0x04', 'TLS_RSA_WITH_RC4_128_MD5'],
  ['openssl', 'DES-CBC3-SHA', '0x00,0x0A', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['openssl', 'AES256-GCM-SHA384', '0x00,0x9D', 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
  ['openssl', 'AES128-SHA', '0x00,0x2F', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  ['openssl', 'DHE-RSA-AES256-SHA', '0x00,0x39', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA'],
  ['openssl', 'ADH-AES256-GCM-SHA384', '0x00,0xA7', 'TLS_DH_anon_WITH_AES_256_GCM_SHA384'],
  ['openssl', 'AECDH-AES128-SHA', '0xC0,0x18', 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA'],
  ['openssl', 'ECDH-RSA-AES128-SHA', '0xC0,0x0E', 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA'],
  ['openssl', 'EXP-RC4-MD5', '0x00,0x03', 'TLS_RSA_EXPORT_WITH_RC4_40_MD5'],
  ['openssl', 'NULL-SHA256', '0x00,0x3B', 'TLS_RSA_WITH_NULL_SHA256'],
  ['openssl', 'ECDHE-ARIA128-GCM-SHA256', '0xC0,0x60', 'TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256'],
  ['openssl', 'AES128-CCM8', '0xC0,0xA0', 'TLS_RSA_WITH_AES_128_CCM_8'],
  ['openssl', 'PSK-AES128-CBC-SHA', '0x00,0x8C', 'TLS_PSK_WITH_AES_128_CBC_SHA'],
  ['openssl', 'SRP-RSA-AES-256-CBC-SHA', '0xC0,0x21', 'TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA'],
  // OpenSSL renames: EDH-* (< 1.1.0) and DHE-* (>= 1.1.0)
  ['openssl-rename', 'EDH-DSS-DES-CBC3-SHA', '0x00,0x13', 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA'],
  ['openssl-rename', 'DHE-DSS-DES-CBC3-SHA', '0x00,0x13', 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA'],
  ['openssl-rename', 'EDH-RSA-DES-CBC3-SHA', '0x00,0x16', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['openssl-rename', 'DHE-RSA-DES-CBC3-SHA', '0x00,0x16', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['openssl-rename', 'EDH-RSA-DES-CBC-SHA', '0x00,0x15', 'TLS_DHE_RSA_WITH_DES_CBC_SHA'],
  ['openssl-rename', 'EXP-EDH-RSA-DES-CBC-SHA', '0x00,0x14', 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA'],
  ['openssl-rename', 'EXP-DHE-RSA-DES-CBC-SHA', '0x00,0x14', 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA'],
  // Pre-RFC 7905 ChaCha20 (draft code points 0xCC,0x13-15) vs RFC names
  ['chacha-old', 'ECDHE-RSA-CHACHA20-POLY1305-OLD', '0xCC,0x13', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD'],
  ['chacha-old', 'ECDHE-ECDSA-CHACHA20-POLY1305-OLD', '0xCC,0x14', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD'],
  ['chacha-old', 'DHE-RSA-CHACHA20-POLY1305-OLD', '0xCC,0x15', 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD'],
  ['chacha', 'ECDHE-RSA-CHACHA20-POLY1305', '0xCC,0xA8', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  // Legacy SChannel / JSSE `SSL_` prefix
  ['ssl-prefix', 'SSL_RSA_WITH_RC4_128_MD5', '0x00,0x04', 'TLS_RSA_WITH_RC4_128_MD5'],
  ['ssl-prefix', 'SSL_RSA_WITH_3DES_EDE_CBC_SHA', '0x00,0x0A', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['ssl-prefix', 'SSL_DHE_RSA_WITH_3DES_EDE_CBC_SHA', '0x00,0x16', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['sslv2', 'SSL_CK_RC4_128_WITH_MD5', '0x01,0x00,0x80', 'SSL_CK_RC4_128_WITH_MD5'],
  // Legacy GnuTLS (gnutls_cipher_suite_get_name): no WITH, ARCFOUR, SHA1
  ['gnutls', 'ECDHE_RSA_AES_256_GCM_SHA384', '0xC0,0x30', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['gnutls', 'TLS_ECDHE_RSA_AES_256_GCM_SHA384', '0xC0,0x30', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['gnutls', 'RSA_ARCFOUR_128_MD5', '0x00,0x04', 'TLS_RSA_WITH_RC4_128_MD5'],
  ['gnutls', 'RSA_ARCFOUR_128_SHA1', '0x00,0x05', 'TLS_RSA_WITH_RC4_128_SHA'],
  ['gnutls', 'DHE_RSA_AES_256_CBC_SHA1', '0x00,0x39', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA'],
  ['gnutls', 'DHE_RSA_AES_256_CBC_SHA256', '0x00,0x6B', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256'],
  ['gnutls', 'DHE_RSA_CHACHA20_POLY1305', '0xCC,0xAA', 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  ['gnutls', 'RSA_3DES_EDE_CBC_SHA1', '0x00,0x0A', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['gnutls', 'ECDHE_ECDSA_AES_128_CCM_8', '0xC0,0xAE', 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'],
  ['gnutls', 'DH_ANON_AES_128_CBC_SHA1', '0x00,0x34', 'TLS_DH_anon_WITH_AES_128_CBC_SHA'],
  // GnuTLS rewrite fallback for a suite the fixture does not list (static DH): insert WITH, SHA1 → SHA
  ['gnutls-rewrite', 'DH_RSA_AES_128_CBC_SHA1', '0x00,0x31', 'TLS_DH_RSA_WITH_AES_128_CBC_SHA'],
];

describe('lookupCipher resolves every spelling family', () => {
  it.each(RESOLVES)('%s: %s', (_family, input, code, iana) => {
    const s = lookupCipher(input);
    expect(s).not.toBeNull();
    expect(s?.code).toBe(code);
    expect(s?.iana).toBe(iana);
    expect(s?.partial).toBe(false);
  });
});

describe('SChannel curve suffixes keep the group', () => {
  it.each([
    ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384', '0xC0,0x28', 'secp384r1'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256_P256', '0xC0,0x27', 'secp256r1'],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384_P521', '0xC0,0x2C', 'secp521r1'],
    ['tls_ecdhe_rsa_with_aes_256_cbc_sha_p256', '0xC0,0x14', 'secp256r1'],
  ] as const)('%s', (input, code, group) => {
    const s = lookupCipher(input);
    expect(s?.code).toBe(code);
    expect(s?.group).toBe(group);
    expect(s?.partial).toBe(false);
    // The catalogue object itself is not mutated by a per-lookup group.
    expect(lookupCipherByCode(code)?.group).toBeNull();
  });
});

describe('GnuTLS session-description form (Exim)', () => {
  it.each([
    // [input, versionHint, code, group, dhBits]
    ['ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM', undefined, '0x13,0x02', 'x25519', null],
    ['ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM', 'TLSv1.3', '0x13,0x02', 'x25519', null],
    ['ECDHE_SECP256R1__ECDSA_SECP256R1_SHA256__AES_128_GCM', undefined, '0x13,0x01', 'secp256r1', null],
    ['ECDHE_X25519__RSA_PSS_RSAE_SHA256__CHACHA20_POLY1305', 'TLSv1.3', '0x13,0x03', 'x25519', null],
    ['ECDHE_SECP256R1__RSA_SHA512__AES_256_CBC__SHA384', undefined, '0xC0,0x28', 'secp256r1', null],
    ['ECDHE_SECP384R1__RSA_SHA256__AES_256_GCM', 'TLSv1.2', '0xC0,0x30', 'secp384r1', null],
    ['ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM', 'TLSv1.2', '0xC0,0x30', 'x25519', null],
    ['ECDHE_SECP256R1__ECDSA_SHA256__AES_128_GCM', undefined, '0xC0,0x2B', 'secp256r1', null],
    ['DHE_RSA_2038__AES_256_CBC__SHA1', undefined, '0x00,0x39', null, 2038],
    ['DHE_RSA_1024__3DES_CBC__SHA1', undefined, '0x00,0x16', null, 1024],
    ['RSA__AES_128_CBC__SHA1', undefined, '0x00,0x2F', null, null],
    ['RSA__ARCFOUR_128__MD5', undefined, '0x00,0x04', null, null],
    ['DHE_FFDHE3072__RSA_PSS_RSAE_SHA256__AES_256_GCM', 'TLSv1.3', '0x13,0x02', 'ffdhe3072', 3072],
  ] as const)('%s (hint %s)', (input, hint, code, group, dhBits) => {
    const s = lookupCipher(input, hint);
    expect(s?.code).toBe(code);
    expect(s?.group).toBe(group);
    expect(s?.dhBits).toBe(dhBits);
    expect(s?.partial).toBe(false);
  });
});

describe('properties of resolved suites', () => {
  it.each([
    ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE', 'RSA', true, 'AES', 'AEAD', 256, 'AEAD', 'TLSv1.2', false, 'Y'],
    ['DES-CBC3-SHA', 'RSA', 'RSA', false, '3DES', 'CBC', 112, 'SHA1', 'SSLv3', false, 'N'],
    ['EXP-RC4-MD5', 'RSA', 'RSA', false, 'RC4', 'stream', 40, 'MD5', 'SSLv3', true, 'N'],
    ['TLS_AES_128_GCM_SHA256', 'TLS1.3', 'TLS1.3', true, 'AES', 'AEAD', 128, 'AEAD', 'TLSv1.3', false, 'Y'],
    ['ADH-DES-CBC3-SHA', 'DH_anon', 'anon', true, '3DES', 'CBC', 112, 'SHA1', 'SSLv3', false, 'N'],
    ['ECDH-ECDSA-AES128-SHA', 'ECDH', 'ECDH', false, 'AES', 'CBC', 128, 'SHA1', 'SSLv3', false, 'N'],
    ['ECDHE-PSK-NULL-SHA', 'ECDHE_PSK', 'PSK', true, 'NULL', 'none', 0, 'SHA1', 'SSLv3', false, 'D'],
    ['TLS_NULL_WITH_NULL_NULL', 'NULL', 'NULL', false, 'NULL', 'none', 0, 'NULL', 'SSLv3', false, 'N'],
    ['DHE-RSA-CHACHA20-POLY1305', 'DHE', 'RSA', true, 'ChaCha20', 'AEAD', 256, 'AEAD', 'TLSv1.2', false, 'Y'],
    ['PSK-AES128-CBC-SHA256', 'PSK', 'PSK', false, 'AES', 'CBC', 128, 'SHA256', 'TLSv1.0', false, 'N'],
  ] as const)('%s', (name, kx, au, fs, cipher, mode, bits, mac, minVersion, exp, rec) => {
    const s = lookupCipher(name);
    expect(s).toMatchObject({ keyExchange: kx, authentication: au, forwardSecrecy: fs, cipher, mode, bits, mac, minVersion, export: exp, recommended: rec });
  });

  it('lists OpenSSL names current-first with historical aliases, and GnuTLS names', () => {
    expect(lookupCipher('TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA')?.openssl).toEqual(['EDH-DSS-DES-CBC3-SHA', 'DHE-DSS-DES-CBC3-SHA']);
    expect(lookupCipher('RC4-SHA')?.gnutls).toBe('TLS_RSA_ARCFOUR_128_SHA1');
    expect(lookupCipher('TLS_ECCPWD_WITH_AES_128_GCM_SHA256')?.openssl).toEqual([]);
    expect(lookupCipher('TLS_AES_128_CCM_8_SHA256')?.truncatedTag).toBe(true);
    expect(lookupCipher('IDEA-CBC-SHA')?.blockBits).toBe(64);
  });

  it('returns frozen objects, the same object for the same plain name', () => {
    const a = lookupCipher('RC4-SHA');
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.openssl)).toBe(true);
    expect(lookupCipher('rc4-sha')).toBe(a);
    expect(lookupCipher('TLS_RSA_WITH_RC4_128_SHA')).toBe(a);
  });

  it('has unique code points and unique IANA names', () => {
    const all = allCipherSuites();
    expect(new Set(all.map((s) => s.code)).size).toBe(all.length);
    expect(new Set(all.map((s) => s.iana)).size).toBe(all.length);
  });
});

describe('unknown names', () => {
  it.each([
    // [input, keyExchange, cipher, mode, bits, minVersion]
    ['ECDHE-RSA-AES512-GCM-SHA384', 'ECDHE', 'AES', 'AEAD', 512, 'TLSv1.2'],
    ['TLS_ECDHE_RSA_WITH_AES_999_GCM_SHA384', 'ECDHE', 'AES', 'AEAD', 999, 'TLSv1.2'],
    ['FOO-RC4-BAR', 'unknown', 'RC4', 'stream', 128, null],
    ['EXP-SOMETHING-DES-CBC', 'unknown', 'DES', 'CBC', 40, null],
    ['EECDH+AESGCM', 'ECDHE', 'AES', 'AEAD', null, 'TLSv1.2'],
    ['VENDOR_3DES_SHA', 'unknown', '3DES', 'CBC', 112, null],
    ['X-NULL-SHA', 'unknown', 'NULL', 'none', 0, null],
  ] as const)('%s is read from its parts (partial)', (input, kx, cipher, mode, bits, minVersion) => {
    const s = lookupCipher(input);
    expect(s?.partial).toBe(true);
    expect(s?.iana).toBeNull();
    expect(s?.code).toBeNull();
    expect(s).toMatchObject({ keyExchange: kx, cipher, mode, bits, minVersion });
  });

  it.each(['', '   ', 'foo', 'hello world', '::::', '0xC0,0x30', 'TLS', 'TLS_FALLBACK_SCSV', 'x'.repeat(MAX_CIPHER_NAME_LENGTH + 1)])(
    '%j resolves to null',
    (input) => {
      expect(lookupCipher(input)).toBeNull();
    },
  );

  it('never throws on non-string input from untyped callers', () => {
    expect(lookupCipher(undefined as unknown as string)).toBeNull();
    expect(lookupCipher(42 as unknown as string)).toBeNull();
    expect(lookupCipherByCode(null as unknown as string)).toBeNull();
  });

  it('looks up by code point, any hex case', () => {
    expect(lookupCipherByCode('0xc0,0x30')?.iana).toBe('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
    expect(lookupCipherByCode('0x00,0x1C')).toBeNull();
  });
});

describe('properties (fast-check)', () => {
  const alphabet = fc.constantFrom(...'ABCDEHKLMNOPRSTWXY0123456789_-/ .:'.split(''), 'AES', 'GCM', 'SHA', 'RC4', 'ECDHE', 'DHE', '__', 'TLS_', 'WITH');
  const nameLike = fc.array(alphabet, { maxLength: 24 }).map((parts) => parts.join(''));

  it('never throws, results are JSON-serialisable and deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), nameLike, fc.string({ unit: 'binary', maxLength: 64 })), (input) => {
        const a = lookupCipher(input);
        const b = lookupCipher(input);
        const json = JSON.stringify(a);
        expect(JSON.parse(json)).toEqual(a);
        expect(JSON.stringify(b)).toBe(json);
        if (a !== null) expect(a.partial).toBe(a.code === null);
      }),
      { numRuns: 3000 },
    );
  });

  it('every catalogue spelling resolves back to its own suite', () => {
    for (const s of allCipherSuites()) {
      const names = [s.iana, ...s.openssl, ...(s.gnutls === null ? [] : [s.gnutls])].filter((n): n is string => n !== null);
      for (const n of names) {
        const hit = lookupCipher(n);
        // OpenSSL names shared by an SSLv2 kind and a TLS suite resolve to the TLS suite.
        if (s.minVersion === 'SSLv2' && n !== s.iana) continue;
        expect(hit?.code, n).toBe(s.code);
      }
    }
  });
});

describe('aliases no naming rule derives', () => {
  it.each([
    ['AEAD-AES128-GCM-SHA256', 'TLS_AES_128_GCM_SHA256'],
    ['aead-aes256-gcm-sha384', 'TLS_AES_256_GCM_SHA384'],
    ['AEAD-CHACHA20-POLY1305-SHA256', 'TLS_CHACHA20_POLY1305_SHA256'],
    ['RSA_ARCFOUR_MD5', 'TLS_RSA_WITH_RC4_128_MD5'],
    ['RSA_ARCFOUR_SHA1', 'TLS_RSA_WITH_RC4_128_SHA'],
  ])('%s → %s', (name, iana) => {
    expect(lookupCipher(name)?.iana).toBe(iana);
  });

  it('a BoringSSL TLS 1.3 name under TLS 1.3 is consistent and grades A', () => {
    const g = gradeTls({ version: 'TLSv1.3', cipher: 'AEAD-AES256-GCM-SHA384' });
    expect(g.grade).toBe('A');
    expect(g.cipherIana).toBe('TLS_AES_256_GCM_SHA384');
    expect(g.issues.map((i) => i.code)).not.toContain('TLS_INCONSISTENT');
  });
});
