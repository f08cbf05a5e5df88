import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { checkCompoundFile } from '../../src/node/cfb-check.js';
import { detectFormat } from '../../src/node/detect-format.js';
import { readMessages } from '../../src/node/read-messages.js';
import { MAX_MSG_FILE_BYTES, msgTransportHeaders } from '../../src/node/read-msg.js';
import { scan } from '../../src/node/scan.js';
import type { ScanMessage } from '../../src/node/scan-types.js';
import { collect, tempDir } from './read-helpers.js';
import { writeMsg } from '../support/write-msg.js';

const EML_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'eml');
const EMLS = readdirSync(EML_DIR).filter((name) => name.endsWith('.eml')).sort();
const SEED = readFileSync(join(EML_DIR, 'seed-rc4-gmail.eml'));

let dir = '';
let remove: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ dir, remove } = await tempDir('msg'));
});
afterAll(() => remove());

/** Hops and verdict without the `raw`-dependent spans: what must match between the `.eml` and its `.msg`. */
function essence(report: ReturnType<typeof analyzeMessage>): unknown {
  return { hops: report.hops, verdict: report.verdict, timeline: report.timeline };
}

async function readOne(name: string, bytes: Uint8Array) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const records = await collect(readMessages(path));
  expect(records).toHaveLength(1);
  return records[0]!;
}

// CFB layout of the files `writeMsg` makes (version 3: 512-byte sectors).
const SECTOR = 512;
const sectorAt = (id: number): number => (id + 1) * SECTOR;
const u32 = (b: Buffer, at: number): number => b.readInt32LE(at);

describe('.msg: the internet headers of an Outlook item (PR_TRANSPORT_MESSAGE_HEADERS)', () => {
  it('is detected by the CFB signature, whatever its name', () => {
    expect(detectFormat(writeMsg(SEED).subarray(0, 4096))).toBe('cfb');
  });

  it.each(EMLS)('%s: same hops, timeline and verdict as the .eml', async (name) => {
    const eml = readFileSync(join(EML_DIR, name));
    const record = await readOne(`${name}.msg`, writeMsg(eml));
    expect(record.issues).toEqual([]);
    expect(record.source.endsWith(`${name}.msg`)).toBe(true);
    expect(essence(analyzeMessage(record.raw))).toEqual(essence(analyzeMessage(eml)));
  });

  it('reads headers stored in the item code page (PT_STRING8) too', async () => {
    const record = await readOne('ansi.msg', writeMsg(SEED, { ansi: true }));
    expect(record.issues).toEqual([]);
    expect(essence(analyzeMessage(record.raw))).toEqual(essence(analyzeMessage(SEED)));
  });

  it('an item without internet headers is counted apart: an info issue, not unreadable, no hops', async () => {
    const bytes = writeMsg(SEED, { withoutHeaders: true });
    const record = await readOne('draft.msg', bytes);
    expect(record.raw.length).toBe(0);
    expect(record.issues.map((i) => [i.code, i.severity])).toEqual([['IO_NO_INTERNET_HEADERS', 'info']]);
    const items = await collect(scan(join(dir, 'draft.msg')));
    const summary = items.at(-1);
    expect(summary?.type).toBe('summary');
    if (summary?.type === 'summary') {
      expect(summary.messages).toBe(1);
      expect(summary.unreadable).toBe(0);
      expect(summary.verdicts.none).toBe(0);
    }
  });

  it('is read inside a folder among .eml files, and from a .gz', async () => {
    const { dir: folder, remove: removeFolder } = await tempDir('msg-folder');
    try {
      await writeFile(join(folder, 'a.eml'), SEED);
      await writeFile(join(folder, 'b.msg'), writeMsg(SEED));
      await writeFile(join(folder, 'c.msg.gz'), gzipSync(writeMsg(SEED)));
      await writeFile(join(folder, 'notes.txt'), 'not mail\n');
      const items = (await collect(scan(folder))).filter((i): i is ScanMessage => i.type === 'message');
      expect(items.map((i) => i.source.slice(folder.length + 1))).toEqual(['a.eml', 'b.msg', 'c.msg.gz']);
      const [eml, msg, gz] = items.map((i) => essence(i.report));
      expect(msg).toEqual(eml);
      expect(gz).toEqual(eml);
    } finally {
      await removeFolder();
    }
  });

  it('a compound file that is no Outlook item (a .doc): not mail, skipped in folders', async () => {
    const doc = writeMsg(SEED, { notAnItem: true });
    const named = await readOne('letter.doc', doc);
    expect(named.issues.map((i) => [i.code, i.severity])).toEqual([['IO_NOT_A_MESSAGE', 'warning']]);
    const { dir: folder, remove: removeFolder } = await tempDir('msg-doc');
    try {
      await writeFile(join(folder, 'letter.doc'), doc);
      expect(await collect(readMessages(folder))).toEqual([]);
      const reported = await collect(readMessages(folder, { nonMessages: 'report' }));
      expect(reported.map((r) => r.issues.map((i) => [i.code, i.severity]))).toEqual([[['IO_NOT_A_MESSAGE', 'info']]]);
    } finally {
      await removeFolder();
    }
  });

  it('is read from a stream', async () => {
    const bytes = writeMsg(SEED);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 700));
        controller.enqueue(bytes.subarray(700));
        controller.close();
      },
    });
    const records = await collect(readMessages(stream, { name: 'upload.msg' }));
    expect(records.map((r) => r.source)).toEqual(['upload.msg']);
    expect(essence(analyzeMessage(records[0]!.raw))).toEqual(essence(analyzeMessage(SEED)));
  });

  it('an endless stream that starts like a .msg ends at MAX_MSG_FILE_BYTES with an issue, and is closed', async () => {
    const chunk = Buffer.alloc(1024 * 1024);
    writeMsg(SEED).copy(chunk, 0, 0, 512);
    let pulled = 0;
    let closed = false;
    const endless = Readable.from(
      (function* () {
        try {
          for (;;) {
            pulled += chunk.length;
            yield chunk;
          }
        } finally {
          closed = true;
        }
      })(),
    );
    const records = await collect(readMessages(endless, { name: 'endless.msg' }));
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual([['IO_UNREADABLE']]);
    expect(records[0]!.issues[0]!.message).toContain(String(MAX_MSG_FILE_BYTES));
    expect(pulled).toBeLessThanOrEqual(MAX_MSG_FILE_BYTES + 4 * chunk.length);
    expect(closed).toBe(true);
  });

  it('keeps at most maxMessageBytes of the headers, with IO_TRUNCATED', async () => {
    const path = join(dir, 'cut.msg');
    await writeFile(path, writeMsg(SEED));
    const [record] = await collect(readMessages(path, { maxMessageBytes: 100 }));
    expect(record!.raw.length).toBe(100);
    expect(record!.issues.map((i) => i.code)).toEqual(['IO_TRUNCATED']);
  });
});

