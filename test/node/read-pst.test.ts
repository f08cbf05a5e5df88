import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { detectFormat } from '../../src/node/detect-format.js';
import { readMessages } from '../../src/node/read-messages.js';
import { resolveReadOptions, type MessageRecord } from '../../src/node/read-options.js';
import { ArchiveAccess, MAX_PST_ALLOCATED_BYTES_PER_CALL, MAX_PST_ALLOCATIONS_PER_CALL, MAX_PST_READS_PER_CALL, patchNodeStream, readPst } from '../../src/node/read-pst.js';
import { scan } from '../../src/node/scan.js';
import { collect, tempDir } from './read-helpers.js';
import { writePst } from '../support/write-pst.js';

// The archives pst-extractor ships in its own package (example/testdata): real Outlook files, read where they are,
// never copied into this project.
const require = createRequire(import.meta.url);
const TESTDATA = join(dirname(require.resolve('pst-extractor/package.json')), 'example', 'testdata');
const ENRON = join(TESTDATA, 'enron.pst');
const OST = join(TESTDATA, 'pstextractortest@outlook.com.ost');
const HAVE_ENRON = existsSync(ENRON);
const HAVE_OST = existsSync(OST);
const SKIP_NOTE = 'skipped: this pst-extractor version no longer ships example/testdata';
if (!HAVE_ENRON || !HAVE_OST) console.warn(`node-read-pst: ${SKIP_NOTE} (${TESTDATA})`);

let dir = '';
let remove: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ dir, remove } = await tempDir('pst'));
});
afterAll(() => remove());

const hopsOf = (r: MessageRecord): number => analyzeMessage(r.raw).hops.length;

