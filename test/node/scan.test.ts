/**
 * `scan()`, `analyzeFile()` and nested messages, on the bundled synthetic samples and on archives built here
 * (damaged mboxes, deep nesting, faults). Every assertion counts messages: messages read = reports written.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, analyzeNested, readMessages, scan, type ScanItem, type ScanMessage, type ScanOptions, type ScanProgress, type ScanSummary } from '../../src/node/index.js';
import { stalledStream } from '../support/shared.js';

const SEED = 'fixtures/eml/seed-rc4-gmail.eml';
const MBOX = 'fixtures/mbox/mboxrd-three.mbox';
const BOUNCE = 'fixtures/cli/bounce-with-original.eml';

async function collect(input: Parameters<typeof scan>[0], options?: ScanOptions): Promise<{ messages: ScanMessage[]; summary: ScanSummary; items: ScanItem[] }> {
  const items: ScanItem[] = [];
  for await (const item of scan(input, options)) items.push(item);
  const last = items.at(-1);
  if (last?.type !== 'summary') throw new Error('no summary at the end');
  return { messages: items.filter((i): i is ScanMessage => i.type === 'message'), summary: last, items };
}

function message(subject: string, extra = ''): string {
  return (
    'Received: from mail.example.org (mail.example.org [192.0.2.10])\n' +
    '\tby mx.example.net (Postfix) with ESMTPS id 4AB1\n' +
    '\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits));\n' +
    '\tMon, 6 Jan 2025 10:00:00 +0000\n' +
    `Subject: ${subject}\n${extra}\nbody of ${subject}\n`
  );
}

/** A message that wraps `inner` as message/rfc822 `levels` times. */
function nestedChain(levels: number): string {
  let m = message('level 0');
  for (let i = 1; i <= levels; i++) {
    m = message(`level ${i}`, `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b${i}"\n`).replace(
      `body of level ${i}\n`,
      `--b${i}\nContent-Type: text/plain\n\nwrapper ${i}\n--b${i}\nContent-Type: message/rfc822\n\n${m}\n--b${i}--\n`,
    );
  }
  return m;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rcvd-scan-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scan', () => {
  it('yields one message per record, in order, then a summary', async () => {
    const records = [];
    for await (const r of readMessages(MBOX)) records.push(r);
    const { messages, summary, items } = await collect(MBOX);
    expect(items.filter((i) => i.type === 'summary')).toHaveLength(1);
    expect(messages.map((m) => [m.source, m.index, m.byteOffset])).toEqual(records.map((r) => [r.source, r.index, r.byteOffset]));
    expect(summary.messages).toBe(3);
    expect(summary.verdicts.A).toBe(3);
    expect(summary.hops).toBe(messages.reduce((n, m) => n + m.report.hops.length, 0));
  });

  it('reads several inputs in order, and streams (Node and WHATWG)', async () => {
    const seed = await readFile(SEED);
    const { messages } = await collect([MBOX, SEED, Readable.from([seed]), new Blob([seed]).stream()], { read: { name: 'piped' } });
    expect(messages.map((m) => m.source)).toEqual([MBOX, MBOX, MBOX, SEED, 'piped', 'piped']);
    expect(messages.slice(3).every((m) => m.report.verdict.grade === 'F')).toBe(true);
  });

  it('the summary counts verdicts, external hop grades, ciphers, relays and years', async () => {
    const { summary } = await collect([MBOX, SEED]);
    expect(summary.messages).toBe(4);
    expect(summary.verdicts).toMatchObject({ A: 3, F: 1 });
    expect(summary.weakestCiphers[0]).toEqual({ cipher: 'RC4-SHA', cipherIana: 'TLS_RSA_WITH_RC4_128_SHA', grade: 'F', count: 1 });
    expect(summary.worstRelays[0]).toMatchObject({ relay: 'www1234.sakura.ne.jp', basis: 'rdns', worstGrade: 'F', hops: 1 });
    expect(summary.years.map((y) => y.year)).toEqual([2013, 2025]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('reports progress: monotonic, ending at every message, with totalBytes for plain files only', async () => {
    const seen: ScanProgress[] = [];
    const { summary } = await collect([MBOX, SEED], { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)?.messages).toBe(summary.messages);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
    const size = (await readFile(MBOX)).length + (await readFile(SEED)).length;
    expect(seen.at(-1)?.totalBytes).toBe(size);
    const gz = join(dir, 'three.mbox.gz');
    await writeFile(gz, gzipSync(await readFile(MBOX)));
    const gzSeen: ScanProgress[] = [];
    await collect(gz, { onProgress: (p) => gzSeen.push(p) });
    expect(gzSeen.at(-1)).toEqual({ messages: 3, bytes: expect.any(Number) as number });
  });

  it('an aborted signal rejects the iteration with its reason', async () => {
    const before = new AbortController();
    before.abort(new Error('stopped early'));
    await expect(collect(MBOX, { signal: before.signal })).rejects.toThrow('stopped early');
    const during = new AbortController();
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const item of scan(join(dir, 'many.mbox'), { signal: during.signal })) {
        seen.push(item.type);
        during.abort();
      }
    };
    await writeFile(join(dir, 'many.mbox'), Array.from({ length: 600 }, (_, i) => `From x@example.org Mon Jan  6 10:00:00 2025\n${message(`m${i}`)}\n`).join(''));
    await expect(run()).rejects.toThrow();
    expect(seen.length).toBeLessThan(600);
  });

  it('after abort() not one more item is yielded, though the batch was read ahead', async () => {
    const controller = new AbortController();
    let afterAbort = 0;
    const outcome = await (async () => {
      for await (const item of scan(MBOX, { signal: controller.signal })) {
        if (controller.signal.aborted) afterAbort++;
        else if (item.type === 'message') controller.abort(new Error('stop'));
      }
      return 'resolved';
    })().catch((error: unknown) => (error as Error).message);
    expect(outcome).toBe('stop');
    expect(afterAbort).toBe(0);
  });

  it('abort() ends the iteration while the source is stalled waiting for data', async () => {
    const mbox = await readFile(MBOX);
    const { stream: stalled, release } = stalledStream(new Uint8Array(mbox));
    const controller = new AbortController();
    let outcome = 'pending';
    const done = collect(stalled, { signal: controller.signal }).then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    // a few turns of the event loop, not a timer: the reader consumes the chunk, then waits on pull()
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    };
    await settle();
    expect(outcome).toBe('pending');
    controller.abort(new Error('stop'));
    await settle();
    expect(outcome).toBe('rejected');
    release();
    await done;
  });

  it('shards partition the messages', async () => {
    const a = await collect(MBOX, { shard: { index: 1, count: 2 } });
    const b = await collect(MBOX, { shard: { index: 2, count: 2 } });
    expect(a.messages.map((m) => m.index)).toEqual([0, 2]);
    expect(b.messages.map((m) => m.index)).toEqual([1]);
    expect(a.summary.messages + b.summary.messages).toBe(3);
  });

  it.each([
    ['jobs 0', { jobs: 0 }],
    ['jobs 1000', { jobs: 1000 }],
    ['shard 0/2', { shard: { index: 0, count: 2 } }],
    ['shard 3/2', { shard: { index: 3, count: 2 } }],
    ['a bad CIDR', { trustedNetworks: ['10.0.0.0/99'] }],
    ['a non-function progress', { onProgress: 5 as unknown as () => void }],
  ] as const)('%s throws TypeError synchronously', (_label, options) => {
    expect(() => scan(MBOX, options as ScanOptions)).toThrow(TypeError);
  });

  it('jobs > 1 from TypeScript sources works in-thread with the same output', async () => {
    const one = await collect(MBOX);
    const two = await collect(MBOX, { jobs: 2 });
    expect(JSON.stringify(two.items)).toBe(JSON.stringify(one.items));
  });

  it('an unreadable file inside a folder is a report with an issue, not an aborted scan', async () => {
    const folder = join(dir, 'folder');
    await mkdir(folder);
    await writeFile(join(folder, 'a.eml'), message('first'));
    await symlink(join(dir, 'does-not-exist.eml'), join(folder, 'b.eml'));
    await writeFile(join(folder, 'c.eml'), message('third'));
    const { messages, summary } = await collect(folder, { read: { followSymlinks: true } });
    expect(messages.map((m) => m.report.headers.subject)).toEqual(['first', null, 'third']);
    expect(messages[1]?.report.issues[0]?.code).toBe('IO_UNREADABLE');
    expect(summary).toMatchObject({ messages: 3, unreadable: 1 });
  });
});

