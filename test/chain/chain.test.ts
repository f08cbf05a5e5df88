// Unit tables for the chain step: scope, continuity, trust, verdict, timeline, options, trace fields.
// All Received lines are synthetic, written in the formats the named MTAs use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { parseAuthResults } from '../../src/chain/auth-results.js';
import { checkContinuity } from '../../src/chain/continuity.js';
import { EMPTY_CHAIN_OPTIONS, resolveChainOptions } from '../../src/chain/options.js';
import { parseOriginatingIp, parseReceivedSpf } from '../../src/chain/received-spf.js';
import { parseForefront } from '../../src/chain/forefront.js';
import { classifyScope, type ScopeDecision } from '../../src/chain/scope.js';
import { writerNames } from '../../src/chain/writer-names.js';
import { buildTimeline, CLOCK_SKEW_SECONDS } from '../../src/chain/timeline.js';
import { walkTrust } from '../../src/chain/trust.js';
import { computeVerdict } from '../../src/chain/verdict.js';
import { readHop, type HopRead } from '../../src/hop/read-hop.js';
import type { AnalyzeOptions } from '../../src/options.js';
import type { Grade, Hop, Scope, ScopeReason, VerdictGrade } from '../../src/types.js';

const read = (value: string, index = 0): HopRead => readHop(value, { index, byteOffset: null });

const D = 'Tue, 14 May 2024 09:12:04 +0000';

function scopeOf(line: string, options: AnalyzeOptions = {}): ScopeDecision {
  const reads = [read(line)];
  return classifyScope(reads[0]!, { options: resolveChainOptions(options), writer: writerNames(reads, 0, false) });
}

function walkOf(reads: readonly HopRead[], options: AnalyzeOptions): number {
  const o = resolveChainOptions(options);
  const contexts = reads.map((_, i) => ({ options: o, writer: writerNames(reads, i, i > 0) }));
  return walkTrust(reads, reads.map((r, i) => classifyScope(r, contexts[i]!)), contexts).boundary;
}

