// The deterministic slice of the seeded fuzz (the long run is `npm run fuzz -- <count>`). It mutates our own
// fixtures and checks: no throw, JSON-serialisable and deterministic output, spans inside their strings,
// `raw.slice(tls.span) === tls.evidence`, LIMIT_* ⇔ truncated. It never asserts on time; it prints the slowest case.
import { describe, expect, it } from 'vitest';
import { analyzeMessage, parseReceived } from '../../src/index.js';
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