describe('a damaged mbox', () => {
  it('truncated mid-message, binary junk between messages, cut at the end: scanned whole, later messages kept', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const path = join(dir, 'damaged.mbox');
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from(`From a@example.org Mon Jan  6 10:00:00 2025\n${message('one')}\n`),
        Buffer.from('From b@example.org Mon Jan  6 10:01:00 2025\nReceived: from cut.example.org (cut.example.org [192.0'),
        junk,
        // RFC 4155: a separator follows a blank line; junk that runs into the next `From ` merges into its message
        Buffer.from(`\n\nFrom c@example.org Mon Jan  6 10:02:00 2025\n${message('three')}\n`),
        junk,
        Buffer.from(`\n\nFrom d@example.org Mon Jan  6 10:03:00 2025\n${message('four')}\n`),
        Buffer.from('From e@example.org Mon Jan  6 10:04:00 2025\nReceived: from half.example.org (half'),
      ]),
    );
    const { messages, summary } = await collect(path);
    const subjects = messages.map((m) => m.report.headers.subject);
    expect(subjects).toEqual(['one', null, 'three', 'four', null]);
    expect(summary.messages).toBe(5);
    expect(messages[1]?.report.hops.length).toBe(1); // the cut Received is still read, with whatever it states
    const records = [];
    for await (const r of readMessages(path)) records.push(r);
    expect(messages.length).toBe(records.length);
  });
});

