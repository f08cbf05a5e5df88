// Opens report files in the system's headless Chromium (Debian package `chromium`) through playwright-core, with
// every request routed: anything but the file itself is recorded and aborted. Used by report-browser.test.ts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What happened while a report was open. */
export interface OpenedReport {
  readonly page: Page;
  /** Console messages of type error, page errors, and CSP violations reported on the console. */
  readonly errors: string[];
  /** Every request that was not the report file itself (each one was aborted). */
  readonly foreignRequests: string[];
}

/** A browser with a fresh profile; `close()` removes the profile. */
export class ReportBrowser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  static async launch(): Promise<ReportBrowser> {
    const profile = mkdtempSync(join(tmpdir(), 'rcvd-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1000, height: 800 }, offline: true });
    return new ReportBrowser(context, profile);
  }

  /** Open `file` in a new tab and wait until it has rendered. */
  async open(file: string, viewport = { width: 1000, height: 800 }): Promise<OpenedReport> {
    const url = pathToFileURL(file).href;
    const page = await this.context.newPage();
    await page.setViewportSize(viewport);
    const errors: string[] = [];
    const foreignRequests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route('**/*', async (route) => {
      const u = route.request().url();
      if (u === url || u.startsWith(`${url}#`)) return route.continue();
      foreignRequests.push(u);
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, foreignRequests };
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
