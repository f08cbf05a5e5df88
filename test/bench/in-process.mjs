// In-process analyzeMessage throughput: every message of the corpus held in memory as bytes, analysed `rounds`
// times after a warm-up round. Usage: node test/bench/in-process.mjs corpus.mbox [rounds] [--dump out.ndjson]
// Prints {"messages":…,"seconds":…,"coldSeconds":…,"msgsPerSec":…,"mbPerSec":…,"serializeSeconds":…} (best warm round;
// first pass; best round of turning the reports into UTF-8 JSON, the least any JSON output of them costs) on stdout.
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
// The analysis' peak, read before the serialising step below holds every report at once.
const maxRSS = process.resourceUsage().maxRSS;

// What writing the results costs by itself: JSON.stringify of each report plus its UTF-8 encoding (the CLI's ndjson
// adds an envelope of four fields and an escape pass on top), on reports already made.
const reports = raws.map((raw) => analyzeMessage(raw));
let outputBytes = 0;
const serialize = () => {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (const report of reports) n += Buffer.from(JSON.stringify(report), 'utf8').length;
  outputBytes = n;
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
let serializeSeconds = Infinity;
for (let r = 0; r < Math.max(1, rounds); r++) serializeSeconds = Math.min(serializeSeconds, serialize());
console.log(
  JSON.stringify({
    messages: raws.length,
    hops: sink / (rounds + 1),
    seconds: best,
    coldSeconds,
    msgsPerSec: raws.length / best,
    mbPerSec: bytes / 1e6 / best,
    serializeSeconds,
    outputBytes,
    maxRSS,
  }),
);