describe('nested messages', () => {
  it('are only looked for with the nested option', async () => {
    expect((await collect(BOUNCE)).messages[0]?.nested).toEqual([]);
    const { messages, summary } = await collect(BOUNCE, { nested: true });
    const nested = messages[0]?.nested ?? [];
    expect(nested.map((n) => [n.depth, n.position, n.parentPosition, n.report.verdict.grade])).toEqual([
      [1, 0, null, 'internal-only'],
      [2, 1, 0, 'C'],
    ]);
    expect(nested.every((n) => n.parent.source === BOUNCE && n.parent.index === 0)).toBe(true);
    expect(summary.nestedMessages).toBe(2);
    expect(summary.messages).toBe(1);
  });

  it('stop at the depth limit with a LIMIT_NESTED_DEPTH issue', async () => {
    const raw = new TextEncoder().encode(nestedChain(12));
    const all = await analyzeNested(raw, { source: 'x', index: 0 });
    expect(all.nested.map((n) => n.depth)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(all.nested.map((n) => n.report.headers.subject)).toEqual(['level 11', 'level 10', 'level 9', 'level 8', 'level 7', 'level 6', 'level 5', 'level 4', 'level 3', 'level 2']);
    expect(all.issues.map((i) => i.code)).toEqual(['LIMIT_NESTED_DEPTH']);
    const two = await analyzeNested(raw, { source: 'x', index: 0 }, { limits: { maxNestedDepth: 2 } });
    expect(two.nested).toHaveLength(2);
    const none = await analyzeNested(raw, { source: 'x', index: 0 }, { limits: { maxNestedDepth: 0 } });
    expect(none).toEqual({ nested: [], issues: [] });
  });

  it.each([
    ['text/plain that quotes a MIME header in its body', message('plain', 'Content-Type: text/plain\n').replace('body of plain', 'Content-Type: message/rfc822\n\nReceived: from x by y; Mon, 6 Jan 2025 10:00:00 +0000')],
    ['no Content-Type at all', message('bare')],
    ['an empty message', ''],
  ])('none are found in %s (no MIME parse)', async (_label, text) => {
    expect(await analyzeNested(new TextEncoder().encode(text), { source: 'x', index: 0 })).toEqual({ nested: [], issues: [] });
  });

  it('a top-level message/rfc822 is itself a wrapper', async () => {
    const raw = new TextEncoder().encode(message('outer', 'MIME-Version: 1.0\nContent-Type: message/rfc822\n').replace('body of outer\n', message('inner')));
    const found = await analyzeNested(raw, { source: 'x', index: 0 });
    expect(found.nested.map((n) => n.report.headers.subject)).toEqual(['inner']);
  });

  it('header-only text/rfc822-headers parts of delivery reports count', async () => {
    const dsn = message('bounce', 'MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="r"\n').replace(
      'body of bounce\n',
      '--r\nContent-Type: text/plain\n\nfailed\n--r\nContent-Type: text/rfc822-headers\n\nReceived: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with SMTP; Mon, 6 Jan 2025 09:00:00 +0000\nSubject: original\n\n--r--\n',
    );
    const found = await analyzeNested(new TextEncoder().encode(dsn), { source: 'x', index: 0 });
    expect(found.nested.map((n) => [n.contentType, n.report.headers.subject, n.report.verdict.grade])).toEqual([['text/rfc822-headers', 'original', 'none']]);
  });
});

describe('analyzeFile', () => {
  it('returns every report of an mbox, in order', async () => {
    const reports = await analyzeFile(MBOX);
    expect(reports.map((r) => r.headers.subject)).toEqual(['Quarterly report', 'Second', 'Third']);
  });

  it('folds reader issues into the report', async () => {
    const path = join(dir, 'big.eml');
    await writeFile(path, message('big') + 'x'.repeat(5000));
    const [report] = await analyzeFile(path, { read: { maxMessageBytes: 1000 } });
    expect(report?.issues[0]?.code).toBe('IO_TRUNCATED');
    expect(report?.headers.subject).toBe('big');
  });

  it('throws TypeError for a non-string path', async () => {
    await expect(analyzeFile(42 as unknown as string)).rejects.toThrow(TypeError);
  });
});
