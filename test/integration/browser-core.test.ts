/**
 * The core entry runs in a browser: `received-forensics` (core only) bundled by esbuild for the browser platform,
 * with no Node built-in anywhere in the bundle, then run in headless Chromium on our sample messages and compared
 * (JSON-equal) with what Node computes from the same built package. The Chromium part skips cleanly when
 * /usr/bin/chromium is absent (.ci/run installs it).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Compute from '../browser/compute.mjs';
import { BUILD_TIMEOUT_MS, ensureBuilt, ROOT } from '../examples/built.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every Node built-in, with and without `node:` (tsup strips the prefix in its output, so both must be caught). */
const NODE_BUILTINS: ReadonlySet<string> = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const COMPUTE = join(ROOT, 'test', 'browser', 'compute.mjs');
const EML_DIR = join(ROOT, 'fixtures', 'eml');
const SAMPLES: readonly { name: string; raw: string }[] = readdirSync(EML_DIR)
  .filter((name) => name.endsWith('.eml'))
  .sort()
  .map((name) => ({ name, raw: readFileSync(join(EML_DIR, name), 'latin1') }));

const HEADER_SAMPLES: readonly string[] = [
  'from www1234.sakura.ne.jp (www1234.sakura.ne.jp. [2403:3a00:101:13:133:167:8:98]) by mx.google.com with ESMTPS id a1si123456pbc.12 for <someone@example.net> (version=TLSv1 cipher=RC4-SHA bits=128/128); Sat, 05 Jan 2013 10:20:30 -0800 (PST)',
  'from mail.example.org ([192.0.2.10]) by mx.example.net with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) id 1rXyZ0-000abc-2Q; Mon, 06 Jan 2025 09:15:02 +0000',
  'from EUR01-HE1-obe.outbound.protection.outlook.com (2a01:111:f400:fe1e::701) by AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:12::34) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7633.24; Tue, 4 Jun 2024 08:00:00 +0000',
  '',
  '((((((((((((((((((((',
];

let bundle = '';
let metafile: Metafile | undefined;

beforeAll(async () => {
  await ensureBuilt();
  const result = await build({
    entryPoints: [COMPUTE],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'receivedForensicsSample',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  metafile = result.metafile;
}, BUILD_TIMEOUT_MS);

describe('browser bundle of the core entry', () => {
  it('contains the core entry and its dependencies, nothing from the Node entry', () => {
    const inputs = Object.keys(metafile?.inputs ?? {}).map((path) => relative(ROOT, join(ROOT, path)));
    expect(inputs).toContain('dist/index.js');
    expect(inputs).toContain('test/browser/compute.mjs');
    expect(inputs.filter((path) => /^dist\/(?:node|cli)\./.test(path))).toEqual([]);
    expect(inputs.some((path) => path.includes('mailparser'))).toBe(false);
  });

  it('imports no Node built-in (with or without node:)', () => {
    const imported = Object.values(metafile?.inputs ?? {}).flatMap((input) => input.imports.map((i) => i.original ?? i.path));
    expect(imported.filter((path) => NODE_BUILTINS.has(path))).toEqual([]);
    expect(bundle).not.toMatch(/\brequire\(\s*["'](?:node:)?[a-z_]+["']\s*\)/);
    expect(bundle).not.toMatch(/["']node:[a-z_/]+["']/);
    expect(bundle).not.toMatch(/\b(?:process|Buffer|__dirname|__filename)\s*[.[(]/);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the core in headless Chromium', () => {
  let context: BrowserContext | undefined;
  let profile = '';

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'rf-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile !== '') rmSync(profile, { recursive: true, force: true });
  });

  it('gives the same JSON as Node for every sample message, header, grade and cipher', async () => {
    const page = await context!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><title>received-forensics</title>');
    await page.addScriptTag({ content: bundle });
    const messages = SAMPLES.map((s) => s.raw);
    const inBrowser: unknown = JSON.parse(
      await page.evaluate(
        ({ messages, headers }) =>
          (globalThis as unknown as { receivedForensicsSample: typeof Compute }).receivedForensicsSample.computeAll(messages, headers),
        { messages, headers: HEADER_SAMPLES },
      ),
    );
    const inNode: unknown = JSON.parse(((await import(pathToFileURL(COMPUTE).href)) as typeof Compute).computeAll(messages, HEADER_SAMPLES));
    expect(errors).toEqual([]);
    expect(SAMPLES.length).toBeGreaterThan(3);
    expect(inBrowser).toEqual(inNode);
    await page.close();
  });
});
