/**
 * The CLI's memory over an archive of hostile messages — each with a new relay name, a new unknown cipher, a new
 * From domain and a 100 KB header block — with the summary and `--report` both on: what it keeps across messages
 * must not grow with the header blocks it read. Measured in child processes (`--expose-gc`, live heap after full
 * GCs) running `run()` bundled from the sources (test/package/cli-memory.mjs).
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../examples/built.js';

/** 100 KB of X-Filler lines per message: a tenth of the header limit keeps the 10,000-message run under 20 s. */
const FILLER_BYTES = 100 * 1024;
/** 512 MB of heap for the child: a regression that keeps every header block (1 GB at 10,000) dies instead of swapping. */
const CHILD_HEAP_MB = 512;

let bundle = '';
let scratch = '';

beforeAll(async () => {
  // Bundled under node_modules so the bundle's dependencies (left external) resolve; one directory per run.
  const cache = join(ROOT, 'node_modules', '.cache', 'received-forensics-memory');
  mkdirSync(cache, { recursive: true });
  bundle = mkdtempSync(join(cache, 'run-'));
  scratch = mkdtempSync(join(tmpdir(), 'rcvd-memory-'));
  await run(join(ROOT, 'node_modules', '.bin', 'tsup'), ['src/cli/run.ts', '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', bundle, '--silent']);
}, 120_000);

afterAll(() => {
  if (bundle !== '') rmSync(bundle, { recursive: true, force: true });
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

async function peakLive(messages: number): Promise<number> {
  const script = join(ROOT, 'test', 'package', 'cli-memory.mjs');
  const report = join(scratch, `report-${messages}.html`);
  const { stdout } = await run(process.execPath, ['--expose-gc', `--max-old-space-size=${CHILD_HEAP_MB}`, script, bundle, String(messages), String(FILLER_BYTES), report]);
  const result = JSON.parse(stdout) as { code: number; messages: number; peakLiveBytes: number };
  expect(result.code).toBe(0);
  return result.peakLiveBytes;
}

describe('rcvd run() memory over messages with new names and big header blocks', () => {
  it('stays flat from 1,000 to 10,000 messages (ndjson and --report)', async () => {
    // One after the other: two children at once on a small machine would time each other out.
    const small = await peakLive(1000);
    const large = await peakLive(10_000);
    // Ten times the messages (and the names): a kept header block per message would be 1 GB at 10,000, a ratio
    // near 10 or an out-of-memory abort. What does grow is bounded: the summary and report tables (a row per new
    // name, up to MAX_SUMMARY_KEYS) and the memos (up to their caps), about 3 KB a message here against 100 KB of
    // header block.
    expect(large / small).toBeLessThan(4);
    expect((large - small) / 9000).toBeLessThan(FILLER_BYTES / 10);
  }, 180_000);
});
