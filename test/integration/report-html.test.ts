// The report's HTML, checked without a browser: a strict tag scan (only the tags and attributes we emit, links only
// to anchors that exist), the CSP hash of the one stylesheet, bounded details, and hostile headers that try to break
// out of text, attributes, <style>, <title> and SVG.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { DEFAULT_MAX_DETAILS, MAX_DETAIL_HOPS, REPORT_CSS, renderMessageReport, reportHtml } from '../../src/render/html/index.js';
import { corpusMessages, fixtureMessage, fixtureMessages, HAS_CORPUS, HOSTILE_STRINGS, hostileMessages } from '../support/report-inputs.js';

const TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'nav', 'section', 'footer', 'h1', 'h2', 'h3', 'h4', 'p', 'a', 'div', 'span', 'strong',
  'code', 'q', 'pre', 'br', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary',
  'svg', 'defs', 'pattern', 'marker', 'path', 'rect', 'circle', 'line', 'g', 'text', 'tspan',
]);
const ATTRS = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'id', 'class', 'href', 'download', 'title', 'scope', 'colspan', 'role', 'aria-label', 'aria-hidden', 'focusable',
  'viewbox', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'd', 'fill', 'stroke', 'transform', 'text-anchor', 'marker-end',
  'preserveaspectratio', 'patternunits', 'patterntransform', 'refx', 'refy', 'markerunits', 'markerwidth', 'markerheight', 'orient',
]);
const DECEPTIVE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

interface Tag {
  name: string;
  attrs: Map<string, string>;
}

/** Every tag in the page. Our text never contains a raw `<`, so each `<` starts a real tag (or a doctype/closer). */
function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let i = html.indexOf('<');
  while (i >= 0) {
    const end = html.indexOf('>', i);
    expect(end).toBeGreaterThan(i);
    const body = html.slice(i + 1, end);
    i = html.indexOf('<', end);
    if (body.startsWith('!DOCTYPE') || body.startsWith('/')) continue;
    const m = /^([a-z][a-z0-9-]*)/i.exec(body);
    expect(m, `tag at "${body.slice(0, 40)}"`).not.toBeNull();
    const name = m?.[1]?.toLowerCase() ?? '';
    const attrs = new Map<string, string>();
    let rest = body.slice(name.length).replace(/\/$/, '');
    for (;;) {
      rest = rest.trimStart();
      if (rest === '') break;
      const a = /^([a-z][a-z0-9-]*)="([^"]*)"/i.exec(rest);
      expect(a, `attribute syntax in <${name} … ${rest.slice(0, 40)}`).not.toBeNull();
      if (a === null) break;
      attrs.set((a[1] ?? '').toLowerCase(), a[2] ?? '');
      rest = rest.slice(a[0].length);
    }
    tags.push({ name, attrs });
  }
  return tags;
}