describe.skipIf(!HAVE_ENRON)(`enron.pst from pst-extractor's package${HAVE_ENRON ? '' : ` (${SKIP_NOTE})`}`, () => {
  it('is detected by its !BDN header and read item by item, each source naming folder and item', async () => {
    expect(detectFormat(readFileSync(ENRON).subarray(0, 4096))).toBe('pst');
    const records = await collect(readMessages(ENRON));
    expect(records).toHaveLength(71);
    expect(records.map((r) => r.index)).toEqual(records.map((_, i) => i));
    expect(new Set(records.map((r) => r.source)).size).toBe(71);
    for (const r of records) expect(r.source).toMatch(/^.+enron\.pst:\/[^#]*#\d+$/u);
    expect(records[0]!.source.slice(ENRON.length)).toBe(':/Top of Personal Folders/lokay-m/MLOKAY (Non-Privileged)#0');
    expect(records.filter((r) => hopsOf(r) > 0)).toHaveLength(21);
    expect(records.flatMap((r) => r.issues)).toEqual([]);
  });

  it('prints nothing on the console (stdout carries our NDJSON)', async () => {
    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((name) => vi.spyOn(console, name));
    try {
      await collect(readMessages(ENRON));
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('is read inside a folder, after the messages before it in name order', async () => {
    const { dir: folder, remove: removeFolder } = await tempDir('pst-folder');
    try {
      await writeFile(join(folder, 'a.eml'), 'Received: from a.example by b.example; Mon, 6 Jan 2025 09:15:02 +0000\r\nSubject: x\r\n\r\n');
      await writeFile(join(folder, 'b.pst'), readFileSync(ENRON));
      const records = await collect(readMessages(folder));
      expect(records).toHaveLength(72);
      expect(records[0]!.source).toBe(join(folder, 'a.eml'));
      expect(records[1]!.source.startsWith(`${join(folder, 'b.pst')}:/`)).toBe(true);
    } finally {
      await removeFolder();
    }
  });

  it("leaves pst-extractor's static map of named properties empty once no archive is open", async () => {
    const { PSTFile } = require('pst-extractor') as { PSTFile: { nodeMap: Record<string, unknown> } };
    const sizes = (): number[] => Object.values(PSTFile.nodeMap).map((m) => (m instanceof Map ? m.size : 0));
    const records = readMessages(ENRON);
    await records.next();
    expect(Math.max(...sizes())).toBeGreaterThan(0);
    await collect(records);
    expect(sizes().every((n) => n === 0)).toBe(true);
  });

  it('reads the same from a .gz (held in memory) as from the file', async () => {
    const gz = join(dir, 'enron.pst.gz');
    await writeFile(gz, gzipSync(readFileSync(ENRON), { level: 1 }));
    const plain = await collect(readMessages(ENRON));
    const zipped = await collect(readMessages(gz));
    expect(zipped.map((r) => [r.source.slice(gz.length), Buffer.from(r.raw).toString('latin1')])).toEqual(
      plain.map((r) => [r.source.slice(ENRON.length), Buffer.from(r.raw).toString('latin1')]),
    );
  });

  it('progress counts items and gives no percentage (records hold only header blocks of the file)', async () => {
    const seen: { messages: number; totalBytes?: number }[] = [];
    await collect(scan(ENRON, { onProgress: (p) => seen.push(p) }));
    expect(seen.at(-1)?.messages).toBe(71);
    expect(seen.every((p) => p.totalBytes === undefined)).toBe(true);
  });

  it('an aborted scan stops between items', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(async () => {
      for await (const item of scan(ENRON, { signal: controller.signal })) {
        if (item.type === 'message') seen.push(item.source);
        controller.abort(new Error('stop'));
      }
    }).rejects.toThrow('stop');
    expect(seen).toHaveLength(1);
  });
});

describe.skipIf(!HAVE_OST)(`outlook.com .ost from pst-extractor's package${HAVE_OST ? '' : ` (${SKIP_NOTE})`}`, () => {
  it('47 items: 10 with internet headers, 37 counted apart as items without them', async () => {
    const records = await collect(readMessages(OST));
    expect(records).toHaveLength(47);
    const withHeaders = records.filter((r) => r.raw.length > 0);
    expect(withHeaders).toHaveLength(10);
    const without = records.filter((r) => r.raw.length === 0);
    for (const r of without) expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['IO_NO_INTERNET_HEADERS', 'info']]);
    // The Exchange Online chain of 2021 states TLS 1.2 on its hops.
    const versions = new Set(withHeaders.flatMap((r) => analyzeMessage(r.raw).hops.map((h) => h.tls?.version ?? null)));
    expect(versions.has('TLSv1.2')).toBe(true);
  });

  it('scan: items without headers are not unreadable', async () => {
    const items = await collect(scan(OST));
    const summary = items.at(-1);
    expect(summary?.type).toBe('summary');
    if (summary?.type === 'summary') {
      expect(summary.messages).toBe(47);
      expect(summary.unreadable).toBe(0);
      expect(summary.verdicts.none).toBe(0);
    }
  });
});

describe.skipIf(!HAVE_ENRON)(`damaged copies of an archive end with issues, never a throw${HAVE_ENRON ? '' : ` (${SKIP_NOTE})`}`, () => {
  const good = HAVE_ENRON ? readFileSync(ENRON) : Buffer.alloc(0);
  const options = resolveReadOptions();

  it.each([
    ['only the header', 600],
    ['the first 64 KiB', 64 * 1024],
    ['the first half', Math.floor(good.length / 2)],
  ])('truncated to %s: a record with an issue, not a crash', async (_label, length) => {
    const path = join(dir, 'cut.pst');
    await writeFile(path, good.subarray(0, length));
    const records = await collect(readMessages(path));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.raw.length > 0 || r.issues.length > 0)).toBe(true);
    expect(records.some((r) => r.issues.some((i) => i.code === 'IO_UNREADABLE'))).toBe(true);
  });

  it('the encrypted ("high encryption") kind is refused with an issue', async () => {
    const bytes = Buffer.from(good.subarray(0, 64 * 1024));
    bytes[513] = 0x02;
    const records = await collect(readPst(bytes, 'high.pst', options));
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual([['IO_UNREADABLE']]);
  });

  // enron.pst is a Unicode PST ([MS-PST] 2.2.2.6): the node and block B-tree roots are at header offsets 224 and 240;
  // a branch page holds 24-byte entries whose last 8 bytes are the child page's file offset.
  it.each([
    ['the block B-tree', 240],
    ['the node B-tree', 224],
  ])('a page of %s that points to itself: an issue on the file, not a hang', async (_label, rootAt) => {
    const bytes = Buffer.from(good);
    const page = Number(bytes.readBigUInt64LE(rootAt));
    for (let entry = 0; entry < bytes[page + 488]!; entry++) bytes.writeBigUInt64LE(BigInt(page), page + entry * 24 + 16);
    const records = await collect(readPst(bytes, 'looping.pst', options));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.raw.length > 0 || r.issues.length > 0)).toBe(true);
    expect(records.some((r) => r.issues.some((i) => i.code === 'IO_UNREADABLE'))).toBe(true);
  });

  it('a missing file or a directory: an issue', async () => {
    const gone = await collect(readPst(join(dir, 'nothing-here.pst'), 'nothing-here.pst', options));
    expect(gone.map((r) => r.issues.map((i) => i.code))).toEqual([['IO_UNREADABLE']]);
    const folder = await collect(readPst(dir, 'folder.pst', options));
    expect(folder.map((r) => r.issues.map((i) => i.code))).toEqual([['IO_UNREADABLE']]);
  });

  it('bytes overwritten anywhere: records or issues, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 64 }), async (flips) => {
        const bytes = Buffer.from(good);
        for (const [at, value] of flips) bytes[at] = value;
        const records = await collect(readPst(bytes, 'flipped.pst', options));
        expect(records.length).toBeGreaterThan(0);
      }),
      { numRuns: 15 },
    );
  });
});