describe('scope', () => {
  const CASES: readonly (readonly [string, string, Scope, ScopeReason, AnalyzeOptions?])[] = [
    ['Postfix local submission', 'by mail.example.org (Postfix, from userid 1000) id 3F0A27C0154; Mon, 4 Mar 2024 14:30:10 +0000', 'internal', 'local'],
    ['Gmail by-only, IPv6', 'by 2002:a05:6a10:8f0c:0:0:0:0 with SMTP id o4csp123456pxb; Sat, 5 Jan 2013 10:20:31 -0800 (PST)', 'internal', 'by-only'],
    ['Gmail by-only, IPv4', 'by 10.50.33.100 with SMTP id o4csp1234igi; Sat, 5 Jan 2013 10:20:31 -0800 (PST)', 'internal', 'by-only'],
    ['by-only authenticated submission', 'by smtp.example.net with ESMTPA id 55aa66bb; Sat, 5 Jan 2013 10:20:31 -0800 (PST)', 'external', 'submission'],
    ['qmail stamp', '(qmail 86095 invoked from network); 9 Sep 2002 15:16:59 -0000', 'internal', 'local'],
    ['qmail local injection, K as U+212A', 'by mail.example.org (qmail 1 invo\u212Aed by uid 1000); 9 Sep 2002 15:16:59 -0000', 'internal', 'local'],
    ['local handover in upper case', 'by mail.example.org (Postfix, FROM USERID 1000) id 3F0A27C0154; Mon, 4 Mar 2024 14:30:10 +0000', 'internal', 'local'],
    ['IIS pickup directory', 'from mail pickup service by mail1.example.com with Microsoft SMTPSVC; Thu, 12 Sep 2002 19:19:51 -0400', 'internal', 'local'],
    ['amavis re-injection', 'from localhost (localhost [127.0.0.1]) by mx1.example.net (Postfix) with ESMTP id 4VdQ2M3kX9z9rxL; Tue, 14 May 2024 09:12:06 +0200', 'internal', 'nonglobal'],
    ['loopback wins over ESMTPSA', 'from localhost (localhost [127.0.0.1]) by mx1.example.net (Postfix) with ESMTPSA id 4VdQ2M3kX9z9rxL; Tue, 14 May 2024 09:12:06 +0200', 'internal', 'nonglobal'],
    ['Sendmail ident@localhost, no address', 'from localhost (eugen@localhost) by hydrogen.example.org (8.11.6/8.11.6) with ESMTP id g7J8YMf16772; Mon, 19 Aug 2002 10:34:22 +0200', 'internal', 'local'],
    ['RFC 1918 client', 'from web01.example.org (web01.example.org [10.1.2.3]) by mail.example.org (Postfix) with ESMTP id 7D1E2F30A8; Fri, 2 Feb 2024 11:00:02 +0000', 'internal', 'nonglobal'],
    ['ULA client', 'from app (app [fd12:3456:789a::10]) by mx.example.org (Postfix) with ESMTP id 7D1E2F30A9; Fri, 2 Feb 2024 11:00:02 +0000', 'internal', 'nonglobal'],
    ['reserved ::/8 client', `from relay (relay [fd:ac::d:10]) by mx.example.org (Postfix) with ESMTP id 7D1E2F30AA; ${D}`, 'internal', 'nonglobal'],
    ['6to4 image of 10/8', `from app.example.org (app.example.org [2002:a05:6a10::1]) by mx.example.org (Postfix) with ESMTP id 7D; ${D}`, 'internal', 'nonglobal'],
    ['CGNAT client', 'from cpe.example.net (cpe.example.net [100.64.1.2]) by mx.example.net with SMTP; Mon, 19 Aug 2002 10:34:22 +0200', 'internal', 'nonglobal'],
    ['client = writer address', 'from mx.example.org ([192.0.2.8]) by mx.example.org ([192.0.2.8]) with ESMTP id 1; Fri, 2 Feb 2024 11:00:02 +0000', 'internal', 'local'],
    ['public client', 'from mail.example.org (mail.example.org [198.51.100.23]) by mx1.example.net (Postfix) with ESMTPS id 4VdQ2L6Yq1z9rx9; Tue, 14 May 2024 09:12:04 +0200', 'external', 'cross-operator'],
    ['spam HELO as the victim, public address', 'from mx1.example.net ([198.51.100.66]) by mx1.example.net (Postfix) with ESMTP id 4X; Tue, 14 May 2024 09:12:04 +0200', 'external', 'cross-operator'],
    ['verified rDNS in the writer’s domain', `from relay2 (relay2.example.net [198.51.100.20]) by mx1.example.net (Postfix) with ESMTPS id 4W; ${D}`, 'internal', 'same-domain'],
    ['HELO alone in the writer’s domain proves nothing', `from relay2.example.net (unknown [198.51.100.20]) by mx1.example.net (Postfix) with ESMTPS id 4W; ${D}`, 'external', 'cross-operator'],
    ['same /24 as the writer', `from gw (unknown [198.51.100.20]) by mx1.example.net ([198.51.100.5]) with ESMTP id 4W; ${D}`, 'internal', 'by-network'],
    ['same /48 as the writer (IPv6)', `from gw (unknown [2001:db8:10:1::20]) by mx1.example.net ([2001:db8:10:ff::5]) with ESMTP id 4W; ${D}`, 'internal', 'by-network'],
    ['another /48 is not the writer’s network', `from gw (unknown [2001:db8:11::20]) by mx1.example.net ([2001:db8:10::5]) with ESMTP id 4W; ${D}`, 'external', 'cross-operator'],
    ['another /24 is not the writer’s network', `from gw (unknown [198.51.101.20]) by mx1.example.net ([198.51.100.5]) with ESMTP id 4W; ${D}`, 'external', 'cross-operator'],
    ['authenticated submission from a global address', `from [192.168.1.20] (dsl-1.example.com [203.0.113.50]) by smtp.example.net (Postfix) with ESMTPSA id 4W; ${D}`, 'external', 'submission'],
    ['LMTP, no address', 'from mx1.example.net by store1.example.net with LMTP id kDxSJf4XQ2aLPAAAbGqZ7Q; Tue, 14 May 2024 09:12:07 +0200', 'internal', 'local'],
    ['LMTP with a public address', `from mx1.example.net (mx1.example.net [198.51.100.9]) by store1.example.com with LMTP id kDx; ${D}`, 'internal', 'local'],
    ['mapi between two names of one domain, no address', 'from EX01.corp.example.com by EX02.corp.example.com with mapi id 15.20.7452.49; Tue, 14 May 2024 09:12:07 +0000', 'internal', 'provider-handoff'],
    ['webmail handoff inside one provider, no address', `from web.gate.mail.example.com by web302.mail.example.com with HTTP; ${D}`, 'internal', 'provider-handoff'],
    ['same host by name, no address', 'from mail.example.org by mail.example.org (8.12.5/8.12.5) with ESMTP id g7J8YMf1; Mon, 19 Aug 2002 10:34:22 +0200', 'internal', 'local'],
    ['different organisations, no address', 'from relay.example.org by mx.example.com with ESMTP id 77; Mon, 19 Aug 2002 10:34:22 +0200', 'unknown', 'no-address'],
    ['same parent domain, no address, SMTP', 'from a.example.org by b.example.org with ESMTP id 77; Mon, 19 Aug 2002 10:34:22 +0200', 'unknown', 'no-address'],
    ['configured internal network', 'from relay2.example.net (relay2.example.net [203.0.113.20]) by mx1.example.net (Postfix) with ESMTPS id 4W; Thu, 20 Jun 2024 08:15:09 +0000', 'internal', 'declared', { internalNetworks: ['203.0.113.0/24'] }],
    ['configured internal host', 'from relay2.example.net (relay2.example.net [203.0.113.20]) by mx1.example.net (Postfix) with ESMTPS id 4W; Thu, 20 Jun 2024 08:15:09 +0000', 'internal', 'declared', { internalHosts: ['.example.net'] }],
    ['configured client, writer outside', 'from out.example.net (out.example.net [203.0.113.20]) by mx.example.com (Postfix) with ESMTPS id 4W; Thu, 20 Jun 2024 08:15:09 +0000', 'external', 'cross-operator', { internalHosts: ['.example.net'] }],
    ['a configured HELO pattern needs an address that confirms it', `from relay9.example.net ([198.51.100.99]) by mx1.example.net (Postfix) with ESMTPS id 4W; ${D}`, 'external', 'cross-operator', { internalHosts: ['.example.net'] }],
    // Provider infrastructure (docs/providers.md): Microsoft writes HELO names only, so its address space decides.
    ['Exchange Online hop between its own servers', `from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:1::12) by DB9PR02MB5678.eurprd02.prod.outlook.com (2603:10a6:10:2::5) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.49; ${D}`, 'internal', 'provider-space'],
    ['Exchange Online tenant to tenant over its mail ranges', `from EUR01-DB5-obe.outbound.protection.outlook.com (40.107.15.101) by AM1PEPF0000A1B2.mail.protection.outlook.com (10.167.16.5) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7452.49 via Frontend Transport; ${D}`, 'internal', 'provider-space'],
    ['a Microsoft HELO from outside Microsoft stays external', `from x.eurprd02.prod.outlook.com (198.51.100.7) by AM1PEPF0000A1B2.mail.protection.outlook.com (10.167.16.5) with Microsoft SMTP Server id 15.20.7452.49 via Frontend Transport; ${D}`, 'external', 'cross-operator'],
    ['a cloud VM HELOing as another provider into Microsoft stays external', `from web1.mail.ne1.yahoo.com (20.243.69.38) by AM1PEPF0000A1B2.mail.protection.outlook.com (10.167.16.5) with Microsoft SMTP Server id 15.20.7452.49 via Frontend Transport; ${D}`, 'external', 'cross-operator'],
    ['a Google HELO from outside Google into Gmail stays external', `from mail.google.com (host-8.example.net. [198.51.100.8]) by mx.google.com with ESMTPS id a1si1; ${D}`, 'external', 'cross-operator'],
    ['Google relay to Google MX, verified rDNS', `from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1sor1 (Google Transport Security); ${D}`, 'internal', 'same-domain'],
  ];
  it.each(CASES.map((c) => ({ label: c[0], c })))('$label', ({ c }) => {
    const [, line, scope, basis, options] = c;
    const d = scopeOf(line, options);
    expect([d.scope, d.basis]).toEqual([scope, basis]);
    expect(d.reason.rule).toBe(scope === 'internal' ? 'S-INTERNAL' : scope === 'external' ? 'S-EXTERNAL' : 'S-UNKNOWN');
  });
  it('the writer’s names include the rDNS the hop above verified for it', () => {
    const reads = [
      `from lists.example.org (lf-lists.example.net [198.51.100.40]) by mx.example.com (Postfix) with ESMTPS id 1; ${D}`,
      `from smtp.example.net (smtp.example.net [203.0.113.7]) by lists.example.org (Postfix) with ESMTPS id 2; ${D}`,
    ].map((l, i) => read(l, i));
    const o = resolveChainOptions({});
    expect(classifyScope(reads[1]!, { options: o, writer: writerNames(reads, 1, true) }).basis).toBe('same-domain');
    expect(classifyScope(reads[1]!, { options: o, writer: writerNames(reads, 1, false) }).basis).toBe('cross-operator');
  });
  it('user providers add a host family and its address space', () => {
    const line = `from out1.mailer.example (203.0.113.77) by in1.mailer-mx.example (198.51.100.1) with ESMTPS id 1; ${D}`;
    expect(scopeOf(line).scope).toBe('external');
    const providers = [{ id: 'mailer', name: 'Mailer', domains: ['mailer.example', 'mailer-mx.example'], mailNetworks: ['203.0.113.0/24'], wideNetworks: [], sources: [] }];
    expect(scopeOf(line, { providers }).basis).toBe('provider-space');
  });
});

