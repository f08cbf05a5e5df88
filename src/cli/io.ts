/**
 * What the CLI takes from its process, injected so tests drive every command in-process, and the one way it
 * writes: with backpressure, and an optional callback once the stream is done with a chunk.
 * @module
 */
import { constants } from 'node:os';
import { sanitize } from '../render/sanitize.js';

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
  /** The script a `--jobs` worker runs (the package's worker entry); absent = analyse in this thread. */
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

/**
 * Write `chunk`; a promise while the stream wants the writer to wait (`drain`). `onWritten` runs once the stream
 * is done with the chunk (not when the write failed).
 */
export function write(out: CliOutput, chunk: string | Uint8Array, onWritten?: () => void): Promise<void> | undefined {
  const callback = onWritten === undefined ? undefined : (error?: Error | null) => (error == null ? onWritten() : undefined);
  if (chunk.length === 0 || out.write(chunk, callback) || out.once === undefined) return undefined;
  const once = out.once.bind(out);
  return new Promise((resolve) => once('drain', resolve));
}

/** 128 + the signal's number, the shell's convention for a command stopped by a signal (SIGINT 130, SIGTERM 143). */
export function signalExitCode(reason: unknown): number {
  const number = typeof reason === 'string' ? (constants.signals as Record<string, number | undefined>)[reason] : undefined;
  return 128 + (number ?? constants.signals.SIGINT);
}

/** The stderr line of a run stopped by `signal` after `count` (messages or records); `covers` says what is complete. */
export function interruptedLine(signal: AbortSignal, count: string, covers: string, withReport: boolean): string {
  const name = typeof signal.reason === 'string' ? signal.reason : 'a signal';
  return `rcvd: interrupted by ${sanitize(name)} after ${count}: ${covers}${withReport ? '; the report was not written' : ''}\n`;
}
