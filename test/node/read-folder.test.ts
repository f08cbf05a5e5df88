import { execFileSync } from 'node:child_process';
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileMessages } from '../../src/node/read-file.js';
import { readFolder } from '../../src/node/read-folder.js';
import { isMaildir, readMaildir } from '../../src/node/read-maildir.js';
import { readMessages } from '../../src/node/read-messages.js';
import type { MessageRecord } from '../../src/node/read-options.js';
import { collect, tempDir } from './read-helpers.js';

const MAILDIR = new URL('../../fixtures/maildir/', import.meta.url).pathname;
const MBOX = new URL('../../fixtures/mbox/', import.meta.url).pathname;

// Synthetic messages.
const MSG = (n: number): string =>
  `Received: from h${n}.example.org ([192.0.2.${n}]) by mx.example.net with ESMTP id ${n}; Mon, 06 Jan 2025 09:15:0${n % 10} +0000\nSubject: m${n}\n\nbody ${n}\n`;
const MBOX_OF = (...ns: number[]): string => ns.map((n) => `From a@example.org Mon Jan  6 09:15:0${n % 10} 2025\n${MSG(n)}\n`).join('');

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});
async function scratch(): Promise<string> {
  const t = await tempDir('read');
  cleanup = t.remove;
  return t.dir;
}
const rel = (root: string, records: readonly MessageRecord[]): [string, number, string[]][] =>
  records.map((r) => [r.source.slice(root.length + 1), r.index, r.issues.map((i) => i.code)]);

describe('Maildir (committed synthetic fixture)', () => {
  it('is recognised by its cur/ and new/ folders', async () => {
    expect(await isMaildir(MAILDIR)).toBe(true);
    expect(await isMaildir(MBOX)).toBe(false);
  });

  it('reads cur/ then new/ then the .Sent/ sub-folder, never tmp/', async () => {
    const records = await collect(readMessages(MAILDIR));
    expect(rel(MAILDIR.replace(/\/$/, ''), records)).toEqual([
      ['cur/1736150102.M101P2001.mx.example.net,S=900:2,S', 0, []],
      ['new/1736153000.M202P2002.mx.example.net,S=700', 0, []],
      ['.Sent/cur/1736240000.M404P2004.mx.example.net:2,S', 0, []],
    ]);
    expect(records.every((r) => r.byteOffset === null && Buffer.from(r.raw).toString().startsWith('Return-Path:'))).toBe(true);
    expect(await collect(readMaildir(MAILDIR))).toHaveLength(3);
  });
});