describe('continuity', () => {
  const CASES: readonly (readonly [string, string, string, boolean])[] = [
    ['name matches by host', 'from mail.example.org (mail.example.org [198.51.100.23]) by mx.example.net with ESMTP; Tue, 14 May 2024 09:12:04 +0200', 'by mail.example.org (Postfix, from userid 5) id 1; Tue, 14 May 2024 09:12:03 +0200', true],
    ['case and root dot ignored', 'from MAIL.Example.ORG. (mail.example.org. [198.51.100.23]) by mx.example.net with ESMTP; Tue, 14 May 2024 09:12:04 +0200', 'from x ([10.0.0.1]) by mail.example.org. with ESMTP; Tue, 14 May 2024 09:12:03 +0200', true],
    ['address matches by address', 'from unknown (HELO x) (192.0.2.7) by mx.example.net with SMTP; 28 Aug 2002 10:24:55 -0000', 'from a ([10.0.0.1]) by [192.0.2.7] with SMTP; 28 Aug 2002 10:24:54 -0000', true],
    ['short name = first label', 'from kbs01.kbs.example (kbs01.kbs.example [192.0.2.48]) by mx.example.net with ESMTP; 28 Aug 2002 10:24:55 -0000', 'from a ([10.0.0.1]) by KBS01 with SMTP; 28 Aug 2002 10:24:54 -0000', true],
    ['address above, name below: not comparable', 'from unknown (192.0.2.7) by m6.example.net with QMQP; 28 Aug 2002 10:24:55 -0000', 'from a ([10.0.0.1]) by mta2.example.net with SMTP; 28 Aug 2002 10:24:54 -0000', true],
    ['loopback client: a local process', 'from jalapeno [127.0.0.1] by localhost with IMAP (fetchmail-5.9.0) for jm@localhost (single-drop); Tue, 08 Oct 2002 10:55:43 +0100', 'from x ([192.0.2.9]) by dogma.example.org (8.11.6/8.11.6) with ESMTP; Tue, 8 Oct 2002 09:01:04 +0100', true],
    ['Exim local pipe', 'from list by main.example.org with local (Exim 3.35 #1 (Debian)) id 17mbvd-00087j-00; Wed, 04 Sep 2002 17:18:49 +0200', 'from news by other.example.org with local (Exim 3.35 #1) id 1; Wed, 04 Sep 2002 17:18:47 +0200', true],
    ['two names of one server (same first label, one domain)', `from DB1PEPF000509E5.eurprd03.prod.outlook.com (2603:10a6:10:2::5) by DB9PR02MB5678.eurprd03.prod.outlook.com (2603:10a6:10:3::9) with Microsoft SMTP Server id 15.20.1.1; ${D}`, `from x.example.org (198.51.100.3) by DB1PEPF000509E5.mail.protection.outlook.com (10.167.16.5) with Microsoft SMTP Server id 15.20.1.1; ${D}`, true],
    ['same first label in two domains is not a match', `from relay1.example.org (relay1.example.org [198.51.100.31]) by mx1.example.net with ESMTP; ${D}`, `from o ([192.0.2.99]) by relay1.example.com with ESMTP; ${D}`, false],
    ['sibling names in one domain are not a match', 'from relay-a.example.org (relay-a.example.org [198.51.100.31]) by mx1.example.net with ESMTP; Sat, 13 Jul 2024 22:40:11 +0000', 'from o ([192.0.2.99]) by relay-z.example.org with ESMTP; Sat, 13 Jul 2024 22:40:09 +0000', false],
    ['different host', 'from relay-a.example.org (relay-a.example.org [198.51.100.31]) by mx1.example.net with ESMTP; Sat, 13 Jul 2024 22:40:11 +0000', 'from o ([192.0.2.99]) by relay-z.example.com with ESMTP; Sat, 13 Jul 2024 22:40:09 +0000', false],
  ];
  it.each(CASES)('%s', (_label, upper, lower, ok) => {
    const issues = checkContinuity([read(upper, 0), read(lower, 1)], EMPTY_CHAIN_OPTIONS.providers);
    expect(issues[0] === undefined).toBe(ok);
    if (!ok) expect(issues[0]).toMatchObject({ code: 'CHAIN_DISCONTINUITY', severity: 'warning' });
  });
});

