// Child process of package-streaming.test.ts (run with --expose-gc): scans a generated archive of the size asked
// for, from a Node or a Web stream, and prints the peak LIVE memory growth (heap + array buffers right after a full
// GC), sampled both on the producer side (while the reader holds its buffers) and on the consumer side.
// Usage: node --expose-gc scan-memory.mjs <MiB> <node|web> <mbox|huge>
import { Readable } from 'node:stream';
import { scan } from 'received-forensics/node';

const [mib = '32', kind = 'node', shape = 'mbox'] = process.argv.slice(2);
const total = Number(mib) * 1024 * 1024;

const header = (i) =>
  'Received: from mail.example.org (mail.example.org [192.0.2.10])\n' +
  '\t(using TLSv1.2 with cipher ECDHE-RSA-AES128-SHA (128/128 bits))\n' +
  `\tby mx.example.net (Postfix) with ESMTPS id ${i}\n` +
  '\tfor <bob@example.net>; Mon, 06 Jan 2025 09:15:02 +0000 (UTC)\n' +
  `Subject: message ${i}\n\n`;
const BODY = 'body line of text\n'.repeat(100);

/** An mbox of many small messages, or one message (no `From ` lines) far larger than the per-message cap. */
function* archive() {
  let produced = 0;
  if (shape === 'huge') {
    const block = Buffer.from(`${'x'.repeat(1023)}\n`.repeat(256));
    yield Buffer.from(header(0));
    for (let i = 0; produced < total; i++) {
      if (i % 8 === 0) sample();
      produced += block.length;
      yield Buffer.from(block);
    }
    return;
  }
  for (let i = 0; produced < total; i++) {
    if (i % 2000 === 0) sample();
    const message = Buffer.from(`From a@example.org Mon Jan  6 09:15:00 2025\n${header(i)}${BODY}\n`);
    produced += message.length;
    yield message;
  }
}

function live() {
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const base = live();
let peak = 0;
function sample() {
  peak = Math.max(peak, live() - base);
}

const input = kind === 'web' ? Readable.toWeb(Readable.from(archive())) : Readable.from(archive());
let messages = 0;
let summary = null;
const codes = new Set();
for await (const item of scan(input)) {
  if (item.type === 'message') {
    if (++messages % 2000 === 1) sample();
    for (const issue of item.report.issues) codes.add(issue.code);
  } else summary = item;
}
sample();
console.log(JSON.stringify({ messages, summaryMessages: summary?.messages ?? null, codes: [...codes].sort(), peakLiveBytes: peak }));
