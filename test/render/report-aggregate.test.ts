// The report's aggregation: bounded details (the N weakest, ordered), months, versions, sending domains, and the
// summary shared with scan() and the CLI.
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { compareGrades } from '../../src/grade/order.js';
import { fromDomain, MAX_DETAIL_HOPS, ReportAggregator } from '../../src/render/html/aggregate.js';
import { messageFacts } from '../../src/summary/facts.js';
import { SummaryBuilder } from '../../src/summary/summary.js';
import { fixtureMessages } from '../support/report-inputs.js';
import type { Grade, VerdictGrade } from '../../src/types.js';

/** A synthetic one-hop message: Postfix-style TLS line or plaintext, dated as given. */
function message(opts: { tls: string | null; date: string; from?: string }): string {
  const tls = opts.tls === null ? '' : `\r\n\t(using ${opts.tls})`;
  return [
    `Received: from mail.sender.example (mail.sender.example [198.51.100.9])${tls}`,
    `\tby mx.example.net (Postfix) with ${opts.tls === null ? 'ESMTP' : 'ESMTPS'} id 4A1B2C; ${opts.date}`,
    `From: ${opts.from ?? 'a@sender.example'}`,
    'Subject: s',
    '',
    '',
  ].join('\r\n');
}

const TLS13 = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)';
const RC4 = 'TLSv1 with cipher RC4-SHA (128/128 bits)';

