/**
 * What a tool builder gets from the public entries: the summary, the NDJSON and CSV records and the HTML report built
 * from code (`scan`, `SummaryBuilder`, `ReportAggregator`, `createOutputFormat`, `renderHtmlReport`) are the bytes
 * `rcvd` writes for the same input.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportAggregator, SummaryBuilder, validateOptions } from '../../src/index.js';
import { createOutputFormat, renderHtmlReport, scan, summaryCsv, type RunSettings, type ScanMessage, type ScanSummary } from '../../src/node/index.js';
import { runCli } from '../cli/io.js';

const INPUTS = ['fixtures/eml', 'fixtures/mbox/mboxrd-three.mbox'];

let dir = '';
const messages: ScanMessage[] = [];
let summary: ScanSummary;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rcvd-from-code-'));
  for await (const item of scan(INPUTS)) {
    if (item.type === 'message') messages.push(item);
    else summary = item;
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The settings rcvd records when given no option. */
const DEFAULTS: RunSettings = { policy: 'practical', nested: false, maxHops: null, trusted: [], internal: [], providers: null, failOn: null, shard: null };

/** `format`'s whole output for the scanned messages, as the CLI joins it. */
function rendered(name: 'ndjson' | 'csv' | 'text', tail: ScanSummary): string {
  const format = createOutputFormat({ name, color: false, settings: DEFAULTS });
  return format.head() + messages.map((m) => format.message(m)).join(format.separator) + format.tail(tail);
}

describe('built from code, equal to rcvd', () => {
  it('SummaryBuilder over the reports gives scan()’s summary', () => {
    const builder = new SummaryBuilder();
    for (const m of messages) builder.addReport(m.report, m.nested.length);
    expect(builder.result()).toEqual(summary);
    expect(summary.messages).toBe(messages.length);
  });

  it.each(['csv', 'text'] as const)('%s records and summary are rcvd’s output', async (name) => {
    const cli = await runCli(['-f', name, '--no-color', ...INPUTS]);
    expect(cli.code).toBe(0);
    expect(rendered(name, summary)).toBe(cli.stdout);
  });

  it('the NDJSON summary line is rcvd’s (its records add the run stamp)', async () => {
    const cli = await runCli(['-f', 'ndjson', ...INPUTS]);
    const lines = rendered('ndjson', summary).trimEnd().split('\n');
    const cliLines = cli.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(cliLines.at(-1));
    expect(lines).toHaveLength(cliLines.length);
    const { run, ...unstamped } = JSON.parse(cliLines[0] ?? '') as { run: unknown };
    expect(run).toBeDefined();
    expect(JSON.parse(lines[0] ?? '')).toEqual(unstamped);
  });

  it('summaryCsv is rcvd summarize -f csv over the same run', async () => {
    const ndjson = join(dir, 'run.ndjson');
    await writeFile(ndjson, (await runCli(['-f', 'ndjson', ...INPUTS])).stdout);
    expect(summaryCsv(summary)).toBe((await runCli(['summarize', '-f', 'csv', ndjson])).stdout);
  });

  it('ReportAggregator and renderHtmlReport give the report rcvd --report writes, but for its time stamp', async () => {
    const path = join(dir, 'report.html');
    expect((await runCli(['-q', '--report', path, ...INPUTS])).code).toBe(0);
    const written = await readFile(path, 'utf8');
    const stamp = /made by ([^<·]+?) · (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(written);
    expect(stamp).not.toBeNull();
    const report = new ReportAggregator();
    for (const m of messages) report.add({ ...m, nested: m.nested.length });
    expect(renderHtmlReport(report.result(), { generator: stamp?.[1] ?? '', generatedAt: stamp?.[2] ?? '', settings: DEFAULTS })).toBe(written);
  });

  it('validateOptions throws what analysing would, and nothing for valid options', () => {
    expect(() => validateOptions({ trustedNetworks: ['203.0.113.0/24'], policy: 'bcp195' })).not.toThrow();
    expect(() => validateOptions({ trustedNetworks: ['203.0.113.0/33'] })).toThrow(TypeError);
    expect(() => validateOptions({ limits: { maxReceivedFields: -1 } })).toThrow(/limits.maxReceivedFields/);
    expect(() => validateOptions({ policy: 'lenient' as never })).toThrow(TypeError);
  });
});
