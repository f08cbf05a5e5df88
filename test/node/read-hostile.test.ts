// The readers against hostile inputs: endless sources end (a single message is not read past maxMessageBytes, an
// mbox message past maxMessageScanBytes ends the input), directories are listed in passes in bounded memory with the
// same order as one sort, symlinks inside walked folders are not followed unless asked, and names that are not
// UTF-8 keep their bytes.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fsPath, nameFromBytes } from '../../src/node/fs-path.js';
import { listDirectory, type DirectoryEntry } from '../../src/node/list-directory.js';
import { readFolder } from '../../src/node/read-folder.js';
import { readMaildir } from '../../src/node/read-maildir.js';
import { readMbox } from '../../src/node/read-mbox.js';
import { readMessages } from '../../src/node/read-messages.js';
import { resolveReadOptions, type MessageRecord } from '../../src/node/read-options.js';
import { collect } from './read-helpers.js';

const root = mkdtempSync(join(tmpdir(), 'rcvd-read-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
function scratch(): string {
  const dir = join(root, `case-${serial++}`);
  mkdirSync(dir);
  return dir;
}

const MSG = (n: number): string => `Received: from h${n}.example.org ([192.0.2.${n}]) by mx.example.net with ESMTP id ${n}; Mon, 06 Jan 2025 09:15:00 +0000\nSubject: m${n}\n\nbody\n`;

/** A stream that never ends (`/dev/zero`, `yes 'a: b'`); counts what was pulled from it. */
function endless(block: Buffer): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const stream = new Readable({
    read() {
      pulled += block.length;
      this.push(block);
    },
  });
  return { stream, pulled: () => pulled };
}

describe('endless sources end', () => {
  it('a single message (stdin, a device) is not read past maxMessageBytes', async () => {
    const source = endless(Buffer.from('a: b\n'.repeat(2000)));
    const records = await collect(readMessages(source.stream, { maxMessageBytes: 64 * 1024 }));
    expect(records).toHaveLength(1);
    expect(records[0]!.raw).toHaveLength(64 * 1024);
    expect(records[0]!.issues.map((i) => i.code)).toEqual(['IO_TRUNCATED']);
    expect(records[0]!.issues[0]!.message).toMatch(/larger than 65536 bytes.*not read/);
    expect(source.pulled()).toBeLessThan(1024 * 1024);
    expect(source.stream.destroyed).toBe(true);
  });

  it('zeros given as a single file are cut too (not mail, read anyway, bounded)', async () => {
    const source = endless(Buffer.alloc(16 * 1024));
    const records = await collect(readMessages(source.stream, { maxMessageBytes: 100_000 }));
    expect(records[0]!.issues.map((i) => i.code)).toEqual(['IO_TRUNCATED', 'IO_NOT_A_MESSAGE']);
    expect(source.pulled()).toBeLessThan(1024 * 1024);
  });

  it('an mbox message still going past maxMessageScanBytes ends the input with an error; the messages before it stay', async () => {
    async function* mbox(): AsyncGenerator<Buffer> {
      yield Buffer.from(`From a@example.org Mon Jan  6 09:15:00 2025\n${MSG(1)}\nFrom b@example.org Mon Jan  6 09:15:00 2025\nSubject: endless\n\n`);
      const block = Buffer.alloc(64 * 1024, 0x61);
      for (;;) yield block;
    }
    const records = await collect(readMbox(mbox(), 'm', resolveReadOptions({ maxMessageBytes: 1000, maxMessageScanBytes: 1024 * 1024 })));
    expect(records).toHaveLength(2);
    expect(records[0]!.issues).toEqual([]);
    const last = records[1]!;
    expect(last.raw.length).toBe(1000);
    expect(last.issues.map((i) => [i.code, i.severity])).toEqual([
      ['IO_TRUNCATED', 'warning'],
      ['IO_TRUNCATED', 'error'],
    ]);
    expect(last.issues[0]!.message).toMatch(/^message is more than \d+ bytes/);
    expect(last.issues[1]!.message).toMatch(/maxMessageScanBytes.*rest of the input not read/);
  });

  it('a message within maxMessageScanBytes is only cut, and the next one is read', async () => {
    const big = `Subject: big\n\n${'x'.repeat(200_000)}\n`;
    const text = `From a@example.org Mon Jan  6 09:15:00 2025\n${big}\nFrom b@example.org Mon Jan  6 09:15:00 2025\n${MSG(2)}`;
    const records = await collect(readMbox(Readable.from([Buffer.from(text)]), 'm', resolveReadOptions({ maxMessageBytes: 1000, maxMessageScanBytes: 300_000 })));
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual([['IO_TRUNCATED'], []]);
  });
});

describe('directory listings', () => {
  async function names(dir: string, passNames?: number, maxEntries = 1_000_000): Promise<{ entries: DirectoryEntry[]; truncated: boolean }> {
    const entries: DirectoryEntry[] = [];
    const listing = listDirectory(dir, { maxEntries, followSymlinks: false, ...(passNames === undefined ? {} : { passNames }) });
    for (;;) {
      const step = await listing.next();
      if (step.done === true) return { entries, truncated: step.value.truncated };
      entries.push(step.value);
    }
  }

  it('listed in passes of a few names gives the byte order of one sort, with nothing lost or doubled', async () => {
    const dir = scratch();
    const raw: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      // ASCII, UTF-8 and bytes that are not UTF-8, so byte order differs from UTF-16 order
      const name = Buffer.concat([Buffer.from(`${(i * 7919) % 1000}`), i % 3 === 0 ? Buffer.from('é') : i % 3 === 1 ? Buffer.from([0xff, i % 256 || 1]) : Buffer.from('z')]);
      if (name.includes(0x2f) || name.includes(0)) continue;
      raw.push(Buffer.concat([Buffer.from(`${dir}/`), name]));
    }
    const unique = [...new Map(raw.map((b) => [b.toString('hex'), b])).values()];
    for (const path of unique) writeFileSync(path, 'x');
    const expected = unique.map((b) => b.subarray(dir.length + 1)).sort(Buffer.compare).map((b) => nameFromBytes(b));
    for (const pass of [1, 7, 64, undefined]) {
      const got = await names(dir, pass);
      expect(got.entries.map((e) => e.name)).toEqual(expected);
      expect(got.truncated).toBe(false);
      expect(got.entries.every((e) => e.kind === 'file')).toBe(true);
    }
    const cut = await names(dir, 7, 50);
    expect(cut.entries.map((e) => e.name)).toEqual(expected.slice(0, 50));
    expect(cut.truncated).toBe(true);
  });
});

