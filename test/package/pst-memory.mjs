// Child process of test/integration/pst-memory.test.ts (run with --expose-gc): reads an archive through readMessages, bundled
// from the sources, and prints the peak LIVE memory growth (heap + array buffers right after a full GC) and the
// peak RSS growth, sampled every 500 records, with the count and total size of the records read.
// Usage: node --expose-gc test/package/pst-memory.mjs <bundle dir> <archive>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [bundle = '', archive = ''] = process.argv.slice(2);
const { readMessages } = await import(pathToFileURL(join(bundle, 'index.js')).href);

function live() {
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const base = live();
const baseRss = process.memoryUsage().rss;
let peakLive = 0;
let peakRss = 0;
const sample = () => {
  peakLive = Math.max(peakLive, live() - base);
  peakRss = Math.max(peakRss, process.memoryUsage().rss - baseRss);
};
let records = 0;
let rawBytes = 0;
let issues = 0;
for await (const record of readMessages(archive)) {
  records++;
  rawBytes += record.raw.length;
  issues += record.issues.length;
  if (records % 500 === 0) sample();
}
sample();
console.log(JSON.stringify({ records, rawBytes, issues, peakLiveBytes: peakLive, peakRssBytes: peakRss }));
