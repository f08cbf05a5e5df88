/**
 * `rcvd summarize`: the summary and the report rebuilt from NDJSON records equal one run over all the input — for
 * the shards of a run given in any order (plain, gzipped, in a folder, on stdin), for the bundled fixtures and for
 * the SpamAssassin corpus (skipped when the devDependency is not installed) — and records that do not add up to one
 * run are refused with a message that says why.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLines } from '../../src/cli/summarize/lines.js';
import { TOOL } from '../../src/render/version.js';
import { runCli } from '../cli/io.js';
import { spamAssassinDir } from '../support/shared.js';

const FIXTURES = ['fixtures/eml', 'fixtures/mbox/mboxrd-three.mbox', 'fixtures/maildir', 'fixtures/cli/bounce-with-original.eml'];
const DATA = spamAssassinDir();
const SLOW = 600_000;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rcvd-summarize-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The last line of NDJSON output: the summary object. */
function lastLine(ndjson: string): unknown {
  return JSON.parse(ndjson.trimEnd().split('\n').at(-1) ?? '');
}

/** The report without its timestamp (the one thing allowed to differ). */
function untimed(html: string): string {
  return html.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIME');
}

/** Run `argv` with `--format ndjson` and keep its output in `name` (gzipped when it ends in .gz). */
async function records(name: string, argv: readonly string[]): Promise<string> {
  const r = await runCli(['-f', 'ndjson', '--no-progress', ...argv]);
  expect(r.code).toBeLessThan(2);
  const path = join(dir, name);
  await writeFile(path, name.endsWith('.gz') ? gzipSync(r.stdout) : r.stdout);
  return path;
}