describe('.msg: damaged copies end with an issue on the file, never a throw, a hang or a huge allocation', () => {
  const good = writeMsg(SEED);
  const dirStart = u32(good, 0x30);
  const fat0 = u32(good, 0x4c);

  function damaged(edit: (b: Buffer) => void): Buffer {
    const copy = Buffer.from(good);
    edit(copy);
    return copy;
  }

  const cases: [string, Buffer][] = [
    ['truncated after the header', good.subarray(0, 600)],
    ['truncated to the signature', good.subarray(0, 8)],
    ['truncated in the middle', good.subarray(0, Math.floor(good.length / 2))],
    ['a FAT entry that points at itself (directory chain loops)', damaged((b) => b.writeInt32LE(dirStart, sectorAt(fat0) + 4 * dirStart))],
    [
      'a directory entry that is its own sibling',
      damaged((b) => {
        const root = sectorAt(dirStart);
        const child = u32(b, root + 0x4c);
        b.writeInt32LE(child, root + child * 128 + 0x44);
      }),
    ],
    [
      'a stream claiming 2 GiB',
      damaged((b) => {
        const root = sectorAt(dirStart);
        const child = u32(b, root + 0x4c);
        b.writeInt32LE(0x7fffffff, root + child * 128 + 0x78);
      }),
    ],
    ['a FAT sector count of 2^31', damaged((b) => b.writeInt32LE(0x7fffffff, 0x2c))],
    ['an unknown sector shift', damaged((b) => b.writeUInt16LE(30, 30))],
  ];

  it.each(cases)('%s', async (_label, bytes) => {
    expect(checkCompoundFile(bytes)).not.toBeNull();
    const record = await readOne('damaged.msg', bytes);
    expect(record.raw.length).toBe(0);
    expect(record.issues.map((i) => [i.code, i.severity])).toEqual([['IO_UNREADABLE', 'error']]);
    expect(record.issues[0]!.message).toContain('damaged Outlook item');
  });

  it('any bytes after the signature: headers, an issue, or no Outlook item — never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 24 }), async (flips) => {
        const bytes = Buffer.from(good);
        for (const [at, value] of flips) bytes[at] = value;
        const found = await msgTransportHeaders(bytes, { maxMessageBytes: 1 << 20 });
        expect(found.raw.length > 0 || found.issues.length > 0 || !found.outlookItem).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