describe('symbolic links inside walked folders', () => {
  function tree(): string {
    const dir = scratch();
    writeFileSync(join(dir, 'outside.eml'), MSG(9));
    const mail = join(dir, 'mail');
    mkdirSync(mail);
    writeFileSync(join(mail, 'a.eml'), MSG(1));
    symlinkSync(join(dir, 'outside.eml'), join(mail, 'b.eml'));
    symlinkSync(dir, join(mail, 'up'));
    for (const sub of ['cur', 'new']) mkdirSync(join(dir, 'Maildir', sub), { recursive: true });
    writeFileSync(join(dir, 'Maildir', 'cur', '1.host:2,S'), MSG(2));
    symlinkSync(join(dir, 'outside.eml'), join(dir, 'Maildir', 'cur', '2.host:2,S'));
    return dir;
  }
  const rel = (dir: string, records: readonly MessageRecord[]): [string, string[]][] => records.map((r) => [r.source.slice(dir.length + 1), r.issues.map((i) => `${i.code}/${i.severity}`)]);

  it('a folder walk skips them by default (reported as info with nonMessages: report) and follows them when asked', async () => {
    const dir = tree();
    expect(rel(dir, await collect(readFolder(join(dir, 'mail'))))).toEqual([['mail/a.eml', []]]);
    expect(rel(dir, await collect(readFolder(join(dir, 'mail'), { nonMessages: 'report' })))).toEqual([
      ['mail/a.eml', []],
      ['mail/b.eml', ['IO_NOT_A_MESSAGE/info']],
      ['mail/up', ['IO_NOT_A_MESSAGE/info']],
    ]);
    const followed = rel(dir, await collect(readFolder(join(dir, 'mail'), { followSymlinks: true })));
    expect(followed.slice(0, 2)).toEqual([
      ['mail/a.eml', []],
      ['mail/b.eml', []],
    ]);
  });

  it('a Maildir says a delivery is a link it did not follow (a warning), and reads it with followSymlinks', async () => {
    const dir = tree();
    const plain = await collect(readMaildir(join(dir, 'Maildir')));
    expect(rel(dir, plain)).toEqual([
      ['Maildir/cur/1.host:2,S', []],
      ['Maildir/cur/2.host:2,S', ['IO_UNREADABLE/warning']],
    ]);
    expect(plain[1]!.issues[0]!.message).toMatch(/symbolic link: not followed/);
    expect(rel(dir, await collect(readMaildir(join(dir, 'Maildir'), { followSymlinks: true })))).toEqual([
      ['Maildir/cur/1.host:2,S', []],
      ['Maildir/cur/2.host:2,S', []],
    ]);
  });

  it('a folder given directly through a link is still read', async () => {
    const dir = tree();
    symlinkSync(join(dir, 'mail'), join(dir, 'alias'));
    expect(rel(dir, await collect(readMessages(join(dir, 'alias'))))).toEqual([['alias/a.eml', []]]);
  });
});

describe('file names that are not UTF-8', () => {
  it('nameFromBytes and fsPath round-trip any bytes, and leave valid UTF-8 as it decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 }), (bytes, text) => {
        const name = nameFromBytes(bytes);
        const back = fsPath(name);
        expect(Buffer.from(typeof back === 'string' ? Buffer.from(back, 'utf8') : back)).toEqual(Buffer.from(bytes));
        const valid = Buffer.from(text, 'utf8');
        expect(nameFromBytes(valid)).toBe(valid.toString('utf8'));
        expect(fsPath(text)).toBe(text);
      }),
      { numRuns: 3000 },
    );
    // U+FFFD written as itself is a character of the name, not a lost byte
    expect(nameFromBytes(Buffer.from('a\ufffdb'))).toBe('a\ufffdb');
    expect(nameFromBytes(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe('a\udced\udca0\udc80');
  });

  it('a folder walk and a named path read such files; sources keep the bytes', async () => {
    const dir = scratch();
    const bad = Buffer.concat([Buffer.from(`${dir}/m`), Buffer.from([0xff]), Buffer.from('.eml')]);
    writeFileSync(bad, MSG(1));
    const walked = await collect(readFolder(dir));
    expect(walked.map((r) => [r.source, r.issues.length])).toEqual([[`${dir}/m\udcff.eml`, 0]]);
    expect(fsPath(walked[0]!.source)).toEqual(bad);
    const named = await collect(readMessages(`${dir}/m\udcff.eml`));
    expect(named[0]!.issues).toEqual([]);
    expect(Buffer.from(named[0]!.raw).toString()).toBe(MSG(1));
  });
});
