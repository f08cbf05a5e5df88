// Custom trust boundary and a custom grading policy, e.g. for a SIEM that knows its own relays and wants CBC hops
// to count as C rather than B.
// Run: node test/examples/trust-and-policy.mjs
import { analyzeMessage } from 'received-forensics';

const raw = [
  'Received: from relay2.example.net (relay2.example.net [203.0.113.20])',
  '\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
  '\tby mx1.example.net (Postfix) with ESMTPS id 4WbC0d1Fg2z8qRs',
  '\tfor <bob@example.net>; Thu, 20 Jun 2024 08:15:09 +0000 (UTC)',
  'Received: from gw.partner.example (gw.partner.example [198.51.100.77])',
  '\t(using TLSv1.2 with cipher ECDHE-RSA-AES128-SHA (128/128 bits))',
  '\tby relay2.example.net (Postfix) with ESMTPS id 4WbC0c5Hj7z3mNp',
  '\tfor <bob@example.net>; Thu, 20 Jun 2024 08:15:07 +0000 (UTC)',
  'Received: from app.partner.example (app.partner.example [10.8.0.15])',
  '\tby gw.partner.example (Postfix) with ESMTP id 9E8D7C6B5A',
  '\tfor <bob@example.net>; Thu, 20 Jun 2024 08:15:05 +0000 (UTC)',
  'Subject: Statement for June',
  '',
  '',
].join('\r\n');

/** A policy is plain data: a name, the preset it starts from and the caps it changes (rule ids from docs/grading.md). */
const cbcIsC = { name: 'cbc-is-c', base: 'practical', caps: { 'E-CBC': 'C' } };

const report = analyzeMessage(raw, {
  trustedNetworks: ['203.0.113.0/24'], // our relays: their Received lines are honest
  internalHosts: ['.example.net'], // our own domain: hops between our hosts are internal
  policy: cbcIsC,
});

for (const hop of report.hops) {
  const flags = hop.issues.filter((i) => i.code === 'UNVERIFIABLE').length > 0 ? ' UNVERIFIABLE' : '';
  console.log(`#${hop.index} ${hop.by?.host ?? '?'}: ${hop.security.grade} ${hop.security.scope}${flags}`);
}
console.log(`verdict: ${report.verdict.grade}`);
