/**
 * The built package, for the tests that check what users get (examples, API report, package checks, browser bundle).
 * `ensureBuilt()` runs `npm run build` when dist/ is missing or older than the sources, once per vitest run, under a
 * lock so parallel test files never build over each other.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root (this file is test/examples/built.ts). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The files the exports map and `bin` point at; a build that lacks one is not a build. */
const DIST_ENTRIES = [
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
  'dist/node.js',
  'dist/node.cjs',
  'dist/node.d.ts',
  'dist/node.d.cts',
  'dist/cli.js',
  'dist/worker.js',
] as const;

/** 10 minutes: a cold tsup build with declarations takes about 30 s; a lock older than this belongs to a dead run. */
const STALE_LOCK_MS = 10 * 60 * 1000;
/** 1 hour: per-run markers older than this are leftovers (a reused pid must not skip a needed build). */
const STALE_MARKER_MS = 60 * 60 * 1000;

const CACHE = join(ROOT, 'node_modules', '.cache', 'received-forensics-build');
const LOCK = join(CACHE, 'lock');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ must be rebuilt, or `null` when it is complete and newer than every input of the build. */
function staleReason(): string | null {
  const missing = DIST_ENTRIES.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const built = Math.min(...DIST_ENTRIES.map((file) => statSync(join(ROOT, file)).mtimeMs));
  const inputs = ['src', 'package.json', 'tsup.config.ts'].map((p) => newestMtime(join(ROOT, p)));
  return Math.max(...inputs) > built ? 'sources changed since the last build' : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withLock(work: () => Promise<void>): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = existsSync(LOCK) ? Date.now() - statSync(LOCK).mtimeMs : 0;
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function clearOldMarkers(): void {
  for (const entry of readdirSync(CACHE)) {
    const path = join(CACHE, entry);
    if (entry.startsWith('run-') && Date.now() - statSync(path).mtimeMs > STALE_MARKER_MS) rmSync(path, { force: true });
  }
}

/**
 * Make sure dist/ holds a build of the current sources. Vitest runs each test file in a child of one runner process,
 * so the runner's pid names the run: the first file builds (or finds dist fresh), the others trust that answer and
 * never rebuild under a file that is reading dist.
 */
export async function ensureBuilt(): Promise<void> {
  const marker = join(CACHE, `run-${String(process.ppid)}`);
  if (existsSync(marker)) return;
  await withLock(async () => {
    if (existsSync(marker)) return;
    clearOldMarkers();
    const reason = staleReason();
    if (reason !== null) {
      try {
        await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
        throw new Error(`npm run build failed (${reason}):\n${stdout}\n${stderr}`, { cause: error });
      }
    }
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, reason ?? 'fresh');
  });
}

/** A generous hook timeout for `beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)`: a cold build with declarations. */
export const BUILD_TIMEOUT_MS = 5 * 60 * 1000;

/** Run a command in the repository and return its output; a non-zero exit rejects with both streams. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}
