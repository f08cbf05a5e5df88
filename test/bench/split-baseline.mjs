// The practical floor: stream the mbox, cut each message's header block, unfold its Received lines — nothing more.
// Usage: node test/bench/split-baseline.mjs corpus.mbox   → prints {"messages":…,"received":…,"maxRSS":…} on stdout
import { createReadStream } from 'node:fs';

const LF = 0x0a;
const path = process.argv[2];
let messages = 0;
let received = 0;
let receivedChars = 0;
let carry = Buffer.alloc(0);

/** One message's header block (bytes up to the first blank line): count and unfold its Received fields. */
function headerBlock(buf, start, end) {
  messages++;
  let i = start;
  while (i < end) {
    let eol = buf.indexOf(LF, i);
    if (eol === -1 || eol > end) eol = end;
    // `Received:` (any case), then continuation lines that start with a space or a tab.
    if (eol - i > 9 && (buf[i] | 0x20) === 0x72 && buf.latin1Slice(i, i + 9).toLowerCase() === 'received:') {
      let j = eol + 1;
      while (j < end && (buf[j] === 0x20 || buf[j] === 0x09)) {
        const next = buf.indexOf(LF, j);
        j = next === -1 || next > end ? end : next + 1;
      }
      const value = buf.latin1Slice(i + 9, Math.min(j, end)).replace(/\r?\n(?=[ \t])/g, '');
      received++;
      receivedChars += value.length;
      i = j;
      continue;
    }
    i = eol + 1;
  }
}

const SEPARATOR = '\n\nFrom ';
// Between messages we only look for the next separator, so a long body is never buffered: only its last bytes are.
let inHeader = true;

/** Walk `buf` from its start; return the offset from which bytes must be kept for the next chunk. */
function walk(buf, final) {
  let pos = 0;
  for (;;) {
    if (inHeader) {
      // `pos` is at a `From ` line; the header block ends at the first blank line.
      const headEnd = buf.indexOf('\n\n', pos);
      if (headEnd === -1 && !final) return pos;
      const end = headEnd === -1 ? buf.length : headEnd + 1;
      const fromEol = buf.indexOf(LF, pos);
      headerBlock(buf, fromEol === -1 ? end : fromEol + 1, end);
      if (headEnd === -1) return buf.length;
      pos = headEnd;
      inHeader = false;
    }
    const next = buf.indexOf(SEPARATOR, pos);
    if (next === -1) return Math.max(pos, buf.length - SEPARATOR.length);
    pos = next + 2;
    inHeader = true;
  }
}

for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
  const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
  carry = buf.subarray(walk(buf, false));
}
if (carry.length > 0) walk(carry, true);
console.log(JSON.stringify({ messages, received, receivedChars, maxRSS: process.resourceUsage().maxRSS }));
