/**
 * `"sideEffects": false` must be true of the built library: importing `received-forensics` or
 * `received-forensics/node` (ESM or CommonJS) in a fresh process starts nothing — no worker thread, no handle, no
 * listener on the process — and the process exits at once. Only the worker entry (dist/worker.js) and the CLI do
 * something when loaded, and neither is an import target.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, ensureBuilt, ROOT } from '../examples/built.js';

const run = promisify(execFile);

/** 10 s for a fresh Node to load an entry and exit; a started worker or server would hold it open for ever. */
const EXIT_WITHIN_MS = 10_000;

/** What the child prints: the process's resources and listeners before and after loading `entry`. */
function probe(entry: string, how: 'import' | 'require'): string {
  const load = how === 'import' ? `await import(${JSON.stringify(entry)})` : `createRequire(import.meta.url)(${JSON.stringify(entry)})`;
  return `
import { createRequire } from 'node:module';
import { threadId } from 'node:worker_threads';
const state = () => ({
  resources: process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').sort(),
  events: process.eventNames().map(String).sort(),
  listeners: process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0),
});
const before = state();
const mod = ${load};
await new Promise((resolve) => setImmediate(resolve));
console.log(JSON.stringify({ before, after: state(), exports: Object.keys(mod).length, threadId }));
`;
}

const ENTRIES = [
  ['dist/index.js', 'import'],
  ['dist/node.js', 'import'],
  ['dist/index.cjs', 'require'],
  ['dist/node.cjs', 'require'],
] as const;

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);

describe('nothing starts at import', () => {
  it('package.json says so', () => {
    expect((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { sideEffects?: unknown }).sideEffects).toBe(false);
  });

  it.each(ENTRIES)('%s (%s): no worker, no handle, no listener; the process exits at once', async (file, how) => {
    const started = Date.now();
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe(join(ROOT, file), how)], { timeout: EXIT_WITHIN_MS, cwd: ROOT });
    expect(Date.now() - started).toBeLessThan(EXIT_WITHIN_MS);
    const seen = JSON.parse(stdout) as { before: unknown; after: unknown; exports: number; threadId: number };
    expect(seen.exports).toBeGreaterThan(0);
    expect(seen.threadId).toBe(0);
    expect(seen.after).toEqual(seen.before);
  });

  it('the worker entry refuses to serve outside a worker started by a scan', async () => {
    const script = `import(${JSON.stringify(join(ROOT, 'dist/worker.js'))}).then(() => console.log('served'), (e) => console.log(e.message));`;
    const { stdout } = await run(process.execPath, ['-e', script], { timeout: EXIT_WITHIN_MS, cwd: ROOT });
    expect(stdout).toMatch(/not a scan plan/);
  });
});
