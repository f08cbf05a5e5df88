/**
 * The built `rcvd` as a process, for what only a process shows: SIGINT/SIGTERM with real worker threads, argument
 * bytes that are not UTF-8, a report write that fails part-way (a file-size limit: EFBIG), and a permission error on
 * a named path (as `nobody`, when the tests run as root: root reads anything). Builds the CLI and its worker entry
 * with tsup into node_modules/.cache (beside the dependencies it imports), as test/cli-jobs.test.ts does.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'node_modules', '.cache', 'rcvd-process-test');
const CLI = join(OUT, 'cli.js');
const EML_DIR = join(ROOT, 'fixtures', 'eml');
const SLOW = 180_000;

let dir = '';
let mbox = '';

const msg = (i: number): string =>
  `From sender@example.org Mon Jan  6 10:00:00 2025\nReceived: from mail${i % 13}.example.org (mail${i % 13}.example.org [192.0.2.${i % 250}])\n\tby mx.example.net (Postfix) with ESMTPS id M${i}\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits));\n\tMon, 6 Jan 2025 10:${String(i % 60).padStart(2, '0')}:00 +0000\nSubject: message ${i}\n\nbody ${i}\n\n`;

beforeAll(async () => {
  await build({ config: false, entry: { cli: join(ROOT, 'src/cli/main.ts'), worker: join(ROOT, 'src/node/worker-entry.ts') }, outDir: OUT, format: ['esm'], target: 'node20', silent: true, clean: true, dts: false, splitting: false });
  dir = mkdtempSync(join(tmpdir(), 'rcvd-process-'));
  chmodSync(dir, 0o755);
  // Far more output than a pipe holds: with the reader paused, the run is sure to be mid-way when signalled.
  mbox = join(dir, 'many.mbox');
  writeFileSync(mbox, Array.from({ length: 20_000 }, (_, i) => msg(i)).join(''));
}, SLOW);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s with --jobs 2: whole NDJSON records, then the summary of exactly those, exit %i',
    async (signal, code) => {
      const child = spawn(process.execPath, [CLI, '-f', 'ndjson', '--jobs', '2', mbox], { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      await new Promise<void>((resolve) => {
        child.stdout.once('data', (d: Buffer) => {
          out.push(d);
          // Stop reading: the run blocks on a full pipe, mid-scan, and gets the signal there.
          child.stdout.pause();
          child.kill(signal);
          setTimeout(() => {
            child.stdout.on('data', (more: Buffer) => out.push(more));
            child.stdout.resume();
            resolve();
          }, 200);
        });
      });
      expect(await exited).toBe(code);
      const lines = Buffer.concat(out).toString('utf8').split('\n');
      expect(lines.pop()).toBe(''); // ends with a line end: never mid-record
      const records = lines.map((l) => JSON.parse(l) as { type: string; messages?: number });
      const summary = records.pop()!;
      expect(summary.type).toBe('summary');
      expect(records.every((r) => r.type === 'message')).toBe(true);
      expect(summary.messages).toBe(records.length);
      expect(records.length).toBeLessThan(20_000);
      expect(err).toMatch(new RegExp(`interrupted by ${signal} after ${records.length} messages`));
    },
    SLOW,
  );
});

/** Resolves once process `pid` holds `path` open (read from /proc): the run is then past start-up, waiting on it. */
async function holdsOpen(pid: number, path: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const fds = readdirSync(`/proc/${pid}/fd`);
    if (fds.some((fd) => readlinkOr(`/proc/${pid}/fd/${fd}`) === path)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${pid} never opened ${path}`);
}

function readlinkOr(link: string): string {
  try {
    return readlinkSync(link);
  } catch {
    return '';
  }
}

describe('named FIFOs', () => {
  it('one with a writer is read; one whose writer never comes does not keep Ctrl-C from ending the run (exit 130)', async () => {
    const fifo = join(dir, 'pipe');
    await exec('mkfifo', [fifo]);
    const reader = exec(process.execPath, [CLI, '-f', 'csv', fifo]);
    writeFileSync(fifo, readFileSync(join(ROOT, 'fixtures', 'mbox', 'mboxrd-three.mbox')));
    const { stdout } = await reader;
    expect(stdout.split('\r\n').slice(1, -1)).toHaveLength(3);
    // no writer: the run waits on the FIFO (without a thread of the pool, which Node would wait for at exit)
    const child = spawn(process.execPath, [CLI, '-f', 'ndjson', fifo], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await holdsOpen(child.pid!, fifo);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(JSON.parse(out.trim()) as { type: string; messages: number }).toMatchObject({ type: 'summary', messages: 0 });
  }, SLOW);
});

describe('bytes and failures only a process shows', () => {
  it('a path given as bytes that are not UTF-8 is read, and shown escaped', async () => {
    const sub = join(dir, 'bytes');
    mkdirSync(sub);
    writeFileSync(Buffer.concat([Buffer.from(`${sub}/bad`), Buffer.from([0xff]), Buffer.from('.eml')]), readFileSync(join(EML_DIR, 'seed-rc4-gmail.eml')));
    // bash's printf makes the byte: Node's own spawn would encode the argument as UTF-8
    const { stdout, stderr } = await exec('bash', ['-c', `exec "$0" "$1" -f csv "$(printf '%s/bad\\xff.eml' "$2")"`, process.execPath, CLI, sub]);
    expect(stderr).toBe('');
    const sources = new Set(stdout.split('\r\n').slice(1, -1).map((row) => row.split(',')[0]));
    expect([...sources]).toEqual([`${sub}/bad\\xff.eml`]);
  });

  it('a report write that fails part-way (EFBIG) is one line on stderr, exit 2, and the previous report stays whole', async () => {
    const sub = join(dir, 'report');
    mkdirSync(sub);
    const out = join(sub, 'r.html');
    writeFileSync(out, '<!DOCTYPE html><p>previous</p>');
    // 16 KiB per file for this process: the report of the eight fixtures is larger
    const result = await exec('bash', ['-c', 'ulimit -f 16; exec "$0" "$1" -q --report "$2" "$3"', process.execPath, CLI, out, EML_DIR]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rcvd: cannot write the report .*r\.html: file too large/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(out, 'utf8')).toBe('<!DOCTYPE html><p>previous</p>');
    expect(readdirSync(sub)).toEqual(['r.html']);
  });

  it('a named file that cannot be opened (EACCES) is exit 2; the other paths are still scanned', async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip();
    const sub = join(dir, 'denied');
    mkdirSync(sub);
    chmodSync(sub, 0o755);
    const good = join(sub, 'good.eml');
    const secret = join(sub, 'secret.eml');
    writeFileSync(good, readFileSync(join(EML_DIR, 'seed-rc4-gmail.eml')));
    writeFileSync(secret, readFileSync(join(EML_DIR, 'seed-rc4-gmail.eml')));
    chmodSync(good, 0o644);
    chmodSync(secret, 0o000);
    const asNobody = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { uid: 65534, gid: 65534, cwd: sub, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', () => resolve({ code: -1, stdout, stderr }));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
    // `nobody` must be able to start the CLI from this checkout at all; else there is nothing to test here
    if ((await asNobody(['--version'])).code !== 0) ctx.skip();
    const r = await asNobody(['-f', 'csv', good, secret]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*secret\.eml: permission denied/);
    expect(r.stdout).toContain(`${good},0,`);
    // the file is named in the output as unreadable, and nothing of it was read: no hop row
    expect(r.stdout).toMatch(/secret\.eml,0,.*IO_UNREADABLE: cannot read it: permission denied/);
    expect(r.stdout).not.toContain(`${secret},0,0,`);
  });
});
