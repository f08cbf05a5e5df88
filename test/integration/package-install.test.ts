/**
 * The package as a user installs it: `npm pack`, then `npm install <tarball>` into an empty directory (offline, from
 * the npm cache that `npm ci` filled), then `rcvd` by name, the library from ESM, CommonJS and TypeScript, and every
 * link and image path in the shipped Markdown resolving to a file inside the package.
 *
 * The other two install paths (a git URL, which needs the `prepare` build, and `npm link` from a clone) each install
 * every dev dependency into a fresh clone and build it, minutes of work: they run when `RCVD_INSTALL_PATHS=1`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, run } from '../examples/built.js';

const RC4 = join(ROOT, 'fixtures', 'eml', 'seed-rc4-gmail.eml');
const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

let scratch = '';
let app = '';
let installed = '';

/** `npm install` offline from the cache; when a cache lacks a runtime dependency, once more allowing the network. */
async function npmInstall(cwd: string, spec: string, extra: readonly string[] = []): Promise<void> {
  try {
    await run('npm', ['install', spec, '--offline', ...NPM_QUIET, ...extra], { cwd });
  } catch {
    await run('npm', ['install', spec, '--prefer-offline', ...NPM_QUIET, ...extra], { cwd });
  }
}

function emptyApp(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `try-${name}`, private: true, type: 'module' })}\n`);
  return dir;
}

const ESM = `import { analyzeMessage, gradeTls } from 'received-forensics';
import { analyzeFile } from 'received-forensics/node';
const [report] = await analyzeFile(process.argv[2]);
console.log(report.verdict.grade, gradeTls({ version: 'TLSv1', cipher: 'RC4-SHA' }).grade, analyzeMessage('').hops.length);
`;
const CJS = `const { lookupCipher } = require('received-forensics');
const { scan } = require('received-forensics/node');
console.log(lookupCipher('ECDHE-RSA-AES128-GCM-SHA256').iana, typeof scan);
console.log(require('received-forensics/schema/record.schema.json').title);
`;
const TS = `import { analyzeMessage, type Grade, type MessageReport } from 'received-forensics';
import { readMessages } from 'received-forensics/node';
const report: MessageReport = analyzeMessage('Received: from a by b with ESMTP; Mon, 6 Jan 2025 10:00:00 +0000\\r\\n\\r\\n');
const grade: Grade = report.verdict.grade === 'internal-only' ? 'unknown' : report.verdict.grade;
export { grade, readMessages };
`;
const TSCONFIG = {
  compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] },
  files: ['check.ts'],
};

/** The library and the binary, used as a user would in `dir` (where the package is installed or linked). */
async function checkUse(dir: string, bin: string): Promise<void> {
  const cli = await run(bin, [RC4, '--no-color'], { cwd: dir });
  expect(cli.stdout).toContain('verdict F');
  writeFileSync(join(dir, 'esm.mjs'), ESM);
  expect((await run(process.execPath, ['esm.mjs', RC4], { cwd: dir })).stdout).toBe('F F 0\n');
  writeFileSync(join(dir, 'cjs.cjs'), CJS);
  expect((await run(process.execPath, ['cjs.cjs'], { cwd: dir })).stdout).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 function\nrcvd --format ndjson record\n');
  writeFileSync(join(dir, 'check.ts'), TS);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const typed = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir }).catch((e: unknown) => ({ stdout: String(e) }));
  expect(typed.stdout).toBe('');
}

/** Every relative link and image target in a Markdown file: `[text](target)`, `![alt](target)`, `<img src="…">`. */
export function markdownTargets(markdown: string): string[] {
  const withoutCode = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const match of withoutCode.matchAll(/\]\(([^()\s]+)\)/g)) targets.push(match[1] ?? '');
  for (const match of withoutCode.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)) targets.push(match[1] ?? '');
  return targets.filter((t) => !/^(?:[a-z][a-z+.-]*:|#)/i.test(t)).map((t) => t.split('#')[0] ?? '');
}

beforeAll(async () => {
  await ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'rf-install-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch]);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error(`npm pack printed no package:\n${stdout}`);
  app = emptyApp('tarball');
  await npmInstall(app, join(scratch, packed.filename));
  installed = join(app, 'node_modules', 'received-forensics');
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe('the packed tarball installed into an empty directory', () => {
  it('links rcvd and gives the library from ESM, CommonJS and TypeScript', async () => {
    await checkUse(app, join(app, 'node_modules', '.bin', 'rcvd'));
  });

  it('runs rcvd by name from PATH, as npx and package scripts do', async () => {
    const env = { ...process.env, PATH: `${join(app, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };
    const { stdout } = await run('rcvd', ['--version'], { cwd: app, env });
    expect(stdout.trim()).toMatch(/\b\d+\.\d+\.\d+\b/);
  });

  it('every link and image path in the shipped README, CHANGELOG and docs resolves to a file inside the package', () => {
    const pages = ['README.md', 'CHANGELOG.md', ...readdirSync(join(installed, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const path = join(installed, page);
      if (!existsSync(path)) {
        broken.push(`${page} (not shipped)`);
        continue;
      }
      for (const target of markdownTargets(readFileSync(path, 'utf8'))) {
        if (target === '') continue;
        checked++;
        const file = resolve(dirname(path), decodeURI(target));
        const inside = !relative(installed, file).startsWith('..');
        if (!inside || !existsSync(file)) broken.push(`${page} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });

  it('ships the JSON Schemas the README names', () => {
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    for (const match of readme.matchAll(/schema\/[\w.-]+\.schema\.json/g)) expect(existsSync(join(installed, match[0])), match[0]).toBe(true);
  });
});

const slow = process.env.RCVD_INSTALL_PATHS === '1';

describe.skipIf(!slow)('the other install paths (RCVD_INSTALL_PATHS=1)', () => {
  it('npm install from a git URL builds through prepare and gives rcvd and the library', async () => {
    const head = (await run('git', ['rev-parse', 'HEAD'])).stdout.trim();
    const dir = emptyApp('git-url');
    await npmInstall(dir, `git+file://${realpathSync(ROOT)}#${head}`);
    expect(existsSync(join(dir, 'node_modules', 'received-forensics', 'dist', 'index.cjs'))).toBe(true);
    await checkUse(dir, join(dir, 'node_modules', '.bin', 'rcvd'));
  }, INSTALL_TIMEOUT_MS);

  it('npm link from a clone: rcvd on the global PATH, the package linked into an app', async () => {
    const clone = join(scratch, 'clone');
    await run('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);
    await run('npm', ['ci', '--prefer-offline', ...NPM_QUIET], { cwd: clone });
    const prefix = join(scratch, 'global');
    const env = { ...process.env, npm_config_prefix: prefix };
    await run('npm', ['link', ...NPM_QUIET], { cwd: clone, env });
    const dir = emptyApp('linked');
    await run('npm', ['link', 'received-forensics', ...NPM_QUIET], { cwd: dir, env });
    await checkUse(dir, join(prefix, 'bin', 'rcvd'));
  }, INSTALL_TIMEOUT_MS);
});
