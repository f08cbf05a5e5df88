// The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright-core): it opens from disk
// without console errors, its stylesheet passes its own CSP, no request leaves the page, hostile headers run no code,
// and the expected parts are there. Screenshots go to .bench-cache/screenshots/ (ignored by git) for a person to
// look at; with RCVD_UPDATE_SCREENSHOTS=1 the README screenshots in fixtures/screenshots/ are rewritten too.
// Skipped when /usr/bin/chromium is absent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DETAILS, reportHtml } from '../../src/render/html/index.js';
import { HAS_CHROMIUM, ReportBrowser, type OpenedReport } from '../support/chromium.js';
import { corpusMessages, fixtureMessage, fixtureMessages, HAS_CORPUS, hostileMessages, REPO } from '../support/report-inputs.js';

const OUT = join(REPO, '.bench-cache', 'screenshots');
const README_SHOTS = join(REPO, 'fixtures', 'screenshots');
const UPDATE_README = process.env.RCVD_UPDATE_SCREENSHOTS === '1';

function save(name: string, html: string): string {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, html);
  return file;
}

function clean(opened: OpenedReport): void {
  expect(opened.errors).toEqual([]);
  expect(opened.foreignRequests).toEqual([]);
}

describe.skipIf(!HAS_CHROMIUM)('report in headless Chromium', () => {
  let browser: ReportBrowser;
  beforeAll(async () => {
    browser = await ReportBrowser.launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('archive view of the bundled samples: parts present, styled under its CSP, links work', async () => {
    const messages = fixtureMessages();
    const opened = await browser.open(save('archive-fixtures', reportHtml(messages)), { width: 1000, height: 1500 });
    clean(opened);
    const { page } = opened;
    for (const sel of ['#summary', '#chart-verdicts', '#chart-hops', '#chart-versions', '#ciphers', '#relays', '#domains', '#weakest']) {
      expect(await page.locator(sel).count(), sel).toBe(1);
    }
    expect(await page.locator('#chart-verdicts rect').count()).toBeGreaterThan(3);
    expect(await page.locator('section.message').count()).toBe(messages.length);
    expect(await page.locator('svg.hop-path g.hop').count()).toBe(messages.reduce((s, m) => s + m.report.hops.length, 0));
    // the hashed stylesheet applied: the F badge has its Okabe–Ito vermillion, the charts have a laid-out size
    expect(await page.evaluate("getComputedStyle(document.querySelector('.g-F')).backgroundColor")).toBe('rgb(213, 94, 0)');
    const box = await page.locator('#chart-verdicts').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    // anchors within the file
    await page.locator('#weakest a[href="#m1"]').first().click();
    expect(await page.evaluate('location.hash')).toBe('#m1');
    expect(await page.locator('#m1 svg.hop-path').isVisible()).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(OUT, 'archive-fixtures.png') });
    if (UPDATE_README) await page.screenshot({ path: join(README_SHOTS, 'archive.png') });
    // printable: in print media the table of contents is hidden and each detail starts a page
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.evaluate("getComputedStyle(document.querySelector('section.message')).breakBefore")).toBe('page');
    await page.close();
  });

  it('message view of one message: the hop path, oldest first, with a card per hop', async () => {
    const m = fixtureMessage('seed-rc4-gmail.eml');
    const opened = await browser.open(save('message-seed', reportHtml([m])), { width: 1000, height: 1100 });
    clean(opened);
    const { page } = opened;
    expect(await page.locator('svg.hop-path').count()).toBe(1);
    expect(await page.locator('svg.hop-path g.hop').count()).toBe(m.report.hops.length);
    expect(await page.locator('li.hop-card').count()).toBe(m.report.hops.length);
    // every hop segment carries its reasons as a hover title
    const titles = await page.locator('svg.hop-path g.hop > title').allTextContents();
    expect(titles.some((t) => t.includes('E-RC4'))).toBe(true);
    // the first node is the sender, the last the final server: drawn top to bottom
    const hosts = await page.locator('svg.hop-path text.host').allTextContents();
    expect(hosts[hosts.length - 1]).toContain('2002:a05:6a10:8f0c');
    await page.screenshot({ path: join(OUT, 'message-seed.png') });
    if (UPDATE_README) await page.screenshot({ path: join(README_SHOTS, 'message.png') });
    await page.close();
  });

  it('hostile headers: no script runs, no element is injected, no request is made', async () => {
    const opened = await browser.open(save('hostile', reportHtml(hostileMessages())));
    clean(opened);
    const { page } = opened;
    expect(await page.locator('script, img, iframe, object, embed, link, base, form').count()).toBe(0);
    const handlers = await page.evaluate("[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on') || n === 'style' || n === 'src')");
    expect(handlers).toEqual([]);
    expect(await page.locator('body').innerText()).toContain('<script>alert(1)</script>');
    await page.screenshot({ path: join(OUT, 'hostile.png') });
    await page.close();
  });

  it('the harness catches what it should: an outside request and a style the CSP refuses', async () => {
    const leaky = save('control-leak', '<!DOCTYPE html><title>x</title><img src="http://tracker.invalid/pixel.png">');
    const opened = await browser.open(leaky);
    expect(opened.foreignRequests).toEqual(['http://tracker.invalid/pixel.png']);
    await opened.page.close();
    // a stylesheet that is not ours (as an injection would be) is blocked by the policy and reported
    const html = reportHtml([fixtureMessage('seed-rc4-gmail.eml')]).replace('</head>', '<style>body{background:rgb(255,0,0)}</style></head>');
    const blocked = await browser.open(save('control-csp', html));
    expect(blocked.errors.join('\n')).toMatch(/Content Security Policy/);
    expect(await blocked.page.evaluate('getComputedStyle(document.body).backgroundColor')).not.toBe('rgb(255, 0, 0)');
    await blocked.page.close();
  });

  it.skipIf(!HAS_CORPUS)('archive view of the SpamAssassin corpus (6,000 real messages)', async () => {
    const opened = await browser.open(save('archive-corpus', reportHtml(corpusMessages())), { width: 1000, height: 1600 });
    clean(opened);
    const { page } = opened;
    expect(await page.locator('section.message').count()).toBe(DEFAULT_MAX_DETAILS);
    expect(await page.locator('#weakest tbody tr').count()).toBe(DEFAULT_MAX_DETAILS);
    expect(await page.locator('#chart-verdicts rect').count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(OUT, 'archive-corpus.png') });
    await page.close();
  }, 120_000);
});
