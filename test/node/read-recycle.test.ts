/**
 * Read buffers reused within one mbox file: whatever the chunk size, the records are those of a plain read, and
 * they stay intact while later chunks are read into the buffers they were cut from (a record that kept a view of a
 * chunk would change under our eyes). Messages here span many chunks; CR LF, `>From ` quoting, NUL bytes and junk
 * before the first separator all take their own paths through the splitter.
 */
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkRecycler, fileChunks } from '../../src/node/read-chunks.js';
import { readMbox } from '../../src/node/read-mbox.js';
import { resolveReadOptions } from '../../src/node/read-options.js';
import { chunked, collect, summarise, tempDir } from './read-helpers.js';

/** Counts the buffers handed out again. */
class CountingRecycler extends ChunkRecycler {
  readonly seen = new WeakSet<ArrayBufferLike>();
  reused = 0;
  override allocate(bytes: number): Buffer {
    const buffer = super.allocate(bytes);
    if (this.seen.has(buffer.buffer)) this.reused++;
    this.seen.add(buffer.buffer);
    return buffer;
  }
}

let dir = { dir: '', remove: async () => undefined as void };
beforeAll(async () => {
  dir = await tempDir('recycle');
});
afterAll(() => dir.remove());

const line = fc.constantFrom('Subject: s', 'Received: from a.example by b.example; Mon, 6 Jan 2025 09:15:02 +0000', 'From x', '>From y', '', 'From me Mon Jan  6 09:15:02 2025', 'body '.repeat(30), '\u0000');
const message = fc.array(line, { maxLength: 12 }).map((lines) => 'X-H: 1\n' + lines.join('\n'));
const eol = fc.constantFrom('\n', '\r\n');
const preamble = fc.constantFrom('', 'junk before\n', '\n\n');

describe('ChunkRecycler', () => {
  it('takes back only the buffers it made, and hands them out again', () => {
    const recycler = new ChunkRecycler();
    const mine = recycler.allocate(100);
    recycler.release(Buffer.allocUnsafeSlow(100).buffer);
    expect(recycler.allocate(100).buffer).not.toBe(mine.buffer);
    recycler.release(mine.buffer);
    const again = recycler.allocate(80);
    expect(again.buffer).toBe(mine.buffer);
    expect(again.length).toBe(80);
  });
});

describe('readMbox with reused read buffers (property)', () => {
  it('gives the records of a plain read, intact after the whole file is read', async () => {
    let file = 0;
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(preamble, fc.array(message, { minLength: 1, maxLength: 8 }), eol, fc.integer({ min: 1, max: 300 }), async (pre, messages, nl, chunkBytes) => {
        const text = (pre + messages.map((m) => `From sender@example.org Mon Jan  6 09:15:02 2025\n${m}\n`).join('')).replaceAll('\n', nl);
        const bytes = Buffer.from(text, 'latin1');
        const path = join(dir.dir, `m${file++}.mbox`);
        await writeFile(path, bytes);
        const options = resolveReadOptions({});
        const expected = summarise(await collect(readMbox(chunked(bytes), 'test.mbox', options)));
        const handle = await open(path, 'r');
        try {
          const recycler = new CountingRecycler();
          const records = await collect(readMbox(fileChunks(handle, bytes.length, chunkBytes, recycler), 'test.mbox', options, recycler));
          expect(summarise(records)).toEqual(expected);
          reused += recycler.reused;
        } finally {
          await handle.close();
        }
      }),
      { numRuns: 150, seed: 20261128 },
    );
    // The buffers were reused (small chunks: most messages span several).
    expect(reused).toBeGreaterThan(1_000);
  });
});
