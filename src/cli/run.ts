/**
 * `run(argv, io)`: the whole CLI as a function — parse, read, analyse, format, write — with every process-level
 * thing injected, so tests drive it in-process. Returns the exit code: 0 ran, 1 `--fail-on` matched, 2 usage or
 * I/O error (a path on the command line that cannot be opened: reported, the other paths still scanned; a report
 * that cannot be written), 128 + the signal's number when `io.signal` stopped the run (130 SIGINT, 143 SIGTERM).
 * An unreadable message inside an archive is an issue in the output, never an exit code.
 *
 * The scan itself is the library's pipeline (`scanPipeline`): the same batching, workers and totals as `scan()`;
 * this module only decides what to ask of it and writes what it gives.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { issue } from '../issues.js';
import { BufferShelf } from '../node/buffer-shelf.js';
import { faultRecord } from '../node/read-faults.js';
import type { MessageInput } from '../node/read-messages.js';
import { RunTotals } from '../node/run-totals.js';
import { processBatch, type BatchPlan, type BatchResult } from '../node/scan-batch.js';
import { totalBytesOf } from '../node/scan-batches.js';
import { scanPipeline } from '../node/scan-pipeline.js';
import type { AnalyzeOptions } from '../options.js';
import type { FormatConfig, OutputFormat } from '../render/format.js';
import { createOutputFormat } from '../render/formats.js';
import { sanitize } from '../render/sanitize.js';
import { reportSettings, type RunSettings } from '../render/settings.js';
import { textWidth } from '../render/units.js';
import { TOOL } from '../render/version.js';
import { validateOptions } from '../validate-options.js';
import { parseCliArgs, UsageError, usageLines, USAGE, type CliArgs } from './args.js';
import { autoJobs } from './auto-jobs.js';
import { colorEnabled } from './color.js';
import { EmptyInputs } from './empty-inputs.js';
import { interruptedLine, signalExitCode, write, type CliIo, type CliOutput } from './io.js';
import { pathProblem } from './paths.js';
import { createProgress, type Progress } from './progress.js';
import { commitReport, withReportFile, type ReportFile } from './report-file.js';
import { runStamp } from './summarize/run-stamp.js';
import { summarize } from './summarize.js';
import { web } from './web.js';

export { signalExitCode };
export type { CliIo, CliOutput };

/** 20 warning lines about unreadable messages on stderr: the output has them all; the terminal gets a taste. */
const MAX_STDERR_WARNINGS = 20;

/** Largest `--providers` file read: the built-in table is 60 KB of source; a bigger file is a mistake. */
const MAX_PROVIDERS_FILE_BYTES = 16 * 1024 * 1024;

