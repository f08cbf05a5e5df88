/**
 * `run(argv, io)`: the whole CLI as a function — parse, read, analyse, format, write — with every process-level
 * thing injected, so tests drive it in-process. Returns the exit code: 0 ran, 1 `--fail-on` matched, 2 usage or
 * I/O error (a path on the command line that cannot be opened: reported, the other paths still scanned; a report
 * that cannot be written), 128 + the signal's number when `io.signal` stopped the run (130 SIGINT, 143 SIGTERM).
 * An unreadable message inside an archive is an issue in the output, never an exit code.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, constants } from 'node:os';
import { analyzeMessage } from '../analyze.js';
import { resolveLimits } from '../limits.js';
import { batchPool, runBatches } from '../node/batch-runner.js';
import { BufferShelf } from '../node/buffer-shelf.js';
import type { MessageInput } from '../node/read-messages.js';
import type { MessageRecord } from '../node/read-options.js';
import { faultRecord } from '../node/read-faults.js';
import { readBatches, totalBytesOf } from '../node/scan-batches.js';
import { issue } from '../issues.js';
import type { AnalyzeOptions } from '../options.js';
import { renderReport, ReportAggregator } from '../report/index.js';
import { SummaryBuilder } from '../summary/summary.js';
import { autoJobs } from './auto-jobs.js';
import { parseCliArgs, UsageError, USAGE, type CliArgs } from './args.js';
import { processCliBatch, type CliBatchConfig, type CliBatchResult } from './batch.js';
import { colorEnabled } from './color.js';
import { createFormat } from './format/index.js';
import type { RunSettings } from './format/machine.js';
import { textWidth } from './format/units.js';
import { pathProblem } from './paths.js';
import { EmptyInputs } from './empty-inputs.js';
import { createProgress, type Progress } from './progress.js';
import { ReportFile } from './report-file.js';
import { sanitize } from './sanitize.js';
import { runStamp } from './summarize/run-stamp.js';
import { summarize } from './summarize.js';
import { TOOL } from './version.js';
import { web } from './web.js';
import { CLI_WORKER_ROLE, type CliWorkerData, type CliWorkerResult } from './worker.js';

/** A stream the CLI writes to (Node's `process.stdout`/`stderr`, or a test double). */
export interface CliOutput {
  /** Node's `Writable.write`; the callback, when the stream calls it, says the chunk was written. */
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width, when it is one (text output is laid out for it). */
  readonly columns?: number;
}

/** Everything the CLI takes from its process. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Read for the path `-`. */
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The script a `--jobs` worker runs (the CLI bundle itself); absent = analyse in this thread. */
  readonly workerScript?: URL | null;
  /**
   * `stdout` holds no reference to a chunk once its write callback ran (true of `process.stdout` on a file, pipe
   * or terminal; not of a `PassThrough`, which passes the chunk on): `--jobs` workers then reuse their output
   * buffers once written.
   */
  readonly stdoutReleasesChunks?: boolean;
  /**
   * Stops the run at the next whole message: the output gets its tail (the summary so far), the report is not
   * written, and the exit code is 128 + the number of the signal named by the abort reason (`'SIGINT'` → 130).
   */
  readonly signal?: AbortSignal;
  /** Cores the machine offers (default `os.availableParallelism()`): `--jobs` is capped there. */
  readonly cores?: number;
}

/** 20 warning lines about unreadable messages on stderr: the output has them all; the terminal gets a taste. */
const MAX_STDERR_WARNINGS = 20;

function write(out: CliOutput, chunk: string | Uint8Array, onWritten?: () => void): Promise<void> | undefined {
  const callback = onWritten === undefined ? undefined : (error?: Error | null) => (error == null ? onWritten() : undefined);
  if (chunk.length === 0 || out.write(chunk, callback) || out.once === undefined) return undefined;
  const once = out.once.bind(out);
  return new Promise((resolve) => once('drain', resolve));
}

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

/** 128 + the signal's number, the shell's convention for a command stopped by a signal (SIGINT 130, SIGTERM 143). */
export function signalExitCode(reason: unknown): number {
  const number = typeof reason === 'string' ? (constants.signals as Record<string, number | undefined>)[reason] : undefined;
  return 128 + (number ?? constants.signals.SIGINT);
}

/** The usage error as stderr lines: Node's parser writes hints on lines of their own, each made terminal-safe. */
function usageLines(error: UsageError): string {
  return `rcvd: ${error.message.split('\n').map(sanitize).join('\n')}\nTry 'rcvd --help'.\n`;
}