describe('trust walk', () => {
  const chain = [
    'from localhost (localhost [127.0.0.1]) by mx1.example.net (Postfix) with ESMTP id A; Tue, 14 May 2024 09:12:06 +0200',
    'from relay.example.net (relay.example.net [203.0.113.9]) by mx1.example.net (Postfix) with ESMTPS id B; Tue, 14 May 2024 09:12:05 +0200',
    'from gw.partner.example (gw.partner.example [198.51.100.77]) by relay.example.net (Postfix) with ESMTPS id C; Tue, 14 May 2024 09:12:04 +0200',
    'from app (app [10.1.1.1]) by gw.partner.example (Postfix) with ESMTP id D; Tue, 14 May 2024 09:12:03 +0200',
  ].map((l, i) => read(l, i));
  const CASES: readonly (readonly [string, AnalyzeOptions, number])[] = [
    ['inferred: loopback and the verified relay of one domain pass trust, the partner does not', {}, 3],
    ['trusted network', { trustedNetworks: ['203.0.113.0/24'] }, 3],
    ['trusted host by rDNS', { trustedHosts: ['relay.example.net'] }, 3],
    ['trusted domain, and the partner too', { trustedHosts: ['.example.net', 'gw.partner.example'] }, 4],
    ['configured but unrelated: internal steps still pass', { trustedNetworks: ['192.0.2.0/24'] }, 3],
  ];
  it.each(CASES)('%s', (_label, options, boundary) => {
    expect(walkOf(chain, options)).toBe(boundary);
  });
  it('a private client passes trust, inferred or configured', () => {
    const lines = [
      'from web (web [10.1.2.3]) by mx.example.net (Postfix) with ESMTP id A; Tue, 14 May 2024 09:12:06 +0200',
      'from x (x [198.51.100.1]) by web with ESMTP id B; Tue, 14 May 2024 09:12:05 +0200',
    ].map((l, i) => read(l, i));
    expect(walkOf(lines, {})).toBe(2);
    expect(walkOf(lines, { trustedNetworks: ['203.0.113.0/24'] })).toBe(2);
  });
  it('a trusted HELO pattern counts only when the address confirms it', () => {
    const lines = [
      `from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:1::12) by DB9PR02MB5678.eurprd02.prod.outlook.com (2603:10a6:10:2::5) with Microsoft SMTP Server id 15.20.1.1; ${D}`,
      `from forged.prod.outlook.com (198.51.100.66) by AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:1::12) with Microsoft SMTP Server id 15.20.1.1; ${D}`,
      `from x (x [198.51.100.1]) by forged.prod.outlook.com with ESMTP id B; ${D}`,
    ].map((l, i) => read(l, i));
    expect(walkOf(lines, { trustedHosts: ['.outlook.com'] })).toBe(2);
  });
});

function hop(index: number, grade: Grade, scope: Scope, iso: string | null = null): Hop {
  return {
    index,
    raw: '',
    byteOffset: null,
    from: null,
    by: null,
    via: null,
    protocol: null,
    id: null,
    for: null,
    envelopeFrom: null,
    date: iso === null ? null : { text: iso, iso, offsetMinutes: 0 },
    tls: null,
    security: { grade, reasons: [], scope, scopeReason: null },
    issues: [],
  };
}

