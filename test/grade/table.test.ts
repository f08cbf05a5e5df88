import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeTls, type TlsFacts } from '../../src/grade/grade.js';
import { RULE_IDS } from '../../src/grade/policy.js';
import type { Grade } from '../../src/types.js';

/**
 * [label, version, cipher, bits, grade, rules that must be among the reasons, expectations on the result].
 * Labelled synthetic rows in the shapes real MTAs write (docs/grading.md).
 */
type Row = readonly [
  label: string,
  version: string | null,
  cipher: string | null,
  bits: number | null,
  grade: Grade,
  rules: readonly string[],
  expect?: { version?: string | null; inferred?: boolean; iana?: string | null; issues?: readonly string[]; noRules?: readonly string[] },
];

const ROWS: readonly Row[] = [
  // --- docs/grading.md examples -------------------------------------------------------------
  ['gmail tls1.3', 'TLS1_3', 'TLS_AES_128_GCM_SHA256', 128, 'A', ['OK-MODERN'], { version: 'TLSv1.3', iana: 'TLS_AES_128_GCM_SHA256' }],
  ['exim+gnutls legacy', 'TLS1.2', 'ECDHE_RSA_AES_256_GCM_SHA384', 256, 'A', ['OK-MODERN'], { iana: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' }],
  ['exim+gnutls session-desc', 'TLS1.3', 'ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM', 256, 'A', ['OK-MODERN'], { version: 'TLSv1.3', iana: 'TLS_AES_256_GCM_SHA384' }],
  ['sendmail 8.14 TLSv1/SSLv3 DHE-GCM', 'TLSv1/SSLv3', 'DHE-RSA-AES256-GCM-SHA384', 256, 'B', ['K-DHE'], { version: 'TLSv1.2', inferred: true, iana: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384' }],
  ['exchange schannel _P384', 'TLS1_2', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384', null, 'B', ['E-CBC'], { iana: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', noRules: ['K-RSA'] }],
  ['qmail-tls no version', null, 'AES256-GCM-SHA384', null, 'B', ['K-RSA'], { version: 'TLSv1.2', inferred: true, iana: 'TLS_RSA_WITH_AES_256_GCM_SHA384' }],
  ['exim+gnutls DHE 2038', 'TLS1.0', 'DHE_RSA_2038__AES_256_CBC__SHA1', 256, 'C', ['P-TLS10', 'K-DHE', 'E-CBC', 'K-DH-2048'], { iana: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA' }],
  ['exim+openssl TLSv1', 'TLSv1', 'DHE-RSA-AES256-SHA', 256, 'C', ['P-TLS10', 'K-DHE', 'E-CBC'], { version: 'TLSv1.0', iana: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA' }],
  ['EDH-DSS 3DES', 'TLSv1/SSLv3', 'EDH-DSS-DES-CBC3-SHA', null, 'C', ['E-3DES', 'P-UNKNOWN'], { version: null, iana: 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA' }],
  ['gmail 2010 RC4-MD5', 'TLSv1/SSLv3', 'RC4-MD5', null, 'F', ['E-RC4', 'M-MD5', 'P-UNKNOWN'], { version: null, inferred: false, iana: 'TLS_RSA_WITH_RC4_128_MD5' }],
  ['RC4-SHA alone', null, 'RC4-SHA', null, 'F', ['E-RC4'], { iana: 'TLS_RSA_WITH_RC4_128_SHA' }],
  ['the seed line: TLSv1 RC4-SHA 128/128', 'TLSv1', 'RC4-SHA', 128, 'F', ['E-RC4', 'P-TLS10'], { version: 'TLSv1.0' }],
  // --- protocol rules ------------------------------------------------------------------------------------------
  ['SSLv2 kind', 'SSLv2', 'SSL_CK_RC4_128_WITH_MD5', 128, 'F', ['P-SSL2', 'E-RC4'], { version: 'SSLv2' }],
  ['SSLv2 kind inferred', null, 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5', null, 'F', ['P-SSL2', 'E-3DES'], { version: 'SSLv2', inferred: true }],
  ['SSLv3 3DES', 'SSLv3', 'DES-CBC3-SHA', 112, 'F', ['P-SSL3', 'E-3DES', 'K-RSA'], { version: 'SSLv3' }],
  ['SSL3_0 AES', 'SSL3_0', 'AES128-SHA', 128, 'F', ['P-SSL3'], { version: 'SSLv3' }],
  ['TLS1.1 ECDHE CBC', 'TLSv1.1', 'ECDHE-RSA-AES128-SHA', 128, 'C', ['P-TLS11', 'E-CBC'], { version: 'TLSv1.1' }],
  ['TLS1_1 underscore', 'TLS1_1', 'ECDHE-RSA-AES256-SHA', 256, 'C', ['P-TLS11'], { version: 'TLSv1.1' }],
  ['TLS 1.0 spaced', 'TLS 1.0', 'ECDHE-RSA-AES256-SHA', 256, 'C', ['P-TLS10'], { version: 'TLSv1.0' }],
  ['TLS-1.0 dashed', 'TLS-1.0', 'ECDHE-ECDSA-AES128-SHA', 128, 'C', ['P-TLS10'], { version: 'TLSv1.0' }],
  ['TLS1.2-PKIX gnutls cert type', 'TLS1.2-PKIX', 'ECDHE_ECDSA_AES_128_GCM_SHA256', 128, 'A', ['OK-MODERN'], { version: 'TLSv1.2' }],
  ['TLS1.3-X.509', 'TLS1.3-X.509', 'TLS_CHACHA20_POLY1305_SHA256', 256, 'A', ['OK-MODERN'], { version: 'TLSv1.3' }],
  ['lower-case tlsv1.2', 'tlsv1.2', 'ecdhe-rsa-aes128-gcm-sha256', 128, 'A', ['OK-MODERN'], { version: 'TLSv1.2' }],
  ['postfix TLSv1.3', 'TLSv1.3', 'TLS_AES_256_GCM_SHA384', 256, 'A', ['OK-MODERN'], { version: 'TLSv1.3' }],
  ['stalwart TLS13_ name', 'TLSv1.3', 'TLS13_AES_256_GCM_SHA384', null, 'A', ['OK-MODERN'], { iana: 'TLS_AES_256_GCM_SHA384' }],
  ['TLSv1/SSLv3 with TLS 1.3 suite infers 1.3', 'TLSv1/SSLv3', 'TLS_AES_256_GCM_SHA384', null, 'A', ['OK-MODERN'], { version: 'TLSv1.3', inferred: true }],
  // docs/grading.md rule 3: the version stays unknown and the suite also runs on TLS 1.0 → C (P-UNSTATED), never B.
  ['no version, DHE CBC: no better than TLS 1.0 shown', 'TLSv1/SSLv3', 'DHE-RSA-AES256-SHA', 256, 'C', ['P-UNKNOWN', 'P-UNSTATED', 'K-DHE', 'E-CBC'], { version: null, inferred: false }],
  ['TLSv1/SSLv3 + AES128-SHA → C', 'TLSv1/SSLv3', 'AES128-SHA', 128, 'C', ['P-UNSTATED', 'K-RSA', 'E-CBC'], { version: null, inferred: false, issues: [] }],
  ['no version at all + ECDHE CBC-SHA1 → C', null, 'ECDHE-RSA-AES256-SHA', 256, 'C', ['P-UNSTATED', 'E-CBC'], { version: null }],
  ['unreadable version + AES128-SHA → C', 'QUIC', 'AES128-SHA', null, 'C', ['P-UNSTATED'], { issues: ['TLS_UNKNOWN_VERSION'] }],
  ['PSK CBC-SHA256 runs on TLS 1.0 (RFC 5487) → C', null, 'PSK-AES128-CBC-SHA256', null, 'C', ['P-UNSTATED', 'K-NO-FS'], { version: null }],
  ['TLSv1/SSLv3 + CBC-SHA256 infers TLS 1.2 → B', 'TLSv1/SSLv3', 'AES128-SHA256', 128, 'B', ['K-RSA', 'E-CBC'], { version: 'TLSv1.2', inferred: true, noRules: ['P-UNSTATED'] }],
  ['TLSv1/SSLv3 + ECDHE CBC-SHA384 infers TLS 1.2 → B', 'TLSv1/SSLv3', 'ECDHE-RSA-AES256-SHA384', 256, 'B', ['E-CBC'], { version: 'TLSv1.2', inferred: true, noRules: ['P-UNSTATED'] }],
  ['no version + GCM infers TLS 1.2 → A', null, 'ECDHE-ECDSA-AES128-GCM-SHA256', 128, 'A', ['OK-MODERN'], { version: 'TLSv1.2', inferred: true }],
  ['no version + SSLv2 kind infers SSL 2.0 → F', null, 'SSL_CK_RC4_128_WITH_MD5', 128, 'F', ['P-SSL2', 'E-RC4'], { version: 'SSLv2', inferred: true, noRules: ['P-UNSTATED'] }],
  // One version reader for hops and gradeTls: CodeTwo's compact spelling is a version here too.
  ['CodeTwo TLS12 spelling', 'TLS12', 'ECDHE-RSA-AES256-GCM-SHA384', null, 'A', ['OK-MODERN'], { version: 'TLSv1.2', inferred: false, issues: [] }],
  ['CodeTwo TLS10 spelling', 'TLS10', 'ECDHE-RSA-AES256-SHA', null, 'C', ['P-TLS10'], { version: 'TLSv1.0', issues: [] }],
  ['courier TLSv1/SSLv3 ECDHE-GCM', 'TLSv1/SSLv3', 'ECDHE-RSA-AES256-GCM-SHA384', 256, 'A', ['OK-MODERN'], { version: 'TLSv1.2', inferred: true }],
  ['ironport no version, ECDHE-GCM', null, 'ECDHE-RSA-AES256-GCM-SHA384', null, 'A', ['OK-MODERN'], { version: 'TLSv1.2', inferred: true }],
  // --- inconsistency (docs/grading.md rule 4) ------------------------------------------------------------------------
  ['TLSv1 with GCM is impossible', 'TLSv1', 'ECDHE-RSA-AES128-GCM-SHA256', 128, 'C', ['P-TLS10'], { version: 'TLSv1.0', issues: ['TLS_INCONSISTENT'] }],
  ['TLSv1.2 with a TLS 1.3 suite', 'TLSv1.2', 'TLS_AES_128_GCM_SHA256', 128, 'A', [], { version: 'TLSv1.2', issues: ['TLS_INCONSISTENT'] }],
  ['TLSv1.3 with RC4', 'TLSv1.3', 'RC4-SHA', 128, 'F', ['E-RC4'], { version: 'TLSv1.3', issues: ['TLS_INCONSISTENT'] }],
  ['postfix "SSLv3 with cipher ECDHE-…" (OpenSSL 1.0.x allowed it)', 'SSLv3', 'ECDHE-RSA-AES128-SHA', 128, 'F', ['P-SSL3'], { issues: [] }],
  ['SSLv3 with a TLS 1.2-only suite', 'SSLv3', 'ECDHE-RSA-AES128-SHA256', 128, 'F', ['P-SSL3'], { issues: ['TLS_INCONSISTENT'] }],
  // --- key exchange ---------------------------------------------------------------------------------------------
  ['DHE + GCM', 'TLSv1.2', 'DHE-RSA-AES128-GCM-SHA256', 128, 'B', ['K-DHE'], { noRules: ['E-CBC'] }],
  ['DHE + ChaCha20', 'TLSv1.2', 'DHE-RSA-CHACHA20-POLY1305', 256, 'B', ['K-DHE']],
  ['static RSA + GCM', 'TLSv1.2', 'AES128-GCM-SHA256', 128, 'B', ['K-RSA']],
  ['static RSA + CBC', 'TLSv1.2', 'AES256-SHA256', 256, 'B', ['K-RSA', 'E-CBC']],
  ['static DH', 'TLSv1.2', 'DH-RSA-AES256-GCM-SHA384', 256, 'B', ['K-STATIC-DH']],
  ['static ECDH', 'TLSv1.2', 'ECDH-ECDSA-AES128-GCM-SHA256', 128, 'B', ['K-STATIC-ECDH']],
  ['anonymous DH + GCM', 'TLSv1.2', 'ADH-AES256-GCM-SHA384', 256, 'C', ['K-ANON']],
  ['anonymous ECDH + CBC', 'TLSv1.2', 'AECDH-AES128-SHA', 128, 'C', ['K-ANON', 'E-CBC']],
  ['plain PSK', 'TLSv1.2', 'PSK-AES128-GCM-SHA256', 128, 'B', ['K-NO-FS']],
  ['ECDHE-PSK ChaCha20 is fine', 'TLSv1.2', 'ECDHE-PSK-CHACHA20-POLY1305', 256, 'A', ['OK-MODERN']],
  ['DHE group 1024 (session-desc)', 'TLS1.2', 'DHE_RSA_1024__AES_128_GCM', 128, 'C', ['K-DHE', 'K-DH-2048']],
  ['DHE group 768 (session-desc)', 'TLS1.2', 'DHE_RSA_768__AES_128_CBC__SHA1', 128, 'F', ['K-DH-1024']],
  // --- bulk cipher ----------------------------------------------------------------------------------------------
  ['ECDHE CBC-SHA256', 'TLSv1.2', 'ECDHE-RSA-AES128-SHA256', 128, 'B', ['E-CBC'], { noRules: ['K-RSA'] }],
  ['ECDHE Camellia CBC', 'TLSv1.2', 'ECDHE-RSA-CAMELLIA128-SHA256', 128, 'B', ['E-CBC']],
  ['ECDHE ARIA-GCM is AEAD', 'TLSv1.2', 'ECDHE-ECDSA-ARIA256-GCM-SHA384', 256, 'A', ['OK-MODERN']],
  ['ECDHE AES-CCM', 'TLSv1.2', 'ECDHE-ECDSA-AES128-CCM', 128, 'A', ['OK-MODERN']],
  ['ECDHE AES-CCM8', 'TLSv1.2', 'ECDHE-ECDSA-AES128-CCM8', 128, 'B', ['E-CCM8']],
  ['TLS 1.3 CCM_8', 'TLSv1.3', 'TLS_AES_128_CCM_8_SHA256', 128, 'B', ['E-CCM8']],
  ['ECDHE 3DES', 'TLSv1.2', 'ECDHE-RSA-DES-CBC3-SHA', 112, 'C', ['E-3DES'], { noRules: ['E-BITS-112', 'E-CBC'] }],
  ['IDEA is a 64-bit block', 'TLSv1', 'IDEA-CBC-SHA', 128, 'C', ['E-3DES', 'K-RSA', 'P-TLS10']],
  ['ECDHE RC4', 'TLSv1.2', 'ECDHE-RSA-RC4-SHA', 128, 'F', ['E-RC4', 'R-IANA-D']],
  ['single DES', 'TLSv1', 'DES-CBC-SHA', 56, 'F', ['E-DES'], { noRules: ['E-BITS-LOW'] }],
  ['EXP RC2', 'SSLv3', 'EXP-RC2-CBC-MD5', 40, 'F', ['E-RC2', 'E-EXPORT', 'M-MD5', 'P-SSL3']],
  ['EXP EDH DES40', 'TLSv1', 'EXP-EDH-RSA-DES-CBC-SHA', 40, 'F', ['E-EXPORT', 'E-DES']],
  ['EXP1024 RC4 56', 'TLSv1', 'EXP1024-RC4-SHA', 56, 'F', ['E-EXPORT', 'E-RC4']],
  ['NULL-SHA256', 'TLSv1.2', 'NULL-SHA256', 0, 'F', ['E-NULL', 'K-RSA'], { issues: ['TLS_NULL_CIPHER'] }],
  ['NULL_WITH_NULL_NULL', 'TLSv1.2', 'TLS_NULL_WITH_NULL_NULL', null, 'F', ['E-NULL', 'M-NULL', 'K-NO-FS']],
  ['TLS 1.3 integrity-only', 'TLSv1.3', 'TLS_SHA256_SHA256', null, 'F', ['E-NULL', 'R-IANA-D']],
  // --- effective bits: the lower of table and header -------------------------------------------------------------
  ['bits=56 on an AES suite', 'TLSv1.2', 'ECDHE-RSA-AES256-GCM-SHA384', 56, 'F', ['E-BITS-LOW']],
  ['bits=112 on an AES suite', 'TLSv1.2', 'ECDHE-RSA-AES128-GCM-SHA256', 112, 'C', ['E-BITS-112']],
  ['bits=40 on RC4-MD5 (header lowers)', 'SSLv3', 'RC4-MD5', 40, 'F', ['E-BITS-LOW', 'E-RC4']],
  ['header bits higher than table are ignored', 'TLSv1.2', 'ECDHE-RSA-DES-CBC3-SHA', 168, 'C', ['E-3DES'], { noRules: ['E-BITS-112'] }],
  // --- MAC and registry -----------------------------------------------------------------------------------------
  ['HMAC-MD5 with 3DES (KRB5)', 'TLSv1', 'KRB5-DES-CBC3-MD5', 112, 'C', ['M-MD5', 'E-3DES', 'K-NO-FS']],
  ['IANA D: KRB5 IDEA', 'TLSv1', 'TLS_KRB5_WITH_IDEA_CBC_SHA', 128, 'C', ['R-IANA-D', 'P-TLS10']],
  ['IANA D: ECDHE-PSK NULL', 'TLSv1.2', 'ECDHE-PSK-NULL-SHA', null, 'F', ['R-IANA-D', 'E-NULL']],
  // --- unknown / partial suites -----------------------------------------------------------------------------------
  ['unknown suite under TLS1.2 → B ceiling', 'TLSv1.2', 'FROBNICATE', null, 'B', ['R-UNKNOWN-SUITE'], { iana: null, issues: ['TLS_UNKNOWN_CIPHER'] }],
  ['unknown suite under TLS1.3 → A', 'TLSv1.3', 'FROBNICATE', null, 'A', ['OK-MODERN'], { issues: ['TLS_UNKNOWN_CIPHER'] }],
  ['unknown suite under TLS1.0 → C', 'TLSv1', 'FROBNICATE', null, 'C', ['R-UNKNOWN-SUITE', 'P-TLS10']],
  ['unknown suite under SSLv3 → F', 'SSLv3', 'FROBNICATE', null, 'F', ['P-SSL3']],
  ['version only, TLS1.2', 'TLSv1.2', null, null, 'B', ['R-UNKNOWN-SUITE'], { issues: [] }],
  ['version only, TLS1.3', 'TLS1.3', null, null, 'A', ['OK-MODERN']],
  ['partial suite read from its parts', 'TLSv1.2', 'ECDHE-RSA-AES512-GCM-SHA384', null, 'B', ['R-PARTIAL-SUITE'], { iana: null, issues: ['TLS_UNKNOWN_CIPHER'] }],
  ['partial suite naming RC4', 'TLSv1.2', 'VENDOR-RC4-128', null, 'F', ['E-RC4', 'R-PARTIAL-SUITE']],
  ['nothing stated', null, null, null, 'unknown', ['P-UNKNOWN', 'R-UNKNOWN-SUITE'], { version: null }],
  ['TLSv1/SSLv3 and nothing else', 'TLSv1/SSLv3', null, null, 'unknown', ['P-UNKNOWN']],
  ['TLSv1/SSLv3 and an unreadable cipher', 'TLSv1/SSLv3', 'FROBNICATE', null, 'unknown', ['P-UNKNOWN', 'R-UNKNOWN-SUITE'], { issues: ['TLS_UNKNOWN_CIPHER'] }],
  ['unrecognised version text', 'QUIC', 'ECDHE-RSA-AES128-GCM-SHA256', null, 'A', ['OK-MODERN'], { version: 'TLSv1.2', inferred: true, issues: ['TLS_UNKNOWN_VERSION'] }],
];

describe('gradeTls table (practical policy)', () => {
  it('has at least 60 rows and covers every cap rule', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    const seen = new Set(ROWS.flatMap((r) => r[5]));
    const uncovered = RULE_IDS.filter((r) => !seen.has(r) && !r.startsWith('K-RSA-KEY'));
    expect(uncovered).toEqual([]);
  });

  it.each(ROWS.map((row) => [row[0], row] as const))('%s', (_label, row: Row) => {
    const [, version, cipher, bits, grade, rules, more] = row;
    const g = gradeTls({ version, cipher, bits });
    expect(g.grade).toBe(grade);
    const got = g.reasons.map((r) => r.rule);
    for (const rule of rules) expect(got).toContain(rule);
    for (const rule of more?.noRules ?? []) expect(got).not.toContain(rule);
    expect(g.reasons.length).toBeGreaterThan(0);
    for (const r of g.reasons) expect(r.message.length).toBeGreaterThan(10);
    if (grade === 'A') expect(got.filter((r) => r !== 'OK-MODERN' && r !== 'P-UNKNOWN')).toEqual([]);
    if (more?.version !== undefined) expect(g.version).toBe(more.version);
    if (more?.inferred !== undefined) expect(g.versionInferred).toBe(more.inferred);
    if (more?.iana !== undefined) expect(g.cipherIana).toBe(more.iana);
    if (more?.issues !== undefined) expect(g.issues.map((i) => i.code)).toEqual(more.issues);
  });

  it('cites the RFC in the messages of the standards-driven caps', () => {
    const cite = (facts: TlsFacts, rule: string): string => gradeTls(facts).reasons.find((r) => r.rule === rule)?.message ?? '';
    expect(cite({ version: 'TLSv1', cipher: 'RC4-SHA' }, 'E-RC4')).toContain('RFC 7465');
    expect(cite({ version: 'TLSv1', cipher: 'RC4-SHA' }, 'P-TLS10')).toContain('RFC 8996');
    expect(cite({ version: 'TLSv1.1', cipher: 'AES128-SHA' }, 'P-TLS11')).toContain('RFC 8996');
    expect(cite({ version: 'SSLv3', cipher: 'AES128-SHA' }, 'P-SSL3')).toContain('RFC 7568');
    expect(cite({ version: 'SSLv2', cipher: 'SSL_CK_RC4_128_WITH_MD5' }, 'P-SSL2')).toContain('RFC 6176');
    expect(cite({ version: 'TLSv1.2', cipher: 'DHE-RSA-AES128-GCM-SHA256' }, 'K-DHE')).toContain('RFC 9325 §4.1');
    expect(cite({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA' }, 'E-CBC')).toContain('RFC 9325 §4.2');
  });
});

describe('key sizes stated beside the suite', () => {
  it.each([
    // [facts, grade, rule]
    [{ version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', serverKeyBits: 1024 }, 'B', 'K-RSA-KEY-2048'],
    [{ version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', serverKeyBits: 512 }, 'F', 'K-RSA-KEY-1024'],
    [{ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', serverKeyBits: 4096 }, 'A', 'OK-MODERN'],
    [{ version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384', serverKeyBits: 256 }, 'A', 'OK-MODERN'],
    [{ version: 'TLSv1.2', cipher: 'DHE-RSA-AES256-GCM-SHA384', dhBits: 1536 }, 'C', 'K-DH-2048'],
    [{ version: 'TLSv1.2', cipher: 'DHE-RSA-AES256-GCM-SHA384', dhBits: 512 }, 'F', 'K-DH-1024'],
    [{ version: 'TLSv1.2', cipher: 'DHE-RSA-AES256-GCM-SHA384', dhBits: 4096 }, 'B', 'K-DHE'],
    // A stated dhBits overrides the size read from the cipher text.
    [{ version: 'TLS1.2', cipher: 'DHE_RSA_1024__AES_128_GCM', dhBits: 3072 }, 'B', 'K-DHE'],
  ] as const)('%j → %s (%s)', (facts, grade, rule) => {
    const g = gradeTls(facts);
    expect(g.grade).toBe(grade);
    expect(g.reasons.map((r) => r.rule)).toContain(rule);
  });
});

describe('bcp195 policy: every RFC 9325 MUST NOT is F', () => {
  it.each([
    ['TLSv1', 'ECDHE-RSA-AES256-SHA', 'F', 'practical C'],
    ['TLSv1.1', 'ECDHE-RSA-AES256-SHA', 'F', 'practical C'],
    ['TLSv1.2', 'ECDHE-RSA-DES-CBC3-SHA', 'F', '3DES, < 128 bits'],
    ['TLSv1.2', 'ADH-AES256-GCM-SHA384', 'F', 'anonymous'],
    ['TLSv1.2', 'DHE-RSA-AES256-GCM-SHA384', 'B', 'SHOULD NOT stays B'],
    ['TLSv1.2', 'ECDHE-RSA-AES256-SHA384', 'B', 'CBC stays B'],
    ['TLSv1.3', 'TLS_AES_256_GCM_SHA384', 'A', 'TLS 1.3 stays A'],
    ['TLSv1/SSLv3', 'ECDHE-RSA-AES256-SHA', 'F', 'no better than TLS 1.0 shown (P-UNSTATED)'],
    ['TLSv1/SSLv3', 'ECDHE-RSA-AES256-GCM-SHA384', 'A', 'GCM infers TLS 1.2'],
  ] as const)('(%s, %s) → %s (%s)', (version, cipher, grade, _why) => {
    expect(gradeTls({ version, cipher }, 'bcp195').grade).toBe(grade);
  });
});

describe('gradeTls properties (fast-check)', () => {
  const versionish = fc.oneof(
    fc.constantFrom('TLSv1', 'TLSv1.2', 'TLS1_3', 'TLSv1/SSLv3', 'SSLv3', 'SSLv2', 'TLS1.2-PKIX', '', 'tls 1.1', null, undefined),
    fc.string({ maxLength: 40 }),
  );
  const cipherish = fc.oneof(
    fc.constantFrom('RC4-SHA', 'ECDHE-RSA-AES256-GCM-SHA384', 'DHE_RSA_2038__AES_256_CBC__SHA1', 'TLS_AES_128_GCM_SHA256', null, undefined),
    fc.string({ maxLength: 120 }),
    fc.array(fc.constantFrom('ECDHE', 'RSA', 'AES', '256', 'GCM', 'SHA384', 'RC4', '_', '-', '__', 'EXP', 'NULL'), { maxLength: 12 }).map((a) => a.join('')),
  );
  const bitsish = fc.oneof(fc.integer({ min: -10, max: 100000 }), fc.double(), fc.constant(null), fc.constant(undefined));
  const GRADES = new Set(['A', 'B', 'C', 'F', 'unknown']);

  it('never throws; results are JSON-serialisable, deterministic, never empty of reasons, never "none"', () => {
    fc.assert(
      fc.property(versionish, cipherish, bitsish, bitsish, bitsish, (version, cipher, bits, dhBits, serverKeyBits) => {
        const facts = { version, cipher, bits, dhBits, serverKeyBits } as unknown as TlsFacts;
        const a = gradeTls(facts);
        const json = JSON.stringify(a);
        expect(JSON.parse(json)).toEqual(a);
        expect(JSON.stringify(gradeTls(facts))).toBe(json);
        expect(GRADES.has(a.grade)).toBe(true);
        expect(a.reasons.length).toBeGreaterThan(0);
        // bcp195 is never more lenient than practical.
        const strict = gradeTls(facts, 'bcp195').grade;
        const order = ['F', 'unknown', 'C', 'B', 'A'];
        expect(order.indexOf(strict)).toBeLessThanOrEqual(order.indexOf(a.grade));
      }),
      { numRuns: 2000 },
    );
  });

  it('tolerates a non-object argument from untyped callers', () => {
    expect(gradeTls(null as unknown as TlsFacts).grade).toBe('unknown');
    expect(gradeTls('TLSv1' as unknown as TlsFacts).grade).toBe('unknown');
  });
});
