// The command line against hostile or careless paths, in-process: a report path that meets an input (the same file,
// a glob that names an mbox as the report, a link), reports replaced whole or not at all, paths that cannot be read
// (one missing path does not lose the run; permission errors exit 2), links inside scanned folders, names that
// are not UTF-8, --jobs beyond the cores, --max-hops, and a run stopped by a signal.
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { argvWithBytes, pathProblem, type PathProbe } from '../../src/cli/paths.js';
import { run, signalExitCode, type CliIo } from '../../src/cli/run.js';
import { Capture, runCli } from './io.js';

const root = mkdtempSync(join(tmpdir(), 'rcvd-hostile-paths-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SEED = 'fixtures/eml/seed-rc4-gmail.eml';
const MBOX = readFileSync('fixtures/mbox/mboxrd-three.mbox');
let serial = 0;
function scratch(): string {
  const dir = join(root, `case-${serial++}`);
  mkdirSync(dir);
  return dir;
}

const msg = (i: number): string =>
  `Received: from a${i}.example (a${i}.example [192.0.2.${i + 1}])\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits))\n\tby mx.example (Postfix) with ESMTPS id Q${i}; Tue, 14 Nov 2023 09:12:45 +0100\nSubject: m${i}\n\nbody\n`;

describe('--report never destroys an input', () => {
  it('refuses the report path when it is an input (exit 2), and the input is untouched', async () => {
    const dir = scratch();
    const mbox = join(dir, 'a.mbox');
    writeFileSync(mbox, MBOX);
    const r = await runCli(['-q', '--report', mbox, mbox]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is also an input/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(mbox)).toEqual(MBOX);
  });

  it('refuses a hard link to an input, and the glob slip `--report *.mbox` (an existing file that is not a report)', async () => {
    const dir = scratch();
    for (const name of ['a.mbox', 'b.mbox']) writeFileSync(join(dir, name), MBOX);
    linkSync(join(dir, 'b.mbox'), join(dir, 'hard.html'));
    const hard = await runCli(['-q', '--report', join(dir, 'hard.html'), join(dir, 'b.mbox')]);
    expect(hard.code).toBe(2);
    expect(hard.stderr).toMatch(/also an input/);
    // `rcvd --report *.mbox` expands to `--report a.mbox b.mbox`: a.mbox is not an input, but it is mail.
    const glob = await runCli(['-q', '--report', join(dir, 'a.mbox'), join(dir, 'b.mbox')]);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toMatch(/not an HTML report/);
    expect(readFileSync(join(dir, 'a.mbox'))).toEqual(MBOX);
    expect(readFileSync(join(dir, 'b.mbox'))).toEqual(MBOX);
  });

  it('refuses a message inside a scanned folder as the report path', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'mail'));
    writeFileSync(join(dir, 'mail', 'one.eml'), msg(1));
    const r = await runCli(['-q', '--report', join(dir, 'mail', 'one.eml'), join(dir, 'mail')]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'mail', 'one.eml'), 'utf8')).toBe(msg(1));
  });

  it('refuses a symlink at the report path (its target is untouched) and anything that is not a regular file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'target.html'), '<!DOCTYPE html><p>keep me</p>');
    symlinkSync(join(dir, 'target.html'), join(dir, 'link.html'));
    const link = await runCli(['-q', '--report', join(dir, 'link.html'), SEED]);
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/symbolic link/);
    expect(readFileSync(join(dir, 'target.html'), 'utf8')).toBe('<!DOCTYPE html><p>keep me</p>');
    const device = await runCli(['-q', '--report', '/dev/null', SEED]);
    expect(device.code).toBe(2);
    expect(device.stderr).toMatch(/not a regular file/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('replaces a previous report whole, leaving no temporary file', async () => {
    const dir = scratch();
    const out = join(dir, 'r.html');
    writeFileSync(out, '<!DOCTYPE html><p>old</p>');
    const r = await runCli(['-q', '--report', out, SEED]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('RC4-SHA');
    expect(readdirSync(dir)).toEqual(['r.html']);
  });

  it('a missing directory is named as such, in one line', async () => {
    const r = await runCli(['-q', '--report', join(root, 'missing', 'dir', 'r.html'), SEED]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rcvd: cannot write the report ${join(root, 'missing', 'dir', 'r.html')}: the directory ${join(root, 'missing', 'dir')} does not exist\n`);
    expect(r.stderr).not.toMatch(/vanished/);
  });
});

describe('paths that cannot be read', () => {
  it('one missing path among others: its error on stderr, the rest scanned, exit 2', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'b.eml'), msg(2));
    const r = await runCli(['-f', 'ndjson', SEED, join(dir, 'nonexistent.eml'), join(dir, 'b.eml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*nonexistent\.eml: file vanished or does not exist/);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; source?: string; messages?: number; unreadable?: number; report?: { issues: { code: string }[] } });
    // the missing path is a record of its own at the head, so a saved output says what it lacks
    expect(lines.map((l) => l.source ?? l.type)).toEqual([join(dir, 'nonexistent.eml'), SEED, join(dir, 'b.eml'), 'summary']);
    expect(lines[0]?.report?.issues[0]?.code).toBe('IO_UNREADABLE');
    expect(lines.at(-1)?.messages).toBe(3);
    expect(lines.at(-1)?.unreadable).toBe(1);
    // --fail-on matching does not hide the I/O error: 2 wins over 1
    expect((await runCli(['--fail-on', 'F', SEED, join(dir, 'nonexistent.eml')])).code).toBe(2);
  });

  it('a permission error when opening a named file or listing a named folder is exit 2 (mapping tested with a probe: root reads anything)', async () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES', syscall: 'open', path: '/x' });
    const file = { isFile: () => true, isDirectory: () => false } as Stats;
    const folder = { isFile: () => false, isDirectory: () => true } as Stats;
    const fifo = { isFile: () => false, isDirectory: () => false } as Stats;
    const probe = (info: Stats, opened: string[]): PathProbe => ({
      stat: () => Promise.resolve(info),
      openFile: () => (opened.push('file'), Promise.reject(denied)),
      openDirectory: () => (opened.push('dir'), Promise.reject(denied)),
    });
    const opened: string[] = [];
    expect(await pathProblem('/x', probe(file, opened))).toBe('permission denied (EACCES: permission denied, open)');
    expect(await pathProblem('/x', probe(folder, opened))).toMatch(/^permission denied/);
    // a FIFO is only stat'ed: opening and closing it would leave its writer with no reader
    expect(await pathProblem('/x', probe(fifo, opened))).toBeNull();
    expect(opened).toEqual(['file', 'dir']);
  });

  it('a usage error prints real lines, never a literal \\n', async () => {
    const r = await runCli(['--jobs', '-3', SEED]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\\n');
    expect(r.stderr.split('\n').every((line) => line === '' || line.length < 120)).toBe(true);
    const eq = await runCli(['--jobs=-3', SEED]);
    expect(eq.stderr).toMatch(/--jobs must be a whole number from 1 to \d+, or auto; got -3/);
  });
});

describe('symbolic links inside scanned folders', () => {
  it('are not followed by default; --follow-symlinks follows them; a link named on the command line is followed', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'mail'));
    writeFileSync(join(dir, 'mail', 'a.eml'), msg(1));
    writeFileSync(join(dir, 'outside.eml'), msg(2));
    symlinkSync(join(dir, 'outside.eml'), join(dir, 'mail', 'b.eml'));
    const sources = (out: string): string[] => out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { source?: string; type: string }).source ?? 'summary');
    const followed = await runCli(['-f', 'ndjson', '--follow-symlinks', join(dir, 'mail')]);
    expect(sources(followed.stdout)).toEqual([join(dir, 'mail', 'a.eml'), join(dir, 'mail', 'b.eml'), 'summary']);
    // a link out of the folder, to a file and to a whole tree: neither is read
    symlinkSync('/etc/passwd', join(dir, 'mail', 'c.eml'));
    symlinkSync('/etc', join(dir, 'mail', 'd'));
    const plain = await runCli(['-f', 'ndjson', join(dir, 'mail')]);
    expect(plain.code).toBe(0);
    expect(sources(plain.stdout)).toEqual([join(dir, 'mail', 'a.eml'), 'summary']);
    const named = await runCli(['-f', 'ndjson', join(dir, 'mail', 'b.eml')]);
    expect(sources(named.stdout)).toEqual([join(dir, 'mail', 'b.eml'), 'summary']);
    expect((await runCli(['--help'])).stdout).toContain('--follow-symlinks');
  });
});

describe('file names that are not UTF-8', () => {
  it('are read, named and walked with their bytes; messages show them escaped', async () => {
    const dir = scratch();
    const bytes = Buffer.concat([Buffer.from(join(dir, 'bad')), Buffer.from([0xff, 0xfe]), Buffer.from('.eml')]);
    writeFileSync(bytes, msg(3));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'folder', 'x')), Buffer.from([0xe9]), Buffer.from('.eml')]), msg(4));
    // what `main` hands `run` once it has read the bytes back: lone surrogates for the bytes Node could not decode
    const named = `${join(dir, 'bad')}\udcff\udcfe.eml`;
    const r = await runCli(['-f', 'csv', named, join(dir, 'folder')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.split('\r\n').slice(1, -1);
    expect(rows.map((row) => row.split(',')[0])).toEqual([`${join(dir, 'bad')}\\xff\\xfe.eml`, `${join(dir, 'folder', 'x')}\\xe9.eml`]);
    const missing = await runCli([`${join(dir, 'nope')}\udcff.eml`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, 'nope')}\\xff.eml`);
    expect(missing.stderr).not.toContain('\ufffd');
  });

  it('argvWithBytes restores the bytes from the kernel copy of the command line, and only when it matches', () => {
    const kernel = Buffer.concat([Buffer.from('node\0--flag\0/bin/rcvd\0-q\0a'), Buffer.from([0xff]), Buffer.from('b\0')]);
    expect(argvWithBytes(['-q', 'a\ufffdb'], () => kernel)).toEqual(['-q', 'a\udcffb']);
    expect(argvWithBytes(['-q', 'other\ufffd'], () => kernel)).toEqual(['-q', 'other\ufffd']);
    expect(argvWithBytes(['-q', 'plain'], () => {
      throw new Error('not read when every argument is UTF-8');
    })).toEqual(['-q', 'plain']);
    expect(argvWithBytes(['a\ufffdb'], () => null)).toEqual(['a\ufffdb']);
  });
});