describe('verdict', () => {
  type Row = readonly (readonly [Grade, Scope])[];
  const CASES: readonly (readonly [string, Row, VerdictGrade, number | null])[] = [
    ['no hops', [], 'internal-only', null],
    ['only internal hops', [['none', 'internal'], ['unknown', 'internal']], 'internal-only', null],
    ['internal plaintext does not lower an A', [['none', 'internal'], ['A', 'external'], ['none', 'internal']], 'A', 1],
    ['worst of A/B/C', [['A', 'external'], ['C', 'external'], ['B', 'unknown']], 'C', 1],
    ['ties: the topmost', [['B', 'external'], ['B', 'external']], 'B', 0],
    ['A + unknown external → unknown (cannot show every external hop was A)', [['A', 'external'], ['unknown', 'external']], 'unknown', 1],
    ['C + unknown → unknown', [['unknown', 'external'], ['C', 'external']], 'unknown', 0],
    ['unknown never hides F', [['unknown', 'external'], ['F', 'external'], ['A', 'external']], 'F', 1],
    ['unknown never hides none', [['unknown', 'external'], ['none', 'unknown']], 'none', 1],
    ['none is worse than F', [['F', 'external'], ['none', 'external']], 'none', 1],
    ['only unknown external hops → unknown', [['unknown', 'external'], ['unknown', 'unknown']], 'unknown', 0],
    ['scope unknown counts', [['A', 'external'], ['none', 'unknown']], 'none', 1],
  ];
  it.each(CASES)('%s', (_label, row, grade, weakest) => {
    const v = computeVerdict(row.map(([g, s], i) => hop(i, g, s)));
    expect([v.grade, v.weakestHop]).toEqual([grade, weakest]);
    const counted = row.filter(([, s]) => s !== 'internal').length;
    expect(Object.values(v.counts).reduce((a, b) => a + b, 0)).toBe(counted);
    expect(Object.values(v.internalCounts).reduce((a, b) => a + b, 0)).toBe(row.length - counted);
  });

  const grades: Grade[] = ['A', 'B', 'C', 'F', 'none', 'unknown'];
  const scopes: Scope[] = ['internal', 'external', 'unknown'];
  it('property: the verdict is never better than any counted none/F, and internal hops never change it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...grades), fc.constantFrom(...scopes)), { maxLength: 12 }), (row) => {
        const hops = row.map(([g, s], i) => hop(i, g, s));
        const v = computeVerdict(hops);
        const counted = row.filter(([, s]) => s !== 'internal').map(([g]) => g);
        if (counted.includes('none')) expect(v.grade).toBe('none');
        else if (counted.includes('F')) expect(v.grade).toBe('F');
        else if (counted.length === 0) expect(v.grade).toBe('internal-only');
        else if (counted.includes('unknown')) expect(v.grade).toBe('unknown');
        else expect(counted).toContain(v.grade);
        if (v.weakestHop !== null) expect(hops[v.weakestHop]!.security.grade).toBe(v.grade);
        const withoutInternal = computeVerdict(hops.filter((h) => h.security.scope !== 'internal'));
        expect(withoutInternal.grade).toBe(v.grade);
      }),
    );
  });
});

describe('timeline', () => {
  it('header order reversed, missing and invalid dates skipped and flagged, small skew is info', () => {
    const hops = [
      hop(0, 'A', 'external', '2024-01-01T00:00:10.000Z'),
      hop(1, 'A', 'external', null),
      { ...hop(2, 'A', 'external'), date: { text: 'Blursday', iso: null, offsetMinutes: null } },
      hop(3, 'A', 'external', '2024-01-01T00:00:20.000Z'),
      hop(4, 'A', 'external', '2024-01-01T00:00:00.000Z'),
    ];
    const { timeline, hopIssues } = buildTimeline(hops);
    expect(timeline.entries.map((e) => [e.hop, e.delaySeconds])).toEqual([
      [4, null],
      [3, 20],
      [2, null],
      [1, null],
      [0, -10],
    ]);
    expect(timeline.totalSeconds).toBe(10);
    expect(timeline.entries.map((e) => e.share)).toEqual([null, 1, null, null, null]);
    expect(hopIssues[1]?.map((i) => i.code)).toEqual(['CHAIN_MISSING_DATE']);
    expect(hopIssues[2]?.map((i) => i.code)).toEqual(['CHAIN_MISSING_DATE']);
    expect(hopIssues[0]).toEqual([expect.objectContaining({ code: 'CHAIN_NEGATIVE_DELAY', severity: 'info' })]);
    expect(10).toBeLessThan(CLOCK_SKEW_SECONDS);
  });
  it('a Date header after the last delivery is CHAIN_FUTURE_DATE; within the skew it is not', () => {
    const at = (date: string): string[] =>
      analyzeMessage(`Received: from a ([192.0.2.1]) by mx.example.net with ESMTP; Mon, 1 Jan 2024 12:00:00 +0000\r\nDate: ${date}\r\n\r\n`).timeline.anomalies.map((a) => a.code);
    expect(at('Mon, 1 Jan 2024 14:00:00 +0000')).toEqual(['CHAIN_FUTURE_DATE']);
    expect(at('Mon, 1 Jan 2024 12:04:00 +0000')).toEqual([]);
    expect(at('Mon, 1 Jan 2024 09:00:00 +0000')).toEqual([]);
  });
  it('one dated hop: no total; no hops: empty', () => {
    expect(buildTimeline([hop(0, 'A', 'external', '2024-01-01T00:00:00.000Z')]).timeline.totalSeconds).toBeNull();
    expect(buildTimeline([]).timeline).toEqual({ entries: [], totalSeconds: null, anomalies: [] });
  });
  it('property: delays sum to the total and follow reverse header order', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: null }), { maxLength: 10 }), (secs) => {
        const hops = secs.map((s, i) => hop(i, 'A', 'external', s === null ? null : new Date(s * 1000).toISOString()));
        const result = buildTimeline(hops);
        const { timeline } = result;
        // The date reader's instants (what analyzeMessage passes) give the same timeline as reading the ISO texts.
        expect(buildTimeline(hops.map((h, i) => ({ date: h.date, instant: secs[i] === null ? null : secs[i]! * 1000 })))).toEqual(result);
        expect(timeline.entries.map((e) => e.hop)).toEqual(hops.map((h) => h.index).reverse());
        const sum = timeline.entries.reduce((a, e) => a + (e.delaySeconds ?? 0), 0);
        const dated = secs.filter((s) => s !== null).length;
        if (dated >= 2) expect(timeline.totalSeconds).toBe(sum);
        else expect(timeline.totalSeconds).toBeNull();
      }),
    );
  });
});