/** Run `rcvd` with `argv` (without `node` and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // A subcommand only as the first word; `rcvd ./summarize` reads a file of that name.
  if (argv[0] === 'summarize') return summarize(argv.slice(1), io);
  if (argv[0] === 'web') return web(argv.slice(1), io);
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, usageLines(error));
    return 2;
  }
  if (args.help) {
    await write(io.stdout, USAGE);
    return 0;
  }
  if (args.version) {
    await write(io.stdout, `${TOOL.name} ${TOOL.version}\n`);
    return 0;
  }
  const mistake = pathsMistake(args.paths);
  if (mistake !== null) {
    await write(io.stderr, `rcvd: cannot read ${mistake}\n`);
    return 2;
  }
  let providers: unknown;
  if (args.providers !== null) {
    const read = await readProvidersFile(args.providers);
    if ('problem' in read) {
      await write(io.stderr, `rcvd: ${sanitize(read.problem)}\n`);
      return 2;
    }
    providers = read.entries;
  }
  const analyze = analyzeOptions(args, providers);
  try {
    analyzeMessage('', analyze);
  } catch (error) {
    await write(io.stderr, `rcvd: ${sanitize(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
  // Checked before the scan, so a report that cannot be written fails now, not after an hour.
  let reportFile: ReportFile | null = null;
  if (args.report !== null) {
    const prepared = await ReportFile.prepare(args.report, args.paths);
    if (typeof prepared === 'string') {
      await write(io.stderr, `rcvd: ${prepared}\n`);
      return 2;
    }
    reportFile = prepared;
  }
  // One path that cannot be read must not lose the run: it is reported now, the others are scanned, exit 2.
  const { readable, problems, failures } = await readablePaths(args.paths);
  for (const line of problems) await write(io.stderr, line);
  try {
    return await scanPaths(args, readable, analyze, reportFile, io, failures, providers);
  } finally {
    await reportFile?.discard();
  }
}

/**
 * The scan itself, over the paths that could be opened; `failures` are the named paths that could not: each is one
 * unreadable-message record at the head of the output (so a saved output says what it lacks) and exit 2 at the end.
 */
