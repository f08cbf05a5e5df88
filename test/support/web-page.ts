// The analyzer page built from the current sources with esbuild (the same bundling as the tsup entry, without the
// declaration build), written under .bench-cache/web/ (ignored by git) for the Chromium tests to open from disk.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { browserStandIns } from '../../src/web/build-page.js';
import { analyzerPage } from '../../src/web/page.js';
import { REPO } from './report-inputs.js';

export const WEB_OUT = join(REPO, '.bench-cache', 'web');

async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [join(REPO, entry)], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, write: false, logLevel: 'silent', plugins: [browserStandIns(REPO)] });
  return result.outputFiles[0]?.text ?? '';
}

/** Build the page and write it; returns its path. */
export async function writeAnalyzerHtml(): Promise<string> {
  const [app, worker] = await Promise.all([bundle('src/web/app.ts'), bundle('src/web/worker.ts')]);
  mkdirSync(WEB_OUT, { recursive: true });
  const file = join(WEB_OUT, 'analyzer.html');
  writeFileSync(file, analyzerPage(app, worker));
  return file;
}