/** The checks every report page must pass. */
function checkPage(html: string): Tag[] {
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(html.split('<style>')).toHaveLength(2);
  expect(html.split('</style>')).toHaveLength(2);
  const css = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
  expect(css).toBe(REPORT_CSS);
  const tags = scanTags(html);
  const ids = new Set<string>();
  for (const t of tags) {
    expect(TAGS.has(t.name), `unexpected <${t.name}>`).toBe(true);
    for (const [k, v] of t.attrs) {
      expect(ATTRS.has(k), `unexpected attribute ${k} on <${t.name}>`).toBe(true);
      expect(v.toLowerCase()).not.toContain('javascript:');
      expect(v, `raw < or > in ${k} of <${t.name}>`).not.toMatch(/[<>]/);
      if (k === 'id') {
        expect(ids.has(v), `duplicate id ${v}`).toBe(false);
        ids.add(v);
      }
    }
  }
  const csp = tags.find((t) => t.attrs.get('http-equiv') === 'Content-Security-Policy')?.attrs.get('content')?.replace(/&#39;/g, "'");
  expect(csp).toBe(`default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_CSS, 'utf8').digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'`);
  // the policy comes before the stylesheet, so it governs it
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  for (const t of tags) {
    const href = t.attrs.get('href');
    if (href === undefined) continue;
    // the one link that is not an anchor: the weakest-messages CSV, a download of data in the page itself
    if (t.attrs.has('download')) {
      expect(href.startsWith('data:text/csv;charset=utf-8,'), `download ${href.slice(0, 40)}`).toBe(true);
      continue;
    }
    expect(href.startsWith('#'), `href ${href}`).toBe(true);
    expect(ids.has(href.slice(1)), `dangling link ${href}`).toBe(true);
  }
  for (const t of tags) {
    const fill = t.attrs.get('fill') ?? t.attrs.get('stroke') ?? t.attrs.get('marker-end');
    if (fill?.startsWith('url(') === true) expect(ids.has(fill.slice(5, -1)), `paint ${fill}`).toBe(true);
  }
  expect(html).not.toMatch(DECEPTIVE);
  return tags;
}

const count = (tags: Tag[], name: string, cls: string): number => tags.filter((t) => t.name === name && (t.attrs.get('class') ?? '').split(' ').includes(cls)).length;

describe('archive view of the bundled samples', () => {
  const messages = fixtureMessages();
  const html = reportHtml(messages);
  const tags = checkPage(html);

  it('has every part of the archive view', () => {
    for (const id of ['summary', 'over-time', 'chart-verdicts', 'chart-hops', 'versions', 'chart-versions', 'ciphers', 'relays', 'domains', 'weakest', 'details']) {
      expect(tags.some((t) => t.attrs.get('id') === id), id).toBe(true);
    }
    expect(count(tags, 'section', 'message')).toBe(messages.length);
    expect(count(tags, 'svg', 'hop-path')).toBe(messages.length);
  });

  it('prints the grade letter beside every colour in the legends and badges', () => {
    for (const g of ['A', 'B', 'C', 'F', 'none', '?']) expect(html).toContain(`">${g}</span>`);
  });

  it('names the weak cipher of the seed message and its relay', () => {
    expect(html).toContain('RC4-SHA');
    expect(html).toContain('TLS_RSA_WITH_RC4_128_SHA');
    expect(html).toContain('sakura.ne.jp');
  });

  it('is deterministic', () => {
    expect(reportHtml(fixtureMessages())).toBe(html);
  });
});

describe('message view', () => {
  it('a lone message gets the message view: verdict, path with one segment per hop, cards with reasons', () => {
    const m = fixtureMessage('seed-rc4-gmail.eml');
    const html = reportHtml([m]);
    const tags = checkPage(html);
    expect(tags.some((t) => t.attrs.get('id') === 'summary')).toBe(false);
    expect(count(tags, 'svg', 'hop-path')).toBe(1);
    const hopGroups = tags.filter((t) => t.name === 'g' && (t.attrs.get('class') ?? '').startsWith('hop'));
    expect(hopGroups).toHaveLength(m.report.hops.length);
    expect(tags.filter((t) => t.name === 'li' && (t.attrs.get('class') ?? '').startsWith('hop-card'))).toHaveLength(m.report.hops.length);
    // the RC4 reason of docs/grading.md is printed under the hop
    expect(html).toMatch(/RC4 is prohibited/);
    // oldest first: the sender appears before the final recipient server
    expect(html.indexOf('www1234.sakura.ne.jp')).toBeLessThan(html.indexOf('mx.google.com'));
  });

  it('draws internal hops dashed and unverifiable ones marked', () => {
    const html = renderMessageReport(fixtureMessage('trusted-relays.eml').report);
    const tags = checkPage(html);
    expect(count(tags, 'g', 'unverifiable')).toBeGreaterThan(0);
    expect(html).toContain('unverifiable (below the trust boundary)');
    const internal = renderMessageReport(fixtureMessage('tls13-amavis-lmtp.eml').report);
    expect(count(checkPage(internal), 'line', 'internal')).toBeGreaterThan(0);
  });

  it('a message without Received headers says so instead of drawing', () => {
    const html = renderMessageReport(analyzeMessage('Subject: no hops\r\n\r\nbody'));
    checkPage(html);
    expect(html).toContain('no Received header');
  });
});

describe('hostile headers', () => {
  const html = reportHtml(hostileMessages());
  const tags = checkPage(html);

  it('show as text, never as markup', () => {
    for (const s of HOSTILE_STRINGS) {
      if (/[<>"'&]/.test(s)) expect(html).not.toContain(s);
    }
    expect(html).not.toMatch(/<script|<img|<iframe|<svg onload/i);
    expect(tags.filter((t) => t.name === 'a').every((t) => t.attrs.get('href')?.startsWith('#') || t.attrs.get('href')?.startsWith('data:text/csv;'))).toBe(true);
    // the CSV download holds the hostile texts as data: percent-encoded, never markup
    const csv = tags.find((t) => t.attrs.has('download'))?.attrs.get('href') ?? '';
    expect(csv).not.toMatch(/[<>"']/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('make bidi overrides and controls visible', () => {
    expect(html).toContain('evil⟦U+202E⟧gnp.exe');
    expect(html).toContain('bell⟦U+0007⟧esc⟦U+001B⟧[31mred');
  });
});

describe.skipIf(!HAS_CORPUS)('SpamAssassin corpus (npm devDependency)', () => {
  it('renders 6,000 real messages into a bounded page', () => {
    const html = reportHtml(corpusMessages());
    const tags = checkPage(html);
    expect(count(tags, 'section', 'message')).toBe(DEFAULT_MAX_DETAILS);
    expect(html.length).toBeLessThan(20_000_000);
    expect(html).toMatch(/6,0\d\d/);
  });
});

describe('bounds', () => {
  it('a forged 1,000-hop chain renders at most MAX_DETAIL_HOPS hops and says how many were left out', () => {
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) lines.push(`Received: from h${i}.example ([198.51.100.${(i % 200) + 1}]) by h${i + 1}.example with ESMTP id ${'x'.repeat(3000)}; Mon, 3 Jun 2024 10:00:00 +0000`);
    const report = analyzeMessage(`${lines.join('\r\n')}\r\nSubject: ${'S'.repeat(100_000)}\r\n\r\n`);
    const html = renderMessageReport(report);
    const tags = checkPage(html);
    expect(tags.filter((t) => t.name === 'li' && (t.attrs.get('class') ?? '').startsWith('hop-card'))).toHaveLength(MAX_DETAIL_HOPS);
    expect(html).toContain(`${report.hops.length - MAX_DETAIL_HOPS} oldest not drawn`);
    // Cards are numbered in the whole chain, 1 = the first handover: the oldest drawn hop is not "1 of 60".
    const oldestDrawn = MAX_DETAIL_HOPS - 1;
    expect(html).toContain(`Hop ${(report.hops.length - oldestDrawn).toLocaleString('en-US')} <span class="muted">of ${report.hops.length.toLocaleString('en-US')}</span>`);
    expect(html.length).toBeLessThan(1_000_000);
  });
});

describe('for an analyst', () => {
  const raw = (subject: string, date: string, auth = ''): string =>
    `Received: from mail.example.org (mail.example.org [198.51.100.23]) by mx1.example.net (Postfix) with ESMTPS id 4A; ${date}\r\n${auth}From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.org>\r\nSubject: ${subject}\r\nDate: ${date}\r\n\r\n`;

  it('decodes subjects, shares one month axis with gaps, offers the weakest list as CSV, tables the auth results', () => {
    const a = analyzeMessage(raw('=?UTF-8?B?UmVjaG51bmcgZsO8ciBPa3RvYmVy?=', 'Mon, 6 Jan 2025 10:00:00 +0000', 'Authentication-Results: mx1.example.net; spf=pass smtp.mailfrom=example.org; dkim=fail header.d=example.org; dmarc=fail header.from=example.org\r\n'));
    const b = analyzeMessage(raw('Later', 'Tue, 4 Mar 2025 10:00:00 +0000'));
    const html = reportHtml(
      [
        { source: 'a.eml', index: 0, report: a },
        { source: 'b.eml', index: 0, report: b },
      ],
      { settings: { policy: 'bcp195', nested: false, maxHops: null, trusted: ['192.0.2.0/24'], internal: [], providers: null, shard: null } },
    );
    checkPage(html);
    expect(html).toContain('Rechnung für Oktober');
    expect(html).toContain('Jürgen');
    expect(html).not.toContain('=?UTF-8?B?');
    // January, the empty February and March, on both charts
    for (const id of ['chart-verdicts', 'chart-hops']) {
      const chart = html.slice(html.indexOf(`id="${id}"`));
      const svg = chart.slice(0, chart.indexOf('</svg>'));
      expect([...svg.matchAll(/>(2025-\d\d)</g)].map((m) => m[1])).toEqual(['2025-01', '2025-02', '2025-03']);
    }
    const href = /download="weakest-messages.csv" href="([^"]+)"/.exec(html)?.[1] ?? '';
    const csv = decodeURIComponent(href.replace(/&amp;/g, '&').slice('data:text/csv;charset=utf-8,'.length));
    expect(csv.startsWith('\uFEFFrank,verdict,delivered_utc,from,subject,message_id,source,index\r\n')).toBe(true);
    expect(csv).toContain('Rechnung für Oktober');
    expect(html).toMatch(/<th>SPF<\/th><th>DKIM<\/th><th>DMARC<\/th><th>ARC<\/th>/);
    expect(html).toContain('<td class="auth-some">fail</td>');
    expect(html).toContain('Settings: policy bcp195 · trusted 192.0.2.0/24');
    expect(html).toContain('hop 1 is the first handover');
  });
});

describe('by receiving server', () => {
  it('groups external hops by the server that received them, worst first, with their versions', () => {
    const msg = (by: string, tls: string): string =>
      `Received: from out.example.org (out.example.org [198.51.100.9]) (using ${tls}) by ${by} (Postfix) with ESMTPS id 1; Mon, 6 Jan 2025 10:00:00 +0000\r\nSubject: s\r\n\r\n`;
    const html = reportHtml([
      { source: 'a', index: 0, report: analyzeMessage(msg('MX1.example.net.', 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)')) },
      { source: 'b', index: 0, report: analyzeMessage(msg('mx2.example.net', 'TLSv1 with cipher RC4-SHA (128/128 bits)')) },
      { source: 'c', index: 0, report: analyzeMessage(msg('mx1.example.net', 'TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)')) },
    ]);
    checkPage(html);
    const section = html.slice(html.indexOf('id="receivers"'), html.indexOf('id="weakest"'));
    const servers = [...section.matchAll(/<td class="wrap">([a-z0-9.]+)<\/td><td class="num">(\d+)<\/td>/g)].map((m) => [m[1], m[2]]);
    // mx2 took RC4 once: first; mx1, written twice (once with a capital and a final dot), is one server of 2 hops
    expect(servers).toEqual([['mx2.example.net', '1'], ['mx1.example.net', '2']]);
    expect(section).toContain('TLSv1.3 1 · TLSv1.2 1');
  });
});

describe('one numbering on the page', () => {
  it('the path drawing, its tooltips, the cards and the verdict all count from the first handover', () => {
    const html = renderMessageReport(fixtureMessage('seed-rc4-gmail.eml').report);
    // the RC4 hop is the third handover of four (header index 1)
    expect(html).toContain('hop 3 · with ESMTPS');
    expect(html).toContain('Hop 3 of 4: www1234.sakura.ne.jp');
    expect(html).toMatch(/set by <a href="#m1-h3">hop 3<\/a>/);
    expect(html).not.toContain('hop 0 ·');
  });
});
