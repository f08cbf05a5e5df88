/**
 * What `npm publish` would ship, checked on the real tarball of the built package: publint and attw clean, only
 * dist/, schema/, docs/, the README screenshots, README, CHANGELOG, LICENSE and package.json inside, every runtime
 * dependency used by dist and every package dist imports declared as a runtime dependency.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, ensureBuilt, ROOT, run } from '../examples/built.js';

interface PackedFile {
  readonly path: string;
  readonly mode: number;
}

interface PackageJson {
  readonly name: string;
  readonly bin: Record<string, string>;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

let scratch = '';
let tarball = '';
let files: readonly PackedFile[] = [];

beforeAll(async () => {
  await ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'rf-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch]);
  const [packed] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
  if (packed === undefined) throw new Error(`npm pack printed no package:\n${stdout}`);
  tarball = join(scratch, packed.filename);
  files = packed.files;
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

/**
 * Package names (`date-fns/foo` → `date-fns`) that the built files import or require, read by esbuild's parser (not a
 * regex: the bundles contain strings such as `from "` that are not imports).
 */
async function importedPackages(entries: readonly string[]): Promise<Set<string>> {
  const result = await build({
    entryPoints: entries.map((path, i) => ({ in: join(ROOT, path), out: `entry-${String(i)}` })),
    bundle: true,
    platform: 'node',
    packages: 'external',
    write: false,
    metafile: true,
    outdir: join(scratch, 'deps'),
    logLevel: 'silent',
  });
  const out = new Set<string>();
  // A package loaded on first use (`createRequire(import.meta.url)('libmime')`, to spare a start-up that never needs
  // it) is as much a runtime dependency as an import.
  const LAZY = 'createRequire(import.meta.url)("';
  for (const path of entries) {
    const text = readFileSync(join(ROOT, path), 'utf8');
    for (let at = text.indexOf(LAZY); at >= 0; at = text.indexOf(LAZY, at + 1)) {
      const start = at + LAZY.length;
      const name = text.slice(start, text.indexOf('"', start));
      if (!name.startsWith('node:') && !BUILTINS.has(name)) out.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name));
    }
  }
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      const specifier = imported.original ?? imported.path;
      if (imported.external !== true || specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '')) continue;
      const parts = specifier.split('/');
      out.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
    }
  }
  return out;
}

describe('the published tarball', () => {
  it('holds only dist/, schema/, docs/, the README screenshots, README.md, CHANGELOG.md, LICENSE and package.json', () => {
    const shipped = /^(?:dist\/|schema\/[^/]+\.schema\.json$|docs\/[^/]+$|fixtures\/screenshots\/[^/]+\.png$|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/;
    const stray = files.map((f) => f.path).filter((path) => !shipped.test(path));
    expect(stray).toEqual([]);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'package.json', 'dist/index.js', 'dist/node.cjs', 'dist/cli.js']));
    // README.md is the maintainers' file; once it is in the checkout it must be in the package.
    if (readdirSync(ROOT).includes('README.md')) expect(paths).toContain('README.md');
  });

  it('ships the bin executable, with a node shebang', () => {
    for (const bin of Object.values(pkg.bin)) {
      const path = bin.replace(/^\.\//, '');
      const entry = files.find((f) => f.path === path);
      expect(entry, path).toBeDefined();
      expect((entry?.mode ?? 0) & 0o111, `${path} is executable`).not.toBe(0);
      expect(readFileSync(join(ROOT, path), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    }
  });

  it('is publint-clean (suggestions included, warnings as errors)', async () => {
    const bytes = readFileSync(tarball);
    const { messages, pkg: linted } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, linted, { color: false }) ?? m.code}`)).toEqual([]);
  });

  it('has right types for every entry under node10, node16 (CJS and ESM) and bundler (attw)', async () => {
    const attw = join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    const result = await run(process.execPath, [attw, tarball, '--format', 'json']).catch((error: unknown) => ({
      stdout: JSON.stringify({ problems: [String(error)] }),
      stderr: '',
    }));
    const report = JSON.parse(result.stdout) as { problems?: unknown; analysis?: { problems: unknown; entrypoints: Record<string, unknown> } };
    expect(report.analysis?.problems ?? report.problems).toEqual([]);
    expect(Object.keys(report.analysis?.entrypoints ?? {}).sort()).toEqual(['.', './node', './package.json', './schema/*.json']);
  });
});

describe('runtime dependencies', () => {
  const shipped = (): string[] => files.map((f) => f.path).filter((path) => /^dist\/[^/]+\.c?js$/.test(path));

  it('every entry of "dependencies" is imported by the built code (no dev-only package in dependencies)', async () => {
    const used = await importedPackages(shipped());
    expect(Object.keys(pkg.dependencies).filter((name) => !used.has(name))).toEqual([]);
  });

  it('every package the built code imports is a runtime dependency (none only in devDependencies)', async () => {
    const declared = new Set(Object.keys(pkg.dependencies));
    const used = await importedPackages(shipped());
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((name) => !declared.has(name)).sort()).toEqual([]);
  });

  it('the core entry imports nothing the browser build cannot bundle (no mailparser, no CLI packages)', async () => {
    const used = await importedPackages(['dist/index.js', 'dist/index.cjs']);
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((name) => ['mailparser', 'cli-progress', 'picocolors'].includes(name))).toEqual([]);
  });
});
