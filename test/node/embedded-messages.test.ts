/**
 * Messages embedded in Outlook items — attachments that are message objects, in a `.msg` ([MS-OXMSG] 2.2.2.1) or a
 * `.pst` item ([MS-PST] 2.4.6.2) — read with `nested`: one nested report each, named by its place, bounded by the
 * nesting depth and a count, never a throw or a hang on a damaged or looping archive.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { MAX_NESTED_DEPTH } from '../../src/limits.js';
import { analyzeNested } from '../../src/node/nested.js';
import { readMessages } from '../../src/node/read-messages.js';
import { EmbeddedList, MAX_EMBEDDED_MESSAGES, msgTransportHeaders } from '../../src/node/read-msg.js';
import { resolveReadOptions } from '../../src/node/read-options.js';
import { readPst } from '../../src/node/read-pst.js';
import { scan } from '../../src/node/scan.js';
import { createOutputFormat } from '../../src/render/formats.js';
import type { ScanMessage, ScanOptions } from '../../src/node/scan-types.js';
import { collect, tempDir } from './read-helpers.js';
import { writeMsg, type EmbeddedMsg, type MsgAttachment } from '../support/write-msg.js';
import { writePst, type PstItem } from '../support/write-pst.js';

const EML_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'eml');
const OUTER = readFileSync(join(EML_DIR, 'esmtps-only.eml'));
const PHISH = readFileSync(join(EML_DIR, 'seed-rc4-gmail.eml'));
const FORWARDED = readFileSync(join(EML_DIR, 'tls13-amavis-lmtp.eml'));
const headers = (eml: Uint8Array): string => {
  const text = Buffer.from(eml).toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n') === -1 ? text.indexOf('\n\n') + 2 : text.indexOf('\r\n\r\n') + 4);
};

let dir = '';
let remove: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ dir, remove } = await tempDir('embedded'));
});
afterAll(() => remove());

function essence(report: ReturnType<typeof analyzeMessage>): unknown {
  return { hops: report.hops, verdict: report.verdict };
}

async function messages(path: string, options: ScanOptions = { nested: true }): Promise<ScanMessage[]> {
  return (await collect(scan(path, options))).filter((i): i is ScanMessage => i.type === 'message');
}

/** A chain of `levels` messages, each embedded in the one before. */
function chain(levels: number): EmbeddedMsg {
  let inner: EmbeddedMsg = { eml: PHISH };
  for (let i = 1; i < levels; i++) inner = { eml: PHISH, attachments: [{ message: inner }] };
  return inner;
}