describe('--jobs and --max-hops', () => {
  it('--jobs beyond the cores is capped with one warning (none with -q)', async () => {
    const io = (stderr: Capture): CliIo => ({ stdout: new Capture(), stderr, stdin: Readable.from([]), env: {}, cores: 2 });
    const stderr = new Capture();
    expect(await run(['--jobs', '64', SEED], io(stderr))).toBe(0);
    expect(stderr.text()).toBe('rcvd: warning: --jobs 64 is more than the 2 cores here; using 2\n');
    const quiet = new Capture();
    expect(await run(['-q', '--jobs', '64', SEED], io(quiet))).toBe(0);
    expect(quiet.text()).toBe('');
    const fits = new Capture();
    expect(await run(['--jobs', '2', SEED], io(fits))).toBe(0);
    expect(fits.text()).toBe('');
  });

  it('--max-hops bounds the hops read, and so the output, per message', async () => {
    const dir = scratch();
    const flood = join(dir, 'flood.eml');
    writeFileSync(flood, `${'Received: x\n'.repeat(1000)}Subject: flood\n\nbody\n`);
    const all = await runCli(['-f', 'ndjson', flood]);
    const capped = await runCli(['-f', 'ndjson', '--max-hops', '10', flood]);
    const hops = (out: string): number => (JSON.parse(out.split('\n')[0]!) as { report: { hops: unknown[] } }).report.hops.length;
    expect(hops(all.stdout)).toBe(1000);
    expect(hops(capped.stdout)).toBe(10);
    expect(capped.stdout).toContain('LIMIT_RECEIVED_FIELDS');
    expect(capped.stdout.length * 20).toBeLessThan(all.stdout.length);
    expect((await runCli(['--max-hops', '0', flood])).code).toBe(2);
  });
});