/** The `--providers` file's entries (checked later with the other options), or a one-line problem. */
async function readProvidersFile(path: string): Promise<{ entries: unknown } | { problem: string }> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_PROVIDERS_FILE_BYTES) return { problem: `--providers ${path}: larger than ${MAX_PROVIDERS_FILE_BYTES} bytes` };
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { problem: `--providers ${path}: cannot read it (${code})` };
  }
  try {
    return { entries: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `--providers ${path}: not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

function analyzeOptions(args: CliArgs, providers: unknown): AnalyzeOptions {
  return {
    policy: args.policy,
    ...(providers === undefined ? {} : { providers: providers as NonNullable<AnalyzeOptions['providers']> }),
    ...(args.maxHops === null ? {} : { limits: { maxReceivedFields: args.maxHops } }),
    ...(args.trustedNetworks.length > 0 ? { trustedNetworks: args.trustedNetworks } : {}),
    ...(args.trustedHosts.length > 0 ? { trustedHosts: args.trustedHosts } : {}),
    ...(args.internalNetworks.length > 0 ? { internalNetworks: args.internalNetworks } : {}),
    ...(args.internalHosts.length > 0 ? { internalHosts: args.internalHosts } : {}),
  };
}

/** The settings JSON, NDJSON and the HTML report record: what a reader of the file needs to know how it was made. */
function runSettings(args: CliArgs): RunSettings {
  return {
    policy: args.policy,
    nested: args.nested,
    maxHops: args.maxHops,
    trusted: [...args.trustedNetworks, ...args.trustedHosts],
    internal: [...args.internalNetworks, ...args.internalHosts],
    providers: args.providers,
    failOn: args.failOn,
    shard: args.shard === null ? null : `${args.shard.index}/${args.shard.count}`,
  };
}

/** A mistake in the list of paths that makes the whole command line wrong (exit 2 before anything runs). */
function pathsMistake(paths: readonly string[]): string | null {
  if (paths.filter((p) => p === '-').length > 1) return '"-" (stdin) given more than once';
  if (paths.includes('')) return 'an empty path';
  return null;
}

/** A named path that cannot be read, and why (one line). */
interface PathFailure {
  readonly path: string;
  readonly problem: string;
}

/** The paths that can be read, and one stderr line for each that cannot. */
async function readablePaths(paths: readonly string[]): Promise<{ readable: string[]; problems: string[]; failures: PathFailure[] }> {
  const readable: string[] = [];
  const problems: string[] = [];
  const failures: PathFailure[] = [];
  for (const p of paths) {
    const problem = p === '-' ? null : await pathProblem(p);
    if (problem === null) readable.push(p);
    else {
      problems.push(`rcvd: cannot read ${sanitize(p)}: ${sanitize(problem)}\n`);
      failures.push({ path: p, problem });
    }
  }
  return { readable, problems, failures };
}

/** The command line read; a number is the exit code when there is nothing to scan (usage, help, version). */
async function readArgs(argv: readonly string[], io: CliIo): Promise<CliArgs | number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, usageLines(error));
    return 2;
  }
  if (args.help || args.version) {
    await write(io.stdout, args.help ? USAGE : `${TOOL.name} ${TOOL.version}\n`);
    return 0;
  }
  const mistake = pathsMistake(args.paths);
  if (mistake === null) return args;
  await write(io.stderr, `rcvd: cannot read ${mistake}\n`);
  return 2;
}

/** The analysis options, checked, and the `--providers` entries as read; a string is the stderr line of why not. */
async function readAnalysis(args: CliArgs): Promise<{ analyze: AnalyzeOptions; providers: unknown } | string> {
  let providers: unknown;
  if (args.providers !== null) {
    const read = await readProvidersFile(args.providers);
    if ('problem' in read) return `rcvd: ${sanitize(read.problem)}\n`;
    providers = read.entries;
  }
  const analyze = analyzeOptions(args, providers);
  try {
    validateOptions(analyze);
  } catch (error) {
    return `rcvd: ${sanitize(error instanceof Error ? error.message : String(error))}\n`;
  }
  return { analyze, providers };
}

/** Run `rcvd` with `argv` (without `node` and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // A subcommand only as the first word; `rcvd ./summarize` reads a file of that name.
  if (argv[0] === 'summarize') return summarize(argv.slice(1), io);
  if (argv[0] === 'web') return web(argv.slice(1), io);
  const args = await readArgs(argv, io);
  if (typeof args === 'number') return args;
  const analysis = await readAnalysis(args);
  if (typeof analysis === 'string') {
    await write(io.stderr, analysis);
    return 2;
  }
  return withReportFile(args.report, args.paths, io, async (reportFile) => {
    // One path that cannot be read must not lose the run: it is reported now, the others are scanned, exit 2.
    const { readable, problems, failures } = await readablePaths(args.paths);
    for (const line of problems) await write(io.stderr, line);
    const scan = new CliScan(args, io, reportFile, planOf(args, io, analysis.analyze, analysis.providers, reportFile !== null));
    return scan.run(readable, failures);
  });
}

/** What each batch is asked for: the analysis, the format, the run stamp (NDJSON), `--fail-on`, `--report`. */
function planOf(args: CliArgs, io: CliIo, analyze: AnalyzeOptions, providers: unknown, report: boolean): BatchPlan & { readonly render: FormatConfig } {
  const render: FormatConfig = {
    name: args.format,
    color: args.format === 'text' && colorEnabled(args.color ?? undefined, io.stdout.isTTY === true, io.env),
    width: textWidth(io.stdout.isTTY === true ? io.stdout.columns : undefined, io.env),
    settings: runSettings(args),
    bom: args.bom,
  };
  // The stamp names the paths as given (all of them, also unreadable ones): every shard of a run names the same.
  const stamp = args.format === 'ndjson' ? { run: runStamp({ ...args, providers }, args.paths, args.shard) } : {};
  return { analyze, nested: args.nested, render, failOn: args.failOn, ...(report ? { report: true } : {}), ...stamp };
}

/** One `rcvd` scan over the paths that could be opened: the pipeline's results written as they come. */
class CliScan {
  readonly #format: OutputFormat;
  readonly #totals: RunTotals;
  /** `--report -q`: the file is the output; stdout stays silent. */
  readonly #stdoutOn: boolean;
  #progress: Progress | null = null;
  /** stdout on the terminal the bar is drawn on: the bar steps off its line before each piece of output. */
  #sharedTerminal = false;
  /** The named paths no message came from yet. */
  #empty = new EmptyInputs([]);
  #first = true;
  #warned = 0;
  #failed = 0;

  constructor(
    private readonly args: CliArgs,
    private readonly io: CliIo,
    private readonly reportFile: ReportFile | null,
    private readonly plan: BatchPlan & { readonly render: FormatConfig },
  ) {
    this.#format = createOutputFormat(plan.render);
    this.#totals = new RunTotals(reportFile !== null);
    this.#stdoutOn = !(reportFile !== null && args.quiet);
  }

  /**
   * Scan `paths`; `failures` are the named paths that could not be opened: each is one unreadable-message record at
   * the head of the output (so a saved output says what it lacks) and exit 2 at the end.
   */
  async run(paths: readonly string[], failures: readonly PathFailure[]): Promise<number> {
    const inputs: MessageInput[] = paths.map((p) => (p === '-' ? this.io.stdin : p));
    this.#empty = new EmptyInputs(paths);
    const { args, io } = this;
    this.#progress = args.progress && io.stderr.isTTY === true ? await createProgress(io.stderr as unknown as NodeJS.WritableStream) : null;
    this.#sharedTerminal = this.#progress !== null && io.stdout.isTTY === true;
    let ioFailed = failures.length > 0;
    try {
      if (this.#stdoutOn) await write(io.stdout, this.#format.head());
      // Not with --shard: every shard names the same paths, and the records would be counted once per shard.
      if (failures.length > 0 && args.shard === null) await this.#faults(failures);
      await this.#scan(inputs);
      this.#progress?.stop();
      const stopped = await this.#finish();
      if (stopped !== null) return stopped;
      if (!(await this.#commitReport())) ioFailed = true;
    } finally {
      this.#progress?.stop();
    }
    if (!args.quiet && this.#warned > MAX_STDERR_WARNINGS) await write(io.stderr, `rcvd: warning: ${this.#warned - MAX_STDERR_WARNINGS} more unreadable messages (see the output)\n`);
    if (ioFailed) return 2;
    return this.#failed > 0 ? 1 : 0;
  }

  /**
   * One piece of output, in order, whoever made it: the separator goes between two pieces. `onWritten` runs once
   * the stream is done with the piece.
   */
  readonly #emit = (piece: string | Uint8Array, onWritten?: () => void): Promise<void> | undefined => {
    if (!this.#stdoutOn || piece.length === 0) {
      onWritten?.();
      return undefined;
    }
    if (this.#sharedTerminal) this.#progress?.clear();
    const sep = this.#first ? undefined : write(this.io.stdout, this.#format.separator);
    this.#first = false;
    const done = write(this.io.stdout, piece, onWritten);
    return sep === undefined ? done : sep.then(() => done);
  };

  /** The named paths that could not be opened, as unreadable-message records (already on stderr). */
  async #faults(failures: readonly PathFailure[]): Promise<void> {
    const faults = failures.map((f) => faultRecord(f.path, 0, issue('IO_UNREADABLE', 'error', `cannot read it: ${f.problem}`)));
    this.#totals.addBatch(await processBatch(faults, this.plan, { format: this.#format, sink: this.#emit }));
  }

  /** The cores' worth of workers asked for (`auto` decided from the input's size), capped at the cores there are. */
  async #jobs(totalBytes: number | undefined): Promise<number> {
    const cores = Math.max(1, this.io.cores ?? availableParallelism());
    const jobs = this.args.jobs === 'auto' ? autoJobs(totalBytes, cores) : this.args.jobs;
    if (jobs <= cores) return jobs;
    // More threads than cores only adds memory (each compiles the analyser) and contention.
    if (!this.args.quiet) await write(this.io.stderr, `rcvd: warning: --jobs ${jobs} is more than the ${cores} cores here; using ${cores}\n`);
    return cores;
  }

  async #scan(inputs: readonly MessageInput[]): Promise<void> {
    const { args, io } = this;
    const progress = this.#progress;
    // Sized once, for the progress bar and for `--jobs auto`.
    const totalBytes = progress === null && args.jobs !== 'auto' ? undefined : await totalBytesOf(inputs);
    const jobs = await this.#jobs(totalBytes);
    const script = io.workerScript ?? null;
    // Worker output buffers go back to the workers once written, when the stream lets go of what it wrote.
    const outputSpares = jobs > 1 && script !== null && io.stdoutReleasesChunks === true ? new BufferShelf() : undefined;
    const results = scanPipeline(inputs, {
      plan: this.plan,
      jobs,
      workerScript: script,
      sink: this.#emit,
      read: { name: '-', followSymlinks: args.followSymlinks },
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      ...(args.shard === null ? {} : { shard: args.shard }),
      ...(progress === null ? {} : { onProgress: (p) => progress.update(p) }),
      ...(progress === null || totalBytes === undefined ? {} : { totalBytes }),
      ...(outputSpares === undefined ? {} : { outputSpares }),
    });
    try {
      for await (const result of results) {
        if ('bytes' in result) {
          const { bytes } = result;
          await this.#emit(bytes, outputSpares === undefined ? undefined : () => outputSpares.put(bytes.buffer));
        }
        this.#add(result);
        await this.#warn(result.warnings);
        if (io.signal?.aborted === true) break;
      }
    } catch (error) {
      // The reader stops with the signal's reason as soon as it is aborted; anything else is a real failure.
      if (io.signal?.aborted !== true) throw error;
    }
  }

  #add(result: BatchResult): void {
    // A batch is whole messages, written and counted together: the summary always matches the output.
    this.#totals.addBatch(result);
    this.#failed += result.failed;
    this.#empty.saw(result.sources);
  }

  async #warn(warnings: readonly string[]): Promise<void> {
    if (this.args.quiet) return;
    for (const w of warnings) {
      if (this.#warned++ >= MAX_STDERR_WARNINGS) continue;
      this.#progress?.clear();
      await write(this.io.stderr, `rcvd: warning: ${w}\n`);
    }
  }

  /** The output's tail and the closing warnings; the exit code when a signal stopped the run, else `null`. */
  async #finish(): Promise<number | null> {
    const { args, io } = this;
    const done = this.#totals.summary();
    const signal = io.signal;
    if (this.#stdoutOn) await write(io.stdout, this.#format.tail(done));
    if (!args.quiet && done.unmatchedDeclared.length > 0) {
      // A pattern that never matched changed nothing: almost always a typo or a HELO name no address confirms.
      await write(io.stderr, `rcvd: warning: --trusted/--internal matched nothing in ${done.messages} messages: ${sanitize(done.unmatchedDeclared.join(', '))}\n`);
    }
    // With --shard a path may rightly give this shard nothing; an interrupted run has not read them all.
    if (!args.quiet && args.shard === null && signal?.aborted !== true) {
      for (const p of this.#empty.remaining()) await write(io.stderr, `rcvd: no messages found in ${p === '-' ? 'stdin' : sanitize(p)}\n`);
    }
    if (signal?.aborted !== true) return null;
    await write(io.stderr, interruptedLine(signal, `${this.#totals.messages} messages`, 'the output and its summary cover those', this.reportFile !== null));
    return signalExitCode(signal.reason);
  }

  /** Write the report, when asked for; `false` when it could not be written (said on stderr). */
  async #commitReport(): Promise<boolean> {
    const report = this.#totals.report;
    if (this.reportFile === null || report === null) return true;
    const problem = await commitReport(this.reportFile, report.result(), reportSettings(runSettings(this.args)));
    if (problem === null) return true;
    await write(this.io.stderr, `rcvd: ${problem}\n`);
    return false;
  }
}
