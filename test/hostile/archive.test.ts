// Archive faults end to end, at the `scan()` and CLI level (the readers' own tests cover each reader): one tree
// holding every kind of damage — an unreadable file, a file that vanishes mid-scan, a truncated .gz, a symlink
// loop in a Maildir, a directory where a message file should be, a 50 MB file with no `From ` line, messages that
// are only headers or only body. The scan goes on, each problem is an issue on the right message, and the summary
// adds up. Memory is checked loosely (a delta well under the file size), never time.
import { chmodSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { IssueCode } from '../../src/index.js';
import { scan, type ScanItem, type ScanMessage, type ScanSummary } from '../../src/node/index.js';
import { runCli } from '../cli/io.js';

const root = mkdtempSync(join(tmpdir(), 'rcvd-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const msg = (i: number): string =>
  `Received: from a${i}.example (a${i}.example [192.0.2.${(i % 250) + 1}])\r\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits))\r\n\tby mx.example (Postfix) with ESMTPS id Q${i}; Tue, 14 Nov 2023 09:12:45 +0100\r\nSubject: m${i}\r\n\r\nbody ${i}\r\n`;
const IS_ROOT = process.getuid?.() === 0;

function tree(): string {
  const dir = mkdtempSync(join(root, 'tree-'));
  // a Maildir with a symlink loop, a directory named like a message, and the two one-sided messages
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, 'Maildir', sub), { recursive: true });
  writeFileSync(join(dir, 'Maildir', 'cur', '1700000001.M1P1.host:2,S'), msg(1));
  symlinkSync('..', join(dir, 'Maildir', 'cur', '1700000002.M2P2.host:2,S'));
  mkdirSync(join(dir, 'Maildir', 'cur', '1700000003.M3P3.host:2,S'));
  writeFileSync(join(dir, 'Maildir', 'new', '1700000004.M4P4.host'), 'Received: from h.example by mx.example with SMTP; Tue, 14 Nov 2023 09:12:45 +0100\r\nSubject: headers only\r\n');
  writeFileSync(join(dir, 'Maildir', 'new', '1700000005.M5P5.host'), '\r\nonly a body, no header at all\r\n');
  writeFileSync(join(dir, 'Maildir', 'tmp', '1700000006.M6P6.host'), msg(6)); // never read (tmp/)
  // a truncated gzip mbox
  const mbox = [0, 1, 2].map((i) => `From a@example Tue Nov 14 09:12:45 2023\n${msg(10 + i).replaceAll('\r\n', '\n')}\n`).join('');
  const gz = gzipSync(Buffer.from(mbox));
  writeFileSync(join(dir, 'archive.mbox.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
  // plain messages; one unreadable (only when not root: root reads anything)
  writeFileSync(join(dir, 'good.eml'), msg(20));
  writeFileSync(join(dir, 'secret.eml'), msg(21));
  if (!IS_ROOT) chmodSync(join(dir, 'secret.eml'), 0o000);
  return dir;
}

function codesOf(item: ScanMessage): IssueCode[] {
  return item.report.issues.map((i) => i.code);
}

async function collect(input: Parameters<typeof scan>[0], options: Parameters<typeof scan>[1] = {}, each?: (m: ScanMessage) => void): Promise<{ messages: ScanMessage[]; summary: ScanSummary }> {
  const messages: ScanMessage[] = [];
  let summary: ScanSummary | null = null;
  for await (const item of scan(input, options) as AsyncGenerator<ScanItem>) {
    if (item.type === 'message') {
      messages.push(item);
      each?.(item);
    } else summary = item;
  }
  if (summary === null) throw new Error('no summary');
  return { messages, summary };
}

function totalsAddUp(messages: readonly ScanMessage[], summary: ScanSummary): void {
  expect(summary.messages).toBe(messages.length);
  expect(summary.hops).toBe(messages.reduce((n, m) => n + m.report.hops.length, 0));
  expect(summary.externalHops + summary.internalHops).toBe(summary.hops);
  expect(Object.values(summary.verdicts).reduce((a, b) => a + b, 0) + summary.internalOnly).toBe(summary.messages);
  expect(Object.values(summary.externalHopGrades).reduce((a, b) => a + b, 0)).toBe(summary.externalHops);
  const unreadable = messages.filter((m) => m.report.issues.some((i) => i.code.startsWith('IO_') && i.severity === 'error')).length;
  expect(summary.unreadable).toBe(unreadable);
}

describe('scan() over a tree with every kind of damage', () => {
  it('goes on past each fault, flags it on the right message, and the summary adds up', async () => {
    const dir = tree();
    const { messages, summary } = await collect(dir);
    const by = new Map(messages.map((m) => [`${relative(dir, m.source)}#${m.index}`, m]));
    const names = [...by.keys()];

    expect(by.get('good.eml#0')!.report.hops).toHaveLength(1);
    expect(codesOf(by.get('good.eml#0')!).filter((c) => c.startsWith('IO_'))).toEqual([]);
    // the symlink loop is one record with an issue, the scan does not walk in circles
    expect(codesOf(by.get('Maildir/cur/1700000002.M2P2.host:2,S#0')!)).toContain('IO_UNREADABLE');
    expect(by.get('Maildir/cur/1700000002.M2P2.host:2,S#0')!.report.hops).toHaveLength(0);
    expect(names.filter((n) => n.includes('1700000002'))).toHaveLength(1);
    // a directory named like a message: either skipped or flagged, never read as mail and never fatal
    const dirRecord = by.get('Maildir/cur/1700000003.M3P3.host:2,S#0');
    if (dirRecord !== undefined) expect(codesOf(dirRecord).some((c) => c.startsWith('IO_'))).toBe(true);
    // tmp/ is never read
    expect(names.some((n) => n.includes('/tmp/'))).toBe(false);
    // headers only, body only: analysed, no I/O error
    const headersOnly = by.get('Maildir/new/1700000004.M4P4.host#0')!;
    expect(headersOnly.report.hops).toHaveLength(1);
    expect(codesOf(headersOnly)).toContain('HEADER_NO_END');
    const bodyOnly = by.get('Maildir/new/1700000005.M5P5.host#0');
    if (bodyOnly !== undefined) {
      expect(bodyOnly.report.hops).toHaveLength(0);
      expect(codesOf(bodyOnly)).toContain('IO_NOT_A_MESSAGE');
    }
    // the truncated gzip: what could be read, then IO_TRUNCATED on the last record of that file
    const gz = messages.filter((m) => m.source.endsWith('archive.mbox.gz'));
    expect(gz.length).toBeGreaterThanOrEqual(1);
    expect(codesOf(gz.at(-1)!)).toContain('IO_TRUNCATED');
    expect(gz.slice(0, -1).every((m) => !codesOf(m).includes('IO_TRUNCATED'))).toBe(true);
    // the unreadable file (only testable when not running as root)
    if (!IS_ROOT) expect(codesOf(by.get('secret.eml#0')!)).toContain('IO_UNREADABLE');
    else expect(by.get('secret.eml#0')!.report.hops).toHaveLength(1);

    totalsAddUp(messages, summary);
    // Maildir entries that are directories (the loop, the named folder) are warnings; the cut gzip is an error
    expect(summary.unreadable).toBe(IS_ROOT ? 1 : 2);
  });

  it('a file that vanishes after the listing, beyond the first batch, is one IO_UNREADABLE message; the rest are read', async () => {
    const dir = mkdtempSync(join(root, 'vanish-'));
    const count = 600; // more than two batches of 256, so the last files are still unopened when the first arrives
    for (let i = 0; i < count; i++) writeFileSync(join(dir, `m${String(i).padStart(4, '0')}.eml`), msg(i));
    const victim = join(dir, `m${String(count - 2).padStart(4, '0')}.eml`);
    const { messages, summary } = await collect(dir, {}, (m) => {
      if (m.source.endsWith('m0000.eml')) rmSync(victim);
    });
    expect(messages).toHaveLength(count);
    const gone = messages.find((m) => m.source === victim)!;
    expect(codesOf(gone)).toContain('IO_UNREADABLE');
    expect(messages.filter((m) => m !== gone).every((m) => m.report.hops.length === 1)).toBe(true);
    totalsAddUp(messages, summary);
    expect(summary.unreadable).toBe(1);
  });

  it('a 50 MB file with no From line is cut (IO_TRUNCATED), analysed from its header, in bounded memory', async () => {
    const dir = mkdtempSync(join(root, 'big-'));
    const path = join(dir, 'huge.eml');
    const fd = openSync(path, 'w');
    writeSync(fd, msg(99).replace('body 99\r\n', ''));
    const line = Buffer.from(`${'x'.repeat(76)}\r\n`);
    const chunk = Buffer.concat(Array.from({ length: 13_000 }, () => line)); // ~1 MB
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    const before = process.memoryUsage();
    const { messages, summary } = await collect([path, join(dir, 'missing.eml')]);
    const after = process.memoryUsage();
    expect(messages).toHaveLength(2);
    expect(codesOf(messages[0]!)).toContain('IO_TRUNCATED');
    expect(messages[0]!.report.hops).toHaveLength(1);
    expect(codesOf(messages[1]!)).toContain('IO_UNREADABLE');
    totalsAddUp(messages, summary);
    // Loose: the reader keeps at most maxMessageBytes (8 MiB) of the 50 MB; allow generous slack for GC timing.
    const grew = after.rss - before.rss;
    expect(grew).toBeLessThan(45 * 1024 * 1024);
  });
});

describe('the CLI over the same damage', () => {
  it('ndjson: one line per message plus a summary that adds up; exit 0; stderr warns, never aborts', async () => {
    const dir = tree();
    const r = await runCli([dir, '--format', 'ndjson']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as ScanItem);
    const summary = lines.at(-1) as ScanSummary;
    expect(summary.type).toBe('summary');
    const messages = lines.slice(0, -1) as ScanMessage[];
    expect(messages.every((m) => m.type === 'message')).toBe(true);
    totalsAddUp(messages, summary);
    expect(r.stderr).toMatch(/warning/u);
  });

  it('a directory named like a message, given as a path, is walked or flagged, never a crash; the other path is read', async () => {
    const dir = tree();
    const r = await runCli([join(dir, 'Maildir', 'cur', '1700000003.M3P3.host:2,S'), join(dir, 'good.eml'), '--format', 'json']);
    expect([0, 2]).toContain(r.code);
    if (r.code === 0) expect(r.stdout).toContain('good.eml');
  });
});

/** A message with `depth` levels of forwarded `message/rfc822` parts, each level with its own Received field. */
function nestedMessage(depth: number): string {
  let inner = `${msg(100 + depth)}`;
  for (let d = depth - 1; d >= 0; d--) {
    const b = `b${d}`;
    inner = [
      msg(100 + d).replace('\r\n\r\nbody', `\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\nbody`).replace(/body \d+\r\n$/u, ''),
      `--${b}`,
      'Content-Type: message/rfc822',
      '',
      inner,
      `--${b}--`,
      '',
    ].join('\r\n');
  }
  return inner;
}

describe('nested messages (maxNestedDepth)', () => {
  it('a forward nested 15 deep: analysed to the limit, then LIMIT_NESTED_DEPTH on the top report', async () => {
    const dir = mkdtempSync(join(root, 'nested-'));
    writeFileSync(join(dir, 'deep.eml'), nestedMessage(15));
    const { messages, summary } = await collect(join(dir, 'deep.eml'), { nested: true, limits: { maxNestedDepth: 4 } });
    expect(messages).toHaveLength(1);
    const top = messages[0]!;
    expect(top.nested.length).toBeGreaterThanOrEqual(1);
    expect(top.nested.length).toBeLessThanOrEqual(4);
    expect(codesOf(top)).toContain('LIMIT_NESTED_DEPTH');
    totalsAddUp(messages, summary);
  });

  it('the top report of a too-deep forward says truncated: true', async () => {
    const dir = mkdtempSync(join(root, 'nested-'));
    writeFileSync(join(dir, 'deep.eml'), nestedMessage(15));
    const { messages } = await collect(join(dir, 'deep.eml'), { nested: true, limits: { maxNestedDepth: 4 } });
    expect(messages[0]!.report.truncated).toBe(true);
  });
});

