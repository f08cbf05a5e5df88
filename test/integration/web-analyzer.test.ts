// The offline analyzer page in headless Chromium (Debian's `chromium` through playwright-core), opened from disk as
// a user would: paste the seed message, choose and drop files, hostile headers, settings in the fragment,
// downloads, keyboard reach, a large mbox in the worker with progress and cancel, a 360 px screen. Every request
// that is not the page itself is recorded and aborted; console errors, page errors and dialogs are recorded.
// With RCVD_UPDATE_SCREENSHOTS=1 the README screenshot fixtures/screenshots/analyzer.png is rewritten.
// Skipped when /usr/bin/chromium is absent.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, ReportBrowser, type OpenedReport } from '../support/chromium.js';
import { EML_DIR, HOSTILE_STRINGS, hostileMessage, REPO } from '../support/report-inputs.js';
import { WEB_OUT, writeAnalyzerHtml } from '../support/web-page.js';

const SEED = readFileSync(join(EML_DIR, 'seed-rc4-gmail.eml'), 'latin1');
const MBOX = join(REPO, 'fixtures', 'mbox', 'mboxrd-three.mbox');
const README_SHOTS = join(REPO, 'fixtures', 'screenshots');
const UPDATE_README = process.env.RCVD_UPDATE_SCREENSHOTS === '1';
/** 20 MB of mbox for the worker test: enough that analysing it on the page's thread would freeze the page. */
const LARGE_MBOX_BYTES = 20 * 1024 * 1024;
/** 3 s: far above the page's own work (about 0.1 s), far below analysing 20 MB on the page's thread. */
const MAX_MAIN_THREAD_TASK_MS = 3000;
/** Generous: analysing 20 MB takes seconds on a shared core; this only stops a hung test. */
const LARGE_TIMEOUT_MS = 180_000;

function clean(opened: OpenedReport): void {
  expect(opened.errors).toEqual([]);
  expect(opened.foreignRequests).toEqual([]);
}

async function pasteAndAnalyze(page: Page, text: string): Promise<void> {
  await page.fill('#paste', text);
  await page.click('#analyze');
  await page.waitForSelector('#results:not([hidden]) #detail section.message');
}

/** Drop files on the drop zone through a real DataTransfer (the page's own drop handler reads them). */
async function dropFiles(page: Page, files: readonly { name: string; text: string }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name));
    return dt;
  }, files);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
}

