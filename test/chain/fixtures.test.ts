// Acceptance: whole synthetic messages (fixtures/eml, see its README) through analyzeMessage, table-driven.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import type { AnalyzeOptions } from '../../src/options.js';
import type { IssueCode, MessageReport, Scope, VerdictGrade } from '../../src/types.js';

const load = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/eml/${name}`, import.meta.url));

const codesOf = (r: MessageReport, hop: number): IssueCode[] => r.hops[hop]!.issues.map((i) => i.code);

interface Case {
  readonly file: string;
  readonly options?: AnalyzeOptions;
  readonly grade: VerdictGrade;
  readonly weakestHop: number | null;
  readonly scopes: readonly Scope[];
  /** Hops expected to carry UNVERIFIABLE (all others must not). */
  readonly unverifiable: readonly number[];
  /** Issue codes expected on given hops. */
  readonly hopCodes?: readonly (readonly [number, IssueCode])[];
  /** Issue codes expected on the report. */
  readonly reportCodes?: readonly IssueCode[];
  /** Issue codes that must not appear anywhere. */
  readonly absent?: readonly IssueCode[];
}

const CASES: readonly Case[] = [
  {
    file: 'seed-rc4-gmail.eml',
    grade: 'F',
    weakestHop: 1,
    scopes: ['internal', 'external', 'internal', 'internal'],
    unverifiable: [2, 3],
    reportCodes: ['CHAIN_TRUST_INFERRED'],
    absent: ['CHAIN_DISCONTINUITY', 'CHAIN_NEGATIVE_DELAY', 'TRACE_IP_MISMATCH'],
  },
  {
    file: 'tls13-amavis-lmtp.eml',
    grade: 'A',
    weakestHop: 3,
    // The submission's verified rDNS shares the writer's registrable domain (an ISP's own customer line).
    scopes: ['internal', 'internal', 'internal', 'external', 'internal'],
    unverifiable: [4],
    absent: ['CHAIN_DISCONTINUITY', 'TRACE_IP_MISMATCH', 'CHAIN_NEGATIVE_DELAY'],
  },
  {
    file: 'external-plaintext.eml',
    grade: 'none',
    weakestHop: 0,
    scopes: ['external', 'internal'],
    unverifiable: [1],
    reportCodes: ['TRACE_TLS_REQUIRED_NO'],
  },
  { file: 'esmtps-and-plaintext.eml', grade: 'none', weakestHop: 1, scopes: ['external', 'external'], unverifiable: [1] },
  { file: 'esmtps-only.eml', grade: 'unknown', weakestHop: 0, scopes: ['external', 'internal'], unverifiable: [1] },
  {
    file: 'negative-delay.eml',
    grade: 'A',
    weakestHop: 0,
    scopes: ['external', 'internal', 'internal'],
    unverifiable: [1, 2],
    hopCodes: [
      [0, 'CHAIN_NEGATIVE_DELAY'],
      [1, 'CHAIN_LARGE_GAP'],
    ],
  },
  {
    file: 'trusted-relays.eml',
    grade: 'B',
    weakestHop: 1,
    // relay2's verified rDNS is in mx1's registrable domain: one operator, so trust walks on to it.
    scopes: ['internal', 'external', 'internal'],
    unverifiable: [2],
    reportCodes: ['CHAIN_TRUST_INFERRED'],
  },
  {
    file: 'trusted-relays.eml',
    options: { trustedNetworks: ['203.0.113.0/24'] },
    grade: 'B',
    weakestHop: 1,
    scopes: ['internal', 'external', 'internal'],
    unverifiable: [2],
    absent: ['CHAIN_TRUST_INFERRED'],
  },
  {
    file: 'trusted-relays.eml',
    options: { internalNetworks: ['203.0.113.0/24'] },
    grade: 'B',
    weakestHop: 1,
    scopes: ['internal', 'external', 'internal'],
    unverifiable: [2],
  },
  {
    file: 'trusted-relays.eml',
    options: { trustedHosts: ['.example.net', 'gw.partner.example'] },
    grade: 'B',
    weakestHop: 1,
    scopes: ['internal', 'external', 'internal'],
    unverifiable: [],
  },
  {
    file: 'discontinuous.eml',
    grade: 'A',
    weakestHop: 0,
    scopes: ['external', 'internal'],
    unverifiable: [1],
    hopCodes: [[0, 'CHAIN_DISCONTINUITY']],
    reportCodes: ['TRACE_IP_MISMATCH'],
  },
];

describe('whole-message fixtures', () => {
  it.each(CASES.map((c) => [`${c.file} ${JSON.stringify(c.options ?? {})}`, c] as const))('%s', (_label, c) => {
    const r = analyzeMessage(load(c.file), c.options);
    expect(r.verdict.grade).toBe(c.grade);
    expect(r.verdict.weakestHop).toBe(c.weakestHop);
    expect(r.hops.map((h) => h.security.scope)).toEqual(c.scopes);
    r.hops.forEach((h, i) => expect(h.index).toBe(i));
    const unverifiable = r.hops.filter((h) => h.issues.some((i) => i.code === 'UNVERIFIABLE')).map((h) => h.index);
    expect(unverifiable).toEqual(c.unverifiable);
    for (const [hop, code] of c.hopCodes ?? []) expect(codesOf(r, hop)).toContain(code);
    for (const code of c.reportCodes ?? []) expect(r.issues.map((i) => i.code)).toContain(code);
    const all = [...r.issues, ...r.hops.flatMap((h) => h.issues)].map((i) => i.code);
    for (const code of c.absent ?? []) expect(all).not.toContain(code);
    // every hop says why it did or did not count
    for (const h of r.hops) expect(h.security.reasons.at(-1)?.rule).toMatch(/^S-(INTERNAL|EXTERNAL|UNKNOWN)$/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('seed: the weakest hop is the RC4 hop over IPv6 into Gmail, and the trace evidence sits beside the hops', () => {
    const r = analyzeMessage(load('seed-rc4-gmail.eml'));
    const weak = r.hops[r.verdict.weakestHop!]!;
    expect(weak.from?.ip).toBe('2403:3a00:101:13:133:167:8:98');
    expect(weak.tls?.cipher).toBe('RC4-SHA');
    expect(r.verdict.counts).toEqual({ A: 0, B: 0, C: 0, F: 1, none: 0, unknown: 0 });
    expect(r.verdict.internalCounts.none + r.verdict.internalCounts.unknown).toBe(3);
    expect(r.trace.xReceived).toHaveLength(1);
    expect(r.trace.xReceived[0]!.security.scope).toBe('internal');
    expect(r.trace.receivedSpf).toEqual([
      expect.objectContaining({ result: 'pass', clientIp: '2403:3a00:101:13:133:167:8:98' }),
    ]);
    expect(r.trace.authenticationResults[0]).toMatchObject({ authservId: 'mx.google.com', results: [['spf', 'pass']] });
    expect(r.headers).toMatchObject({
      messageId: '<20130105182028.5B1D53A0011@www1234.sakura.ne.jp>',
      subject: 'Order confirmation #20130105-0042',
      date: { iso: '2013-01-05T18:20:28.000Z', offsetMinutes: 540 },
    });
    expect(r.timeline.entries.map((e) => e.hop)).toEqual([3, 2, 1, 0]);
    expect(r.timeline.totalSeconds).toBe(3);
  });

  it('negative delay: kept as it is, never clamped, and the total is the plain difference', () => {
    const r = analyzeMessage(load('negative-delay.eml'));
    expect(r.timeline.entries.map((e) => e.delaySeconds)).toEqual([null, 7201, -7197]);
    expect(r.timeline.entries.map((e) => e.share)).toEqual([null, 1, null]);
    expect(r.timeline.totalSeconds).toBe(4);
    expect(r.timeline.anomalies.map((a) => [a.code, a.severity])).toEqual([
      ['CHAIN_LARGE_GAP', 'info'],
      ['CHAIN_NEGATIVE_DELAY', 'warning'],
    ]);
  });

  it('tls13-amavis-lmtp: Authentication-Results smtp.* pairs and the iprev address agree with the chain', () => {
    const r = analyzeMessage(load('tls13-amavis-lmtp.eml'));
    const ar = r.trace.authenticationResults[0]!;
    expect(ar.remoteIp).toBe('198.51.100.23');
    expect(ar.results).toEqual([
      ['iprev', 'pass'],
      ['spf', 'pass'],
      ['dkim', 'pass'],
    ]);
    expect(ar.smtp).toEqual([
      ['smtp.mailfrom', 'alice@example.org'],
      ['smtp.helo', 'mail.example.org'],
    ]);
    expect(r.trace.receivedSpf[0]).toMatchObject({ result: 'pass', clientIp: '198.51.100.23' });
    expect(r.issues.map((i) => i.code)).not.toContain('TRACE_IP_MISMATCH');
  });

  it('discontinuous: the SPF address no hop shows is a warning, the webmail address only info', () => {
    const r = analyzeMessage(load('discontinuous.eml'));
    const mismatches = r.issues.filter((i) => i.code === 'TRACE_IP_MISMATCH').map((i) => [i.severity, i.message.includes('192.0.2.150') ? 'spf' : 'xoip']);
    expect(mismatches).toEqual([
      ['warning', 'spf'],
      ['info', 'xoip'],
    ]);
  });
});