describe('ArchiveAccess: what a call into pst-extractor may do', () => {
  it('no buffer larger than the archive, no console output, a bounded number of reads; globals restored after', () => {
    const access = new ArchiveAccess(null, Buffer.alloc(4096, 7));
    const { alloc } = Buffer;
    const { log } = console;
    expect(() => access.call(() => Buffer.alloc(4097))).toThrow('claims 4097 bytes');
    expect(access.call(() => Buffer.alloc(4096, 1).length)).toBe(4096);
    expect(Buffer.alloc).toBe(alloc);
    expect(console.log).toBe(log);
    const target = Buffer.alloc(16);
    expect(access.call(() => access.view.copy(target, 0, 4090, 4106))).toBe(6);
    expect(target.subarray(0, 6)).toEqual(Buffer.alloc(6, 7));
    expect(() => access.call(() => access.view.copy(target, 0, -1, 15))).toThrow('outside the file');
    expect(() =>
      access.call(() => {
        for (let i = 0; i <= MAX_PST_READS_PER_CALL; i++) access.view.copy(target, 0, 0, 1);
      }),
    ).toThrow('MAX_PST_READS_PER_CALL');
    // The budget is per call.
    expect(access.call(() => access.view.copy(target, 0, 0, 1))).toBe(1);
  });

  it('a bounded number and total size of buffers per call: a loop that allocates without reading ends', () => {
    const access = new ArchiveAccess(null, Buffer.alloc(1 << 20));
    expect(() =>
      access.call(() => {
        for (let i = 0; i <= MAX_PST_ALLOCATIONS_PER_CALL; i++) Buffer.alloc(1);
      }),
    ).toThrow('MAX_PST_ALLOCATIONS_PER_CALL');
    expect(() =>
      access.call(() => {
        for (let i = 0; i <= MAX_PST_ALLOCATED_BYTES_PER_CALL >> 20; i++) Buffer.alloc(1 << 20);
      }),
    ).toThrow('MAX_PST_ALLOCATED_BYTES_PER_CALL');
    // Both budgets are per call.
    expect(access.call(() => Buffer.alloc(1 << 20).length)).toBe(1 << 20);
  });

  it('strict: a refused allocation that pst-extractor caught itself still fails the call', () => {
    const access = new ArchiveAccess(null, Buffer.alloc(4096));
    const swallowing = (): string => {
      try {
        return Buffer.alloc(1 << 20).toString();
      } catch {
        return '';
      }
    };
    expect(access.call(swallowing)).toBe('');
    expect(() => access.strict(swallowing)).toThrow('claims 1048576 bytes');
    expect(access.strict(() => 'fine')).toBe('fine');
  });

  it('reads from a file give the file bytes, small or large, inside a page, across its end and past the file', async () => {
    const bytes = Buffer.alloc(200 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 9)) & 0xff;
    const path = join(dir, 'bytes.bin');
    await writeFile(path, bytes);
    const access = ArchiveAccess.open(path, false);
    try {
      for (const [start, length] of [[0, 1], [5, 100], [65_530, 12], [65_536, 4], [100_000, 70_000], [131_000, 3000], [204_790, 20], [300_000, 8]] as const) {
        const target = Buffer.alloc(length);
        const read = access.call(() => access.view.copy(target, 0, start, start + length));
        const want = bytes.subarray(start, start + length);
        expect(read).toBe(want.length);
        expect(target.subarray(0, read)).toEqual(want);
      }
    } finally {
      access.close();
    }
  });
});

describe('an item stream shorter than it says', () => {
  /** A stream that yields `chunks` bytes a read, then nothing: what pst-extractor's stream does past its end. */
  const stream = (...chunks: number[]) => ({
    readFromOffset: (output: Buffer, offset: number, length: number): number => Math.min(chunks.shift() ?? 0, length, output.length - offset),
    readCompletely: (_target: Buffer): void => undefined,
  });

  it('the mended read loop fills the buffer across reads, and ends when a read brings nothing', () => {
    const whole = stream(3, 5);
    patchNodeStream(whole);
    expect(() => whole.readCompletely(Buffer.alloc(8))).not.toThrow();
    const short = stream(3, 4);
    patchNodeStream(short);
    expect(() => short.readCompletely(Buffer.alloc(8))).toThrow('ends before its stated length');
  });

  it("a folder whose heap's page map runs past its block: an issue where the folders are listed, the rest read", async () => {
    const path = join(dir, 'overrun.pst');
    const headers = 'Received: from a.example.org by b.example.net with ESMTPS; Mon, 7 Dec 2026 10:00:00 +0000\r\n\r\n';
    writePst(path, [{ name: 'Inbox', items: [{ headers }], folders: [{ name: 'Broken', overrunHeap: true, items: [{ headers }] }] }]);
    const records = await collect(readMessages(path));
    expect(records.map((r) => [r.source, r.raw.length > 0, r.issues.map((i) => i.code)])).toEqual([
      [`${path}:/Inbox#0`, true, []],
      [`${path}:/Inbox`, false, ['IO_UNREADABLE']],
    ]);
    expect(records[1]!.issues[0]!.message).toMatch(/ends before its stated length/);
  });
});
