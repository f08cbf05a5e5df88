/**
 * `run(argv, io)`: the whole CLI as a function — parse, read, analyse, format, write — with every process-level
 * thing injected, so tests drive it in-process. Returns the exit code: 0 ran, 1 `--fail-on` matched, 2 usage or
 * fatal I/O error (a path on the command line that cannot be opened). An unreadable message inside an archive is
 * an issue in the output, never an exit code.
 * @module
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { analyzeMessage } from '../analyze.js';
import { resolveLimits } from '../limits.js';
import { batchPool, runBatches } from '../node/batch-runner.js';
import { BufferShelf } from '../node/buffer-shelf.js';
import { describeError } from '../node/read-faults.js';
import type { MessageInput } from '../node/read-messages.js';
import type { MessageRecord } from '../node/read-options.js';
import { readBatches, totalBytesOf } from '../node/scan-batches.js';
import type { AnalyzeOptions } from '../options.js';
import { renderReport, ReportAggregator } from '../report/index.js';
import { SummaryBuilder } from '../summary/summary.js';
import { autoJobs } from './auto-jobs.js';
import { parseCliArgs, UsageError, USAGE, type CliArgs } from './args.js';
import { processCliBatch, type CliBatchConfig, type CliBatchResult } from './batch.js';
import { colorEnabled } from './color.js';
import { createFormat } from './format/index.js';
import { createProgress, type Progress } from './progress.js';
import { sanitize } from './sanitize.js';
import { TOOL } from './version.js';
import { CLI_WORKER_ROLE, type CliWorkerData, type CliWorkerResult } from './worker.js';

/** A stream the CLI writes to (Node's `process.stdout`/`stderr`, or a test double). */
export interface CliOutput {
  /** Node's `Writable.write`; the callback, when the stream calls it, says the chunk was written. */
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
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
}

/** 20 warning lines about unreadable messages on stderr: the output has them all; the terminal gets a taste. */
const MAX_STDERR_WARNINGS = 20;

function write(out: CliOutput, chunk: string | Uint8Array, onWritten?: () => void): Promise<void> | undefined {
  const callback = onWritten === undefined ? undefined : (error?: Error | null) => (error == null ? onWritten() : undefined);
  if (chunk.length === 0 || out.write(chunk, callback) || out.once === undefined) return undefined;
  const once = out.once.bind(out);
  return new Promise((resolve) => once('drain', resolve));
}

function analyzeOptions(args: CliArgs): AnalyzeOptions {
  return {
    policy: args.policy,
    ...(args.trustedNetworks.length > 0 ? { trustedNetworks: args.trustedNetworks } : {}),
    ...(args.trustedHosts.length > 0 ? { trustedHosts: args.trustedHosts } : {}),
    ...(args.internalNetworks.length > 0 ? { internalNetworks: args.internalNetworks } : {}),
    ...(args.internalHosts.length > 0 ? { internalHosts: args.internalHosts } : {}),
  };
}

/** `null` when every path can be read; else the message for the first that cannot (exit 2). */
async function checkPaths(paths: readonly string[]): Promise<string | null> {
  let stdin = 0;
  for (const p of paths) {
    if (p === '-') {
      if (++stdin > 1) return '"-" (stdin) given more than once';
      continue;
    }
    if (p === '') return 'an empty path';
    try {
      await stat(p);
    } catch (error) {
      return `${sanitize(p)}: ${sanitize(describeError(error))}`;
    }
  }
  return null;
}