describe('summarize: shards of the fixtures equal one run', () => {
  let one = { ndjson: '', text: '', json: '', html: '' };
  let shards: string[] = [];

  beforeAll(async () => {
    const html = join(dir, 'one.html');
    const ndjson = (await runCli(['-f', 'ndjson', '--nested', '--report', html, ...FIXTURES])).stdout;
    const text = (await runCli(['--nested', '--no-color', ...FIXTURES])).stdout;
    const json = (await runCli(['-f', 'json', '--nested', ...FIXTURES])).stdout;
    one = { ndjson, text, json, html: await readFile(html, 'utf8') };
    shards = [await records('fx-3.ndjson', ['--nested', '--shard', '3/3', ...FIXTURES]), await records('fx-1.ndjson.gz', ['--nested', '--shard', '1/3', ...FIXTURES]), await records('fx-2.ndjson', ['--nested', '--shard', '2/3', ...FIXTURES])];
  });

  it('every record carries the run stamp: settings, inputs, shard', () => {
    const first = JSON.parse(one.ndjson.split('\n')[0] ?? '') as { type: string; run: { settings: string; inputs: string; shard: unknown } };
    expect(first.type).toBe('message');
    expect(first.run.settings).toMatch(/^[0-9a-f]{16}$/);
    expect(first.run.inputs).toMatch(/^[0-9a-f]{16}$/);
    expect(first.run.shard).toBeNull();
  });

  it('ndjson: the summary line equals the one-run summary line, shards given in any order', async () => {
    const r = await runCli(['summarize', '-f', 'ndjson', ...shards]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(lastLine(one.ndjson));
    expect(r.stdout).toBe(`${one.ndjson.trimEnd().split('\n').at(-1)}\n`);
  });

  it('text and json: the same summary as one run prints', async () => {
    const text = await runCli(['summarize', '--no-color', ...shards]);
    expect(one.text.endsWith(text.stdout)).toBe(true);
    expect(text.stdout.startsWith('Summary\n')).toBe(true);
    const json = await runCli(['summarize', '-f', 'json', ...shards]);
    const doc = JSON.parse(json.stdout) as { schemaVersion: number; messages: unknown[]; summary: unknown };
    expect(doc.messages).toEqual([]);
    expect(doc.summary).toEqual((JSON.parse(one.json) as { summary: unknown }).summary);
  });

  it('--report: the same HTML as one run wrote, but for its timestamp', async () => {
    const html = join(dir, 'summarized.html');
    const r = await runCli(['summarize', '-q', '--report', html, ...shards]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const got = await readFile(html, 'utf8');
    expect(untimed(got)).toBe(untimed(one.html));
    expect(got).toContain('weakest');
    // The settings it was graded under, readable, as the run's report prints them.
    expect(got).toContain('Settings: policy practical · trusted none · internal none · providers built-in · nested yes · max hops default</p>');
  });

  it('a folder of shards, and a shard on stdin (gzipped), give the same summary', async () => {
    // Other files, dot files and sub-folders' records: only *.ndjson[.gz] and *.jsonl[.gz] count, dot names never.
    const folder = join(dir, 'shards');
    await mkdir(join(folder, 'more'), { recursive: true });
    await copyFile(shards[0] ?? '', join(folder, 'a.ndjson'));
    await copyFile(shards[1] ?? '', join(folder, 'more', 'b.ndjson.gz'));
    await copyFile(shards[2] ?? '', join(folder, 'c.jsonl'));
    await copyFile(shards[2] ?? '', join(folder, '.c-being-written.ndjson'));
    await writeFile(join(folder, 'notes.txt'), 'not records\n');
    const byFolder = await runCli(['summarize', '-f', 'ndjson', folder]);
    expect(byFolder.stderr).toBe('');
    expect(JSON.parse(byFolder.stdout)).toEqual(lastLine(one.ndjson));
    const gz = await readFile(shards[1] ?? '');
    const viaStdin = await runCli(['summarize', '-f', 'ndjson', shards[0] ?? '', '-', shards[2] ?? ''], { stdin: gz });
    expect(viaStdin.code).toBe(0);
    expect(JSON.parse(viaStdin.stdout)).toEqual(lastLine(one.ndjson));
  });

  it('csv: one row per count, the totals first', async () => {
    const r = await runCli(['summarize', '-f', 'csv', ...shards]);
    const rows = r.stdout.split('\r\n');
    const summary = lastLine(one.ndjson) as { messages: number; hops: number };
    expect(rows[0]).toBe('table,key,grade,count');
    expect(rows[1]).toBe(`total,messages,,${summary.messages}`);
    expect(rows).toContain(`total,hops,,${summary.hops}`);
  });

  it('--fail-on counts the verdicts of the records, as one run', async () => {
    const run = await runCli(['-f', 'ndjson', '--nested', '--fail-on', 'C', ...FIXTURES]);
    const again = await runCli(['summarize', '--fail-on', 'C', ...shards]);
    expect(again.code).toBe(run.code);
    expect(again.code).toBe(1);
    // The same spellings as rcvd: any case.
    expect((await runCli(['summarize', '--fail-on', 'c', ...shards])).code).toBe(1);
  });

  it('a missing shard is named in a warning; the summary covers the others', async () => {
    const r = await runCli(['summarize', '-f', 'ndjson', shards[0] ?? '', shards[2] ?? '']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 of the 3 shards of a run are not among the records, or held no message \(1\/3\)/);
    const part = lastLine(await readFile(shards[0] ?? '', 'utf8')) as { messages: number };
    const other = lastLine(await readFile(shards[2] ?? '', 'utf8')) as { messages: number };
    expect((JSON.parse(r.stdout) as { messages: number }).messages).toBe(part.messages + other.messages);
  });
});

describe('summarize: declared networks and unmatched patterns survive the records', () => {
  it('shards with --internal and --trusted equal one run, unmatchedDeclared included', async () => {
    const argv = ['--internal', '192.0.2.0/24,198.51.100.0/24,.example.org,.nowhere.example', '--trusted', '198.51.100.7', ...FIXTURES];
    const one = await runCli(['-f', 'ndjson', ...argv]);
    const parts = [];
    for (const k of [2, 1]) parts.push(await records(`declared-${k}.ndjson`, ['--shard', `${k}/2`, ...argv]));
    const r = await runCli(['summarize', '-f', 'ndjson', ...parts]);
    const summary = lastLine(one.stdout) as { unmatchedDeclared: string[] };
    expect(summary.unmatchedDeclared).toContain('.nowhere.example');
    expect(JSON.parse(r.stdout)).toEqual(summary);
    expect(r.stdout).toBe(`${one.stdout.trimEnd().split('\n').at(-1)}\n`);
    // The settings and the tool, readable, on the summary line of the run and of its summary.
    expect(summary).toMatchObject({
      tool: { name: 'received-forensics', version: TOOL.version },
      settings: { policy: 'practical', nested: false, maxHops: null, trusted: ['198.51.100.7'], internal: ['192.0.2.0/24', '198.51.100.0/24', '.example.org', '.nowhere.example'], providers: null },
    });
    // The same warning as the run gives: a pattern that matched nothing.
    expect(r.stderr).toMatch(/--trusted\/--internal matched nothing in \d+ messages: .*\.nowhere\.example/);
  });
});

describe('summarize: what does not add up to one run is refused', () => {
  const MBOX = 'fixtures/mbox/mboxrd-three.mbox';
  let base = '';
  beforeAll(async () => {
    base = await records('base.ndjson', [MBOX]);
  });

  it('records graded under other settings: refused, or counted with --mix', async () => {
    const strict = await records('strict.ndjson', ['--policy', 'bcp195', 'fixtures/eml']);
    const r = await runCli(['summarize', base, strict]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/refused: .*strict\.ndjson was graded under other settings than .*base\.ndjson/);
    const mixed = await runCli(['summarize', '--mix', '-f', 'ndjson', base, strict]);
    expect(mixed.code).toBe(0);
    const summary = JSON.parse(mixed.stdout) as { messages: number; settings: unknown };
    expect(summary.messages).toBe(3 + (lastLine(await readFile(strict, 'utf8')) as { messages: number }).messages);
    // Counted together, they were graded under no one setting: none is named.
    expect(summary.settings).toBeNull();
    expect((lastLine(await readFile(strict, 'utf8')) as { settings: { policy: string } }).settings.policy).toBe('bcp195');
  });

  it('the same shard twice: refused, even with --mix', async () => {
    const a = await records('s1.ndjson', ['--shard', '1/2', MBOX]);
    const copy = join(dir, 's1-copy.ndjson');
    await writeFile(copy, await readFile(a));
    for (const extra of [[], ['--mix']]) {
      const r = await runCli(['summarize', ...extra, a, copy]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/both shard 1\/2 of the same run: counting both would count its messages twice/);
    }
  });

  it('the same inputs cut into different shard counts: refused (they overlap)', async () => {
    const half = await records('h1.ndjson', ['--shard', '1/2', MBOX]);
    const third = await records('t1.ndjson', ['--shard', '1/3', MBOX]);
    const r = await runCli(['summarize', half, third]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/split the same inputs differently/);
  });

  it('records without a run stamp, or of another schema version: refused unless --mix', async () => {
    const text = await readFile(base, 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const old = join(dir, 'old.ndjson');
    await writeFile(old, lines.map((o) => JSON.stringify({ ...o, run: undefined })).join('\n') + '\n');
    const r = await runCli(['summarize', old]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/carry no run stamp/);
    const mixed = await runCli(['summarize', '--mix', '-f', 'ndjson', old]);
    expect(mixed.code).toBe(0);
    expect(JSON.parse(mixed.stdout)).toEqual(lastLine(text));
    const future = join(dir, 'future.ndjson');
    await writeFile(future, lines.map((o) => JSON.stringify({ ...o, schemaVersion: 99 })).join('\n') + '\n');
    const v = await runCli(['summarize', future]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/schema version 99; this rcvd reads version 1/);
  });

  it('damaged lines are skipped and reported (exit 2); the rest is counted; a cut file is named', async () => {
    const text = await readFile(base, 'utf8');
    const lines = text.trimEnd().split('\n');
    const damaged = join(dir, 'damaged.ndjson');
    const broken = JSON.parse(lines[1] ?? '') as { report: { hops: unknown } };
    broken.report.hops = 'not a list';
    await writeFile(damaged, [lines[0], '{"type":"message",', JSON.stringify(broken), lines[2], '[1,2]', lines[3]].join('\n') + '\n');
    const r = await runCli(['summarize', '-f', 'ndjson', damaged]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/damaged\.ndjson:2: not JSON/);
    expect(r.stderr).toMatch(/damaged\.ndjson:3: report\.hops is not a list: skipped/);
    expect(r.stderr).toMatch(/damaged\.ndjson:5: not a JSON object/);
    expect(r.stderr).toMatch(/its summary line counts 3 messages, but 5 records come before it/);
    expect((JSON.parse(r.stdout) as { messages: number }).messages).toBe(2);
    const cut = join(dir, 'cut.ndjson');
    await writeFile(cut, lines.slice(0, 2).join('\n'));
    const c = await runCli(['summarize', cut]);
    expect(c.code).toBe(0);
    expect(c.stderr).toMatch(/cut\.ndjson: no summary line at the end: the run that wrote it may have stopped early/);
  });

  it('a damaged gzip file is reported, never thrown: cut short, or gzip magic and then noise', async () => {
    const gz = gzipSync(await readFile(base));
    const cut = join(dir, 'cut.ndjson.gz');
    await writeFile(cut, gz.subarray(0, gz.length - 40));
    const noise = join(dir, 'noise.ndjson.gz');
    await writeFile(noise, Buffer.concat([gz.subarray(0, 2), Buffer.from('definitely not deflate data')]));
    for (const file of [cut, noise]) {
      const r = await runCli(['summarize', '-f', 'ndjson', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/rcvd: cannot read .*\.ndjson\.gz/);
      expect(JSON.parse(r.stdout)).toMatchObject({ type: 'summary' });
    }
  });

  it('usage: no records, an unknown option, a path that cannot be read', async () => {
    expect((await runCli(['summarize'])).code).toBe(2);
    expect((await runCli(['summarize', '--jobs', '2', base])).stderr).toMatch(/Unknown option '--jobs'/);
    const missing = await runCli(['summarize', '-f', 'ndjson', base, join(dir, 'nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.ndjson/);
    expect((JSON.parse(missing.stdout) as { messages: number }).messages).toBe(3);
    const help = await runCli(['summarize', '--help']);
    expect(help.stdout).toContain('Usage: rcvd summarize');
  });
});

describe('summarize: lines in bounded memory', () => {
  it('a line past the limit is counted, not kept; gzip is told by its bytes', async () => {
    const body = `${'x'.repeat(100)}\nshort\n${'y'.repeat(10)}`;
    const seen = [];
    for await (const line of readLines(Readable.from([gzipSync(body)]), 50)) seen.push(line);
    expect(seen).toEqual([
      { tooLong: 100, number: 1 },
      { text: 'short', number: 2 },
      { text: 'yyyyyyyyyy', number: 3 },
    ]);
  });
});

describe.skipIf(DATA === null)('summarize: three shards of the SpamAssassin corpus equal one run', () => {
  it(
    'summary and report',
    async () => {
      const data = DATA ?? '';
      const html = join(dir, 'corpus-one.html');
      const one = await runCli(['-f', 'ndjson', '--no-progress', '--report', html, data]);
      const shards: string[] = [];
      for (const k of [2, 3, 1]) shards.push(await records(`corpus-${k}.ndjson.gz`, ['--shard', `${k}/3`, data]));
      const summarized = join(dir, 'corpus-summarized.html');
      const r = await runCli(['summarize', '-f', 'ndjson', '--report', summarized, ...shards]);
      expect(r.stderr).toBe('');
      const summary = lastLine(one.stdout) as { messages: number };
      expect(summary.messages).toBe(6046);
      expect(JSON.parse(r.stdout)).toEqual(summary);
      expect(untimed(await readFile(summarized, 'utf8'))).toBe(untimed(await readFile(html, 'utf8')));
    },
    SLOW,
  );
});
