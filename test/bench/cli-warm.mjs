// The CLI's own pipeline (`run()`: read, analyse, format ndjson, write) run again and again in one process, so the
// later runs see a JIT that has already compiled everything — and memos already filled (the from-clause memo meets
// every clause again, where a single pass meets most of them): what `rcvd --format ndjson --jobs 1` costs without its
// start-up and warm-up. Usage: node test/bench/cli-warm.mjs corpus.mbox [runs]
// Prints {"seconds":…,"coldSeconds":…,"runs":[…]}: the best run after the first, and the first (which a one-off
// `rcvd` also pays, on top of starting Node and loading the bundle). No peak RSS: this process also ran tsup.
import { closeSync, openSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, '.bench-cache', 'cli-run');

const path = resolve(process.argv[2] ?? '');
const asked = Number(process.argv[3] ?? 5);
const runs = Number.isInteger(asked) && asked >= 2 ? asked : 5;

// dist/cli.js starts the CLI when loaded; this bundle of run() alone does not (built outside the tracked files).
// tsup reads the package.json of the working directory (module type, dependencies left external).
process.chdir(ROOT);
await build({
  entry: { run: join(ROOT, 'src/cli/run.ts') },
  outDir: OUT,
  format: ['esm'],
  outExtension: () => ({ js: '.js' }),
  target: 'node20',
  dts: false,
  silent: true,
  config: false,
});
const { run } = await import(pathToFileURL(join(OUT, 'run.js')).href);

// Written synchronously, as Node writes `process.stdout` when it is a file.
const fd = openSync('/dev/null', 'w');
const stdout = {
  write(chunk, callback) {
    writeSync(fd, chunk);
    callback?.();
    return true;
  },
};
const io = { stdout, stderr: { write: () => true }, stdin: process.stdin, env: {}, workerScript: null };

const times = [];
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  const code = await run(['--format', 'ndjson', '--jobs', '1', '--no-progress', path], io);
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  if (code !== 0) throw new Error(`run() exited ${code}`);
}
closeSync(fd);
console.log(JSON.stringify({ seconds: Math.min(...times.slice(1)), coldSeconds: times[0], runs: times }));
