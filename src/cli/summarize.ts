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
import { RunTotals } from '../node/run-totals.js';
import type { OutputFormatName } from '../render/format.js';
import { createOutputFormat } from '../render/formats.js';
import { sanitize } from '../render/sanitize.js';
import { reportSettings, type GradingSettings, type RunSettings } from '../render/settings.js';
import { summaryCsv } from '../render/summary-csv.js';
import { failsOn } from '../summary/fail-on.js';
import { messageFacts } from '../summary/facts.js';
import type { ScanSummary } from '../summary/types.js';
import type { Grade } from '../types.js';
import { parseFailOn, parseFormat, parseOptions, UsageError, usageLines } from './args.js';
import { colorEnabled } from './color.js';
import { interruptedLine, signalExitCode, write, type CliIo } from './io.js';
import { commitReport, withReportFile, type ReportFile } from './report-file.js';
import { findSources } from './summarize/inputs.js';
import { PartReader } from './summarize/part-reader.js';
import { describe, firstLook, groupRuns, missingShards, refusals, type Part } from './summarize/parts.js';
import type { MessageRecordLine } from './summarize/record.js';

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
  const parsed = parseOptions(argv, {
    format: { type: 'string', short: 'f' },
    report: { type: 'string' },
    'fail-on': { type: 'string' },
    mix: { type: 'boolean' },
    color: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  const format = parseFormat(v.format);
  const failOn = parseFailOn(v['fail-on']);
  if (v.report === '') throw new UsageError('--report needs a file name');
  const args: SummarizeArgs = {
    paths: parsed.positionals,
    format,
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

/** Run `rcvd summarize` with `argv` (the words after `summarize`); resolves to the exit code. */
export async function summarize(argv: readonly string[], io: CliIo): Promise<number> {
  let args: SummarizeArgs;
  try {
    args = parseSummarizeArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, usageLines(error, 'rcvd summarize'));
    return 2;
  }
  if (args.help) {
    await write(io.stdout, SUMMARIZE_USAGE);
    return 0;
  }
  return withReportFile(args.report, args.paths, io, (reportFile) => new Summarizer(args, io, reportFile).run());
}

/** One `rcvd summarize`: the records of every part added up as one run would have, then the summary and report. */
class Summarizer {
  readonly #totals: RunTotals;
  #problems = 0;
  /** Set when a record makes the whole command refused (no output is written then). */
  #refusal: string | null = null;
  /** Each part read: its stamp's settings digest and the settings its summary line records (`null`: none). */
  readonly #seen: { readonly digest: string | null; readonly settings: GradingSettings | null }[] = [];

  constructor(
    private readonly args: SummarizeArgs,
    private readonly io: CliIo,
    private readonly reportFile: ReportFile | null,
  ) {
    this.#totals = new RunTotals(reportFile !== null);
  }

  /** A problem line (exit 2); past {@link MAX_STDERR_PROBLEMS} only counted. */
  readonly #problem = async (line: string): Promise<void> => {
    if (this.#problems++ < MAX_STDERR_PROBLEMS) await write(this.io.stderr, `rcvd: ${line}\n`);
  };

  async #warn(line: string): Promise<void> {
    if (!this.args.quiet) await write(this.io.stderr, `rcvd: warning: ${line}\n`);
  }

  async run(): Promise<number> {
    const runs = groupRuns(await this.#firstLooks());
    const refused = refusals(runs, this.args.mix);
    if (refused.length > 0) {
      for (const line of refused) await write(this.io.stderr, `rcvd: refused: ${line}\n`);
      for (const run of runs) for (const p of run) await p.started?.lines.return(undefined).catch(() => undefined);
      return 2;
    }
    for (const run of runs) {
      const missing = missingShards(run);
      if (missing !== null) await this.#warn(missing);
      if (run.length > MAX_OPEN_SHARDS) await this.#warn(`a run of ${run.length} shard files is read one file after another (more than ${MAX_OPEN_SHARDS} side by side): every count is as one run, but ties among the report's weakest messages may be broken differently`);
    }
    await this.#count(runs);
    if (this.#refusal !== null) {
      await write(this.io.stderr, `rcvd: refused: ${this.#refusal}\n`);
      return 2;
    }
    return this.#finish();
  }

  /** Every source's first look, in the order named; one problem line per source that cannot be read. */
  async #firstLooks(): Promise<Part[]> {
    const found = await findSources(this.args.paths, this.io.stdin);
    for (const p of found.problems) await this.#problem(sanitize(p));
    const parts: Part[] = [];
    for (const source of found.sources) {
      const part = await firstLook(source);
      if (typeof part === 'string') await this.#problem(part);
      else parts.push(part);
    }
    return parts;
  }

  #stop(): boolean {
    return this.#refusal !== null || this.io.signal?.aborted === true;
  }

  /** Add up the runs in order, each as one run met its messages. */
  async #count(runs: readonly (readonly Part[])[]): Promise<void> {
    for (const run of runs) {
      const readers = run.map((part) => new PartReader(part, this.args.mix, (line) => void this.#problem(line)));
      if (readers.length > MAX_OPEN_SHARDS) await this.#oneAfterAnother(readers);
      else await this.#roundRobin(readers);
      if (this.#stop()) return;
    }
  }

  /** Each file read to its end before the next: for runs of more shards than may be open at once. */
  async #oneAfterAnother(readers: readonly PartReader[]): Promise<void> {
    for (const reader of readers) {
      for (let record = await reader.next(); record !== null; record = await reader.next()) {
        await this.#add(reader, record);
        if (this.io.signal?.aborted === true) break;
      }
      await this.#close(reader);
      if (this.#stop()) return;
    }
  }

  /** Record j of shard 1, of shard 2, …, of shard n, then record j+1 of each: one run's order. */
  async #roundRobin(readers: readonly PartReader[]): Promise<void> {
    let active = readers;
    while (active.length > 0) {
      const still: PartReader[] = [];
      for (const reader of active) {
        const record = await reader.next();
        if (record === null) {
          await this.#close(reader);
          continue;
        }
        await this.#add(reader, record);
        still.push(reader);
      }
      active = still;
      if (this.#stop()) {
        for (const reader of active) await reader.close();
        return;
      }
    }
  }

  /** Add one record as a run adds its message: the same totals, the same arguments. */
  async #add(reader: PartReader, record: MessageRecordLine): Promise<void> {
    const nested = record.nested.length;
    let facts;
    try {
      // Computed before anything is added, so a record that cannot be counted is not counted in part.
      facts = messageFacts(record.report, nested);
    } catch (error) {
      await this.#problem(`${sanitize(reader.part.source.name)}: a record that cannot be counted (${sanitize(describe(error))}): skipped`);
      return;
    }
    const failOn = this.args.failOn;
    this.#totals.add(facts, { source: record.source, index: record.index, report: record.report, nested }, failOn !== null && failsOn(record.report.verdict, failOn));
  }

  async #close(reader: PartReader): Promise<void> {
    await reader.close();
    this.#refusal ??= reader.refusal;
    this.#seen.push({ digest: reader.part.stamp?.settings ?? null, settings: reader.summary?.settings ?? null });
    const note = reader.endNote();
    if (note === null) return;
    if (note.problem) await this.#problem(note.text);
    else await this.#warn(note.text);
  }

  /** The summary and the report; the exit code. */
  async #finish(): Promise<number> {
    const { args, io } = this;
    const done = this.#totals.summary();
    const stdoutOn = !(this.reportFile !== null && args.quiet);
    // As one run over all the input: no shard; --fail-on is this command's own.
    const grading = commonSettings(this.#seen);
    const settings: RunSettings | null = grading === null ? null : { ...grading, failOn: args.failOn, shard: null };
    if (stdoutOn) await write(io.stdout, summaryOutput(args, done, io, settings));
    if (!args.quiet && done.unmatchedDeclared.length > 0) {
      await write(io.stderr, `rcvd: warning: --trusted/--internal matched nothing in ${done.messages} messages: ${sanitize(done.unmatchedDeclared.join(', '))}\n`);
    }
    if (this.#problems > MAX_STDERR_PROBLEMS) await write(io.stderr, `rcvd: ${this.#problems - MAX_STDERR_PROBLEMS} more problems not shown\n`);
    const signal = io.signal;
    if (signal?.aborted === true) {
      await write(io.stderr, interruptedLine(signal, `${this.#totals.messages} records`, 'the summary covers those', this.reportFile !== null));
      return signalExitCode(signal.reason);
    }
    const report = this.#totals.report;
    if (this.reportFile !== null && report !== null) {
      const failed = await commitReport(this.reportFile, report.result(), settings === null ? undefined : reportSettings(settings));
      if (failed !== null) await this.#problem(failed);
    }
    if (this.#problems > 0) return 2;
    return this.#totals.failed > 0 ? 1 : 0;
  }
}

/**
 * The settings every part was graded under, readable: each part's summary line records them, or its stamp's digest
 * is that of a part whose line does (a shard cut short has no summary line). `null` when a part's are not known,
 * or they differ (`--mix`).
 */
function commonSettings(parts: readonly { readonly digest: string | null; readonly settings: GradingSettings | null }[]): GradingSettings | null {
  const first = parts.find((p) => p.settings !== null)?.settings ?? null;
  if (first === null) return null;
  const text = JSON.stringify(first);
  const vouched = new Set(parts.filter((p) => p.digest !== null && JSON.stringify(p.settings) === text).map((p) => p.digest));
  const known = parts.every((p) => (p.settings === null ? p.digest !== null && vouched.has(p.digest) : JSON.stringify(p.settings) === text));
  return known ? first : null;
}

/** The summary in the chosen format, as one run's output ends (text: also for a single message). */
function summaryOutput(args: SummarizeArgs, summary: ScanSummary, io: CliIo, settings: RunSettings | null): string {
  if (args.format === 'csv') return summaryCsv(summary);
  const color = args.format === 'text' && colorEnabled(args.color ?? undefined, io.stdout.isTTY === true, io.env);
  const format = createOutputFormat({ name: args.format, color, ...(settings === null ? {} : { settings }) });
  if (args.format !== 'text') return format.head() + format.tail(summary);
  // The text format prints a summary for archives only; here the summary is the whole output.
  const tail = format.tail(summary);
  return tail !== '' ? tail.replace(/^\n/, '') : `Summary\n  messages       ${summary.messages}\n`;
}