describe.skipIf(!HAS_CHROMIUM)('the analyzer page in headless Chromium', () => {
  let browser: ReportBrowser;
  let file = '';
  beforeAll(async () => {
    file = await writeAnalyzerHtml();
    browser = await ReportBrowser.launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('paste the seed message: verdict F, with E-RC4 and P-TLS10, the hop path, timeline and trace', async () => {
    const opened = await browser.open(file, { width: 1000, height: 1400 });
    const { page } = opened;
    await pasteAndAnalyze(page, SEED);
    const detail = page.locator('#detail');
    expect(await detail.locator('section.message h3 .g').first().textContent()).toBe('F');
    const text = await detail.innerText();
    expect(text).toContain('E-RC4');
    expect(text).toContain('P-TLS10');
    expect(text).toContain('Timeline');
    expect(text).toContain('Trace evidence');
    expect(await detail.locator('svg.hop-path g.hop').count()).toBeGreaterThan(0);
    // a lone message: no archive summary, no list
    expect(await page.locator('#list-box').isHidden()).toBe(true);
    expect(await page.locator('#status').textContent()).toContain('1 message analysed');
    // the page's own stylesheet passed its CSP: the F badge has its colour
    expect(await page.evaluate("getComputedStyle(document.querySelector('#detail .g-F')).backgroundColor")).toBe('rgb(213, 94, 0)');
    await page.screenshot({ path: join(WEB_OUT, 'analyzer-seed.png'), fullPage: false });
    if (UPDATE_README) await page.screenshot({ path: join(README_SHOTS, 'analyzer.png') });
    // on paper: the result without the form, the settings or the buttons
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#input', '#settings-box', '.actions']) expect(await page.locator(sel).isVisible(), sel).toBe(false);
    expect(await page.locator('#detail svg.hop-path').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    clean(opened);
    await page.close();
  });

  it('choose an mbox and a message: the list to pick from, the archive summary, picking shows that message', async () => {
    const opened = await browser.open(file, { width: 1000, height: 1200 });
    const { page } = opened;
    await page.setInputFiles('#files', [MBOX, join(EML_DIR, 'seed-rc4-gmail.eml')]);
    await page.waitForSelector('#list-box:not([hidden]) button.pick');
    expect(await page.locator('#list button.pick').count()).toBe(4);
    expect(await page.locator('#archive #summary').count()).toBe(1);
    expect(await page.locator('#archive').innerText()).toContain('4 messages in 2 files');
    // the weakest message is shown first (the seed, F)
    expect(await page.locator('#detail section.message h3 .g').first().textContent()).toBe('F');
    await page.locator('#list button.pick').first().click();
    await page.waitForSelector('#list tr.selected button.pick[data-id="0"]');
    expect(await page.locator('#detail').innerText()).toContain('Quarterly report');
    // the verdict filter narrows the list
    await page.selectOption('#grade-filter', 'F');
    await page.waitForFunction(() => document.querySelectorAll('#list button.pick').length === 1);
    await page.selectOption('#grade-filter', 'all');
    await page.waitForFunction(() => document.querySelectorAll('#list button.pick').length === 4);
    await page.locator('#list-box').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(WEB_OUT, 'analyzer-archive.png') });
    if (UPDATE_README) await page.screenshot({ path: join(README_SHOTS, 'analyzer-archive.png') });
    clean(opened);
    await page.close();
  });

  it('drop several files on the page: the same list, read by the drop handler', async () => {
    const opened = await browser.open(file);
    const { page } = opened;
    await dropFiles(page, [
      { name: 'three.mbox', text: readFileSync(MBOX, 'latin1') },
      { name: 'seed.eml', text: SEED },
    ]);
    await page.waitForSelector('#list-box:not([hidden]) button.pick');
    expect(await page.locator('#list button.pick').count()).toBe(4);
    expect(await page.locator('#status').textContent()).toContain('4 messages analysed from 2 files');
    clean(opened);
    await page.close();
  });

  it('hostile headers, pasted and dropped: no script runs, nothing injected, no request, no console error', async () => {
    const opened = await browser.open(file);
    const { page } = opened;
    await pasteAndAnalyze(page, hostileMessage(HOSTILE_STRINGS.join(' '), 1));
    const mbox = HOSTILE_STRINGS.map((p, i) => `From x@example.org Mon Jun  3 10:00:00 2024\n${hostileMessage(p, i).replaceAll('\r\n', '\n')}`).join('\n');
    await dropFiles(page, [{ name: '<img src=x onerror=alert(7)>.mbox', text: mbox }]);
    await page.waitForSelector('#list-box:not([hidden]) button.pick');
    expect(await page.locator('#list button.pick').count()).toBe(HOSTILE_STRINGS.length);
    for (let i = 0; i < HOSTILE_STRINGS.length; i++) {
      await page.locator(`#list button.pick[data-id="${i}"]`).click();
      await page.waitForSelector(`#list tr.selected button.pick[data-id="${i}"]`);
    }
    // only the page's own script; no element a payload could have made; no handler or style attribute
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('#results').locator('script, img, iframe, object, embed, link, base, form, style').count()).toBe(0);
    const attributes = await page.evaluate("[...document.querySelectorAll('#results *')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on') || n === 'style' || n === 'src')");
    expect(attributes).toEqual([]);
    expect(await page.locator('#results').innerText()).toContain('<script>alert(1)</script>');
    // bidi overrides and terminal escapes are shown as markers, never applied
    expect(await page.locator('#results').innerText()).toContain('U+202E');
    clean(opened);
    await page.close();
  });

  it('settings live in the fragment: read on load, written on change, used by the analysis', async () => {
    const opened = await browser.open(file);
    const { page } = opened;
    await page.goto(`${page.url()}#policy=bcp195&trusted=192.0.2.0%2F24`);
    await page.reload();
    expect(await page.inputValue('#policy')).toBe('bcp195');
    expect(await page.inputValue('#trusted')).toBe('192.0.2.0/24');
    await page.click('#settings-box summary');
    await page.fill('#internal', '.example.net');
    await page.click('#apply');
    expect(await page.evaluate('location.hash')).toBe('#policy=bcp195&trusted=192.0.2.0%2F24&internal=.example.net');
    // a wrong entry is a problem shown beside the form, never a throw
    await page.fill('#trusted', '10.0.0.0/99');
    await page.click('#apply');
    await page.fill('#paste', SEED);
    await page.click('#analyze');
    await page.waitForSelector('#settings-problem:not(:empty)');
    expect(await page.locator('#settings-problem').textContent()).toContain('not a CIDR block');
    expect(await page.locator('#settings-problem').isVisible()).toBe(true);
    clean(opened);
    await page.close();
  });

  it('downloads the JSON (the CLI schema) and the HTML report', async () => {
    const opened = await browser.open(file);
    const { page } = opened;
    await page.setInputFiles('#files', [MBOX]);
    await page.waitForSelector('#list-box:not([hidden]) button.pick');
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#dl-json')]);
    expect(json.suggestedFilename()).toBe('rcvd.json');
    const doc = JSON.parse(readFileSync((await json.path()) ?? '', 'utf8')) as { schemaVersion: number; settings: unknown; messages: { source: string; index: number; report: { hops: unknown[] } }[]; summary: { messages: number } };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.settings).toMatchObject({ policy: 'practical', trusted: [], internal: [], providers: null });
    expect(doc.messages.map((m) => m.index)).toEqual([0, 1, 2]);
    expect(doc.summary.messages).toBe(3);
    const [html] = await Promise.all([page.waitForEvent('download'), page.click('#dl-html')]);
    const report = readFileSync((await html.path()) ?? '', 'utf8');
    expect(report).toContain('Content-Security-Policy');
    expect(report).toContain('<section id="summary">');
    clean(opened);
    await page.close();
  });

  it('keyboard only: Tab reaches every control, Enter on a list entry shows it', async () => {
    const opened = await browser.open(file, { width: 1000, height: 900 });
    const { page } = opened;
    await page.setInputFiles('#files', [MBOX]);
    await page.waitForSelector('#list-box:not([hidden]) button.pick');
    await page.click('#settings-box summary');
    await page.evaluate('document.activeElement.blur(); window.scrollTo(0, 0)');
    const reached = new Set<string>();
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate("(() => { const e = document.activeElement; return e === null ? '' : e.id !== '' ? '#' + e.id : e.tagName.toLowerCase() + (e.className === '' ? '' : '.' + e.className); })()"));
    }
    for (const id of ['#paste', '#analyze', '#clear', '#files', '#policy', '#trusted', '#internal', '#providers', '#apply', '#dl-json', '#dl-html', '#grade-filter']) expect(reached, id).toContain(id);
    expect(reached).toContain('a.skip');
    expect(reached).toContain('button.pick');
    expect(reached).toContain('summary');
    // every control has a name a screen reader can say: a label, its own text, or an aria-label
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('input, select, textarea, button, summary'))
        .filter((e) => !((e as HTMLInputElement).labels?.length ?? 0) && (e.textContent ?? '').trim() === '' && !e.hasAttribute('aria-label'))
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    // Enter on the second list entry shows that message and moves focus to it
    await page.locator('#list button.pick[data-id="1"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#list tr.selected button.pick[data-id="1"]');
    expect(await page.evaluate('document.activeElement.id')).toBe('detail');
    clean(opened);
    await page.close();
  });

  it('360 px wide: no sideways scrolling of the page', async () => {
    const opened = await browser.open(file, { width: 360, height: 800 });
    const { page } = opened;
    await pasteAndAnalyze(page, SEED);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(WEB_OUT, 'analyzer-360.png'), fullPage: true });
    clean(opened);
    await page.close();
  });

  it('a 20 MB mbox: the worker reports progress, the page answers meanwhile, cancel stops it, a rerun finishes', async () => {
    const opened = await browser.open(file);
    const { page } = opened;
    const one = `From a@example.org Mon Jan  6 09:15:00 2025\n${SEED.replaceAll('\r\n', '\n')}\n`;
    const copies = Math.ceil(LARGE_MBOX_BYTES / one.length);
    const big = join(WEB_OUT, 'large.mbox');
    writeFileSync(big, one.repeat(copies));
    await page.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.setInputFiles('#files', [big]);
    await page.waitForSelector('#work:not([hidden])');
    // the page's thread is free while the worker reads: a script runs and the cancel button takes the click
    expect(await page.evaluate('1 + 1')).toBe(2);
    await page.click('#cancel');
    expect(await page.locator('#status').textContent()).toBe('Cancelled.');
    expect(await page.locator('#work').isHidden()).toBe(true);
    await page.setInputFiles('#files', []);
    await page.setInputFiles('#files', [big]);
    await page.waitForFunction(() => (document.querySelector<HTMLProgressElement>('#progress')?.value ?? 0) > 0, undefined, { timeout: LARGE_TIMEOUT_MS });
    await page.waitForSelector('#list-box:not([hidden]) button.pick', { timeout: LARGE_TIMEOUT_MS });
    expect(await page.locator('#status').textContent()).toContain(`${copies} messages analysed`);
    // the list is paged: every message is a page away
    expect(await page.locator('#list button.pick').count()).toBe(200);
    await page.click('#list button.page');
    await page.waitForSelector('#list button.pick[data-id="200"]');
    expect(await page.locator('#list').innerText()).toMatch(/Rows 201–400 of [\d,]+/);
    const longest = (await page.evaluate('window.longest')) as number;
    // Logged (about 0.1 s here); asserted only far above it: analysing 20 MB on the page's thread would block it for
    // many seconds, while long-task durations on two shared cores vary with the neighbours' load.
    console.log(`analyzer: 20 MB mbox, ${copies} messages; longest main-thread task ${Math.round(longest)} ms`);
    expect(longest).toBeLessThan(MAX_MAIN_THREAD_TASK_MS);
    clean(opened);
    await page.close();
  }, LARGE_TIMEOUT_MS + 30_000);
});
