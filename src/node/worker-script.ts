/**
 * Where the worker entry is: `worker.js` beside the bundle this code was built into (`dist/node.js`,
 * `dist/node.cjs`, `dist/cli.js`). From TypeScript sources (tests), or a bundle copied without it, there is no
 * script Node can start as a worker, and the scan works in the calling thread.
 * @module
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The worker entry's file name in the build's folder. */
const WORKER_FILE = 'worker.js';

/**
 * The worker entry beside `self` (a module's `file:` URL or path), or `null` when there is none: no `self`,
 * TypeScript source run through a loader, or no such file.
 */
function workerScriptBeside(self: string | undefined): URL | null {
  if (self === undefined || self === '' || self.endsWith('.ts')) return null;
  const script = new URL(WORKER_FILE, self.startsWith('file:') ? self : pathToFileURL(self).href);
  return existsSync(script) ? script : null;
}

/** The worker entry of this build (the CommonJS build has `import.meta.url` too: tsup's shim). */
export function defaultWorkerScript(): URL | null {
  return workerScriptBeside(import.meta.url);
}