describe('options', () => {
  it('no chain options: the shared empty object, nothing parsed', () => {
    expect(resolveChainOptions({})).toBe(EMPTY_CHAIN_OPTIONS);
    expect(resolveChainOptions({ limits: {} })).toBe(EMPTY_CHAIN_OPTIONS);
  });
  it('compiled once per options object, re-read when a list is swapped', () => {
    const options: { trustedNetworks: string[] } = { trustedNetworks: ['10.0.0.0/8'] };
    const a = resolveChainOptions(options);
    expect(resolveChainOptions(options)).toBe(a);
    options.trustedNetworks = ['192.0.2.0/24'];
    expect(resolveChainOptions(options)).not.toBe(a);
  });
  const BAD: readonly (readonly [string, unknown])[] = [
    ['a string instead of a list', { trustedNetworks: '10.0.0.0/8' }],
    ['a bad CIDR', { trustedNetworks: ['10.0.0.0/33'] }],
    ['octal-looking address', { internalNetworks: ['010.0.0.0/8'] }],
    ['a number in a list', { internalNetworks: [10] }],
    ['an empty host', { trustedHosts: [''] }],
    ['a host with a space', { internalHosts: ['mx .example.net'] }],
    ['a non-string host', { trustedHosts: [null] }],
  ];
  it.each(BAD)('TypeError for %s', (_label, options) => {
    expect(() => resolveChainOptions(options as AnalyzeOptions)).toThrow(TypeError);
    expect(() => analyzeMessage('Received: by x; Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\n', options as AnalyzeOptions)).toThrow(TypeError);
  });
});