describe('a .msg with embedded messages', () => {
  const attachments: MsgAttachment[] = [{ file: Buffer.from('invoice'), name: 'invoice.txt' }, { message: { eml: PHISH, attachments: [{ message: { eml: FORWARDED } }] } }];

  it('nested: one report each, named by its place, depth-first; hops and verdicts of the originals', async () => {
    const path = join(dir, 'report.msg');
    await writeFile(path, writeMsg(OUTER, { attachments }));
    const [item] = await messages(path);
    expect(essence(item!.report)).toEqual(essence(analyzeMessage(OUTER)));
    expect(item!.nested.map((n) => [n.source, n.depth, n.position, n.parentPosition, n.contentType, n.parent])).toEqual([
      [`${path}/attachment 2`, 1, 0, null, 'application/vnd.ms-outlook', { source: path, index: 0 }],
      [`${path}/attachment 2/attachment 1`, 2, 1, 0, 'application/vnd.ms-outlook', { source: path, index: 0 }],
    ]);
    expect(essence(item!.nested[0]!.report)).toEqual(essence(analyzeMessage(PHISH)));
    expect(essence(item!.nested[1]!.report)).toEqual(essence(analyzeMessage(FORWARDED)));
  });

  it('text and CSV name each embedded message by its place', async () => {
    const path = join(dir, 'shown.msg');
    await writeFile(path, writeMsg(OUTER, { attachments }));
    const [item] = await messages(path);
    const text = createOutputFormat({ name: 'text', color: false }).message(item!);
    expect(text).toContain(`Source:  ${path}/attachment 2\n`);
    expect(text).toContain(`Source:  ${path}/attachment 2/attachment 1\n`);
    const rows = createOutputFormat({ name: 'csv', color: false }).message(item!).trimEnd().split('\r\n');
    const places = rows.map((row) => row.split(',').slice(0, 2).join(','));
    expect(new Set(places)).toEqual(new Set([`${path},0`, `${path}/attachment 2,0.1`, `${path}/attachment 2/attachment 1,0.2`]));
  });

  it('not without nested: the record carries no embedded messages', async () => {
    const path = join(dir, 'plain.msg');
    await writeFile(path, writeMsg(OUTER, { attachments }));
    const [record] = await collect(readMessages(path));
    expect(record!.embedded).toBeUndefined();
    expect((await messages(path, {}))[0]!.nested).toEqual([]);
  });

  it('with jobs: the same nested reports from a worker thread', async () => {
    const path = join(dir, 'jobs.msg');
    await writeFile(path, writeMsg(OUTER, { attachments }));
    const one = await messages(path);
    const two = await messages(path, { nested: true, jobs: 2 });
    expect(two.map((m) => m.nested.map((n) => [n.source, n.depth, essence(n.report)]))).toEqual(one.map((m) => m.nested.map((n) => [n.source, n.depth, essence(n.report)])));
  });

  it('an embedded message without internet headers says so', async () => {
    const path = join(dir, 'draft-inside.msg');
    await writeFile(path, writeMsg(OUTER, { attachments: [{ message: { eml: PHISH, withoutHeaders: true } }] }));
    const [item] = await messages(path);
    expect(item!.nested[0]!.report.issues[0]!.code).toBe('IO_NO_INTERNET_HEADERS');
    expect(item!.nested[0]!.report.hops).toEqual([]);
  });

  it(`deeper than limits.maxNestedDepth: the rest left out, one LIMIT_NESTED_DEPTH on the top-level report`, async () => {
    const path = join(dir, 'deep.msg');
    await writeFile(path, writeMsg(OUTER, { attachments: [{ message: chain(MAX_NESTED_DEPTH + 2) }] }));
    const [item] = await messages(path);
    expect(item!.nested.map((n) => n.depth)).toEqual(Array.from({ length: MAX_NESTED_DEPTH }, (_, i) => i + 1));
    expect(item!.nested.map((n) => n.parentPosition)).toEqual([null, ...Array.from({ length: MAX_NESTED_DEPTH - 1 }, (_, i) => i)]);
    expect(item!.report.issues.filter((i) => i.code === 'LIMIT_NESTED_DEPTH')).toHaveLength(1);
    expect(item!.report.truncated).toBe(true);
    const [shallow] = await messages(path, { nested: true, limits: { maxNestedDepth: 2 } });
    expect(shallow!.nested.map((n) => n.depth)).toEqual([1, 2]);
  });

  it('the embedded header blocks of one item share one maxMessageBytes, cut with IO_TRUNCATED past it', async () => {
    const path = join(dir, 'big-inside.msg');
    await writeFile(path, writeMsg(OUTER, { attachments: [{ message: { eml: PHISH } }, { message: { eml: PHISH } }, { message: { eml: PHISH } }] }));
    const size = Buffer.byteLength(headers(PHISH), 'utf8');
    const [record] = await collect(readMessages(path, { maxEmbeddedDepth: 1, maxMessageBytes: size + 200 }));
    expect(record!.raw.length).toBe(Buffer.byteLength(headers(OUTER), 'utf8'));
    expect(record!.embedded!.map((e) => [e.raw.length, e.issues.map((i) => i.code)])).toEqual([
      [size, []],
      [200, ['IO_TRUNCATED']],
      [0, ['IO_TRUNCATED']],
    ]);
  });
});

describe('a .msg attached to a message, holding an embedded message', () => {
  it('the attached item, then the message embedded in it, one level deeper', async () => {
    const item = writeMsg(PHISH, { attachments: [{ message: { eml: FORWARDED } }] });
    const base64 = item.toString('base64').replace(/(.{76})/gu, '$1\r\n');
    const eml = Buffer.from(
      [
        headers(OUTER).replace(/\r?\n\r?\n$/u, ''),
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'See the attached message.',
        '--b1',
        'Content-Type: application/vnd.ms-outlook; name="phish.msg"',
        'Content-Transfer-Encoding: base64',
        '',
        base64,
        '--b1--',
        '',
      ].join('\r\n'),
      'latin1',
    );
    const found = await analyzeNested(eml, { source: 'report.eml', index: 0 });
    expect(found.nested.map((n) => [n.depth, n.position, n.parentPosition, n.contentType, n.source])).toEqual([
      [1, 0, null, 'application/vnd.ms-outlook', undefined],
      [2, 1, 0, 'application/vnd.ms-outlook', undefined],
    ]);
    expect(essence(found.nested[1]!.report)).toEqual(essence(analyzeMessage(FORWARDED)));
    const limited = await analyzeNested(eml, { source: 'report.eml', index: 0 }, { limits: { maxNestedDepth: 1 } });
    expect(limited.nested.map((n) => n.depth)).toEqual([1]);
    expect(limited.issues.map((i) => i.code)).toEqual(['LIMIT_NESTED_DEPTH']);
  });
});

