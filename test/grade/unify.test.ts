/**
 * One version reader and one "version implied by the suite" for the hop reader (src/tls/normalise.ts) and `gradeTls`
 * (src/grade/grade.ts): every spelling a Received header can carry reads the same in both, and so does every suite
 * that implies a version (docs/grading.md rule 3). Received values below are synthetic (written by us).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeResolved, gradeTls } from '../../src/grade/grade.js';
import { lookupCipher } from '../../src/ciphers/lookup.js';
import { parseReceived } from '../../src/hop/parse-received.js';
import { normaliseTls } from '../../src/tls/normalise.js';
import { impliedVersion, normaliseTlsVersion } from '../../src/tls/version.js';
import type { TlsVersion } from '../../src/types.js';

const D = 'Mon, 4 Mar 2024 10:00:00 +0000';

/** [version as written, what both readers must make of it]. */
const SPELLINGS: readonly (readonly [string, TlsVersion | null])[] = [
  ['TLSv1', 'TLSv1.0'],
  ['TLS1', 'TLSv1.0'],
  ['TLS1_2', 'TLSv1.2'],
  ['TLS1.3', 'TLSv1.3'],
  ['TLS-1.0', 'TLSv1.0'],
  ['TLS1.2-PKIX', 'TLSv1.2'],
  ['TLS10', 'TLSv1.0'],
  ['TLS11', 'TLSv1.1'],
  ['TLS12', 'TLSv1.2'],
  ['TLS13', 'TLSv1.3'],
  ['SSLv3', 'SSLv3'],
  ['SSL3_0', 'SSLv3'],
  ['TLSv1/SSLv3', null],
  ['TLS', null],
];

