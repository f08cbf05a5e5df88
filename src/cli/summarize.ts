/**
 * `rcvd summarize <records…>`: the archive summary (every output format) and the `--report` HTML rebuilt from the
 * NDJSON records of any number of runs or shards, without reading mail again, equal to what one run over all their
 * input would have said.
 *
 * Equal, not close: the summary keeps the first spelling of a cipher and the first basis of a relay, and the report
 * breaks ties among its weakest messages by order of arrival. So the records are fed to the same `SummaryBuilder`
 * and `ReportAggregator` a run uses, in the order that run would have met them: runs in the order they are first
 * named, and the shards of one run side by side, a record from each in turn (`--shard k/n` gives shard k the
 * messages k-1, k-1+n, …, so round j of shards 1..n is messages jn … jn+n-1). Each record's `run` stamp says which
 * run and shard it belongs to; records graded under other settings, of another schema version, or without a stamp
 * are refused unless `--mix`, and the same part of a run named twice is always refused (it would count twice).
 *
 * Memory is bounded whatever the input size: one record per open file at a time, the summary's capped tables and
 * the report's capped tables and weakest-message heap.
 * @module
 */
import { parseArgs } from 'node:util';
import { ReportAggregator, renderReport } from '../report/index.js';
import { messageFacts } from '../summary/facts.js';
import { SummaryBuilder } from '../summary/summary.js';
import type { ScanSummary } from '../summary/types.js';
import type { Grade } from '../types.js';
import { FORMATS, parseFailOn, UsageError, type OutputFormatName } from './args.js';
import { colorEnabled } from './color.js';
import { failsOn } from './fail-on.js';
import { createFormat } from './format/index.js';
import { SCHEMA_VERSION } from './format/schema-version.js';
import { ReportFile } from './report-file.js';
import { signalExitCode, type CliIo, type CliOutput } from './run.js';
import { sanitize } from './sanitize.js';
import { summaryCsv } from './summarize/csv.js';
import { findSources, type RecordSource } from './summarize/inputs.js';
import { MAX_RECORD_BYTES, readLines, type Line } from './summarize/lines.js';
import { parseLine, type MessageRecordLine } from './summarize/record.js';
import type { RunStamp } from './summarize/run-stamp.js';
import { TOOL } from './version.js';

/** The `rcvd summarize --help` text. */
const SUMMARIZE_USAGE = `Usage: rcvd summarize [options] <records.ndjson[.gz]|folder|-…>

Rebuilds the archive summary, and with --report the HTML report, from the records that
"rcvd --format ndjson" wrote (plain or gzipped; a folder = its *.ndjson[.gz] and *.jsonl[.gz] files,
in name order) — of one run, several runs, or the shards of one run (--shard k/n) — without reading
mail again. The result equals one run over all their input.

Options:
  -f, --format <text|json|ndjson|csv>  output format of the summary (default text; csv = one row per count)
      --report <file>                  also write the HTML report, as one run with --report would
      --fail-on <grade>                exit 1 when a message's verdict is this grade or worse (as rcvd)
      --mix                            count records whose settings, schema version or run differ, or that
                                       carry no run stamp (the result then equals no single run)
      --color, --no-color              force colour on or off
  -q, --quiet                          no warnings on stderr (with --report: no stdout)
  -h, --help                           this help

Refused without --mix: records graded under other settings (--policy, --trusted, --internal,
--providers, --max-hops, --nested), of another schema version, or without a run stamp. Always refused:
the same shard of the same run named twice. Exit codes: 0 done, 1 --fail-on matched, 2 usage, refused,
or input that could not be read whole (reported; the summary covers the rest).
`;

/**
 * 128 shard files of one run read side by side: each holds a read buffer and a gunzip window (about 200 KiB). A
 * run cut into more shards is read one file after another: every count is the same, only ties among the report's
 * weakest messages and the first spelling of a cipher may differ from one run (a warning says so).
 */
const MAX_OPEN_SHARDS = 128;

/** 16 lines read past the start of a file looking for its first message record (the stamp): a summary line or two come first at most. */
const MAX_PEEK_LINES = 16;

/** 20 problem lines on stderr: the rest are counted, not printed. */
const MAX_STDERR_PROBLEMS = 20;