describe('trace fields', () => {
  it.each([
    [
      'RFC 8601 example with comments and a version',
      'Authentication-Results', 'example.com 1; dkim=pass (good signature) header.d=example.net; spf/1=fail smtp.mailfrom=x@example.net smtp.remote-ip=192.0.2.200',
      { authservId: 'example.com', remoteIp: '192.0.2.200', results: [['dkim', 'pass'], ['spf', 'fail']], smtp: [['smtp.mailfrom', 'x@example.net'], ['smtp.remote-ip', '192.0.2.200']] },
    ],
    [
      'ARC instance tag, folded, a ; inside a comment',
      'ARC-Authentication-Results', 'i=1; mx.google.com;\r\n       dkim=pass header.i=@example.org header.s=s1 (comment; with semicolon);\r\n       spf=pass (google.com: domain of a@example.org designates 192.0.2.1 as permitted sender) smtp.mailfrom=a@example.org',
      { authservId: 'mx.google.com', remoteIp: null, results: [['dkim', 'pass'], ['spf', 'pass']], smtp: [['smtp.mailfrom', 'a@example.org']] },
    ],
    [
      'no authserv-id (malformed), quoted value',
      'Authentication-Results', 'spf=pass smtp.mailfrom="a b@example.org"',
      { authservId: null, results: [['spf', 'pass']], smtp: [['smtp.mailfrom', 'a b@example.org']] },
    ],
    ['none', 'Authentication-Results', 'mx.example.net; none', { authservId: 'mx.example.net', results: [], smtp: [] }],
    ['iprev address', 'Authentication-Results', 'mx.example.net; iprev=pass policy.iprev="2001:DB8::1"', { remoteIp: '2001:db8::1', results: [['iprev', 'pass']] }],
    ['unterminated comment', 'Authentication-Results', 'mx.example.net; spf=pass (oops', { authservId: 'mx.example.net', results: [['spf', 'pass']] }],
  ] as const)('Authentication-Results: %s', (_label, header, value, expected) => {
    expect(parseAuthResults(value, header)).toMatchObject({ header, raw: value, ...expected });
  });

  it.each([
    ['RFC 7208 §9.1 example', 'pass (mybox.example.org: domain of myname@example.com designates 192.0.2.1 as permitted sender) receiver=mybox.example.org; client-ip=192.0.2.1; envelope-from="myname@example.com"; helo=foo.example.com;', 'pass', '192.0.2.1'],
    ['capitalised result, IPv6', 'SoftFail (x) client-ip=2001:DB8::5; helo=a', 'softfail', '2001:db8::5'],
    ['no client-ip', 'none (no SPF record)', 'none', null],
    ['garbage address', 'pass client-ip=999.1.1.1', 'pass', null],
    ['empty', '', null, null],
  ] as const)('Received-SPF: %s', (_label, value, result, clientIp) => {
    expect(parseReceivedSpf(value)).toEqual({ raw: value, result, clientIp });
  });

  it.each([
    ['[24.61.9.116]', '24.61.9.116'],
    ['192.0.2.4, 10.0.0.1', '192.0.2.4'],
    ['[IPv6:2001:db8::7] (webmail)', '2001:db8::7'],
    ['unknown', null],
  ] as const)('X-Originating-IP %s', (value, ip) => {
    expect(parseOriginatingIp(value)).toEqual({ raw: value, ip });
  });

  it('Received-SPF and Authentication-Results addresses are compared with the hops; header keys never become object keys', () => {
    const msg = [
      'Received: from mail.example.org (mail.example.org [198.51.100.23]) by mx.example.net with ESMTP id 1; Tue, 14 May 2024 09:12:04 +0200',
      'Authentication-Results: mx.example.net; spf=pass smtp.remote-ip=198.51.100.23 smtp.__proto__=x',
      'Received-SPF: pass client-ip=192.0.2.77',
      'TLS-Required: no',
      '',
      'body',
    ].join('\r\n');
    const r = analyzeMessage(msg);
    const mism = r.issues.filter((i) => i.code === 'TRACE_IP_MISMATCH');
    expect(mism).toHaveLength(1);
    expect(mism[0]!.message).toContain('192.0.2.77');
    expect(r.trace.tlsRequired).toBe('no');
    expect(r.issues.map((i) => i.code)).toContain('TRACE_TLS_REQUIRED_NO');
    expect(r.trace.authenticationResults[0]!.smtp).toEqual([
      ['smtp.remote-ip', '198.51.100.23'],
      ['smtp.__proto__', 'x'],
    ]);
    expect(Object.getPrototypeOf(r.trace.authenticationResults[0])).toBe(Object.prototype);
  });

  it('message headers: raw, unfolded, first occurrence; a missing header is null', () => {
    const msg = 'Subject: =?UTF-8?Q?caf=C3=A9?=\r\n  and more\r\nSubject: second\r\nFrom: a\x1b[31m@example.org\r\nTO: =?UTF-8?Q?B=C3=B6b?=\r\n <b@example.net>\r\nTo: second@example.net\r\nDate: not a date\r\n\r\n';
    const r = analyzeMessage(msg);
    expect(r.headers).toEqual({
      date: { text: 'not a date', iso: null, offsetMinutes: null },
      messageId: null,
      from: 'a\x1b[31m@example.org',
      to: '=?UTF-8?Q?B=C3=B6b?= <b@example.net>',
      subject: '=?UTF-8?Q?caf=C3=A9?=  and more',
    });
    expect(analyzeMessage('Subject: x\r\n\r\n').headers.to).toBeNull();
    expect(r.issues.map((i) => i.code)).toContain('CHAIN_NO_HOPS');
    expect(r.issues.some((i) => i.code === 'DATE_INVALID' && i.message.startsWith('Date header'))).toBe(true);
  });
});

describe('robustness', () => {
  const piece = fc.constantFrom(
    'from ', 'by ', 'with ', 'ESMTPS ', 'SMTP ', 'LMTP ', 'id ', 'for ', '(', ')', '[', ']', '127.0.0.1', '10.0.0.1', '192.0.2.1',
    '2001:db8::1', 'localhost ', 'mx.example.net ', 'from userid 0', '; ', 'Mon, 1 Jan 2024 00:00:00 +0000', '\r\n\t', '"', '\\', 'version=TLSv1 cipher=RC4-SHA',
  );
  const value = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
  const field = fc.tuple(fc.constantFrom('Received', 'X-Received', 'Authentication-Results', 'ARC-Authentication-Results', 'Received-SPF', 'X-Originating-IP', 'TLS-Required', 'Date'), value);
  it('property: any header block of trace fields gives a well-formed report and never throws', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 12 }), fc.boolean(), (fields, trusted) => {
        const msg = `${fields.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\nbody`;
        const r = analyzeMessage(msg, trusted ? { trustedNetworks: ['10.0.0.0/8'], internalHosts: ['.example.net'] } : {});
        r.hops.forEach((h, i) => {
          expect(h.index).toBe(i);
          expect(h.security.scope === 'internal' || h.security.scope === 'external' || h.security.scope === 'unknown').toBe(true);
        });
        expect(r.timeline.entries).toHaveLength(r.hops.length);
        expect(Object.values(r.verdict.counts).reduce((a, b) => a + b, 0) + Object.values(r.verdict.internalCounts).reduce((a, b) => a + b, 0)).toBe(r.hops.length);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});

