/**
 * The test PST writer (test/support/write-pst.ts) against two readers — pst-extractor itself and our `readPst` —
 * and against the parts of [MS-PST] neither reader checks (CRCs, block trailers, B-tree order).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { detectFormat } from '../../src/node/detect-format.js';
import { readMessages } from '../../src/node/read-messages.js';
import { collect, tempDir } from './read-helpers.js';
import { headerBlockOf } from '../support/write-msg.js';
import { MAX_TABLE_ROWS, pstCrc, writePst, type PstFolder } from '../support/write-pst.js';

const EML_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'eml');
const EMLS = readdirSync(EML_DIR).filter((name) => name.endsWith('.eml')).sort();
const HEADERS = EMLS.map((name) => headerBlockOf(readFileSync(join(EML_DIR, name))));
/** 20,000 characters: 40,000 bytes of UTF-16, a data tree of five blocks under an XBLOCK. */
const LONG = `${HEADERS[0]!.slice(0, -2)}${'X-Filler: 0123456789abcdef0123456789abcdef\r\n'.repeat(440)}\r\n`;

const require = createRequire(import.meta.url);

/** What pst-extractor's typings leave out and this test reads. */
interface Folder {
  displayName: string;
  contentCount: number;
  hasSubfolders: boolean;
  getSubFolders(): Folder[];
  getNextChild(): { transportMessageHeaders: string; messageClass: string; numberOfAttachments: number } | null;
}

let dir = '';
let remove: () => Promise<void> = async () => undefined;
let path = '';
const FOLDERS: PstFolder[] = [
  {
    name: 'Inbox',
    items: HEADERS.map((headers) => ({ headers, subject: 'fixture' })),
    folders: [{ name: 'Invoices/2025', items: [{ headers: LONG, bodyBytes: 50_000 }, { subject: 'a draft' }] }],
  },
  { name: 'Empty' },
];

beforeAll(async () => {
  ({ dir, remove } = await tempDir('write-pst'));
  path = join(dir, 'fixtures.pst');
  writePst(path, FOLDERS);
});
afterAll(() => remove());

describe('writePst: read back by pst-extractor', () => {
  it('folders, counts, message classes and PR_TRANSPORT_MESSAGE_HEADERS as written', () => {
    const { PSTFile } = require('pst-extractor') as { PSTFile: new (path: string) => { getRootFolder(): Folder; close(): void } };
    const pst = new PSTFile(path);
    try {
      const root = pst.getRootFolder();
      expect(root.hasSubfolders).toBe(true);
      const [inbox, empty] = root.getSubFolders();
      expect([inbox!.displayName, inbox!.contentCount, empty!.displayName, empty!.contentCount, empty!.hasSubfolders]).toEqual(['Inbox', HEADERS.length, 'Empty', 0, false]);
      const read: string[] = [];
      for (let m = inbox!.getNextChild(); m !== null; m = inbox!.getNextChild()) read.push(m.transportMessageHeaders);
      expect(read).toEqual(HEADERS);
      const [invoices] = inbox!.getSubFolders();
      expect(invoices!.displayName).toBe('Invoices/2025');
      const long = invoices!.getNextChild();
      expect([long!.messageClass, long!.transportMessageHeaders]).toEqual(['IPM.Note', LONG]);
      expect(invoices!.getNextChild()!.transportMessageHeaders).toBe('');
      expect(invoices!.getNextChild()).toBeNull();
    } finally {
      pst.close();
    }
  });
});

describe('writePst: read back by readMessages', () => {
  it('is detected as an Outlook archive', () => {
    expect(detectFormat(readFileSync(path).subarray(0, 4096))).toBe('pst');
  });

  it("every item is a record named by its folder; the fixtures' hops and verdicts come back unchanged", async () => {
    const records = await collect(readMessages(path));
    expect(records.map((r) => r.source.slice(path.length))).toEqual([...HEADERS.map((_, i) => `:/Inbox#${i}`), ':/Inbox/Invoices%2F2025#0', ':/Inbox/Invoices%2F2025#1']);
    expect(records.map((r) => r.index)).toEqual(records.map((_, i) => i));
    EMLS.forEach((name, i) => {
      const want = analyzeMessage(readFileSync(join(EML_DIR, name)));
      const got = analyzeMessage(records[i]!.raw);
      expect(records[i]!.issues).toEqual([]);
      expect({ hops: got.hops, verdict: got.verdict }).toEqual({ hops: want.hops, verdict: want.verdict });
    });
    expect(Buffer.from(records.at(-2)!.raw).toString('latin1')).toBe(LONG);
    expect(records.at(-1)!.issues.map((i) => i.code)).toEqual(['IO_NO_INTERNET_HEADERS']);
  });

  it(`refuses more than ${MAX_TABLE_ROWS} items in one folder (one heap block per table)`, () => {
    const items = Array.from({ length: MAX_TABLE_ROWS + 1 }, () => ({ headers: HEADERS[0]! }));
    expect(() => writePst(join(dir, 'too-many.pst'), [{ name: 'Full', items }])).toThrow(`at most ${MAX_TABLE_ROWS} items`);
  });
});

