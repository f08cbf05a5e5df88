/**
 * In-process driver for `run(argv, io)`: captured stdout/stderr, a stdin made from bytes, a chosen environment.
 */
import { Readable } from 'node:stream';
import { run, type CliIo, type CliOutput } from '../../src/cli/run.js';

/** A captured output stream. */
export class Capture implements CliOutput {
  readonly chunks: string[] = [];
  constructor(readonly isTTY = false) {}
  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    return true;
  }
  text(): string {
    return this.chunks.join('');
  }
}

/** Options of one in-process run. */
export interface RunOptions {
  readonly stdin?: string | Uint8Array;
  readonly env?: Record<string, string | undefined>;
  readonly stdoutTTY?: boolean;
  readonly stderrTTY?: boolean;
}

/** Run the CLI in-process. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<{ code: number; stdout: string; stderr: string; writes: number }> {
  const stdout = new Capture(options.stdoutTTY ?? false);
  const stderr = new Capture(options.stderrTTY ?? false);
  const input = options.stdin ?? '';
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([typeof input === 'string' ? Buffer.from(input) : Buffer.from(input)]),
    env: options.env ?? {},
  };
  const code = await run(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text(), writes: stdout.chunks.length };
}
