// Long seeded fuzz of the archive readers against the built library: `npm run fuzz:archives -- <count> [--seed N]
// [--only CASE] [--timeout S] [--file PATH]…`. Each case overwrites 1 to 64 random bytes of a seed archive (the
// `.pst` and `.ost` that pst-extractor ships, plus any --file) and reads it through `readMessages` with embedded
// messages: it must end, without a throw. The cases run in a child process under a watchdog, because a loop in a
// synchronous parser can be stopped from outside only: a case that runs past --timeout seconds is reported as a
// hang with the arguments that replay it, and the run goes on in a fresh child from the next case.
// Exit code 1 when any case hung or threw.
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './engine.mjs';

/** At most this many bytes overwritten in one case. */
const MAX_FLIPS = 64;
/** Seconds one case may take before it counts as a hang (--timeout). */
const DEFAULT_TIMEOUT_S = 20;

/** The seed archives: pst-extractor's own samples (when its package still ships them) and the user's files. */
export function archiveSeeds(extra = []) {
  const require = createRequire(import.meta.url);
  const testdata = join(dirname(require.resolve('pst-extractor/package.json')), 'example', 'testdata');
  const shipped = ['enron.pst', 'pstextractortest@outlook.com.ost'].map((name) => join(testdata, name)).filter((path) => existsSync(path));
  return [...shipped, ...extra].map((path) => ({ path, bytes: readFileSync(path) }));
}

/** Case `n` of a run: which seed archive, and its bytes with 1 to {@link MAX_FLIPS} bytes overwritten. Pure. */
export function archiveCase(seeds, seed, n) {
  const rng = mulberry32((seed * 1_000_003 + n) >>> 0);
  const from = seeds[Math.floor(rng() * seeds.length)];
  const bytes = Buffer.from(from.bytes);
  const flips = 1 + Math.floor(rng() * MAX_FLIPS);
  for (let i = 0; i < flips; i++) bytes[Math.floor(rng() * bytes.length)] = Math.floor(rng() * 256);
  return { source: from.path, flips, bytes };
}

/** The child: read cases `first`…`last`, telling the parent when each starts and ends; it exits after the last. */
async function child({ seed, first, last, files, hangCase }) {
  const { readMessages } = await import('../../dist/node.js');
  const seeds = archiveSeeds(files);
  for (let n = first; n <= last; n++) {
    const c = archiveCase(seeds, seed, n);
    process.send({ type: 'start', case: n, source: c.source, flips: c.flips });
    const started = performance.now();
    try {
      // A test hook: the watchdog itself is checked by spinning on one chosen case.
      if (n === hangCase) for (;;);
      for await (const _record of readMessages(Readable.from([c.bytes]), { maxEmbeddedDepth: 4 }));
      process.send({ type: 'end', case: n, ms: performance.now() - started });
    } catch (error) {
      process.send({ type: 'end', case: n, ms: performance.now() - started, error: String(error?.stack ?? error) });
    }
  }
}

/** One child over cases `first`…`last`; resolves with the case it hung on (or `null`) once the child is gone. */
function runChild(options, first, last, timeoutMs, result) {
  return new Promise((resolve) => {
    const { onCase: _onCase, ...plan } = options;
    const worker = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify({ ...plan, first, last })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let current = null;
    let hung = null;
    let timer = null;
    worker.on('message', (m) => {
      clearTimeout(timer);
      if (m.type === 'start') {
        current = m;
        timer = setTimeout(() => {
          hung = current;
          worker.kill('SIGKILL');
        }, timeoutMs);
      } else if (m.type === 'end') {
        result.count++;
        options.onCase?.(result.count);
        if (m.ms > result.slowest.ms) result.slowest = { ms: m.ms, case: m.case, source: current.source, flips: current.flips };
        if (m.error !== undefined) result.failures.push({ case: m.case, kind: 'throw', detail: m.error.split('\n').slice(0, 3).join(' | ') });
        current = null;
      }
    });
    worker.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (hung !== null) {
        result.count++;
        options.onCase?.(result.count);
        result.failures.push({ case: hung.case, kind: 'hang', detail: `over ${timeoutMs / 1000} s on ${hung.source} with ${hung.flips} bytes overwritten` });
        resolve(hung.case);
      } else if (current !== null) {
        result.failures.push({ case: current.case, kind: 'crash', detail: `child ended (${signal ?? code}) on ${current.source}` });
        resolve(current.case);
      } else resolve(null);
    });
  });
}

/** The whole run: cases 0…count-1 (or only one), restarting the child after each hang or crash. */
export async function runArchiveFuzz({ seed, count, only = undefined, timeoutMs = DEFAULT_TIMEOUT_S * 1000, files = [], hangCase = -1, onCase = undefined }) {
  const result = { seed, count: 0, failures: [], slowest: { ms: 0, case: -1, source: '', flips: 0 } };
  const first = only ?? 0;
  const last = only ?? count - 1;
  for (let from = first; from <= last; ) {
    const stoppedAt = await runChild({ seed, files, hangCase, onCase }, from, last, timeoutMs, result);
    if (stoppedAt === null) break;
    from = stoppedAt + 1;
  }
  return result;
}

async function main(argv) {
  const args = [...argv];
  const files = [];
  for (let at = args.indexOf('--file'); at >= 0; at = args.indexOf('--file')) files.push(args.splice(at, 2)[1]);
  const flag = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args.splice(at, 2)[1]) : undefined;
  };
  const seed = flag('--seed') ?? Date.now() % 100000;
  const only = flag('--only');
  const timeoutS = flag('--timeout') ?? DEFAULT_TIMEOUT_S;
  const hangCase = flag('--test-hang-case') ?? -1;
  const count = Number(args[0] ?? 1000);
  if (!Number.isSafeInteger(count) || count <= 0 || !(timeoutS > 0) || files.some((f) => !existsSync(f))) {
    console.error('usage: npm run fuzz:archives -- <count> [--seed N] [--only CASE] [--timeout S] [--file PATH]…');
    return 2;
  }
  if (archiveSeeds(files).length === 0) {
    console.error('fuzz:archives: no seed archive (pst-extractor ships none in this version): give one with --file');
    return 2;
  }
  const started = performance.now();
  const step = Math.max(1, Math.floor(count / 20));
  const onCase = (done) => {
    if (done % step === 0) process.stderr.write(`  ${done}/${count}\n`);
  };
  const result = await runArchiveFuzz({ seed, count, only, timeoutMs: timeoutS * 1000, files, hangCase, onCase });
  const s = result.slowest;
  console.log(`fuzz:archives: seed ${seed}, ${result.count} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (s.case >= 0) console.log(`slowest: case ${s.case}, ${s.ms.toFixed(0)} ms, ${s.source} with ${s.flips} bytes overwritten`);
  for (const f of result.failures.slice(0, 20)) console.log(`FAIL case ${f.case} (${f.kind}): ${f.detail}; replay with --seed ${seed} --only ${f.case}${files.map((p) => ` --file ${p}`).join('')}`);
  console.log(result.failures.length === 0 ? 'no failures' : `${result.failures.length} failing cases`);
  return result.failures.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]));
  else process.exitCode = await main(process.argv.slice(2));
}