describe('X-Forefront-Antispam-Report', () => {
  const inbound = `Received: from DB9PR02MB5678.eurprd02.prod.outlook.com (2603:10a6:10:2::5) by AM0PR02MB1234.eurprd02.prod.outlook.com with HTTPS; ${D}\r\nReceived: from AM1PEPF0000A1B2.eurprd02.prod.outlook.com (2603:10a6:10:2::9) by DB9PR02MB5678.eurprd02.prod.outlook.com (2603:10a6:10:2::5) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1.1; ${D}\r\nReceived: from mail.example.org (198.51.100.23) by AM1PEPF0000A1B2.mail.protection.outlook.com (10.167.16.5) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.1.1 via Frontend Transport; ${D}\r\n`;
  const ff = (value: string): string => `X-Forefront-Antispam-Report:\r\n ${value}\r\n`;
  it('reads CIP, DIR, H, PTR and CTRY', () => {
    expect(parseForefront('CIP:198.51.100.23;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.org;PTR:mail.example.org;CAT:NONE;SFS:(13230040)(4636009);DIR:INB;')).toEqual({
      raw: 'CIP:198.51.100.23;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.org;PTR:mail.example.org;CAT:NONE;SFS:(13230040)(4636009);DIR:INB;',
      connectingIp: '198.51.100.23',
      direction: 'INB',
      helo: 'mail.example.org',
      ptr: 'mail.example.org',
      country: 'US',
    });
    expect(parseForefront('CIP:not-an-ip;DIR:SIDEWAYS;H:;')).toMatchObject({ connectingIp: null, direction: null, helo: null });
  });
  it('agrees with the chain: no issue; a CIP no hop saw is TRACE_FOREFRONT_MISMATCH', () => {
    const agree = analyzeMessage(`${ff('CIP:198.51.100.23;CTRY:US;H:mail.example.org;DIR:INB;')}${inbound}\r\n`);
    expect(agree.trace.forefront[0]?.connectingIp).toBe('198.51.100.23');
    expect(agree.issues.map((i) => i.code)).not.toContain('TRACE_FOREFRONT_MISMATCH');
    expect(agree.hops.map((h) => h.security.scope)).toEqual(['internal', 'internal', 'external']);
    expect(agree.hops.flatMap((h) => h.issues.map((i) => i.code))).not.toContain('CHAIN_DISCONTINUITY');
    const other = analyzeMessage(`${ff('CIP:192.0.2.200;DIR:INB;')}${inbound}\r\n`);
    expect(other.issues.filter((i) => i.code === 'TRACE_FOREFRONT_MISMATCH')).toHaveLength(1);
  });
  it('DIR:INT above a trusted hop that crossed between operators is TRACE_FOREFRONT_MISMATCH', () => {
    const r = analyzeMessage(`${ff('CIP:198.51.100.23;DIR:INT;')}${inbound}\r\n`);
    expect(r.issues.find((i) => i.code === 'TRACE_FOREFRONT_MISMATCH')?.message).toContain('DIR:INT');
  });
});

describe('forged hops below the trust boundary', () => {
  it('stay UNVERIFIABLE however internal they claim to be, and the boundary stays at the outside client', () => {
    const msg = [
      `Received: from attacker.example (attacker.example [198.51.100.66]) by mx1.example.net (Postfix) with ESMTP id 1; ${D}`,
      `Received: from x.eurprd02.prod.outlook.com (10.1.2.3) by y.eurprd02.prod.outlook.com (10.1.2.4) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.1.1; ${D}`,
      `Received: from localhost (localhost [127.0.0.1]) by x.eurprd02.prod.outlook.com with ESMTPSA id 2; ${D}`,
      '',
      '',
    ].join('\r\n');
    const r = analyzeMessage(msg);
    expect(r.hops.map((h) => h.security.scope)).toEqual(['external', 'internal', 'internal']);
    const flagged = r.hops.filter((h) => h.issues.some((i) => i.code === 'UNVERIFIABLE')).map((h) => h.index);
    expect(flagged).toEqual([1, 2]);
    expect(r.verdict).toMatchObject({ grade: 'none', weakestHop: 0 });
  });
  it('an outside client greeting as a Microsoft host into Exchange Online keeps the boundary where it is', () => {
    const msg = [
      `Received: from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:1::12) by DB9PR02MB5678.eurprd02.prod.outlook.com with HTTPS; ${D}`,
      `Received: from AM1PEPF0000A1B2.eurprd02.prod.outlook.com (2603:10a6:208:1::9) by AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:1::12) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1.1; ${D}`,
      `Received: from fake.eurprd02.prod.outlook.com (198.51.100.66) by AM1PEPF0000A1B2.mail.protection.outlook.com (10.167.16.5) with Microsoft SMTP Server id 15.20.1.1 via Frontend Transport; ${D}`,
      `Received: from inner.prod.outlook.com (2603:10a6:208:1::99) by fake.eurprd02.prod.outlook.com with Microsoft SMTP Server id 15.20.1.1; ${D}`,
      '',
      '',
    ].join('\r\n');
    const r = analyzeMessage(msg, { internalHosts: ['.outlook.com', '.office365.com'] });
    expect(r.hops.map((h) => h.security.scope)).toEqual(['internal', 'internal', 'external', 'internal']);
    expect(r.hops[2]!.security.scopeReason).toBe('cross-operator');
    expect(r.hops.filter((h) => h.issues.some((i) => i.code === 'UNVERIFIABLE')).map((h) => h.index)).toEqual([3]);
    expect(r.verdict).toMatchObject({ grade: 'none', weakestHop: 2 });
    expect(r.unmatchedDeclared).toEqual(['.office365.com']);
  });
});
