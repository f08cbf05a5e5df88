/**
 * The JSON Schemas in schema/ against real outputs, with ajv (draft 2020-12): `--format json` and every
 * `--format ndjson` line over the fixtures (with `--nested`, so nested reports are checked too), and the NDJSON of
 * the SpamAssassin corpus (6,046 real messages). Also: the files are what test/tools/generate-schemas.mjs writes,
 * every NDJSON record carries `schemaVersion`, and the schemas reject what they must.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/render/schema-version.js';
import { runCli } from '../cli/io.js';
import { spamAssassinDir } from '../support/shared.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = ['eml', 'mbox', 'maildir', 'cli'].map((dir) => join(ROOT, 'fixtures', dir));
const CORPUS = spamAssassinDir();

function compile(file: string): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', file), 'utf8')) as object);
}

const output = compile('output.schema.json');
const record = compile('record.schema.json');
const summary = compile('summary.schema.json');

/** The first validation error of `value`, or `null` when it is valid. */
function problem(validate: ValidateFunction, value: unknown): string | null {
  return validate(value) ? null : JSON.stringify(validate.errors?.[0] ?? 'invalid');
}

function ndjsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('schema/', () => {
  it('holds what test/tools/generate-schemas.mjs writes', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'test', 'tools', 'generate-schemas.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('the fixtures validate', () => {
  it('--format json: the whole document', async () => {
    const r = await runCli(['-f', 'json', '--nested', ...FIXTURES]);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; messages: unknown[]; summary: unknown };
    expect(doc.messages.length).toBeGreaterThan(10);
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(problem(output, doc)).toBeNull();
    expect(problem(summary, doc.summary)).toBeNull();
  });

  it('--format ndjson: every line is a record with schemaVersion, the last one the summary', async () => {
    const lines = ndjsonLines((await runCli(['-f', 'ndjson', '--nested', ...FIXTURES])).stdout);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(line.schemaVersion).toBe(SCHEMA_VERSION);
      expect(problem(record, line)).toBeNull();
    }
    expect(lines.slice(0, -1).every((l) => l.type === 'message')).toBe(true);
    expect(problem(summary, lines.at(-1))).toBeNull();
  });

  it('rejects a record whose shape changed (a renamed field, an unknown grade, a missing schemaVersion)', async () => {
    const [first] = ndjsonLines((await runCli(['-f', 'ndjson', join(ROOT, 'fixtures', 'eml', 'seed-rc4-gmail.eml')])).stdout);
    const message = first as { report: { hops: Record<string, unknown>[]; verdict: Record<string, unknown> } };
    expect(problem(record, message)).toBeNull();
    const renamed = structuredClone(message);
    const hop = renamed.report.hops[0] ?? {};
    hop.security = { ...(hop.security as object), level: 'A', grade: undefined };
    expect(problem(record, JSON.parse(JSON.stringify(renamed)))).not.toBeNull();
    const badGrade = structuredClone(message);
    badGrade.report.verdict.grade = 'D';
    expect(problem(record, badGrade)).not.toBeNull();
    expect(problem(record, { ...message, schemaVersion: undefined })).not.toBeNull();
  });
});

describe.skipIf(CORPUS === null)('the SpamAssassin corpus validates', () => {
  it('every NDJSON record of 6,046 real messages', async () => {
    const lines = ndjsonLines((await runCli(['-f', 'ndjson', CORPUS ?? ''])).stdout);
    expect(lines.length).toBeGreaterThan(6000);
    const invalid = lines.map((line, i) => [i, problem(record, line)] as const).filter(([, p]) => p !== null);
    expect(invalid.slice(0, 3)).toEqual([]);
    expect(problem(summary, lines.at(-1))).toBeNull();
  }, 300_000);
});