interface SummarizeArgs {
  readonly paths: readonly string[];
  readonly format: OutputFormatName;
  readonly report: string | null;
  readonly failOn: Grade | null;
  readonly mix: boolean;
  readonly quiet: boolean;
  readonly color: boolean | null;
  readonly help: boolean;
}


function parseSummarizeArgs(argv: readonly string[]): SummarizeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        report: { type: 'string' },
        'fail-on': { type: 'string' },
        mix: { type: 'boolean' },
        color: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (!FORMATS.has(format)) throw new UsageError(`--format must be one of ${[...FORMATS].join(', ')}; got ${format}`);
  const failOn = parseFailOn(v['fail-on']);
  if (v.report === '') throw new UsageError('--report needs a file name');
  const args: SummarizeArgs = {
    paths: parsed.positionals,
    format: format as OutputFormatName,
    report: v.report ?? null,
    failOn,
    mix: v.mix === true,
    quiet: v.quiet === true,
    color: v.color ?? null,
    help: v.help === true,
  };
  if (!args.help && args.paths.length === 0) throw new UsageError('summarize: no records: give NDJSON files, folders, or "-" for stdin');
  if (args.paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (stdin) given more than once');
  return args;
}

async function write(out: CliOutput, chunk: string): Promise<void> {
  if (chunk.length === 0 || out.write(chunk) || out.once === undefined) return;
  const once = out.once.bind(out);
  await new Promise<void>((resolve) => once('drain', () => resolve()));
}

/** A file of records as the first look found it: its stamp and schema version, before it is read through. */
interface Part {
  readonly source: RecordSource;
  /** The stamp of its first message record; `null` when it has none (older records) or no message at all. */
  readonly stamp: RunStamp | null;
  readonly schemaVersion: number | null;
  /** It holds at least one message record. */
  readonly hasMessages: boolean;
  /** For stdin, which can be read once: the lines already read, and the rest. */
  readonly started: { readonly lines: AsyncGenerator<Line>; readonly peeked: Line[] } | null;
}

/** What a run's files have in common: records with the same key came from one command, shard by shard. */
function runKey(stamp: RunStamp): string {
  return `${stamp.settings}|${stamp.inputs}|${stamp.shard?.count ?? 0}`;
}

