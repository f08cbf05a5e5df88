/**
 * docs/recipes.md and docs/k8s-indexed-job.yaml, run in the small: the shell recipes (xargs -P; GNU parallel when
 * it is installed) and the Indexed Job's script, once per index, on the bundled fixtures through the built CLI, their
 * shards summarized equal to one run; the DuckDB SQL, taken from the document as written, on the SpamAssassin
 * corpus's records (skipped when the corpus package is not installed), checked against the summary's own numbers.
 */
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportAggregator } from '../../src/render/html/index.js';
import type { ScanSummary } from '../../src/summary/types.js';
import { runCli } from '../cli/io.js';
import { spamAssassinDir } from '../support/shared.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'node_modules', '.cache', 'rcvd-recipes-test');
const DATA = spamAssassinDir();
const SLOW = 600_000;

/** The fenced blocks of docs/recipes.md whose first line is `# recipe: <name>` or `-- recipe: <name>`. */
async function recipes(): Promise<Map<string, string>> {
  const text = await readFile(join(ROOT, 'docs/recipes.md'), 'utf8');
  const out = new Map<string, string>();
  for (const block of text.split('```').filter((_, i) => i % 2 === 1)) {
    const lines = block.split('\n').slice(1);
    const m = /^(?:#|--) recipe: (\S+)$/.exec(lines[0] ?? '');
    if (m?.[1] !== undefined) out.set(m[1], lines.join('\n'));
  }
  return out;
}

let dir = '';
let env: NodeJS.ProcessEnv = {};

async function hasCommand(name: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${name}`]).then(
    () => true,
    () => false,
  );
}

/** The summary line of an NDJSON output. */
function summaryLine(ndjson: string): ScanSummary {
  return JSON.parse(ndjson.trimEnd().split('\n').at(-1) ?? '') as ScanSummary;
}

/** Run `script` with sh in `cwd`, the built `rcvd` first on the PATH. */
async function sh(script: string, cwd: string, extra: Record<string, string> = {}): Promise<string> {
  const r = await run('sh', ['-c', script], { cwd, env: { ...env, ...extra }, maxBuffer: 256 * 1024 * 1024 });
  return r.stdout;
}

/** GNU parallel is not on every machine: its recipe runs where it is. */
const HAS_PARALLEL = await hasCommand('parallel');

beforeAll(async () => {
  await build({ config: false, entry: { cli: join(ROOT, 'src/cli/main.ts'), worker: join(ROOT, 'src/node/worker-entry.ts') }, outDir: OUT, format: ['esm'], target: 'node20', silent: true, clean: true, dts: false, splitting: false });
  dir = await mkdtemp(join(tmpdir(), 'rcvd-recipes-'));
  const bin = join(dir, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'rcvd'), `#!/bin/sh\nexec "${process.execPath}" "${join(OUT, 'cli.js')}" "$@"\n`);
  await chmod(join(bin, 'rcvd'), 0o755);
  env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
}, SLOW);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('recipes: shards on one machine and on Kubernetes, on the fixtures', () => {
  let work = '';
  let one: ScanSummary;

  beforeAll(async () => {
    work = join(dir, 'fixtures-run');
    await mkdir(join(work, 'archive'), { recursive: true });
    await cp(join(ROOT, 'fixtures/eml'), join(work, 'archive/eml'), { recursive: true });
    await cp(join(ROOT, 'fixtures/mbox'), join(work, 'archive/mbox'), { recursive: true });
    await cp(join(ROOT, 'fixtures/maildir'), join(work, 'archive/maildir'), { recursive: true });
    one = summaryLine(await sh('rcvd -f ndjson --no-progress archive/', work));
    expect(one.messages).toBeGreaterThan(10);
  }, SLOW);

  it(
    'xargs -P: four shards, summarized, equal one run',
    async () => {
      const script = (await recipes()).get('xargs') ?? '';
      expect(script).toContain('xargs -P 4');
      const text = await sh(`rm -rf out && ${script}`, work);
      expect(text).toContain(`messages       ${one.messages}`);
      expect(summaryLine(await sh('rcvd summarize -f ndjson out/', work))).toEqual(one);
    },
    SLOW,
  );

  it.skipIf(!HAS_PARALLEL)(
    'GNU parallel: the same, and the report',
    async () => {
      const script = (await recipes()).get('parallel') ?? '';
      await sh(`rm -rf out && ${script}`, work);
      expect(await readFile(join(work, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
      expect(summaryLine(await sh('rcvd summarize -f ndjson out/', work))).toEqual(one);
    },
    SLOW,
  );

  it(
    'Kubernetes Indexed Job: the pod script, once per index, gives shards that summarize to one run',
    async () => {
      const yaml = await readFile(join(ROOT, 'docs/k8s-indexed-job.yaml'), 'utf8');
      const field = (name: string): string => new RegExp(`^\\s*${name}: "?(\\w+)"?`, 'm').exec(yaml)?.[1] ?? '';
      expect(field('completionMode')).toBe('Indexed');
      const n = Number(field('completions'));
      expect(Number(field('parallelism'))).toBe(n);
      expect(/- name: SHARDS\n\s+value: "(\d+)"/.exec(yaml)?.[1]).toBe(String(n));
      // The script: the block under `args: - |`, as the container's shell gets it.
      const lines = yaml.split('\n');
      const start = lines.findIndex((l) => l.trim() === '- |') + 1;
      const indent = /^\s*/.exec(lines[start] ?? '')?.[0].length ?? 0;
      const block: string[] = [];
      for (let i = start; i < lines.length && (lines[i] ?? '').startsWith(' '.repeat(indent)); i++) block.push((lines[i] ?? '').slice(indent));
      const script = block.join('\n').replaceAll('/archive', `${work}/archive`).replaceAll('/out/', `${work}/k8s-out/`);
      await mkdir(join(work, 'k8s-out'), { recursive: true });
      for (let i = 0; i < n; i++) await sh(script, work, { JOB_COMPLETION_INDEX: String(i), SHARDS: String(n) });
      const r = await runCli(['summarize', '-f', 'ndjson', join(work, 'k8s-out')]);
      expect(r.stderr).toBe('');
      // The pods named the archive by another path than the one run: the stamps differ in inputs only.
      const { messages, hops, verdicts, externalHopGrades, years } = summaryLine(r.stdout);
      expect({ messages, hops, verdicts, externalHopGrades, years }).toEqual({ messages: one.messages, hops: one.hops, verdicts: one.verdicts, externalHopGrades: one.externalHopGrades, years: one.years });
    },
    SLOW,
  );
});

describe.skipIf(DATA === null)('recipes: the DuckDB queries on the SpamAssassin corpus', () => {
  let db: DuckDBConnection;
  let summary: ScanSummary;
  let versions: Map<string, number>;
  let sql: Map<string, string>;

  const rows = async (query: string): Promise<Record<string, unknown>[]> => (await db.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];

  beforeAll(async () => {
    const out = join(dir, 'out');
    await mkdir(out, { recursive: true });
    const data = DATA ?? '';
    const lines: string[] = [];
    for (const k of [1, 2, 3]) {
      const r = await runCli(['-f', 'ndjson', '--no-progress', '--shard', `${k}/3`, data]);
      await writeFile(join(out, `shard-${k}.ndjson.gz`), gzipSync(r.stdout));
      lines.push(...r.stdout.trimEnd().split('\n'));
    }
    const merged = await runCli(['summarize', '-f', 'ndjson', out]);
    summary = summaryLine(merged.stdout);
    // The report's TLS-version table, from the same records: what the TLS 1.2+ query must agree with.
    const agg = new ReportAggregator({ maxDetails: 0 });
    for (const line of lines) {
      const o = JSON.parse(line) as { type: string; source: string; index: number; report: never };
      if (o.type === 'message') agg.add({ source: o.source, index: o.index, report: o.report });
    }
    versions = new Map(agg.result().versions.map((v) => [v.version, v.hops]));
    sql = await recipes();
    db = await (await DuckDBInstance.create(':memory:')).connect();
    await db.run((sql.get('load') ?? '').replace("'out/*.ndjson.gz'", `'${out}/*.ndjson.gz'`));
    await db.run(sql.get('external_hops') ?? '');
  }, SLOW);

  it('the records load: one row per message, a summary row per file adding up to the run', async () => {
    expect(summary.messages).toBe(6046);
    const [count] = await rows("SELECT count(*) FILTER (WHERE type = 'message') AS messages, sum(messages) FILTER (WHERE type = 'summary') AS summarized, count(*) FILTER (WHERE type = 'summary') AS files FROM records");
    expect(count).toEqual({ messages: '6046', summarized: '6046', files: '3' });
  });

  it('weakest relays by month: the external hops per year and grade are the summary’s years', async () => {
    const query = sql.get('weakest_relays_by_month') ?? '';
    const top = await rows(query);
    expect(top.length).toBeGreaterThan(0);
    expect(top[0]).toHaveProperty('worst');
    // The months the query ranks cover every external hop: summed by year, they are the summary's series.
    const byYear = await rows("SELECT substr(month, 1, 4) AS year, grade, count(*) AS hops FROM external_hops GROUP BY ALL");
    const expected: Record<string, unknown>[] = [];
    for (const y of summary.years) {
      for (const [grade, hops] of Object.entries(y.externalHops)) if (hops > 0) expected.push({ year: y.year === null ? null : String(y.year), grade, hops: String(hops) });
    }
    const key = (r: Record<string, unknown>): string => `${String(r.year)} ${String(r.grade)}`;
    expect([...byYear].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('TLS 1.2+ share per sending domain: hops add up to externalHops, TLS 1.2+ ones to the report’s versions', async () => {
    const all = await rows(`SELECT sum(hops) AS hops, sum(tls12_plus) AS tls12 FROM (${(sql.get('tls12_share_by_domain') ?? '').replace(/;\s*$/, '')})`);
    expect(all[0]).toEqual({ hops: String(summary.externalHops), tls12: String((versions.get('TLSv1.2') ?? 0) + (versions.get('TLSv1.3') ?? 0)) });
  });

  it('plaintext hops into our MXs: with every MX matched, they are the summary’s plaintext external hops', async () => {
    const query = (sql.get('plaintext_into_our_mx') ?? '').replace(/;\s*$/, '');
    const ours = await rows(`SELECT coalesce(sum(hops), 0) AS hops FROM (${query.replace("'%.example.net'", "'%.taint.org'")})`);
    const every = await rows(`SELECT sum(hops) AS hops FROM (${query.replace("by_host ILIKE '%.example.net'", 'true')})`);
    expect(every[0]).toEqual({ hops: String(summary.externalHopGrades.none) });
    expect(Number(ours[0]?.hops)).toBeGreaterThan(0);
    expect(Number(ours[0]?.hops)).toBeLessThanOrEqual(summary.externalHopGrades.none);
  });
});