describe('a .pst item with embedded messages', () => {
  const pst = (name: string, items: readonly PstItem[]): string => {
    const path = join(dir, name);
    writePst(path, [{ name: 'Inbox', items }]);
    return path;
  };

  it('nested: named archive.pst:/Inbox#n/attachment k, depth-first; hops and verdicts of the originals', async () => {
    const path = pst('inbox.pst', [{ headers: headers(OUTER) }, { headers: headers(OUTER), attachments: [{ headers: headers(PHISH), attachments: [{ headers: headers(FORWARDED) }] }, { headers: headers(FORWARDED) }] }]);
    const items = await messages(path);
    expect(items.map((i) => i.nested.length)).toEqual([0, 3]);
    expect(items[1]!.nested.map((n) => [n.source, n.depth, n.parentPosition])).toEqual([
      [`${path}:/Inbox#1/attachment 1`, 1, null],
      [`${path}:/Inbox#1/attachment 1/attachment 1`, 2, 0],
      [`${path}:/Inbox#1/attachment 2`, 1, null],
    ]);
    expect(items[1]!.nested.map((n) => essence(n.report))).toEqual([PHISH, FORWARDED, FORWARDED].map((m) => essence(analyzeMessage(m))));
    // Without nested the attachments are never opened.
    expect((await collect(readMessages(path))).map((r) => r.embedded)).toEqual([undefined, undefined]);
  });

  it('an item that embeds itself (a subnode tree pointing back up) ends at the depth limit, quickly', async () => {
    const path = pst('loop.pst', [{ headers: headers(OUTER), attachments: [{ headers: headers(PHISH) }], loopingAttachment: true }]);
    const started = Date.now();
    const [item] = await messages(path);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(item!.nested).toHaveLength(MAX_NESTED_DEPTH);
    expect(item!.nested.every((n) => n.report.hops.length > 0)).toBe(true);
    expect(item!.report.issues.filter((i) => i.code === 'LIMIT_NESTED_DEPTH')).toHaveLength(1);
    expect(item!.report.truncated).toBe(true);
  });

  it('an attachment whose object is missing: a nested report with IO_UNREADABLE, the next attachment still read', async () => {
    const path = pst('broken.pst', [{ headers: headers(OUTER), attachments: [{ headers: headers(PHISH) }, { headers: headers(FORWARDED) }], brokenAttachment: true }]);
    const [item] = await messages(path);
    expect(item!.nested.map((n) => [(n.source ?? '').slice(path.length), n.report.issues.filter((i) => i.code.startsWith('IO_')).map((i) => i.code)])).toEqual([
      [':/Inbox#0/attachment 1', ['IO_UNREADABLE']],
      [':/Inbox#0/attachment 2', []],
    ]);
    expect(essence(item!.nested[1]!.report)).toEqual(essence(analyzeMessage(FORWARDED)));
    expect(essence(item!.report)).toEqual(essence(analyzeMessage(OUTER)));
  });

  it('an embedded header block claiming more bytes than the archive: IO_UNREADABLE on it, no huge allocation', async () => {
    const long = `${headers(PHISH).replace(/\r?\n\r?\n$/u, '')}\r\n${'X-Filler: 0123456789abcdef0123456789abcdef\r\n'.repeat(300)}\r\n`;
    const path = pst('claim.pst', [{ headers: headers(OUTER), attachments: [{ headers: long }] }]);
    const bytes = readFileSync(path);
    // The XBLOCK of the embedded header block ([MS-PST] 2.2.2.8.3.2.1): btype 1, cLevel 1, cEnt, lcbTotal.
    const xblock = Buffer.alloc(8);
    xblock.writeUInt16LE(0x0101, 0);
    xblock.writeUInt16LE(Math.ceil((long.length * 2) / 8176), 2);
    xblock.writeUInt32LE(long.length * 2, 4);
    const at = bytes.indexOf(xblock);
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf(xblock, at + 1)).toBe(-1);
    bytes.writeUInt32LE(0x7fffffff, at + 4);
    await writeFile(path, bytes);
    const [item] = await messages(path);
    expect(item!.nested.map((n) => [n.report.issues[0]?.code, n.report.hops.length])).toEqual([['IO_UNREADABLE', 0]]);
    expect(item!.nested[0]!.report.issues[0]!.message).toContain('claims 2147483647 bytes');
  });
});