/** Run `rcvd` with `argv` (without `node` and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, `rcvd: ${sanitize(error.message)}\nTry 'rcvd --help'.\n`);
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
  const bad = await checkPaths(args.paths);
  if (bad !== null) {
    await write(io.stderr, `rcvd: cannot read ${bad}\n`);
    return 2;
  }
  const analyze = analyzeOptions(args);
  try {
    analyzeMessage('', analyze);
  } catch (error) {
    await write(io.stderr, `rcvd: ${sanitize(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }

  // Opened (and truncated) before the scan: a report path that cannot be written fails now, not after an hour.
  let reportFile: FileHandle | null = null;
  if (args.report !== null) {
    try {
      reportFile = await open(args.report, 'w');
    } catch (error) {
      await write(io.stderr, `rcvd: cannot write the report ${sanitize(args.report)}: ${sanitize(describeError(error))}\n`);
      return 2;
    }
  }
  const report = reportFile === null ? null : new ReportAggregator();
  // `--report -q`: the file is the output; stdout stays silent.
  const stdoutOn = !(report !== null && args.quiet);

  const formatConfig = { name: args.format, color: args.format === 'text' && colorEnabled(args.color ?? undefined, io.stdout.isTTY === true, io.env) };
  const format = createFormat(formatConfig);
  const config: CliBatchConfig = { analyze, nested: args.nested, format: formatConfig, failOn: args.failOn, ...(report === null ? {} : { report: true }) };
  const inputs: MessageInput[] = args.paths.map((p) => (p === '-' ? io.stdin : p));
  const progress: Progress | null = args.progress && io.stderr.isTTY === true ? await createProgress(io.stderr as unknown as NodeJS.WritableStream) : null;
  // Sized once, for the progress bar and for `--jobs auto`.
  const totalBytes = progress === null && args.jobs !== 'auto' ? undefined : await totalBytesOf(inputs);
  const batches = readBatches(inputs, {
    read: { name: '-' },
    ...(args.shard === null ? {} : { shard: args.shard }),
    ...(progress === null ? {} : { onProgress: (p) => progress.update(p) }),
    ...(progress === null || totalBytes === undefined ? {} : { totalBytes }),
  });
  const workerData: CliWorkerData = { role: CLI_WORKER_ROLE, config };
  const jobs = args.jobs === 'auto' ? autoJobs(totalBytes) : args.jobs;
  const pool = batchPool(io.workerScript ?? null, workerData, jobs);

  const summary = new SummaryBuilder();
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
      const sep = first ? undefined : write(io.stdout, format.separator);
      first = false;
      const done = write(io.stdout, piece, onWritten);
      return sep === undefined ? done : sep.then(() => done);
    };
    const inline = (records: MessageRecord[]): Promise<CliBatchResult> => processCliBatch(records, config, format, emit);
    // Worker output buffers go back to the workers once written, when the stream lets go of what it wrote.
    const outputSpares = pool !== null && io.stdoutReleasesChunks === true ? new BufferShelf() : undefined;
    for await (const result of runBatches<CliBatchResult | CliWorkerResult>(batches, inline, pool, jobs, { headerLimit, ...(outputSpares === undefined ? {} : { outputSpares }) })) {
      if ('bytes' in result) {
        const { bytes } = result;
        await emit(bytes, outputSpares === undefined ? undefined : () => outputSpares.put(bytes.buffer));
      }
      for (const f of result.facts) summary.add(f);
      if (report !== null) for (const r of result.reports) report.add(r);
      failed += result.failed;
      if (!args.quiet) {
        for (const w of result.warnings) {
          if (warned++ < MAX_STDERR_WARNINGS) await write(io.stderr, `rcvd: warning: ${w}\n`);
        }
      }
    }
    if (stdoutOn) await write(io.stdout, format.tail(summary.result()));
    if (reportFile !== null && report !== null) {
      await reportFile.writeFile(renderReport(report.result(), { generator: `${TOOL.name} ${TOOL.version}`, generatedAt: new Date().toISOString() }), 'utf8');
    }
  } finally {
    progress?.stop();
    await reportFile?.close();
  }
  if (!args.quiet && warned > MAX_STDERR_WARNINGS) await write(io.stderr, `rcvd: warning: ${warned - MAX_STDERR_WARNINGS} more unreadable messages (see the output)\n`);
  return failed > 0 ? 1 : 0;
}
