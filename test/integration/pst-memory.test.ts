/**
 * A large Outlook archive is read folder by folder, item by item: memory must not follow the archive's size. Two
 * archives written by our PST writer — 2,000 and 20,000 items (over 30 MB and 300 MB: each item carries a 14 KB body the
 * reader must never load) in folders of 400 — are read through `readMessages` in child processes (`--expose-gc`, live
 * heap after full GCs, and RSS) running the reader bundled from the sources.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { scan } from '../../src/node/scan.js';
import type { ScanMessage } from '../../src/node/scan-types.js';
import { ROOT, run } from '../examples/built.js';
import { collect } from '../node/read-helpers.js';
import { headerBlockOf } from '../support/write-msg.js';
import { writePst, type PstFolder, type PstItem } from '../support/write-pst.js';

const EML_DIR = join(ROOT, 'fixtures', 'eml');
const EMLS = readdirSync(EML_DIR).filter((name) => name.endsWith('.eml')).sort();
const HEADERS = EMLS.map((name) => headerBlockOf(readFileSync(join(EML_DIR, name))));
const PER_FOLDER = 400;
const BODY_BYTES = 14_000;
const SMALL = 2000;
const LARGE = 20_000;
/** 256 MB of heap for the child: a reader that buffered the 300 MB archive, or its items, dies instead of swapping. */
const CHILD_HEAP_MB = 256;

/** `count` items cycling over the fixtures' header blocks, in folders of {@link PER_FOLDER}, produced as written. */
function archive(count: number): PstFolder[] {
  return Array.from({ length: Math.ceil(count / PER_FOLDER) }, (_, f) => ({
    name: `Folder ${f}`,
    items: (function* (): Generator<PstItem> {
      for (let i = f * PER_FOLDER; i < Math.min(count, (f + 1) * PER_FOLDER); i++) yield { headers: HEADERS[i % HEADERS.length]!, bodyBytes: BODY_BYTES };
    })(),
  }));
}

/** The bytes of the records' `raw` an archive of `count` items gives (each header block as UTF-8). */
function rawBytesOf(count: number): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += Buffer.byteLength(HEADERS[i % HEADERS.length]!, 'utf8');
  return total;
}

let bundle = '';
let scratch = '';
const paths = { small: '', large: '' };

beforeAll(async () => {
  // Bundled under node_modules so the bundle's dependencies (left external) resolve; one directory per run.
  const cache = join(ROOT, 'node_modules', '.cache', 'received-forensics-memory');
  mkdirSync(cache, { recursive: true });
  bundle = mkdtempSync(join(cache, 'pst-'));
  scratch = mkdtempSync(join(cache, 'pst-archives-'));
  await run(join(ROOT, 'node_modules', '.bin', 'tsup'), ['src/node/index.ts', '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', bundle, '--silent']);
  paths.small = join(scratch, 'small.pst');
  paths.large = join(scratch, 'large.pst');
  expect(writePst(paths.small, archive(SMALL)).items).toBe(SMALL);
  const large = writePst(paths.large, archive(LARGE));
  expect(large.items).toBe(LARGE);
  expect(large.bytes).toBeGreaterThan(300_000_000);
}, 180_000);

afterAll(() => {
  if (bundle !== '') rmSync(bundle, { recursive: true, force: true });
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

interface ChildResult {
  readonly records: number;
  readonly rawBytes: number;
  readonly issues: number;
  readonly peakLiveBytes: number;
  readonly peakRssBytes: number;
}

async function readInChild(path: string): Promise<ChildResult> {
  const script = join(ROOT, 'test', 'package', 'pst-memory.mjs');
  const { stdout } = await run(process.execPath, ['--expose-gc', `--max-old-space-size=${CHILD_HEAP_MB}`, script, bundle, path]);
  return JSON.parse(stdout) as ChildResult;
}

describe('readMessages over a large .pst', () => {
  it('memory stays flat from 2,000 to 20,000 items (30 MB to 300 MB of archive)', async () => {
    // One after the other: two children at once on a small machine would time each other out.
    const small = await readInChild(paths.small);
    const large = await readInChild(paths.large);
    expect([small.records, small.rawBytes, small.issues]).toEqual([SMALL, rawBytesOf(SMALL), 0]);
    expect([large.records, large.rawBytes, large.issues]).toEqual([LARGE, rawBytesOf(LARGE), 0]);
    // Ten times the items, folders and bytes: what is live stays one folder's tables and one item. Keeping the
    // records' header blocks would add 32 MB; keeping the bodies, 500 MB.
    expect(large.peakLiveBytes / small.peakLiveBytes).toBeLessThan(1.5);
    expect(large.peakLiveBytes - small.peakLiveBytes).toBeLessThan(2 * 1024 * 1024);
    // RSS also counts what the allocator has not handed back yet: bounded, far below the archive's 300 MB.
    expect(large.peakRssBytes).toBeLessThan(96 * 1024 * 1024);
  }, 240_000);

  it("the items' hops and verdicts are the fixtures'", async () => {
    const items = (await collect(scan(paths.small))).filter((i): i is ScanMessage => i.type === 'message');
    expect(items).toHaveLength(SMALL);
    const want = EMLS.map((name) => analyzeMessage(readFileSync(join(EML_DIR, name))));
    items.forEach((item, i) => {
      const expected = want[i % want.length]!;
      expect(item.source.slice(paths.small.length)).toBe(`:/Folder ${Math.floor(i / PER_FOLDER)}#${i % PER_FOLDER}`);
      expect({ hops: item.report.hops, verdict: item.report.verdict }).toEqual({ hops: expected.hops, verdict: expected.verdict });
    });
  }, 120_000);
});