describe('one version normaliser', () => {
  it.each(SPELLINGS)('%s reads as %s in the hop reader and in gradeTls', (text, want) => {
    expect(normaliseTls(text, null).version).toBe(want);
    expect(normaliseTlsVersion(text).version).toBe(want);
    // A suite that runs on every version, so the grader keeps the stated one.
    const g = gradeTls({ version: text, cipher: 'ECDHE-RSA-AES256-SHA' });
    expect(g.version).toBe(want);
    if (want !== null) expect(g.issues.map((i) => i.code)).not.toContain('TLS_UNKNOWN_VERSION');
  });

  it('gradeTls({ version: "TLS12", cipher: ECDHE-RSA-AES256-GCM-SHA384 }) is A with no version issue', () => {
    const g = gradeTls({ version: 'TLS12', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' });
    expect(g.grade).toBe('A');
    expect(g.version).toBe('TLSv1.2');
    expect(g.issues).toEqual([]);
  });

  it('a hop and gradeTls agree on the version of every sendmail-style spelling', () => {
    for (const [text] of SPELLINGS) {
      const hop = parseReceived(`from a (a.example.net [192.0.2.1]) by b.example.org (8.18.1/8.18.1) with ESMTPS id 1 (version=${text} cipher=ECDHE-RSA-AES128-SHA bits=128); ${D}`);
      const g = gradeTls({ version: text, cipher: 'ECDHE-RSA-AES128-SHA', bits: 128 });
      expect(hop.tls?.version ?? null, text).toBe(g.version);
      expect(hop.security.grade, text).toBe(g.grade);
    }
  });
});

/** [cipher as written, implied version, inferred by the hop reader]. */
const SUITES: readonly (readonly [string, TlsVersion | null])[] = [
  ['SSL_CK_RC4_128_WITH_MD5', 'SSLv2'],
  ['SSL_CK_DES_192_EDE3_CBC_WITH_MD5', 'SSLv2'],
  ['TLS_AES_256_GCM_SHA384', 'TLSv1.3'],
  ['TLS13_AES_128_GCM_SHA256', 'TLSv1.3'],
  ['ECDHE-RSA-AES256-GCM-SHA384', 'TLSv1.2'],
  ['AES128-SHA256', 'TLSv1.2'],
  ['ECDHE-RSA-AES256-SHA384', 'TLSv1.2'],
  ['ECDHE-RSA-CHACHA20-POLY1305', 'TLSv1.2'],
  ['AES128-SHA', null],
  ['DES-CBC3-SHA', null],
  ['RC4-MD5', null],
  ['PSK-AES128-CBC-SHA256', null],
];

describe('one impliedVersion(suite)', () => {
  it.each(SUITES)('%s implies %s in the hop reader and in gradeTls', (cipher, want) => {
    expect(impliedVersion(lookupCipher(cipher))).toBe(want);
    const n = normaliseTls(null, cipher);
    expect(n.version).toBe(want);
    expect(n.versionInferred).toBe(want !== null);
    const g = gradeTls({ cipher });
    expect(g.version).toBe(want);
    expect(g.versionInferred).toBe(want !== null);
  });

  it('an SSLv2 suite with no version: the hop says SSLv2, and so does its grade', () => {
    const hop = parseReceived(`from a (a.example.net [192.0.2.1]) by b.example.org (8.9.3/8.9.3) with ESMTP id 1 (cipher=SSL_CK_RC4_128_WITH_MD5 bits=128); ${D}`);
    expect(hop.tls?.version).toBe('SSLv2');
    expect(hop.tls?.versionInferred).toBe(true);
    expect(hop.security.grade).toBe('F');
    expect(hop.security.reasons.map((r) => r.rule)).toContain('P-SSL2');
  });
});

describe('docs/grading.md rule 3 on whole hops', () => {
  it.each([
    ['sendmail TLSv1/SSLv3 + AES128-SHA', `from a (a.example.net [192.0.2.1]) by b.example.org (8.14.4/8.14.4) with ESMTP id 1 (version=TLSv1/SSLv3 cipher=AES128-SHA bits=128 verify=NOT); ${D}`, 'C', true],
    ['qmail cipher only, DHE-RSA-AES256-SHA', `from a (HELO a.example.net) (192.0.2.1) by b.example.org with (DHE-RSA-AES256-SHA encrypted) SMTP; 4 Mar 2024 10:00:00 -0000`, 'C', true],
    ['sendmail TLSv1/SSLv3 + DHE-RSA-AES256-GCM-SHA384 infers TLS 1.2', `from a (a.example.net [192.0.2.1]) by b.example.org (8.14.9/8.14.9) with ESMTP id 1 (version=TLSv1/SSLv3 cipher=DHE-RSA-AES256-GCM-SHA384 bits=256 verify=OK); ${D}`, 'B', false],
  ] as const)('%s → %s', (_name, raw, grade, unstated) => {
    const hop = parseReceived(raw);
    expect(hop.security.grade).toBe(grade);
    const rules = hop.security.reasons.map((r) => r.rule);
    expect(rules.includes('P-UNSTATED')).toBe(unstated);
    if (unstated) expect(hop.security.reasons.find((r) => r.rule === 'P-UNSTATED')?.message).toContain('better than TLS 1.0');
  });
});

describe('the grader handed what the hop reader resolved', () => {
  const VERSIONS = ['TLSv1', 'TLS1_2', 'TLS12', 'TLSv1.3', 'SSLv3', 'SSLv2', 'TLSv1/SSLv3', 'TLS', 'TLS9', 'bogus', ' ', ''];
  const CIPHERS = ['ECDHE-RSA-AES256-GCM-SHA384', 'RC4-MD5', 'SSL_CK_RC4_128_WITH_MD5', 'TLS_AES_128_GCM_SHA256', 'ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM', 'AES128-SHA', 'NULL-SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA_P256', 'NOT-A-SUITE', '  '];
  it('gradeResolved on normaliseTls gives what gradeTls gives on the same text', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(fc.constantFrom(...VERSIONS), fc.string({ maxLength: 12 })), { nil: null }),
        fc.option(fc.oneof(fc.constantFrom(...CIPHERS), fc.string({ maxLength: 20 })), { nil: null }),
        fc.option(fc.integer({ min: -1, max: 300 }), { nil: null }),
        (version, cipher, bits) => {
          const n = normaliseTls(version, cipher);
          const resolved = gradeResolved({ versionText: version, norm: n.stated, cipherText: cipher, suite: n.suite, bits });
          expect(resolved).toEqual(gradeTls({ version, cipher, bits }));
          expect(resolved.version).toBe(n.version);
          expect(resolved.versionInferred).toBe(n.versionInferred);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
