// Child process of summary-memory.test.ts (run with --expose-gc): the CLI's own run() — ndjson to a discarding
// stdout, plus --report — over a generated mbox whose every message has a new relay name, a new unknown cipher, a new
// From domain and a big header block (X-Filler lines). Prints the peak LIVE memory growth (heap + array buffers right
// after a full GC), sampled as the messages are produced, once the summary and report tables are well filled.
// Usage: node --expose-gc cli-memory.mjs <bundle dir> <messages> <filler bytes> <report path>
// The bundle dir holds run.js, a bundle of src/cli/run.ts (dist/cli.js starts the CLI when loaded; run() alone
// does not); the test builds it once before starting this script.
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const [bundle = '', count = '1000', fillerBytes = '102400', reportPath = ''] = process.argv.slice(2);
const { run } = await import(pathToFileURL(join(bundle, 'run.js')).href);
const messages = Number(count);

const fillerLine = `X-Filler: ${'f'.repeat(990)}\n`;
const FILLER = fillerLine.repeat(Math.ceil(Number(fillerBytes) / fillerLine.length));
const pad = (i) => String(i).padStart(8, '0');
const message = (i) =>
  'From a@example.org Mon Jan  6 09:15:00 2025\n' +
  `Received: from helo${pad(i)}.example (uniquerelay${pad(i)}.example [192.0.2.10])\n` +
  `\t(using TLSv1.2 with cipher NOVEL-CIPHER-${pad(i)} (128/128 bits))\n` +
  `\tby mx.example.net (Postfix) with ESMTPS id Q${pad(i)}\n` +
  '\tfor <bob@example.net>; Mon, 06 Jan 2025 09:15:02 +0000 (UTC)\n' +
  FILLER +
  `From: Sender <a@domain${pad(i)}.example>\nSubject: message ${i}\n\nbody\n\n`;

function live() {
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

let base = 0;
let peak = 0;
function sample() {
  peak = Math.max(peak, live() - base);
}

function* archive() {
  for (let i = 0; i < messages; i++) {
    // Every 250 messages; the reader and the analysis hold at most a few batches behind this point.
    if (i % 250 === 0 && i > 0) sample();
    yield Buffer.from(message(i));
  }
  sample();
}

const discard = { write: (_chunk, callback) => (callback?.(), true) };
const io = { stdout: discard, stderr: discard, stdin: Readable.from(archive()), env: {}, workerScript: null };
base = live();
const code = await run(['--format', 'ndjson', '--jobs', '1', '--no-progress', '--report', reportPath, '-'], io);
console.log(JSON.stringify({ code, messages, peakLiveBytes: peak }));