describe('folders', () => {
  it('walks recursively in byte-wise name order, content decides the format, hidden and non-mail files skipped', async () => {
    const root = await scratch();
    await mkdir(join(root, 'b'));
    await mkdir(join(root, 'a', 'z'), { recursive: true });
    await writeFile(join(root, 'B.txt'), MSG(1)); // uppercase sorts before lowercase byte-wise
    await writeFile(join(root, 'a', 'z', 'deep.eml'), MSG(2));
    await writeFile(join(root, 'a', 'archive'), MBOX_OF(3, 4)); // mbox with no extension
    await writeFile(join(root, 'b', 'x.json'), '{"not":"mail"}');
    await writeFile(join(root, 'b', 'y.mbox.gz'), gzipSync(MBOX_OF(5)));
    await writeFile(join(root, '.hidden.eml'), MSG(6));
    await writeFile(join(root, 'empty.eml'), '');
    const records = await collect(readFolder(root));
    expect(rel(root, records)).toEqual([
      ['B.txt', 0, []],
      ['a/archive', 0, []],
      ['a/archive', 1, []],
      ['a/z/deep.eml', 0, []],
      ['b/y.mbox.gz', 0, []],
    ]);
    const reported = await collect(readFolder(root, { nonMessages: 'report' }));
    expect(rel(root, reported).filter(([, , codes]) => codes.includes('IO_NOT_A_MESSAGE')).map(([p]) => p)).toEqual(['b/x.json', 'empty.eml']);
  });

  it('a Maildir inside a folder is read as a Maildir (tmp/ skipped)', async () => {
    const root = await scratch();
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(root, 'Mail', sub), { recursive: true });
    await writeFile(join(root, 'Mail', 'cur', '1.host:2,S'), MSG(1));
    await writeFile(join(root, 'Mail', 'new', '2.host'), MSG(2));
    await writeFile(join(root, 'Mail', 'tmp', '3.host'), MSG(3));
    await writeFile(join(root, 'Mail', 'dovecot-uidlist'), '3 V1 N4\n');
    await mkdir(join(root, 'Mail', '.Archive.2019', 'cur'), { recursive: true });
    await mkdir(join(root, 'Mail', '.Archive.2019', 'new'));
    await writeFile(join(root, 'Mail', '.Archive.2019', 'new', '4.host'), MSG(4));
    await mkdir(join(root, 'Mail', 'cur', 'oops'));
    const records = await collect(readMessages(root));
    expect(rel(root, records)).toEqual([
      ['Mail/cur/1.host:2,S', 0, []],
      ['Mail/cur/oops', 0, ['IO_UNREADABLE']],
      ['Mail/new/2.host', 0, []],
      ['Mail/.Archive.2019/new/4.host', 0, []],
    ]);
  });

  it('a symlink loop is reported once and not followed; a second link to a read folder is not read twice', async () => {
    const root = await scratch();
    await mkdir(join(root, 'd'));
    await writeFile(join(root, 'd', 'm.eml'), MSG(1));
    await symlink('..', join(root, 'd', 'loop'));
    await symlink('d', join(root, 'e-alias'));
    const records = await collect(readFolder(root, { followSymlinks: true }));
    expect(rel(root, records)).toEqual([
      ['d/loop', 0, ['IO_UNREADABLE']],
      ['d/m.eml', 0, []],
      ['e-alias', 0, ['IO_UNREADABLE']],
    ]);
    expect(records[0]?.issues[0]?.message).toMatch(/loop/);
    expect(records[2]?.issues[0]?.message).toMatch(/already read/);
  });

  it('a broken symlink, a symlink to itself, a FIFO and a file that vanishes mid-scan become records; the scan goes on', async () => {
    const root = await scratch();
    // 40 files: more than the reader reads ahead, so the last ones are still unopened when the first arrives.
    const names = Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(2, '0')}.eml`);
    for (const [i, name] of names.entries()) await writeFile(join(root, name), MSG(i));
    await symlink('nowhere.eml', join(root, '0-dangling.eml'));
    await symlink('0-self.eml', join(root, '0-self.eml'));
    execFileSync('mkfifo', [join(root, 'z.fifo')]);
    const seen: MessageRecord[] = [];
    for await (const record of readFolder(root, { nonMessages: 'report', followSymlinks: true })) {
      seen.push(record);
      if (record.source.endsWith('m00.eml')) await rm(join(root, 'm38.eml')); // listed already, gone before it is opened
    }
    const got = rel(root, seen);
    expect(got.slice(0, 3)).toEqual([
      ['0-dangling.eml', 0, ['IO_UNREADABLE']],
      ['0-self.eml', 0, ['IO_UNREADABLE']],
      ['m00.eml', 0, []],
    ]);
    expect(got.slice(-3)).toEqual([
      ['m38.eml', 0, ['IO_UNREADABLE']],
      ['m39.eml', 0, []],
      ['z.fifo', 0, ['IO_NOT_A_MESSAGE']],
    ]);
    expect(got).toHaveLength(43);
    expect(got.filter(([, , codes]) => codes.length > 0)).toHaveLength(4);
    expect(seen[1]?.issues[0]?.message).toMatch(/symlink loop/);
    expect(seen.at(-3)?.issues[0]?.message).toMatch(/vanished/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file becomes an IO_UNREADABLE record', async () => {
    const root = await scratch();
    await writeFile(join(root, 'secret.eml'), MSG(1));
    await chmod(join(root, 'secret.eml'), 0o000);
    expect(rel(root, await collect(readFolder(root)))).toEqual([['secret.eml', 0, ['IO_UNREADABLE']]]);
  });

  it('directory depth is limited', async () => {
    const root = await scratch();
    const deep = join(root, 'a', 'b', 'c');
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, 'm.eml'), MSG(1));
    expect(rel(root, await collect(readFolder(root, { maxDirectoryDepth: 2 })))).toEqual([['a/b/c', 0, ['IO_UNREADABLE']]]);
    expect(rel(root, await collect(readFolder(root, { maxDirectoryDepth: 3 })))).toEqual([['a/b/c/m.eml', 0, []]]);
  });

  it('entries per directory are limited', async () => {
    const root = await scratch();
    for (const n of [1, 2, 3]) await writeFile(join(root, `${n}.eml`), MSG(n));
    const records = await collect(readFolder(root, { maxDirectoryEntries: 2 }));
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual([[], [], ['IO_TRUNCATED']]);
  });
});

describe('single files and paths', () => {
  it.each([
    { name: 'an .eml', content: MSG(1), codes: [[]], offsets: [null] },
    { name: 'an mbox named .eml', content: MBOX_OF(1, 2), codes: [[], []], offsets: [0, MBOX_OF(1).length] },
    { name: 'text that is not mail (read anyway, flagged)', content: 'hello world\n', codes: [['IO_NOT_A_MESSAGE']], offsets: [null] },
    { name: 'an empty file', content: '', codes: [['IO_NOT_A_MESSAGE']], offsets: [null] },
  ])('$name', async ({ content, codes, offsets }) => {
    const root = await scratch();
    await writeFile(join(root, 'x.eml'), content);
    const records = await collect(readFileMessages(join(root, 'x.eml')));
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual(codes);
    expect(records.map((r) => r.byteOffset)).toEqual(offsets);
  });

  it('a directory where a file was expected, and a missing path, are records', async () => {
    const root = await scratch();
    const [dir] = await collect(readFileMessages(root));
    expect(dir?.issues[0]).toMatchObject({ code: 'IO_UNREADABLE', message: expect.stringMatching(/directory/) });
    const [missing] = await collect(readMessages(join(root, 'nope.mbox')));
    expect(missing).toMatchObject({ index: 0, byteOffset: null, raw: new Uint8Array(0) });
    expect(missing?.issues[0]?.code).toBe('IO_UNREADABLE');
  });

  it('an oversized single message is cut at maxMessageBytes', async () => {
    const root = await scratch();
    await writeFile(join(root, 'big.eml'), MSG(1) + 'y'.repeat(50_000));
    const [big] = await collect(readFileMessages(join(root, 'big.eml'), { maxMessageBytes: 100 }));
    expect(big?.raw.length).toBe(100);
    expect(big?.issues.map((i) => i.code)).toEqual(['IO_TRUNCATED']);
  });
});

describe('gzip', () => {
  it('a .gz mbox is read with offsets in the uncompressed stream', async () => {
    const root = await scratch();
    await writeFile(join(root, 'box.gz'), gzipSync(MBOX_OF(1, 2, 3)));
    const records = await collect(readMessages(join(root, 'box.gz')));
    expect(records.map((r) => [r.index, r.byteOffset, r.issues.length])).toEqual([
      [0, 0, 0],
      [1, MBOX_OF(1).length, 0],
      [2, MBOX_OF(1, 2).length, 0],
    ]);
  });

  it('a truncated .gz gives the messages read so far and IO_TRUNCATED on the last one', async () => {
    const root = await scratch();
    const many = MBOX_OF(...Array.from({ length: 400 }, (_, i) => i));
    const gz = gzipSync(many);
    await writeFile(join(root, 'cut.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const records = await collect(readMessages(join(root, 'cut.gz')));
    expect(records.length).toBeGreaterThan(10);
    expect(records.length).toBeLessThan(400);
    expect(records.slice(0, -1).every((r) => r.issues.length === 0)).toBe(true);
    expect(records.at(-1)?.issues.map((i) => i.code)).toEqual(['IO_TRUNCATED']);
  });

  it('a .gz cut inside its header is one synthetic IO_TRUNCATED record', async () => {
    const root = await scratch();
    await writeFile(join(root, 'stub.gz'), gzipSync(MSG(1)).subarray(0, 6));
    const records = await collect(readMessages(join(root, 'stub.gz')));
    expect(records).toEqual([
      { source: join(root, 'stub.gz'), index: 0, byteOffset: null, raw: new Uint8Array(0), issues: [expect.objectContaining({ code: 'IO_TRUNCATED' })] },
    ]);
  });

  it('a .gz of one message is one record', async () => {
    const records = await collect(readMessages(Readable.from([gzipSync(MSG(7))]), { name: 'piped' }));
    expect(records.map((r) => [r.source, Buffer.from(r.raw).toString()])).toEqual([['piped', MSG(7)]]);
  });
});

describe('stopping early', () => {
  it('breaking out of the loop releases files and pipelines (plain mbox, .gz, folder)', async () => {
    const root = await scratch();
    await writeFile(join(root, 'a.mbox'), MBOX_OF(1, 2, 3));
    await writeFile(join(root, 'b.mbox.gz'), gzipSync(MBOX_OF(4, 5, 6)));
    for (const input of [join(root, 'a.mbox'), join(root, 'b.mbox.gz'), root]) {
      let n = 0;
      for await (const record of readMessages(input)) {
        expect(record.issues).toEqual([]);
        if (++n === 1) break;
      }
      expect(n).toBe(1);
    }
    // Everything was closed: the directory can be removed and read again from the start.
    expect((await collect(readMessages(root))).map((r) => r.index)).toEqual([0, 1, 2, 0, 1, 2]);
  });
});

describe('streams and arguments', () => {
  it('reads a WHATWG ReadableStream and a Node stream alike', async () => {
    const bytes = new TextEncoder().encode(MBOX_OF(1, 2));
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 10));
        controller.enqueue(bytes.subarray(10));
        controller.close();
      },
    });
    const fromWeb = await collect(readMessages(web));
    const fromNode = await collect(readMessages(Readable.from([Buffer.from(bytes)])));
    expect(fromWeb.map((r) => [r.source, r.index, r.byteOffset])).toEqual([
      ['<stream>', 0, 0],
      ['<stream>', 1, MBOX_OF(1).length],
    ]);
    expect(fromNode).toEqual(fromWeb);
  });

  it.each([
    ['a number', () => readMessages(42 as unknown as string)],
    ['an empty path', () => readMessages('')],
    ['a negative limit', () => readMessages('x', { maxMessageBytes: -1 })],
    ['an unknown variant', () => readMessages('x', { mboxVariant: 'mboxcl2' as 'mboxrd' })],
  ])('throws TypeError synchronously for %s', (_, call) => {
    expect(call).toThrow(TypeError);
  });
});
