// In-process analyzeMessage throughput: every message of the corpus held in memory as bytes, analysed `rounds`
// times after a warm-up round. Usage: node test/bench/in-process.mjs corpus.mbox [rounds] [--dump out.ndjson]
// Prints {"messages":…,"seconds":…,"coldSeconds":…,"msgsPerSec":…,"mbPerSec":…} (best warm round; first pass) on stdout.
import { writeFileSync } from 'node:fs';
import { analyzeMessage } from '../../dist/index.js';
import { readMessages } from '../../dist/node.js';

const path = process.argv[2];
const rounds = Number(process.argv[3] ?? 5);
const dumpAt = process.argv.indexOf('--dump');

const raws = [];
let bytes = 0;
for await (const record of readMessages(path)) {
  // Copy: a record may share its ArrayBuffer with the read window.
  raws.push(Uint8Array.from(record.raw));
  bytes += record.raw.length;
}

if (dumpAt !== -1) {
  writeFileSync(process.argv[dumpAt + 1], raws.map((raw) => JSON.stringify(analyzeMessage(raw))).join('\n') + '\n');
}

let sink = 0;
const once = () => {
  const t0 = process.hrtime.bigint();
  for (const raw of raws) sink += analyzeMessage(raw).hops.length;
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
// The first pass runs while V8 is still compiling the analyser: what a one-off CLI run on this corpus pays.
const coldSeconds = once();
let best = Infinity;
for (let r = 0; r < rounds; r++) best = Math.min(best, once());
console.log(
  JSON.stringify({
    messages: raws.length,
    hops: sink / (rounds + 1),
    seconds: best,
    coldSeconds,
    msgsPerSec: raws.length / best,
    mbPerSec: bytes / 1e6 / best,
    maxRSS: process.resourceUsage().maxRSS,
  }),
);
