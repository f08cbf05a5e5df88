// Linear-time check on the classic hostile shapes: each shape is timed at N and 10N, and the ratio printed.
// For 10x input the ratio must stay near 10 (a warning line is printed above 20). Each shape runs twice: with the
// default limits (what users get: most shapes are cut by a limit, so the ratio is often far below 10), and with
// every limit lifted (which shows the algorithm itself is linear, not just capped).
// Run: `npm run build && node test/bench/scaling.mjs [path/to/index.js]` (default: dist/index.js).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { SHAPES } from './shapes.mjs';

const target = process.argv[2] !== undefined ? pathToFileURL(resolve(process.argv[2])).href : new URL('../../dist/index.js', import.meta.url).href;
const { analyzeMessage, parseReceived, DEFAULT_LIMITS } = await import(target);

const LIFTED = Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((k) => [k, 1e9]));
function time(fn, input) {
  // Best of several runs (at least 5, or until 300 ms): the first may pay for JIT warm-up or a GC pause, and a
  // busy machine adds noise that the minimum filters best.
  let best = Infinity;
  let spent = 0;
  for (let k = 0; k < 5 || (spent < 300 && k < 50); k++) {
    const t0 = performance.now();
    fn(input);
    const ms = performance.now() - t0;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

const rows = [];
const warnings = { default: 0, lifted: 0 };
for (const mode of ['default', 'lifted']) {
  const limits = mode === 'default' ? DEFAULT_LIMITS : LIFTED;
  const api = {
    value: (s) => parseReceived(s, { limits }),
    message: (s) => analyzeMessage(s, { limits }),
  };
  for (const [name, n, build, kind] of SHAPES) {
    const small = build(n);
    const large = build(n * 10);
    let a;
    let b;
    try {
      a = time(api[kind], small);
      b = time(api[kind], large);
    } catch (error) {
      warnings[mode]++;
      console.log(`WARNING: ${name} (${mode} limits) threw: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    // Below ~0.05 ms the timer cannot tell sizes apart; a ratio there means nothing.
    const ratio = b / Math.max(a, 0.05);
    const row = { mode, shape: name, n, small: `${a.toFixed(2)} ms`, large: `${b.toFixed(2)} ms`, ratio: ratio.toFixed(1) };
    rows.push(row);
    console.log(`${mode.padEnd(8)} ${name.padEnd(34)} N=${String(small.length).padStart(8)} ${a.toFixed(2).padStart(9)} ms   10N=${String(large.length).padStart(9)} ${b.toFixed(2).padStart(9)} ms   ratio ${ratio.toFixed(1)}`);
    if (ratio > 20) {
      warnings[mode]++;
      console.log(`WARNING: ${name} (${mode} limits) grows ${ratio.toFixed(1)}x for 10x input: super-linear?`);
    }
  }
}
console.log(`default limits: ${warnings.default === 0 ? 'every shape within ratio 20 for 10x input' : `${warnings.default} shape(s) above ratio 20 or threw`}`);
// Lifted limits let 10^5 tokens through: allocation and GC dominate there, so ratios are noisy; a throw is a bug.
console.log(`lifted limits (informative): ${warnings.lifted === 0 ? 'every shape within ratio 20' : `${warnings.lifted} shape(s) above ratio 20 or threw`}`);