function shardText(stamp: RunStamp | null): string {
  return stamp?.shard == null ? 'the whole run' : `shard ${stamp.shard.index}/${stamp.shard.count}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Read the start of `source` until its first message record; stdin stays open for the full read. */
async function firstLook(source: RecordSource): Promise<Part | string> {
  const keep = source.name === '-';
  const lines = readLines(source.open());
  const peeked: Line[] = [];
  let stamp: RunStamp | null = null;
  let schemaVersion: number | null = null;
  let hasMessages = false;
  try {
    for (let seen = 0; seen < MAX_PEEK_LINES; seen++) {
      const next = await lines.next();
      if (next.done === true) break;
      const line = next.value;
      if (keep) peeked.push(line);
      if ('tooLong' in line || line.text.trim() === '') continue;
      const parsed = parseLine(line.text);
      if (parsed.kind === 'summary') schemaVersion = parsed.schemaVersion;
      if (parsed.kind !== 'message') continue;
      stamp = parsed.record.run ?? null;
      schemaVersion = parsed.record.schemaVersion ?? null;
      hasMessages = true;
      break;
    }
  } catch (error) {
    await lines.return(undefined).catch(() => undefined);
    return `cannot read ${sanitize(source.name)}: ${sanitize(describe(error))}`;
  }
  if (!keep) await lines.return(undefined);
  return { source, stamp, schemaVersion, hasMessages, started: keep ? { lines, peeked } : null };
}

/** Refusals: why these parts do not make one run's worth of records (empty = they do). */
function refusals(groups: readonly (readonly Part[])[], mix: boolean): string[] {
  const out: string[] = [];
  const name = (p: Part): string => sanitize(p.source.name);
  // The same part of a run twice would count its messages twice: never allowed.
  for (const group of groups) {
    for (let i = 1; i < group.length; i++) {
      const a = group[i - 1];
      const b = group[i];
      if (a?.stamp != null && b?.stamp != null && (a.stamp.shard?.index ?? 0) === (b.stamp.shard?.index ?? 0)) {
        out.push(`${name(a)} and ${name(b)} are both ${shardText(a.stamp)} of the same run: counting both would count its messages twice`);
      }
    }
  }
  if (mix) return out;
  const parts = groups.flat().filter((p) => p.hasMessages);
  for (const p of parts) {
    if (p.schemaVersion !== null && p.schemaVersion !== SCHEMA_VERSION) out.push(`${name(p)}: records of schema version ${p.schemaVersion}; this rcvd reads version ${SCHEMA_VERSION} (--mix to count them anyway)`);
    if (p.stamp === null) out.push(`${name(p)}: its records carry no run stamp (written by an older rcvd?), so their settings are unknown (--mix to count them anyway)`);
  }
  const stamped = parts.filter((p) => p.stamp !== null);
  const first = stamped[0];
  for (const p of stamped) {
    if (first === undefined || p === first) continue;
    if (p.stamp?.settings !== first.stamp?.settings) {
      out.push(`${name(p)} was graded under other settings than ${name(first)} (--policy, --trusted, --internal, --providers, --max-hops or --nested differ): their counts do not add up to one run (--mix to count them anyway)`);
    } else if (p.stamp?.inputs === first.stamp?.inputs && (p.stamp?.shard?.count ?? 0) !== (first.stamp?.shard?.count ?? 0)) {
      out.push(`${name(p)} (${shardText(p.stamp)}) and ${name(first)} (${shardText(first.stamp)}) split the same inputs differently: their messages overlap (--mix to count them anyway)`);
    }
  }
  return out;
}

/** Reads one part's records in order, reporting what it skips; `next()` is `null` at the end. */
class PartReader {
  /** Message records read (skipped ones not included). */
  messages = 0;
  /** Lines that were not records and were skipped. */
  skipped = 0;
  /** The last summary line met, with how many message records came before it. */
  summary: { readonly summary: ScanSummary; readonly after: number } | null = null;
  /** Set when a record makes the whole command refused (no output is written then). */
  refusal: string | null = null;
  private lines: AsyncGenerator<Line> | null;
  private readonly peeked: Line[];

  constructor(
    readonly part: Part,
    private readonly mix: boolean,
    private readonly problem: (line: string) => void,
  ) {
    this.lines = part.started?.lines ?? null;
    this.peeked = part.started === null ? [] : [...part.started.peeked];
  }

  private get name(): string {
    return sanitize(this.part.source.name);
  }

  async next(): Promise<MessageRecordLine | null> {
    this.lines ??= readLines(this.part.source.open());
    for (;;) {
      let line = this.peeked.shift();
      if (line === undefined) {
        let next: IteratorResult<Line>;
        try {
          next = await this.lines.next();
        } catch (error) {
          this.problem(`cannot read ${this.name} past line ${this.messages + this.skipped}: ${sanitize(describe(error))}`);
          return null;
        }
        if (next.done === true) return null;
        line = next.value;
      }
      if ('tooLong' in line) {
        this.skipped++;
        this.problem(`${this.name}:${line.number}: a line of ${line.tooLong} bytes, longer than the ${MAX_RECORD_BYTES} a record may be: skipped`);
        continue;
      }
      if (line.text.trim() === '') continue;
      const parsed = parseLine(line.text);
      if (parsed.kind === 'problem') {
        this.skipped++;
        this.problem(`${this.name}:${line.number}: ${sanitize(parsed.problem)}: skipped`);
        continue;
      }
      if (parsed.kind === 'summary') {
        this.summary = { summary: parsed.summary, after: this.messages };
        continue;
      }
      const record = parsed.record;
      if (!this.mix) {
        const version = record.schemaVersion ?? this.part.schemaVersion;
        const expected = JSON.stringify(this.part.stamp);
        if (version !== null && version !== SCHEMA_VERSION) this.refusal = `${this.name}:${line.number}: a record of schema version ${version}; this rcvd reads version ${SCHEMA_VERSION} (--mix to count it anyway)`;
        else if (JSON.stringify(record.run ?? null) !== expected) this.refusal = `${this.name}:${line.number}: a record of another run or shard than the first in this file (files joined together? name them separately, or --mix)`;
        if (this.refusal !== null) return null;
      }
      this.messages++;
      return record;
    }
  }

  /** Stop reading (closes the file). */
  async close(): Promise<void> {
    await this.lines?.return(undefined).catch(() => undefined);
  }

  /** What the end of the file says about its completeness; `null` when all is as written. */
  endNote(): { readonly problem: boolean; readonly text: string } | null {
    if (this.summary === null) return this.messages === 0 ? null : { problem: false, text: `${this.name}: no summary line at the end: the run that wrote it may have stopped early` };
    const said = this.summary.summary.messages;
    const held = this.summary.after + this.skipped;
    if (said !== held) return { problem: true, text: `${this.name}: its summary line counts ${said} messages, but ${held} records come before it` };
    if (this.summary.after !== this.messages) return { problem: false, text: `${this.name}: records after its summary line (files joined together?)` };
    return null;
  }
}

/** Adds records up exactly as one run does: the same builders, the same arguments. */
class Totals {
  readonly summary = new SummaryBuilder();
  readonly report: ReportAggregator | null;
  failed = 0;
  messages = 0;

  constructor(
    withReport: boolean,
    private readonly failOn: Grade | null,
  ) {
    this.report = withReport ? new ReportAggregator() : null;
  }

  add(record: MessageRecordLine): string | null {
    const nested = record.nested.length;
    let facts;
    try {
      // Computed before anything is added, so a record that cannot be counted is not counted in part.
      facts = messageFacts(record.report, nested);
    } catch (error) {
      return describe(error);
    }
    this.summary.add(facts);
    this.report?.add({ source: record.source, index: record.index, report: record.report, nested });
    if (this.failOn !== null && failsOn(record.report.verdict, this.failOn)) this.failed++;
    this.messages++;
    return null;
  }
}

/** Run `rcvd summarize` with `argv` (the words after `summarize`); resolves to the exit code. */
export async function summarize(argv: readonly string[], io: CliIo): Promise<number> {
  let args: SummarizeArgs;
  try {
    args = parseSummarizeArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, `rcvd: ${error.message.split('\n').map(sanitize).join('\n')}\nTry 'rcvd summarize --help'.\n`);
    return 2;
  }
  if (args.help) {
    await write(io.stdout, SUMMARIZE_USAGE);
    return 0;
  }
  let reportFile: ReportFile | null = null;
  if (args.report !== null) {
    const prepared = await ReportFile.prepare(args.report, args.paths);
    if (typeof prepared === 'string') {
      await write(io.stderr, `rcvd: ${prepared}\n`);
      return 2;
    }
    reportFile = prepared;
  }
  try {
    return await summarizeSources(args, reportFile, io);
  } finally {
    await reportFile?.discard();
  }
}

async function summarizeSources(args: SummarizeArgs, reportFile: ReportFile | null, io: CliIo): Promise<number> {
  let problems = 0;
  const problem = async (line: string): Promise<void> => {
    if (problems++ < MAX_STDERR_PROBLEMS) await write(io.stderr, `rcvd: ${line}\n`);
  };
  const warn = async (line: string): Promise<void> => {
    if (!args.quiet) await write(io.stderr, `rcvd: warning: ${line}\n`);
  };
  const found = await findSources(args.paths, io.stdin);
  for (const p of found.problems) await problem(sanitize(p));

  // First look: each file's stamp, then the runs in the order first named, each run's shards in shard order.
  const groups = new Map<string, Part[]>();
  let solo = 0;
  for (const source of found.sources) {
    const part = await firstLook(source);
    if (typeof part === 'string') {
      await problem(part);
      continue;
    }
    const key = part.stamp === null ? `solo ${solo++}` : runKey(part.stamp);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [part]);
    else group.push(part);
  }
  const runs = [...groups.values()].map((g) => [...g].sort((a, b) => (a.stamp?.shard?.index ?? 0) - (b.stamp?.shard?.index ?? 0)));
  const refused = refusals(runs, args.mix);
  if (refused.length > 0) {
    for (const line of refused) await write(io.stderr, `rcvd: refused: ${line}\n`);
    for (const run of runs) for (const p of run) await p.started?.lines.return(undefined).catch(() => undefined);
    return 2;
  }
  for (const run of runs) {
    const count = run[0]?.stamp?.shard?.count;
    if (count !== undefined && run.length < count) {
      const have = new Set(run.map((p) => p.stamp?.shard?.index));
      const missing: number[] = [];
      for (let k = 1; k <= count && missing.length < 10; k++) if (!have.has(k)) missing.push(k);
      // A shard that got no message has no record to carry its stamp: it cannot be told from a missing one.
      await warn(`${count - run.length} of the ${count} shards of a run are not among the records, or held no message (${missing.map((k) => `${k}/${count}`).join(', ')}${count - run.length > missing.length ? ', …' : ''}): the summary covers the others only`);
    }
    if (run.length > MAX_OPEN_SHARDS) await warn(`a run of ${run.length} shard files is read one file after another (more than ${MAX_OPEN_SHARDS} side by side): every count is as one run, but ties among the report's weakest messages may be broken differently`);
  }

  const totals = new Totals(reportFile !== null, args.failOn);
  const signal = io.signal;
  let refusal: string | null = null;
  const count = async (reader: PartReader, record: MessageRecordLine): Promise<void> => {
    const why = totals.add(record);
    if (why !== null) await problem(`${sanitize(reader.part.source.name)}: a record that cannot be counted (${sanitize(why)}): skipped`);
  };
  const finish = async (reader: PartReader): Promise<void> => {
    await reader.close();
    refusal ??= reader.refusal;
    const note = reader.endNote();
    if (note === null) return;
    if (note.problem) await problem(note.text);
    else await warn(note.text);
  };
  outer: for (const run of runs) {
    const readers = run.map((part) => new PartReader(part, args.mix, (line) => void problem(line)));
    if (readers.length > MAX_OPEN_SHARDS) {
      for (const reader of readers) {
        for (let record = await reader.next(); record !== null; record = await reader.next()) {
          await count(reader, record);
          if (signal?.aborted === true) break;
        }
        await finish(reader);
        if (refusal !== null || signal?.aborted === true) break outer;
      }
      continue;
    }
    // Round-robin: record j of shard 1, of shard 2, …, of shard n, then record j+1 of each — one run's order.
    let active = readers;
    while (active.length > 0) {
      const still: PartReader[] = [];
      for (const reader of active) {
        const record = await reader.next();
        if (record === null) {
          await finish(reader);
          continue;
        }
        await count(reader, record);
        still.push(reader);
      }
      active = still;
      if (refusal !== null || signal?.aborted === true) {
        for (const reader of active) await reader.close();
        break outer;
      }
    }
  }
  if (refusal !== null) {
    await write(io.stderr, `rcvd: refused: ${refusal}\n`);
    return 2;
  }

  const done = totals.summary.result();
  const stdoutOn = !(reportFile !== null && args.quiet);
  if (stdoutOn) await write(io.stdout, summaryOutput(args, done, io));
  if (!args.quiet && done.unmatchedDeclared.length > 0) {
    await write(io.stderr, `rcvd: warning: --trusted/--internal matched nothing in ${done.messages} messages: ${sanitize(done.unmatchedDeclared.join(', '))}\n`);
  }
  if (problems > MAX_STDERR_PROBLEMS) await write(io.stderr, `rcvd: ${problems - MAX_STDERR_PROBLEMS} more problems not shown\n`);
  if (signal?.aborted === true) {
    const name = typeof signal.reason === 'string' ? signal.reason : 'a signal';
    await write(io.stderr, `rcvd: interrupted by ${sanitize(name)} after ${totals.messages} records: the summary covers those${reportFile === null ? '' : '; the report was not written'}\n`);
    return signalExitCode(signal.reason);
  }
  if (reportFile !== null && totals.report !== null) {
    const html = renderReport(totals.report.result(), { generator: `${TOOL.name} ${TOOL.version}`, generatedAt: new Date().toISOString() });
    const failed = await reportFile.commit(html);
    if (failed !== null) await problem(failed);
  }
  if (problems > 0) return 2;
  return totals.failed > 0 ? 1 : 0;
}

/** The summary in the chosen format, as one run's output ends (text: also for a single message). */
function summaryOutput(args: SummarizeArgs, summary: ScanSummary, io: CliIo): string {
  if (args.format === 'csv') return summaryCsv(summary);
  const color = args.format === 'text' && colorEnabled(args.color ?? undefined, io.stdout.isTTY === true, io.env);
  const format = createFormat({ name: args.format, color });
  if (args.format !== 'text') return format.head() + format.tail(summary);
  // The text format prints a summary for archives only; here the summary is the whole output.
  const tail = format.tail(summary);
  return tail !== '' ? tail.replace(/^\n/, '') : `Summary\n  messages       ${summary.messages}\n`;
}
