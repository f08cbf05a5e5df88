// Long seeded fuzz against the built library: `npm run fuzz -- <count> [--seed N] [--only CASE]`.
// Prints progress, the slowest input (size and ms) and every failing case with what it takes to reproduce it.
// Exit code 1 when any case failed.
import { analyzeMessage, parseReceived } from '../../dist/index.js';
import { runFuzz } from './engine.mjs';
import { loadSeeds } from './seeds.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : undefined;
};
const seed = flag('--seed') ?? (Date.now() % 100000);
const only = flag('--only');
const maxRun = flag('--max-run') ?? 200_000;
const count = Number(args[0] ?? 20000);
if (!Number.isSafeInteger(count) || count <= 0) {
  console.error('usage: npm run fuzz -- <count> [--seed N] [--only CASE] [--max-run CHARS]');
  process.exit(2);
}

const seeds = loadSeeds();
const step = Math.max(1, Math.floor(count / 20));
const started = performance.now();
const result = runFuzz({
  api: { parseReceived, analyzeMessage },
  seeds,
  seed,
  count,
  maxRun,
  only,
  onCase: (c) => {
    if ((c + 1) % step === 0) process.stderr.write(`  ${c + 1}/${count}\n`);
  },
});
const s = result.slowest;
console.log(`fuzz: seed ${seed}, ${result.count} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`slowest: ${s.kind}, ${s.size} chars/bytes, ${s.ms.toFixed(1)} ms (case ${s.case}) ${s.preview}`);
for (const f of result.failures.slice(0, 20)) {
  console.log(`FAIL case ${f.case} (${f.kind}, ${f.size}): reproduce with --seed ${seed} --only ${f.case}`);
  for (const v of f.violations) console.log(`  ${v}`);
}
console.log(result.failures.length === 0 ? 'no failures' : `${result.failures.length} failing cases`);
process.exit(result.failures.length === 0 ? 0 : 1);
