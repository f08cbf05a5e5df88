#!/usr/bin/env node
// Build dist/ with tsup unless it is complete and newer than every input of the build (src/, package.json,
// tsup.config.ts). `npm ci` runs this as `prepare` (so a git URL install gets a built package), and `npm start`
// runs it again: the second call finds dist fresh and costs a few milliseconds instead of a second build.
// `--force` always builds. The same rule as test/examples/built.ts `staleReason()`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'node.js', 'node.cjs', 'node.d.ts', 'node.d.cts', 'cli.js'];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let mtime = info.mtimeMs;
  for (const entry of readdirSync(path)) mtime = Math.max(mtime, newest(join(path, entry)));
  return mtime;
}

function staleReason() {
  const missing = ENTRIES.filter((file) => !existsSync(join(ROOT, 'dist', file)));
  if (missing.length > 0) return `missing dist/${missing.join(', dist/')}`;
  const built = Math.min(...ENTRIES.map((file) => statSync(join(ROOT, 'dist', file)).mtimeMs));
  const inputs = Math.max(...['src', 'package.json', 'tsup.config.ts'].map((p) => newest(join(ROOT, p))));
  return inputs > built ? 'sources changed since the last build' : null;
}

const reason = process.argv.includes('--force') ? 'forced' : staleReason();
if (reason !== null) {
  const tsup = join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js');
  const result = spawnSync(process.execPath, [tsup, '--silent'], { cwd: ROOT, stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}