describe('a run stopped by a signal', () => {
  /** stdout that aborts the run once `after` writes went through. */
  class AbortingCapture extends Capture {
    constructor(
      private readonly controller: AbortController,
      private readonly after: number,
      private readonly reason: string,
    ) {
      super();
    }
    override write(chunk: string | Uint8Array): boolean {
      const ok = super.write(chunk);
      if (this.chunks.length === this.after) this.controller.abort(this.reason);
      return ok;
    }
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])('%s: whole records, then the summary of those, exit %i; the previous report stays', async (reason, code) => {
    const dir = scratch();
    const mbox = join(dir, 'many.mbox');
    writeFileSync(mbox, Array.from({ length: 1200 }, (_, i) => `From a@example Tue Nov 14 09:12:45 2023\n${msg(i % 200)}\n`).join(''));
    const out = join(dir, 'r.html');
    writeFileSync(out, '<!DOCTYPE html><p>previous</p>');
    const controller = new AbortController();
    const stdout = new AbortingCapture(controller, 1, reason);
    const stderr = new Capture();
    const got = await run(['-f', 'ndjson', '--report', out, mbox], { stdout, stderr, stdin: Readable.from([]), env: {}, signal: controller.signal });
    expect(got).toBe(code);
    expect(signalExitCode(reason)).toBe(code);
    const lines = stdout.text().trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; messages?: number });
    const summary = lines.at(-1)!;
    expect(summary.type).toBe('summary');
    expect(lines.slice(0, -1).every((l) => l.type === 'message')).toBe(true);
    expect(summary.messages).toBe(lines.length - 1);
    expect(lines.length - 1).toBeLessThan(1200);
    expect(stderr.text()).toMatch(new RegExp(`interrupted by ${reason} after ${lines.length - 1} messages.*report was not written`));
    expect(readFileSync(out, 'utf8')).toBe('<!DOCTYPE html><p>previous</p>');
    expect(readdirSync(dir).sort()).toEqual(['many.mbox', 'r.html']);
  });
});

