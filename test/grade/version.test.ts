import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, normaliseTlsVersion } from '../../src/tls/version.js';

describe('normaliseTlsVersion (docs/grading.md)', () => {
  it.each([
    ['SSLv2', 'SSLv2'],
    ['SSL2', 'SSLv2'],
    ['SSL2.0', 'SSLv2'],
    ['SSLv3', 'SSLv3'],
    ['SSL3', 'SSLv3'],
    ['SSL3_0', 'SSLv3'],
    ['SSL 3.0', 'SSLv3'],
    ['TLSv1', 'TLSv1.0'],
    ['TLSv1.0', 'TLSv1.0'],
    ['TLS1', 'TLSv1.0'],
    ['TLS1.0', 'TLSv1.0'],
    ['TLS1_0', 'TLSv1.0'],
    ['TLS 1.0', 'TLSv1.0'],
    ['TLS-1.0', 'TLSv1.0'],
    ['TLSv1.1', 'TLSv1.1'],
    ['TLS1_1', 'TLSv1.1'],
    ['TLSv1.2', 'TLSv1.2'],
    ['TLS1_2', 'TLSv1.2'],
    ['TLS1.2-PKIX', 'TLSv1.2'],
    ['TLS1.2-X.509', 'TLSv1.2'],
    ['TLS1.0-PKIX', 'TLSv1.0'],
    ['TLSv1.3', 'TLSv1.3'],
    ['TLS1.3', 'TLSv1.3'],
    ['TLS1_3', 'TLSv1.3'],
    ['TLS1.3-X.509', 'TLSv1.3'],
    ['tlsv1.3', 'TLSv1.3'],
    ['  Tls1_2  ', 'TLSv1.2'],
    // CodeTwo: major and minor run together straight after the word.
    ['TLS10', 'TLSv1.0'],
    ['TLS11', 'TLSv1.1'],
    ['TLS12', 'TLSv1.2'],
    ['TLS13', 'TLSv1.3'],
    ['tls12', 'TLSv1.2'],
    ['SSL30', 'SSLv3'],
  ] as const)('%j → %s', (text, version) => {
    expect(normaliseTlsVersion(text)).toEqual({ version, ambiguous: false });
  });

  it.each(['TLSv1/SSLv3', 'tlsv1/sslv3', 'TLSv1 / SSLv3'])('%j is ambiguous (OpenSSL <= 1.0.2 cipher version string)', (text) => {
    expect(normaliseTlsVersion(text)).toEqual({ version: null, ambiguous: true });
  });

  it.each(['', 'TLS', 'TLSv1.4', 'TLSv2', 'SSLv4', 'QUIC', 'ESMTPS', '1.2', 'TLSv13', 'TLS14', 'TLS21', 'SSL31', 'foo/bar', 'TLS1.2/', 'x'.repeat(100)])(
    '%j is not a version',
    (text) => {
      expect(normaliseTlsVersion(text)).toEqual({ version: null, ambiguous: false });
    },
  );

  it('orders versions', () => {
    expect(compareVersions('SSLv3', 'TLSv1.0')).toBeLessThan(0);
    expect(compareVersions('TLSv1.3', 'TLSv1.2')).toBeGreaterThan(0);
    expect(compareVersions('TLSv1.2', 'TLSv1.2')).toBe(0);
  });

  it('never throws and is deterministic on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const a = normaliseTlsVersion(s);
        expect(normaliseTlsVersion(s)).toEqual(a);
        expect(a.version === null || !a.ambiguous).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