async function scanPaths(args: CliArgs, paths: readonly string[], analyze: AnalyzeOptions, reportFile: ReportFile | null, io: CliIo, failures: readonly PathFailure[], providers: unknown): Promise<number> {
  let ioFailed = failures.length > 0;
  const report = reportFile === null ? null : new ReportAggregator();
  // `--report -q`: the file is the output; stdout stays silent.
  const stdoutOn = !(report !== null && args.quiet);

  const formatConfig = {
    name: args.format,
    color: args.format === 'text' && colorEnabled(args.color ?? undefined, io.stdout.isTTY === true, io.env),
    width: textWidth(io.stdout.isTTY === true ? io.stdout.columns : undefined, io.env),
    settings: runSettings(args),
    bom: args.bom,
  };
  const format = createFormat(formatConfig);
  // The stamp names the paths as given (all of them, also unreadable ones): every shard of a run names the same.
  const stamp = args.format === 'ndjson' ? { run: runStamp({ ...args, providers }, args.paths, args.shard) } : {};
  const config: CliBatchConfig = { analyze, nested: args.nested, format: formatConfig, failOn: args.failOn, ...(report === null ? {} : { report: true }), ...stamp };
  const inputs: MessageInput[] = paths.map((p) => (p === '-' ? io.stdin : p));
  const signal = io.signal;
  const progress: Progress | null = args.progress && io.stderr.isTTY === true ? await createProgress(io.stderr as unknown as NodeJS.WritableStream) : null;
  // Sized once, for the progress bar and for `--jobs auto`.
  const totalBytes = progress === null && args.jobs !== 'auto' ? undefined : await totalBytesOf(inputs);
  const batches = readBatches(inputs, {
    read: { name: '-', followSymlinks: args.followSymlinks, ...(args.nested ? { maxEmbeddedDepth: resolveLimits(analyze.limits).maxNestedDepth } : {}) },
    ...(signal === undefined ? {} : { signal }),
    ...(args.shard === null ? {} : { shard: args.shard }),
    ...(progress === null ? {} : { onProgress: (p) => progress.update(p) }),
    ...(progress === null || totalBytes === undefined ? {} : { totalBytes }),
  });
  const workerData: CliWorkerData = { role: CLI_WORKER_ROLE, config };
  const cores = Math.max(1, io.cores ?? availableParallelism());
  let jobs = args.jobs === 'auto' ? autoJobs(totalBytes, cores) : args.jobs;
  if (jobs > cores) {
    // More threads than cores only adds memory (each compiles the analyser) and contention.
    if (!args.quiet) await write(io.stderr, `rcvd: warning: --jobs ${jobs} is more than the ${cores} cores here; using ${cores}\n`);
    jobs = cores;
  }
  const pool = batchPool(io.workerScript ?? null, workerData, jobs);

  // stdout on the terminal the bar is drawn on: the bar steps off its line before each piece of output
  const sharedTerminal = progress !== null && io.stdout.isTTY === true;
  const summary = new SummaryBuilder();
  const empty = new EmptyInputs(paths);
  let failed = 0;
  let warned = 0;
  let first = true;
  try {
    if (stdoutOn) await write(io.stdout, format.head());
    const headerLimit = args.nested ? null : resolveLimits(analyze.limits).maxHeaderBytes;
    // Pieces of output, in order, whoever made them: the separator goes between two pieces. `onWritten` runs once
    // the stream is done with the piece.
    const emit = (piece: string | Uint8Array, onWritten?: () => void): Promise<void> | undefined => {
      if (!stdoutOn || piece.length === 0) {
        onWritten?.();
        return undefined;
      }
      if (sharedTerminal) progress?.clear();
      const sep = first ? undefined : write(io.stdout, format.separator);
      first = false;
      const done = write(io.stdout, piece, onWritten);
      return sep === undefined ? done : sep.then(() => done);
    };
    const inline = (records: MessageRecord[]): Promise<CliBatchResult> => processCliBatch(records, config, format, emit);
    // Worker output buffers go back to the workers once written, when the stream lets go of what it wrote.
    const outputSpares = pool !== null && io.stdoutReleasesChunks === true ? new BufferShelf() : undefined;
    let messages = 0;
    // Not with --shard: every shard names the same paths, and the records would be counted once per shard.
    if (failures.length > 0 && args.shard === null) {
      const faults = failures.map((f) => faultRecord(f.path, 0, issue('IO_UNREADABLE', 'error', `cannot read it: ${f.problem}`)));
      const result = await inline(faults);
      // already on stderr, where the path problems were reported before the scan
      for (const f of result.facts) summary.add(f);
      messages += result.facts.length;
      if (report !== null) for (const r of result.reports) report.add(r);
    }
    try {
      for await (const result of runBatches<CliBatchResult | CliWorkerResult>(batches, inline, pool, jobs, { headerLimit, ...(outputSpares === undefined ? {} : { outputSpares }) })) {
        if ('bytes' in result) {
          const { bytes } = result;
          await emit(bytes, outputSpares === undefined ? undefined : () => outputSpares.put(bytes.buffer));
        }
        // A batch is whole messages, written and counted together: the summary always matches the output.
        for (const f of result.facts) summary.add(f);
        messages += result.facts.length;
        if (report !== null) for (const r of result.reports) report.add(r);
        failed += result.failed;
        empty.saw(result.sources);
        if (!args.quiet) {
          for (const w of result.warnings) {
            if (warned++ < MAX_STDERR_WARNINGS) {
              progress?.clear();
              await write(io.stderr, `rcvd: warning: ${w}\n`);
            }
          }
        }
        if (signal?.aborted === true) break;
      }
    } catch (error) {
      // The reader stops with the signal's reason as soon as it is aborted; anything else is a real failure.
      if (signal?.aborted !== true) throw error;
    }
    progress?.stop();
    const done = summary.result();
    if (stdoutOn) await write(io.stdout, format.tail(done));
    if (!args.quiet && done.unmatchedDeclared.length > 0) {
      // A pattern that never matched changed nothing: almost always a typo or a HELO name no address confirms.
      await write(io.stderr, `rcvd: warning: --trusted/--internal matched nothing in ${done.messages} messages: ${sanitize(done.unmatchedDeclared.join(', '))}\n`);
    }
    // With --shard a path may rightly give this shard nothing; an interrupted run has not read them all.
    if (!args.quiet && args.shard === null && signal?.aborted !== true) {
      for (const p of empty.remaining()) await write(io.stderr, `rcvd: no messages found in ${p === '-' ? 'stdin' : sanitize(p)}\n`);
    }
    if (signal?.aborted === true) {
      const name = typeof signal.reason === 'string' ? signal.reason : 'a signal';
      const what = reportFile === null ? '' : '; the report was not written';
      await write(io.stderr, `rcvd: interrupted by ${sanitize(name)} after ${messages} messages: the output and its summary cover those${what}\n`);
      return signalExitCode(signal.reason);
    }
    if (reportFile !== null && report !== null) {
      const html = renderReport(report.result(), { generator: `${TOOL.name} ${TOOL.version}`, generatedAt: new Date().toISOString() });
      const problem = await reportFile.commit(html);
      if (problem !== null) {
        await write(io.stderr, `rcvd: ${problem}\n`);
        ioFailed = true;
      }
    }
  } finally {
    progress?.stop();
  }
  if (!args.quiet && warned > MAX_STDERR_WARNINGS) await write(io.stderr, `rcvd: warning: ${warned - MAX_STDERR_WARNINGS} more unreadable messages (see the output)\n`);
  if (ioFailed) return 2;
  return failed > 0 ? 1 : 0;
}
