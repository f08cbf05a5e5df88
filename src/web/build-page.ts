/**
 * The build step of the analyzer page (run by tsup after it bundled the page and worker scripts for the browser):
 * reads the two bundles, writes the one self-contained `dist/web/analyzer.html`, and removes the bundles (the page
 * is the only thing shipped). Node-only; used by tsup.config.ts, never bundled into the package.
 * @module
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { analyzerPage } from './page.js';

/**
 * Swaps Node-only modules of the shared code for their browser stand-ins in the page's bundles: the report's
 * encoded-word decoder loads libmime through `node:module`; the page decodes with `TextDecoder` instead.
 */
export function browserStandIns(root: string): Plugin {
  return {
    name: 'rcvd-browser-stand-ins',
    setup(build) {
      const original = join(root, 'src', 'render', 'mime-words.js');
      // Whatever the specifier (`../mime-words.js` from the HTML report, `./mime-words.js` from the other renderers).
      build.onResolve({ filter: /mime-words\.js$/ }, (args) => (join(args.resolveDir, args.path) === original ? { path: join(root, 'src', 'web', 'mime-words.ts') } : undefined));
    },
  };
}

/** The page's file name inside the build's `web/` folder. */
const ANALYZER_FILE = 'analyzer.html';

/** Assemble `web/analyzer.html` in `outDir` from `web/analyzer-app.js` and `web/analyzer-worker.js`. */
export function writeAnalyzerPage(outDir: string): void {
  const dir = join(outDir, 'web');
  const app = join(dir, 'analyzer-app.js');
  const worker = join(dir, 'analyzer-worker.js');
  writeFileSync(join(dir, ANALYZER_FILE), analyzerPage(readFileSync(app, 'utf8'), readFileSync(worker, 'utf8')));
  rmSync(app);
  rmSync(worker);
}
