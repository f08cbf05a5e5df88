/**
 * `scan()` from the built `received-forensics/node` entry, fed the ways library users feed it: a path, a Node
 * readable, a Web `ReadableStream`, a mixed list; stopped by an `AbortSignal` or by leaving the loop early; and in
 * bounded memory whatever the archive size (measured in a child process with `--expose-gc`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as NodeEntry from '../../src/node/index.js';
import { BUILD_TIMEOUT_MS, ensureBuilt, ROOT, run } from '../examples/built.js';
import { stalledStream } from '../support/shared.js';

const MBOX_PATH = join(ROOT, 'fixtures', 'mbox', 'mboxrd-three.mbox');
const MBOX = readFileSync(MBOX_PATH);
const MIB = 1024 * 1024;

let rf: typeof NodeEntry;

beforeAll(async () => {
  await ensureBuilt();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const target = pkg.exports['./node']?.import.default ?? '';
  rf = (await import(pathToFileURL(join(ROOT, target)).href)) as typeof NodeEntry;
}, BUILD_TIMEOUT_MS);

type Item = NodeEntry.ScanItem;

async function collect(items: AsyncIterable<Item>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Messages without their `source` (a stream has none), plus the summary. */
function comparable(items: readonly Item[]): unknown[] {
  return items.map((item) => (item.type === 'message' ? { ...item, source: null } : item));
}

/** A Web stream over `bytes` in chunks of `size`, recording whether it was cancelled. */
function webStream(bytes: Uint8Array, size = 97): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let offset = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

/** An mbox that never ends (the fixture over and over), as a Node readable. */
function endlessNodeMbox(): Readable {
  return Readable.from(
    (function* () {
      for (;;) yield MBOX;
    })(),
  );
}

/** Let pending I/O callbacks and microtasks run a few times (no wall-clock wait). */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('scan() inputs', () => {
  it('a Web ReadableStream gives the same reports as the path (source "<stream>", or the name option)', async () => {
    const fromPath = await collect(rf.scan(MBOX_PATH));
    const fromWeb = await collect(rf.scan(webStream(MBOX).stream));
    expect(fromPath.filter((i) => i.type === 'message')).toHaveLength(3);
    expect(comparable(fromWeb)).toEqual(comparable(fromPath));
    expect(fromWeb[0]).toMatchObject({ type: 'message', source: '<stream>', byteOffset: 0 });
    const named = await collect(rf.scan(webStream(MBOX).stream, { read: { name: 'upload.mbox' } }));
    expect(named[0]).toMatchObject({ source: 'upload.mbox' });
  });

  it('a Node readable (byte chunks of any size) gives the same reports as the path', async () => {
    const fromPath = await collect(rf.scan(MBOX_PATH));
    const chunks = Array.from({ length: Math.ceil(MBOX.length / 13) }, (_, i) => MBOX.subarray(i * 13, i * 13 + 13));
    expect(comparable(await collect(rf.scan(Readable.from(chunks))))).toEqual(comparable(fromPath));
  });

  it('a mixed list of path, Web stream and Node stream is scanned in order, indexes per source', async () => {
    const items = await collect(rf.scan([MBOX_PATH, webStream(MBOX).stream, Readable.from([MBOX])]));
    const messages = items.filter((i) => i.type === 'message');
    expect(messages.map((m) => [m.source === MBOX_PATH ? 'path' : m.source, m.index])).toEqual([
      ['path', 0],
      ['path', 1],
      ['path', 2],
      ['<stream>', 0],
      ['<stream>', 1],
      ['<stream>', 2],
      ['<stream>', 0],
      ['<stream>', 1],
      ['<stream>', 2],
    ]);
    expect(items.at(-1)).toMatchObject({ type: 'summary', messages: 9 });
  });

  it('a single message (no mbox From line) on a stream is one report', async () => {
    const eml = readFileSync(join(ROOT, 'fixtures', 'eml', 'seed-rc4-gmail.eml'));
    const items = await collect(rf.scan(webStream(eml, 4096).stream));
    expect(items.map((i) => i.type)).toEqual(['message', 'summary']);
    expect(items[0]?.type === 'message' && items[0].report.verdict.grade).toBe('F');
  });

  it('invalid options throw TypeError synchronously; an input that is no path or stream rejects the iteration', async () => {
    expect(() => rf.scan([])).toThrow(TypeError);
    expect(() => rf.scan(MBOX_PATH, { jobs: 0 })).toThrow(TypeError);
    expect(() => rf.scan(MBOX_PATH, { policy: 'lenient' as 'practical' })).toThrow(TypeError);
    await expect(collect(rf.scan(42 as unknown as string))).rejects.toThrow(TypeError);
  });
});

