// The deterministic slice of the seeded fuzz (the long run is `npm run fuzz -- <count>`). It mutates our own
// fixtures and checks: no throw, JSON-serialisable and deterministic output, spans inside their strings,
// `raw.slice(tls.span) === tls.evidence`, LIMIT_* ⇔ truncated. It never asserts on time; it prints the slowest case.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeMessage, parseReceived } from '../../src/index.js';
import { BUILD_TIMEOUT_MS, ensureBuilt } from '../examples/built.js';
import { archiveCase, archiveSeeds, runArchiveFuzz } from './archives.mjs';
import { runFuzz } from './engine.mjs';
import { loadSeeds } from './seeds.mjs';

const seeds = loadSeeds();

describe('seeded fuzz over the fixtures', () => {
  it('has seeds to mutate', () => {
    expect(seeds.values.length).toBeGreaterThan(10);
    expect(seeds.messages.length).toBeGreaterThan(5);
  });

  it.each([1, 2])('seed %i: 1,000 mutated inputs keep every invariant', (seed) => {
    const result = runFuzz({ api: { parseReceived, analyzeMessage }, seeds, seed, count: 1000, maxRun: 20_000 });
    const s = result.slowest;
    console.log(`fuzz seed ${seed}: ${result.count} cases, slowest ${s.kind} ${s.size} chars ${s.ms.toFixed(1)} ms (case ${s.case}) ${s.preview}`);
    const report = result.failures.slice(0, 5).map((f) => `case ${f.case} (${f.kind}, ${f.size}): ${f.violations.join('; ')} input=${JSON.stringify(typeof f.input === 'string' ? f.input.slice(0, 300) : Array.from(f.input.slice(0, 100)))}`);
    expect(report).toEqual([]);
  });
});

// The archive fuzz (`npm run fuzz:archives`) runs the built readers in a child under a watchdog: a few cases here,
// and the watchdog itself, on a case made to spin.
const archives = archiveSeeds();
describe.skipIf(archives.length === 0)('seeded fuzz of the archive readers', () => {
  beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);

  it('a case is a function of seed and number: 1 to 64 bytes of one seed archive overwritten', () => {
    const a = archiveCase(archives, 7, 3);
    expect(archiveCase(archives, 7, 3).bytes.equals(a.bytes)).toBe(true);
    expect(archiveCase(archives, 7, 4).bytes.equals(a.bytes)).toBe(false);
    expect(a.flips).toBeGreaterThanOrEqual(1);
    expect(a.flips).toBeLessThanOrEqual(64);
    const seed = archives.find((s) => s.path === a.source)!;
    let differing = 0;
    for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== seed.bytes[i]) differing++;
    expect(differing).toBeLessThanOrEqual(a.flips);
  });

  it('seed 1: 6 damaged archives read to the end, without a throw', async () => {
    const result = await runArchiveFuzz({ seed: 1, count: 6 });
    expect(result.failures).toEqual([]);
    expect(result.count).toBe(6);
  });

  it('the watchdog reports a case that spins, with its number, and goes on with the next', async () => {
    const result = await runArchiveFuzz({ seed: 1, count: 3, hangCase: 1, timeoutMs: 3000 });
    expect(result.failures.map((f) => [f.case, f.kind])).toEqual([[1, 'hang']]);
    expect(result.count).toBe(3);
  });
});
