import { defineConfig } from 'tsup';
import { browserStandIns, writeAnalyzerPage } from './src/web/build-page.js';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    // import.meta.url in the CommonJS build too: the lazy requires (libmime, picocolors) and the worker entry's place.
    shims: true,
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'node20',
  },
  {
    // The worker thread of scan() and rcvd --jobs, found beside node.js, node.cjs and cli.js: the one module that
    // does something when loaded, so the library entries have no side effects.
    entry: { worker: 'src/node/worker-entry.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    target: 'node20',
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    target: 'node20',
  },
  {
    // The offline analyzer page: both scripts bundled for the browser, then inlined into one HTML file.
    entry: { 'web/analyzer-app': 'src/web/app.ts', 'web/analyzer-worker': 'src/web/worker.ts' },
    format: ['iife'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    dts: false,
    sourcemap: false,
    outExtension: () => ({ js: '.js' }),
    esbuildPlugins: [browserStandIns(process.cwd())],
    onSuccess: async () => writeAnalyzerPage('dist'),
  },
]);
