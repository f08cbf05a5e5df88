/** gradeHop over synthetic Received values (written by us): the states around `gradeTls`, and evidence on reasons. */
import { describe, expect, it } from 'vitest';
import { gradeHop } from '../../src/hop/grade-hop.js';
import { readTls, type TlsRead } from '../../src/tls/read-tls.js';
import { serverKeyBits } from '../../src/tls/server-key.js';
import type { Grade, HopTls, IssueCode } from '../../src/types.js';
import { tlsContext } from '../support/tls-context.js';

function readOf(raw: string): TlsRead {
  return readTls(tlsContext(raw));
}

function tlsOf(raw: string): HopTls | null {
  return readOf(raw).tls;
}

const D = 'Mon, 4 Mar 2024 10:00:00 +0000';

const CASES: readonly { name: string; raw: string; grade: Grade; rule?: string; issue?: IssueCode; noIssue?: IssueCode }[] = [
  { name: 'nothing stated', raw: `from a by b.example.org with local id 1; ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  { name: 'plaintext ESMTP', raw: `from a (a.example.net [192.0.2.1]) by b.example.org with ESMTP id 1; ${D}`, grade: 'none', rule: 'T-PLAINTEXT' },
  { name: 'ESMTPS without parameters', raw: `from a (a.example.net [192.0.2.1]) by b.example.org with ESMTPS id 1; ${D}`, grade: 'unknown', rule: 'T-PARAMETERS-UNKNOWN' },
  { name: 'Exchange (TLS)', raw: `from a (10.0.0.1) by b (10.0.0.2) with Microsoft SMTP Server (TLS) id 14.3.1.1; ${D}`, grade: 'unknown', rule: 'T-PARAMETERS-UNKNOWN' },
  { name: 'Coremail (SSL): no version warning', raw: `from a by b.example.cn ((D)) with ASMTP (SSL) id 2; ${D}`, grade: 'unknown', rule: 'T-PARAMETERS-UNKNOWN', noIssue: 'TLS_UNKNOWN_VERSION' },
  { name: 'Postfix TLS 1.2 ECDHE GCM → A', raw: `from a (a.example.net [192.0.2.1]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) by b.example.org (Postfix) with ESMTPS id 1; ${D}`, grade: 'A' },
  { name: 'sendmail RC4 → F', raw: `from a (a.example.net [192.0.2.1]) by b.example.org (8.12.10/8.12.10) with ESMTP id 1 (version=TLSv1/SSLv3 cipher=RC4-MD5 bits=128 verify=NO); ${D}`, grade: 'F', rule: 'E-RC4' },
  { name: 'Exim TLS 1.0 CBC → C', raw: `from a ([192.0.2.1]) by b.example.org with esmtp (TLSv1:AES256-SHA:256) (Exim 4.41) id 1; ${D}`, grade: 'C', rule: 'P-TLS10' },
  { name: 'Exim GnuTLS key bytes are not bits: 3DES stays C', raw: `from a ([192.0.2.1]) by b.example.org with esmtps (TLS-1.0:DHE_RSA_3DES_EDE_CBC_SHA:24) (Exim 4.50) id 1; ${D}`, grade: 'C' },
  { name: 'sendmail verify=FAIL: issue, letter unchanged', raw: `from a (a.example.net [192.0.2.1]) by b.example.org (8.18.1/8.18.1) with ESMTPS id 1 (version=TLSv1.2 cipher=ECDHE-RSA-AES128-GCM-SHA256 bits=128 verify=FAIL); ${D}`, grade: 'A', issue: 'TLS_CERT_FAILED' },
  { name: 'NULL cipher → F + TLS_NULL_CIPHER', raw: `from a (a.example.net [192.0.2.1]) (using TLSv1.2 with cipher NULL-SHA256 (0/0 bits)) by b.example.org (Postfix) with ESMTPS id 1; ${D}`, grade: 'F', issue: 'TLS_NULL_CIPHER' },
  { name: 'CodeTwo TLS12, no cipher → B (suite unknown)', raw: `from a (192.0.2.1) by b.example.com with CodeTwo SMTP Server (TLS12) via SMTP; ${D}`, grade: 'B', rule: 'R-UNKNOWN-SUITE', noIssue: 'TLS_UNKNOWN_VERSION' },
  { name: 'Postfix TLS 1.3 with a 768-bit server RSA key → F', raw: `from a (a.example.net [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (768 bits) server-digest SHA256) by b.example.org (Postfix) with ESMTPS id 1; ${D}`, grade: 'F', rule: 'K-RSA-KEY-1024' },
  { name: 'IronPort TLS 1.3 suite, version inferred → A', raw: `from a ([192.0.2.1]) by esa.example.com with ESMTP/TLS/TLS_AES_128_GCM_SHA256; ${D}`, grade: 'A' },
  // docs/grading.md rule 3: no version, and a suite that also runs on TLS 1.0: C, never B.
  { name: 'Symantec bare TLS + CBC suite: no better than TLS 1.0 shown', raw: `from a (a.example.net [192.0.2.1]) (using TLS with cipher ECDHE-RSA-AES256-SHA (256/256 bits)) by b.example.org (Symantec Messaging Gateway) with SMTP id 1; ${D}`, grade: 'C', rule: 'P-UNSTATED', noIssue: 'TLS_UNKNOWN_VERSION' },
  // docs/grading.md rule 6: the Microsoft writers always state TLS when they used it.
  { name: 'Exchange without (TLS) or version: plaintext', raw: `from a (10.0.0.1) by b (10.0.0.2) with Microsoft SMTP Server id 15.1.2507.32 via Frontend Transport; ${D}`, grade: 'none', rule: 'T-PLAINTEXT' },
  { name: 'Exchange Online without a TLS comment: plaintext', raw: `from a.example.net (192.0.2.1) by AM0EUR01FT001.mail.protection.example.com (10.13.2.3) with Microsoft SMTP\n Server id 15.20.6723.5 via Frontend Transport; ${D}`, grade: 'none', rule: 'T-PLAINTEXT' },
  { name: 'IIS SMTPSVC without over TLS: plaintext', raw: `from a ([192.0.2.1]) by iis.example.org with Microsoft SMTPSVC(6.0.3790.4675); ${D}`, grade: 'none', rule: 'T-PLAINTEXT' },
  { name: 'IIS over TLS secured channel: encrypted, parameters unknown', raw: `from a ([192.0.2.1]) by iis.example.org with Microsoft SMTPSVC(6.0.3790.4675) over TLS secured channel; ${D}`, grade: 'unknown', rule: 'T-PARAMETERS-UNKNOWN' },
  { name: 'Exchange with an unreadable TLS-looking comment: not plaintext', raw: `from a (10.0.0.1) by b (10.0.0.2) with Microsoft SMTP Server (TLS handshake, suite hidden) id 15.1.1.1; ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  // docs/grading.md rule 6: not SMTP, nothing said about TLS.
  { name: 'with HTTP alone: unknown', raw: `from 198.51.100.7 by web.example.org with HTTP; ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  { name: 'with HTTPS alone: unknown', raw: `from [198.51.100.7] by web.example.org with HTTPS; ${D}`, grade: 'unknown' },
  { name: 'with mapi alone: unknown', raw: `from MBX1.corp.example (::1) by MBX1.corp.example with mapi id 15.20.1.1; ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  { name: 'with local alone: unknown', raw: `from alice by host.example.org with local (Exim 4.96) id 1r-0; ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  { name: 'with REST alone: unknown', raw: `by mailapi.example.org with REST id 8f2c; ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  { name: 'with HTTPREST alone: unknown', raw: `from gmailapi.example.com by mx.example.com with HTTPREST; ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  { name: 'with IMAP (a fetcher) alone: unknown', raw: `from imap.example.net [192.0.2.9] by localhost with IMAP (fetchmail-6.4.37) for <a@localhost> (single-drop); ${D}`, grade: 'unknown', rule: 'T-NOT-STATED' },
  { name: 'with ESMTP stays plaintext', raw: `from a (a.example.net [192.0.2.1]) by b.example.org with ESMTP id 1; ${D}`, grade: 'none', rule: 'T-PLAINTEXT' },
  // A statement beside a plaintext word from a writer that names TLS in its protocol word: contradiction.
  { name: 'Postfix TLS 1.3 comment with plain ESMTP: unknown, not A', raw: `from a (a.example.net [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by b.example.org (Postfix) with ESMTP id 1; ${D}`, grade: 'unknown', rule: 'T-CONFLICT' },
];

describe('gradeHop', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const tls = tlsOf(c.raw);
    const g = gradeHop(readOf(c.raw));
    expect(g.grade).toBe(c.grade);
    expect(g.reasons.length).toBeGreaterThan(0);
    if (c.rule !== undefined) expect(g.reasons.map((r) => r.rule)).toContain(c.rule);
    if (c.issue !== undefined) expect(g.issues.map((i) => i.code)).toContain(c.issue);
    if (c.noIssue !== undefined) expect(g.issues.map((i) => i.code)).not.toContain(c.noIssue);
    if (tls !== null) for (const r of g.reasons) expect(r.evidence).toBe(tls.evidence);
    for (const i of g.issues) if (i.span !== undefined && tls !== null) expect(i.span).toEqual(tls.span);
  });

  it('the plaintext reason cites the protocol word', () => {
    const g = gradeHop(readOf(`from a (a.example.net [192.0.2.1]) by b.example.org with ESMTPA id 1; ${D}`));
    expect(g.reasons[0]?.evidence).toBe('ESMTPA');
  });

  it('the bcp195 policy makes TLS 1.0 an F', () => {
    const read = readOf(`from a ([192.0.2.1]) by b.example.org with esmtp (TLSv1:AES256-SHA:256) (Exim 4.41) id 1; ${D}`);
    expect(gradeHop(read, 'bcp195').grade).toBe('F');
  });

  it('a malformed policy is a programmer error', () => {
    const read = readOf(`from a ([192.0.2.1]) by b.example.org with esmtp (TLSv1:AES256-SHA:256) (Exim 4.41) id 1; ${D}`);
    expect(() => gradeHop(read, { name: 'x', caps: { 'NO-SUCH-RULE': 'F' } } as never)).toThrow(TypeError);
  });
});

describe('serverKeyBits', () => {
  it.each([
    ['(using TLSv1.3 with cipher X (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)', 2048],
    ['(… server-signature RSA-PSS\n\t (4096 bits))', 4096],
    ['(… server-signature ECDSA (P-256) server-digest SHA256)', null],
    ['(using TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits))', null],
    ['server-signature RSA (', null],
  ] as const)('%s → %s', (text, want) => {
    expect(serverKeyBits(text)).toBe(want);
  });
});
