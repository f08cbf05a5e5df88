/**
 * `--jobs` with real worker threads. Workers cannot start from TypeScript sources, so this builds the CLI, the
 * ./node entry and the worker entry with tsup into node_modules/.cache (beside the dependencies they import) and
 * runs them as child processes. The output must be byte-identical whatever the number of threads.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runInThread, type CliIo, type CliOutput } from '../../src/cli/run.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'node_modules', '.cache', 'rcvd-jobs-test');
const SLOW = 180_000;

let dir = '';
let mbox = '';
let varied = '';

beforeAll(async () => {
  await build({
    config: false,
    entry: { cli: join(ROOT, 'src/cli/main.ts'), node: join(ROOT, 'src/node/index.ts'), worker: join(ROOT, 'src/node/worker-entry.ts') },
    outDir: OUT,
    format: ['esm'],
    target: 'node20',
    silent: true,
    clean: true,
    dts: false,
    splitting: false,
  });
  dir = await mkdtemp(join(tmpdir(), 'rcvd-jobs-'));
  const parts: string[] = [];
  for (let i = 0; i < 700; i++) {
    const tls = i % 7 === 0 ? '(version=TLSv1/SSLv3 cipher=DES-CBC3-SHA bits=168 verify=NO)' : '(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))';
    parts.push(
      `From sender@example.org Mon Jan  6 10:00:00 2025\n` +
        `Received: from mail${i % 13}.example.org (mail${i % 13}.example.org [192.0.2.${i % 250}])\n\tby mx.example.net (Postfix) with ESMTPS id M${i}\n\t${tls};\n\tMon, 6 Jan 2025 10:${String(i % 60).padStart(2, '0')}:00 +0000\n` +
        `Subject: message ${i}\n\nbody ${i}\n\n`,
    );
  }
  mbox = join(dir, 'seven-hundred.mbox');
  await writeFile(mbox, parts.join(''));
  // Twelve batches whose header blocks grow and shrink (1 to 16 Received fields): buffers that come back from the
  // workers carry later batches, some smaller and some larger than the batch they carried before.
  const many: string[] = [];
  for (let i = 0; i < 3_000; i++) {
    const hops = 1 + ((i * 7919) % 16);
    let received = '';
    for (let h = 0; h < hops; h++) received += `Received: from relay${h}.example.org ([198.51.100.${h}])\n\tby hop${h + 1}.example.net with ESMTP id ${i}x${h};\n\tTue, 7 Jan 2025 09:${String(h % 60).padStart(2, '0')}:00 +0000\n`;
    many.push(`From sender@example.org Tue Jan  7 10:00:00 2025\n${received}Subject: varied ${i} ${'é'.repeat(i % 5)}\n\n${'body line\n'.repeat(i % 9)}\n`);
  }
  varied = join(dir, 'varied.mbox');
  await writeFile(varied, many.join(''));
}, SLOW);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(args: string[], nodeFlags: string[] = []): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [...nodeFlags, join(OUT, 'cli.js'), '--no-progress', ...args], { maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '' };
  }
}

/** The stdout of `node args`, read in small sips with pauses. */
function slowReader(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (chunks.length % 8 === 0) {
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 2);
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('--jobs with worker threads (built CLI)', () => {
  it.each(['text', 'ndjson', 'csv', 'json'])('%s output is identical with 1, 2, 3 and auto jobs', async (format) => {
    const one = await cli(['-f', format, mbox]);
    const two = await cli(['-f', format, '-j', '2', mbox]);
    const three = await cli(['-f', format, '--jobs', '3', mbox]);
    const auto = await cli(['-f', format, '--jobs', 'auto', mbox]);
    expect(one.code).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(two.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(one.stdout);
    expect(auto.stdout).toBe(one.stdout);
  }, SLOW);

  it('runs under V8 flags given to node, which a worker may not be given again', async () => {
    const one = await cli(['-f', 'ndjson', mbox]);
    const two = await cli(['-f', 'ndjson', '-j', '2', mbox], ['--max-old-space-size=2048', '--max-semi-space-size=16', '--enable-source-maps']);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  }, SLOW);

  it('reused batch and output buffers change nothing, into a slow pipe or into a file', async () => {
    const one = await cli(['-f', 'ndjson', varied]);
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n').length).toBeGreaterThan(3_000);
    // A reader that keeps stopping fills the pipe, so writes wait in the stream: a buffer must not be reused before
    // its write is done.
    expect(await slowReader([join(OUT, 'cli.js'), '--no-progress', '-f', 'ndjson', '-j', '2', varied])).toBe(one.stdout);
    const file = join(dir, 'varied.ndjson');
    await run(process.execPath, ['-e', `require('node:child_process').execFileSync(process.execPath, process.argv.slice(1), { stdio: ['ignore', require('node:fs').openSync(${JSON.stringify(file)}, 'w'), 'inherit'] })`, join(OUT, 'cli.js'), '--no-progress', '-f', 'ndjson', '-j', '3', varied]);
    expect(await readFile(file, 'utf8')).toBe(one.stdout);
  }, SLOW);

  it('reuses an output buffer only after the stream called back (run() in this thread, workers built)', async () => {
    // A stream that reads each chunk a tick after accepting it and calls back only then, with no backpressure: a
    // buffer reused any earlier would have moved to a worker (and read as empty) or been overwritten.
    const late: string[] = [];
    const stdout: CliOutput = {
      write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
        const at = late.push('') - 1;
        setImmediate(() => {
          late[at] = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
          callback?.();
        });
        return true;
      },
    };
    const stderr: CliOutput = { write: () => true };
    const io: CliIo = { stdout, stderr, stdin: Readable.from([]), env: {}, workerScript: pathToFileURL(join(OUT, 'worker.js')), stdoutReleasesChunks: true };
    expect(await runInThread(['--no-progress', '-f', 'ndjson', '-j', '2', varied], io)).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(late.join('')).toBe((await cli(['-f', 'ndjson', varied])).stdout);
  }, SLOW);

  it('--fail-on counts matches found in workers', async () => {
    expect((await cli(['-f', 'ndjson', '-j', '2', '--fail-on', 'C', mbox])).code).toBe(1);
    expect((await cli(['-f', 'ndjson', '-j', '2', '--fail-on', 'F', mbox])).code).toBe(0);
  }, SLOW);

  it('scan({ jobs: 2 }) from the built ./node entry yields the same items as jobs: 1', async () => {
    const script = `
      import { scan } from ${JSON.stringify(join(OUT, 'node.js'))};
      const out = [];
      for (const jobs of [1, 2]) {
        const items = [];
        for await (const item of scan(${JSON.stringify(mbox)}, { jobs, nested: true })) items.push(item);
        out.push(JSON.stringify(items));
      }
      console.log(out[0] === out[1] ? 'same ' + out[0].length : 'different');
    `;
    const path = join(OUT, 'scan-jobs.mjs');
    await writeFile(path, script);
    const { stdout } = await run(process.execPath, [path], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toMatch(/^same \d{6,}/);
  }, SLOW);
});