describe('ReportAggregator', () => {
  it('shares the summary with SummaryBuilder (same numbers as scan() and the CLI)', () => {
    const agg = new ReportAggregator();
    const builder = new SummaryBuilder();
    for (const m of fixtureMessages()) {
      agg.add(m);
      builder.add(messageFacts(m.report, 0));
    }
    expect(agg.result().summary).toEqual(builder.result());
  });

  it('keeps only the N weakest messages, weakest first, ties in arrival order', () => {
    const all = fixtureMessages();
    const agg = new ReportAggregator({ maxDetails: 3 });
    for (const m of all) agg.add(m);
    const kept = agg.result().weakest;
    expect(kept).toHaveLength(3);
    const graded = (v: VerdictGrade): Grade => (v === 'internal-only' ? 'A' : v);
    const expected = all
      .map((m, seq) => ({ m, seq, g: graded(m.report.verdict.grade) }))
      .filter((x) => x.m.report.verdict.grade !== 'internal-only')
      .sort((a, b) => compareGrades(a.g, b.g) || b.m.report.verdict.counts[b.g] - a.m.report.verdict.counts[a.g] || a.seq - b.seq)
      .slice(0, 3)
      .map((x) => x.m.source);
    expect(kept.map((k) => k.source)).toEqual(expected);
    expect(kept[0]?.report.verdict.grade).toBe('none');
  });

  it('stays bounded over many messages (heap keeps the weakest whatever the order)', () => {
    const agg = new ReportAggregator({ maxDetails: 5 });
    for (let i = 0; i < 300; i++) {
      const weak = i % 97 === 13; // s13, s110, s207: three weak ones scattered among strong ones
      agg.add({ source: `s${i}`, index: i, report: analyzeMessage(message({ tls: weak ? RC4 : TLS13, date: 'Mon, 3 Jun 2024 10:00:00 +0000' })) });
    }
    const r = agg.result();
    expect(r.weakest.map((w) => [w.source, w.report.verdict.grade])).toEqual([
      ['s13', 'F'],
      ['s110', 'F'],
      ['s207', 'F'],
      ['s0', 'A'],
      ['s1', 'A'],
    ]);
    expect(r.weakest.map((w) => w.seq)).toEqual([13, 110, 207, 0, 1]);
  });

  it('zero details is allowed; invalid counts throw', () => {
    const agg = new ReportAggregator({ maxDetails: 0 });
    agg.add(fixtureMessages()[0]!);
    expect(agg.result().weakest).toEqual([]);
    expect(() => new ReportAggregator({ maxDetails: -1 })).toThrow(TypeError);
    expect(() => new ReportAggregator({ maxDetails: 1.5 })).toThrow(TypeError);
    expect(() => new ReportAggregator({ maxDetails: 1e9 })).toThrow(TypeError);
  });

  it('counts verdicts and external hops per month, ascending', () => {
    const agg = new ReportAggregator();
    agg.add({ source: 'a', index: 0, report: analyzeMessage(message({ tls: RC4, date: 'Tue, 5 Mar 2024 10:00:00 +0000' })) });
    agg.add({ source: 'b', index: 0, report: analyzeMessage(message({ tls: TLS13, date: 'Fri, 5 Jan 2024 10:00:00 +0000' })) });
    agg.add({ source: 'c', index: 0, report: analyzeMessage(message({ tls: null, date: 'Sat, 6 Jan 2024 10:00:00 +0000' })) });
    const months = agg.result().months;
    expect(months.map((m) => m.month)).toEqual(['2024-01', '2024-03']);
    expect(months[0]?.verdicts).toMatchObject({ A: 1, none: 1 });
    expect(months[1]?.externalHops).toMatchObject({ F: 1 });
  });

  it('tallies protocol versions of external hops in a fixed order', () => {
    const agg = new ReportAggregator();
    for (const tls of [TLS13, RC4, RC4, null]) agg.add({ source: 'x', index: 0, report: analyzeMessage(message({ tls, date: 'Mon, 3 Jun 2024 10:00:00 +0000' })) });
    const v = agg.result().versions;
    expect(v.map((r) => [r.version, r.hops])).toEqual([
      ['TLSv1.3', 1],
      ['TLSv1.0', 2],
      ['plaintext', 1],
    ]);
    expect(v[1]?.grades.F).toBe(2);
  });

  it('ranks sending domains worst verdict first', () => {
    const agg = new ReportAggregator();
    const add = (from: string, tls: string | null): void => agg.add({ source: 'x', index: 0, report: analyzeMessage(message({ tls, from, date: 'Mon, 3 Jun 2024 10:00:00 +0000' })) });
    add('Good <a@good.example>', TLS13);
    add('b@good.example', TLS13);
    add('Shop <news@Shop.Example.>', null);
    add('c@rc4.example', RC4);
    const r = agg.result();
    expect(r.worstDomains.map((d) => [d.domain, d.worstVerdict, d.messages])).toEqual([
      ['shop.example', 'none', 1],
      ['rc4.example', 'F', 1],
      ['good.example', 'A', 2],
    ]);
    expect(r.domainCount).toBe(3);
  });

  it('keeps at most MAX_DETAIL_HOPS hops of a forged long chain (the newest)', () => {
    const lines: string[] = [];
    for (let i = 0; i < MAX_DETAIL_HOPS + 40; i++) lines.push(`Received: from h${i}.example (h${i}.example [198.51.100.${(i % 200) + 1}]) by h${i + 1}.example with SMTP; Mon, 3 Jun 2024 10:00:00 +0000`);
    const raw = `${lines.join('\r\n')}\r\nSubject: long\r\n\r\n`;
    const agg = new ReportAggregator();
    agg.add({ source: 'long', index: 0, report: analyzeMessage(raw) });
    const d = agg.result().weakest[0];
    expect(d?.report.hops).toHaveLength(MAX_DETAIL_HOPS);
    expect(d?.hopsOmitted).toBe(40);
    expect(d?.report.hops[0]?.index).toBe(0);
  });
});

describe('fromDomain', () => {
  it.each([
    ['bare address', 'alice@example.org', 'example.org'],
    ['display name', 'Alice <Alice@Example.ORG>', 'example.org'],
    ['quoted @ in the name', '"a@b" <c@real.example>', 'real.example'],
    ['trailing dot', 'x@example.net.', 'example.net'],
    ['no address', 'undisclosed-recipients:;', '(no address)'],
    ['empty domain', 'x@', '(no address)'],
    ['absent', null, '(no From)'],
  ])('%s', (_label, input, expected) => {
    expect(fromDomain(input)).toBe(expected);
  });

  it('cuts an endless domain at 254 characters', () => {
    expect(fromDomain(`a@${'x'.repeat(100_000)}`).length).toBeLessThanOrEqual(254);
  });
});