describe('damaged .msg files with embedded messages', () => {
  /** The offset of the last directory entry named `name` ([MS-CFB] 2.6: UTF-16 name first, 128-byte entries). */
  function entryOf(bytes: Buffer, name: string): number {
    const at = bytes.lastIndexOf(Buffer.from(`${name}\0`, 'utf16le'));
    expect(at).toBeGreaterThan(0);
    return at;
  }

  it.each([
    [
      'an embedded message storage whose child is an ancestor (a loop through the embedded object)',
      (b: Buffer): void => {
        const dirStart = b.readInt32LE(0x30);
        const rootChild = b.readInt32LE((dirStart + 1) * 512 + 0x4c);
        b.writeInt32LE(rootChild, entryOf(b, '__substg1.0_3701000D') + 0x4c);
      },
    ],
    [
      'an embedded header stream claiming 2 GiB',
      (b: Buffer): void => {
        b.writeInt32LE(0x7fffffff, entryOf(b, '__substg1.0_007D001F') + 0x78);
      },
    ],
  ])('%s: IO_UNREADABLE on the item, never a throw or a hang', async (_label, damage) => {
    const bytes = writeMsg(OUTER, { attachments: [{ message: { eml: PHISH } }] });
    damage(bytes);
    const path = join(dir, 'damaged.msg');
    await writeFile(path, bytes);
    const [item] = await messages(path);
    expect(item!.report.issues.filter((i) => i.code.startsWith('IO_')).map((i) => i.code)).toEqual(['IO_UNREADABLE']);
    expect(item!.report.hops).toEqual([]);
    expect(item!.nested).toEqual([]);
  });

  it(`${MAX_NESTED_DEPTH * 4} levels of embedding: past the storage depth the compound-file check allows, IO_UNREADABLE`, async () => {
    const path = join(dir, 'maze.msg');
    await writeFile(path, writeMsg(OUTER, { attachments: [{ message: chain(MAX_NESTED_DEPTH * 4) }] }));
    const [item] = await messages(path);
    expect(item!.report.issues[0]!.code).toBe('IO_UNREADABLE');
    expect(item!.report.issues[0]!.message).toContain('deeper than');
    expect(item!.nested).toEqual([]);
  });
});

describe('bytes overwritten anywhere in items with embedded messages: records or issues, never a throw', () => {
  const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 48 });

  it('.pst', async () => {
    const path = join(dir, 'flip-source.pst');
    writePst(path, [{ name: 'Inbox', items: [{ headers: headers(OUTER), attachments: [{ headers: headers(PHISH), attachments: [{ headers: headers(FORWARDED) }] }] }, { headers: headers(OUTER), attachments: [{ headers: headers(PHISH) }], loopingAttachment: true }] }]);
    const good = readFileSync(path);
    const options = resolveReadOptions({ maxEmbeddedDepth: MAX_NESTED_DEPTH });
    await fc.assert(
      fc.asyncProperty(flips, async (edits) => {
        const bytes = Buffer.from(good);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const records = await collect(readPst(bytes, 'flipped.pst', options));
        expect(records.length).toBeGreaterThan(0);
        for (const r of records) expect((r.embedded ?? []).length).toBeLessThanOrEqual(MAX_EMBEDDED_MESSAGES);
      }),
      { numRuns: 40 },
    );
  });

  it('.msg', async () => {
    const good = writeMsg(OUTER, { attachments: [{ message: chain(3) }, { message: { eml: FORWARDED } }] });
    await fc.assert(
      fc.asyncProperty(flips, async (edits) => {
        const bytes = Buffer.from(good);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const found = await msgTransportHeaders(bytes, { maxMessageBytes: 1 << 20, maxEmbeddedDepth: MAX_NESTED_DEPTH }, 'flipped.msg');
        expect(found.raw.length > 0 || found.issues.length > 0 || !found.outlookItem).toBe(true);
        expect(found.embedded.every((e) => e.depth >= 1 && e.depth <= MAX_NESTED_DEPTH)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('EmbeddedList: the limits every reader shares', () => {
  it(`admits ${MAX_EMBEDDED_MESSAGES} messages and no deeper than its depth, each limit reported once`, () => {
    const found = new EmbeddedList(2, 1 << 20);
    expect(found.admits(3)).toBe(false);
    expect(found.admits(4)).toBe(false);
    for (let i = 0; i < MAX_EMBEDDED_MESSAGES; i++) {
      expect(found.admits(1)).toBe(true);
      found.add({ source: `x/attachment ${i + 1}`, depth: 1, parent: null, raw: new Uint8Array(0), issues: [] });
    }
    expect(found.admits(1)).toBe(false);
    expect(found.admits(2)).toBe(false);
    expect(found.issues.map((i) => [i.code, i.message.includes('MAX_EMBEDDED_MESSAGES')])).toEqual([
      ['LIMIT_NESTED_DEPTH', false],
      ['LIMIT_NESTED_DEPTH', true],
    ]);
  });
});
