/**
 * API report: the public surface of the built package, compared with the committed files in test/api/, so that an
 * accidental change to it fails `npm test`. After a deliberate change, regenerate and review the diff:
 *
 *   npm run api:update      (= UPDATE_API=1 vitest run test/integration/package-api.test.ts)
 *
 * - test/api/exports.json: the run-time export names of each entry (ESM and CJS must agree);
 * - test/api/<entry>.api.md: the declarations of each entry (from tsup's dist/*.d.ts, comments removed, stable order),
 *   with the types an export mentions but no entry exports listed at the end.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiReports, type EntryReport } from '../api/report.js';
import { BUILD_TIMEOUT_MS, ensureBuilt, ROOT } from '../examples/built.js';

const UPDATE = process.env.UPDATE_API === '1';
const API_DIR = join(ROOT, 'test', 'api');
const DIST = join(ROOT, 'dist');
const HOW_TO_UPDATE = 'public API changed: if deliberate, run `npm run api:update` and commit test/api/';

const ENTRIES = [
  { name: 'received-forensics', file: 'index', snapshot: 'index.api.md' },
  { name: 'received-forensics/node', file: 'node', snapshot: 'node.api.md' },
] as const;

let esmReports: EntryReport[] = [];
let cjsReports: EntryReport[] = [];
const runtime: Record<string, { esm: string[]; cjs: string[] }> = {};

beforeAll(async () => {
  await ensureBuilt();
  esmReports = apiReports(ENTRIES.map((e) => join(DIST, `${e.file}.d.ts`)), DIST);
  cjsReports = apiReports(ENTRIES.map((e) => join(DIST, `${e.file}.d.cts`)), DIST);
  const require = createRequire(import.meta.url);
  for (const entry of ENTRIES) {
    const esm = (await import(pathToFileURL(join(DIST, `${entry.file}.js`)).href)) as Record<string, unknown>;
    const cjs = require(join(DIST, `${entry.file}.cjs`)) as Record<string, unknown>;
    runtime[entry.name] = { esm: Object.keys(esm).sort(), cjs: Object.keys(cjs).sort() };
  }
}, BUILD_TIMEOUT_MS);

/** Compare with the committed file, or write it under UPDATE_API=1. */
function matchCommitted(file: string, actual: string): void {
  const path = join(API_DIR, file);
  if (UPDATE) writeFileSync(path, actual);
  const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
  expect(actual, `${file}: ${HOW_TO_UPDATE}`).toBe(committed);
}

function snapshotText(name: string, dts: string, report: EntryReport): string {
  const list = (names: readonly string[]) => (names.length === 0 ? '(none)' : names.map((n) => `\`${n}\``).join(', '));
  return [
    `# API report: \`${name}\``,
    '',
    `Generated from \`dist/${dts}\` by test/integration/package-api.test.ts (comments removed). Do not edit by hand.`,
    '',
    `- Values: ${list(report.values)}`,
    `- Types: ${list(report.types)}`,
    `- Reachable from the exports but exported by no entry (users cannot name them): ${list(report.unexported)}`,
    '',
    '```ts',
    report.text.trimEnd(),
    '```',
    '',
  ].join('\n');
}

describe('run-time exports', () => {
  it('ESM and CJS builds export the same names', () => {
    for (const entry of ENTRIES) expect(runtime[entry.name]?.cjs, entry.name).toEqual(runtime[entry.name]?.esm);
  });

  it('match test/api/exports.json', () => {
    const names = Object.fromEntries(ENTRIES.map((e) => [e.name, runtime[e.name]?.esm ?? []]));
    matchCommitted('exports.json', `${JSON.stringify(names, null, 2)}\n`);
  });

  it('are exactly the value exports the declarations promise (nothing untyped, nothing missing)', () => {
    ENTRIES.forEach((entry, i) => expect(runtime[entry.name]?.esm, entry.name).toEqual(esmReports[i]?.values));
  });
});

describe('declarations', () => {
  it.each(ENTRIES.map((entry, i) => [entry.name, entry, i] as const))('%s matches its committed API report', (_name, entry, i) => {
    const report = esmReports[i];
    expect(report).toBeDefined();
    if (report !== undefined) matchCommitted(entry.snapshot, snapshotText(entry.name, `${entry.file}.d.ts`, report));
  });

  it('the CommonJS declarations (.d.cts) describe the same surface as the ESM ones', () => {
    expect(cjsReports.map((r) => r.text)).toEqual(esmReports.map((r) => r.text));
  });

  it('every export has a JSDoc comment', () => {
    expect(esmReports.flatMap((r, i) => r.undocumented.map((n) => `${ENTRIES[i]?.name ?? ''}: ${n}`))).toEqual([]);
  });

  it('every exported function has an @example', () => {
    expect(esmReports.flatMap((r, i) => r.withoutExample.map((n) => `${ENTRIES[i]?.name ?? ''}: ${n}`))).toEqual([]);
  });
});