describe('inputs that are not mail', () => {
  it('a tar.gz or zip export is refused with what to do, and the other paths still run (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcvd-archive-'));
    try {
      const tarPath = join(dir, 'maildir.tar.gz');
      const header = Buffer.alloc(1024);
      header.write('cur/1.eml', 0);
      header.write('ustar', 257);
      writeFileSync(tarPath, gzipSync(header));
      const zipPath = join(dir, 'export.zip');
      writeFileSync(zipPath, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
      const r = await runCli([tarPath, zipPath, SEED]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('a tar archive, which rcvd does not read: unpack it (tar -xf)');
      expect(r.stderr).toContain('a zip archive, which rcvd does not read');
      expect(r.stdout).toContain('verdict F');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a path that yields no message is named on stderr; the run still exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcvd-empty-'));
    try {
      mkdirSync(join(dir, 'empty'));
      mkdirSync(join(dir, 'notes'));
      writeFileSync(join(dir, 'notes', 'a.txt'), 'hello\n');
      const r = await runCli([join(dir, 'empty'), join(dir, 'notes') + '/', SEED]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`no messages found in ${join(dir, 'empty')}\n`);
      expect(r.stderr).toContain(`no messages found in ${join(dir, 'notes')}/\n`);
      expect(r.stderr).not.toContain(SEED);
      expect((await runCli(['-q', join(dir, 'empty')])).stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