describe('scan() stopping', () => {
  it('an already-aborted signal rejects with its reason before any message', async () => {
    const reason = new Error('cancelled by the user');
    const seen: Item[] = [];
    await expect(
      (async () => {
        for await (const item of rf.scan(MBOX_PATH, { signal: AbortSignal.abort(reason) })) seen.push(item);
      })(),
    ).rejects.toBe(reason);
    expect(seen).toEqual([]);
  });

  it('aborting mid-scan rejects with the reason and destroys the Node stream it was reading', async () => {
    const input = endlessNodeMbox();
    const controller = new AbortController();
    const reason = new Error('enough');
    let seen = 0;
    await expect(
      (async () => {
        for await (const item of rf.scan(input, { signal: controller.signal })) {
          if (item.type === 'message' && ++seen === 5) controller.abort(reason);
        }
      })(),
    ).rejects.toBe(reason);
    await settle();
    expect(input.destroyed).toBe(true);
  });

  it('aborting mid-scan cancels the Web stream it was reading', async () => {
    const endless = new Uint8Array(Buffer.concat(Array.from({ length: 2000 }, () => MBOX)));
    const { stream, cancelled } = webStream(endless, 4096);
    const controller = new AbortController();
    await expect(
      (async () => {
        for await (const item of rf.scan(stream, { signal: controller.signal })) {
          if (item.type === 'message') controller.abort(new Error('stop'));
        }
      })(),
    ).rejects.toThrow('stop');
    expect(cancelled()).toBe(true);
  });

  it('yields no message after abort(), even from a batch already read', async () => {
    const controller = new AbortController();
    let afterAbort = 0;
    await (async () => {
      for await (const item of rf.scan(endlessNodeMbox(), { signal: controller.signal })) {
        if (controller.signal.aborted) afterAbort++;
        else if (item.type === 'message') controller.abort(new Error('stop'));
      }
    })().catch(() => undefined);
    expect(afterAbort).toBe(0);
  });

  it('abort() ends the iteration at once while the source is stalled (a network stream waiting for data)', async () => {
    const { stream: stalled, release } = stalledStream(new Uint8Array(MBOX));
    const controller = new AbortController();
    let outcome = 'pending';
    const done = collect(rf.scan(stalled, { signal: controller.signal })).then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    await settle();
    controller.abort(new Error('stop'));
    await settle();
    const beforeRelease = outcome;
    release();
    await done;
    expect(beforeRelease).toBe('rejected');
  });

  it('leaving the loop early (break) cancels a Web stream and destroys a Node stream', async () => {
    const endless = new Uint8Array(Buffer.concat(Array.from({ length: 2000 }, () => MBOX)));
    const web = webStream(endless, 4096);
    for await (const item of rf.scan(web.stream)) if (item.type === 'message') break;
    expect(web.cancelled()).toBe(true);
    const node = endlessNodeMbox();
    for await (const item of rf.scan(node)) if (item.type === 'message') break;
    await settle();
    expect(node.destroyed).toBe(true);
  });
});

describe('scan() worker threads from the built package', () => {
  // The bundles have no separate worker file: each build (ESM, CJS) must find itself to start workers.
  const script = (load: string) =>
    `${load}\nconst run = async () => { let n = 0; for await (const item of scan([${JSON.stringify(MBOX_PATH)}, ${JSON.stringify(join(ROOT, 'fixtures', 'eml'))}], { jobs: 2 })) { if (item.type === 'message') n++; else console.log(JSON.stringify({ n, messages: item.messages })); } };\nrun();`;
  it.concurrent.each([
    ['CommonJS (require)', ['-e', script("const { scan } = require('received-forensics/node');")]],
    ['ESM (import)', ['-e', script("import { scan } from 'received-forensics/node';")]],
  ] as const)('%s with jobs: 2 gives every message and the summary', async (_label, args) => {
    const { stdout } = await run(process.execPath, args);
    const result = JSON.parse(stdout) as { n: number; messages: number };
    expect(result.n).toBeGreaterThan(3);
    expect(result.messages).toBe(result.n);
  });

  // Workers reject `--input-type`; the pool drops it from the flags they inherit.
  it('ESM under --input-type=module with jobs: 2', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script("import { scan } from 'received-forensics/node';")]);
    expect((JSON.parse(stdout) as { messages: number }).messages).toBeGreaterThan(3);
  });
});

describe('scan() memory', () => {
  const child = join(ROOT, 'test', 'package', 'scan-memory.mjs');
  const measure = async (mib: number, kind: 'node' | 'web', shape: 'mbox' | 'huge') => {
    const { stdout } = await run(process.execPath, ['--expose-gc', child, String(mib), kind, shape]);
    return JSON.parse(stdout) as { messages: number; summaryMessages: number; codes: string[]; peakLiveBytes: number };
  };

  // 64 MiB in, live memory (after full GCs, heap + buffers) under 36 MiB: a scan that kept reports or raw bytes of
  // the messages it handed over would hold more than the whole input. Today's peak is about 22 MiB (two batches).
  it.concurrent.each([
    ['an mbox of ~32,000 messages from a Node stream', 'node', 'mbox'],
    ['an mbox of ~32,000 messages from a Web stream', 'web', 'mbox'],
  ] as const)('%s stays under 36 MiB live', async (_label, kind, shape) => {
    const result = await measure(64, kind, shape);
    expect(result.messages).toBeGreaterThan(30_000);
    expect(result.summaryMessages).toBe(result.messages);
    expect(result.peakLiveBytes).toBeLessThan(36 * MIB);
  });

  it.concurrent('one 64 MiB message is cut at the per-message cap (IO_TRUNCATED) and stays under 36 MiB live', async () => {
    const result = await measure(64, 'node', 'huge');
    expect(result.messages).toBe(1);
    expect(result.codes).toContain('IO_TRUNCATED');
    expect(result.peakLiveBytes).toBeLessThan(36 * MIB);
  });
});