describe('writePst: what [MS-PST] asks and the readers do not check', () => {
  const bytes = (): Buffer => readFileSync(path);
  const u64 = (b: Buffer, at: number): number => Number(b.readBigUInt64LE(at));

  it('[MS-PST] 5.3: the CRC is the reflected CRC-32 table started at 0, not inverted', () => {
    // The standard CRC-32 check value of "123456789" is 0xCBF43926, with init and final XOR 0xFFFFFFFF.
    const check = Buffer.from('123456789');
    expect((pstCrc(check, 0xffffffff) ^ 0xffffffff) >>> 0).toBe(0xcbf43926);
    expect(pstCrc(check).toString(16)).toBe('2dfd2d88');
  });

  it('header ([MS-PST] 2.2.2.6): magic, Unicode version, no encryption, both CRCs, end of file', () => {
    const b = bytes();
    expect(b.toString('latin1', 0, 4)).toBe('!BDN');
    expect(b.toString('latin1', 8, 10)).toBe('SM');
    expect([b.readUInt16LE(10), b[512], b[513]]).toEqual([23, 0x80, 0]);
    expect(b.readUInt32LE(4)).toBe(pstCrc(b.subarray(8, 8 + 471)));
    expect(b.readUInt32LE(524)).toBe(pstCrc(b.subarray(8, 8 + 516)));
    expect(u64(b, 184)).toBe(b.length);
  });

  /** Every entry of a B-tree rooted at the page at `ib`, checking each page's trailer and key order. */
  function entries(b: Buffer, ib: number, ptype: number): Buffer[] {
    const page = b.subarray(ib, ib + 512);
    expect([page[496], page[497]]).toEqual([ptype, ptype]);
    expect(page.readUInt32LE(500)).toBe(pstCrc(page.subarray(0, 496)));
    const [count, , size, level] = [page[488]!, page[489]!, page[490]!, page[491]!];
    const out: Buffer[] = [];
    for (let k = 0; k < count; k++) {
      const entry = page.subarray(k * size, (k + 1) * size);
      if (level === 0) out.push(entry);
      else {
        const below = entries(b, u64(entry, 16), ptype);
        expect(u64(below[0]!, 0)).toBe(u64(entry, 0)); // a branch key is its child's first key
        out.push(...below);
      }
    }
    return out;
  }

  it('block B-tree: keys rise; every block has a trailer with its size, signature, CRC and BID', () => {
    const b = bytes();
    const blocks = entries(b, u64(b, 240), 0x80);
    const bids = blocks.map((e) => u64(e, 0));
    expect(bids).toEqual([...bids].sort((x, y) => x - y));
    for (const e of blocks) {
      const [bid, ib, cb] = [u64(e, 0), u64(e, 8), e.readUInt16LE(16)];
      const trailer = ib + Math.ceil((cb + 16) / 64) * 64 - 16;
      expect(b.readUInt16LE(trailer)).toBe(cb);
      const x = BigInt(ib) ^ BigInt(bid);
      expect(b.readUInt16LE(trailer + 2)).toBe(Number(((x >> 16n) ^ x) & 0xffffn));
      expect(b.readUInt32LE(trailer + 4)).toBe(pstCrc(b.subarray(ib, ib + cb)));
      expect(u64(b, trailer + 8)).toBe(bid);
    }
  });

  it('node B-tree: keys rise; the store, the name map, the root folder and its tables are there', () => {
    const b = bytes();
    const nids = entries(b, u64(b, 224), 0x81).map((e) => e.readUInt32LE(0));
    expect(nids).toEqual([...nids].sort((x, y) => x - y));
    for (const nid of [0x21, 0x61, 0x122, 0x12d, 0x12e, 0x12f]) expect(nids).toContain(nid);
  });
});
