// ESM: analyse one raw message and print its hops, oldest first.
// Run: node test/examples/esm.mjs
import { analyzeMessage } from 'received-forensics';

const raw = [
  'Received: from mail.example.org (mail.example.org [192.0.2.10])',
  '\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
  '\tby mx.example.net (Postfix) with ESMTPS id 4T1XkQ2',
  '\tfor <bob@example.net>; Mon, 06 Jan 2025 09:15:02 +0000 (UTC)',
  'Received: from sender.example.com (sender.example.com [198.51.100.5])',
  '\tby mail.example.org with ESMTPS id abc123',
  '\t(version=TLSv1 cipher=RC4-SHA bits=128/128);',
  '\tMon, 06 Jan 2025 09:14:58 +0000',
  'From: alice@example.org',
  'Subject: hello',
  '',
  'body',
].join('\r\n');

const report = analyzeMessage(raw);
for (const hop of [...report.hops].reverse()) {
  const tls = hop.tls === null ? 'no TLS stated' : `${hop.tls.version ?? '?'} ${hop.tls.cipherIana ?? hop.tls.cipher ?? '?'}`;
  console.log(`${hop.from?.rdns ?? hop.from?.helo ?? '?'} -> ${hop.by?.host ?? '?'}: ${hop.security.grade} (${tls})`);
}
console.log(`verdict: ${report.verdict.grade}, weakest hop: ${String(report.verdict.weakestHop)}`);
