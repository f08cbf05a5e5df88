#!/usr/bin/env node
/**
 * The `rcvd` executable: wires `process` into `run()` and sets the exit code. An unexpected exception exits 2
 * (never 1, which means "findings"). `--jobs` workers run the package's worker entry, not this file.
 * @module
 */
import { defaultWorkerScript } from '../node/worker-script.js';
import { signalExitCode } from './io.js';
import { argvWithBytes } from './paths.js';
import { run } from './run.js';

/**
 * SIGINT and SIGTERM stop the run at the next whole message (output closed, summary so far, exit 130 or 143); a
 * second one, when the first cannot finish (a reader that stopped reading our output), exits at once.
 */
function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      if (controller.signal.aborted) process.exit(signalExitCode(name));
      controller.abort(name);
    });
  }
  return controller.signal;
}

function main(): void {
  // `rcvd … | head`: a closed pipe is the reader saying "enough", not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`rcvd: cannot write output: ${error.message}\n`);
    process.exit(2);
  });
  run(argvWithBytes(process.argv.slice(2)), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    workerScript: defaultWorkerScript(),
    stdoutReleasesChunks: true,
    signal: stopOnSignals(),
  }).then(
    (code) => {
      process.exitCode = code;
      // Stopped by a signal: a source still waited on (stdin from a silent pipe) would keep the process alive.
      // stdout and stderr are synchronous on Linux, so everything written is out.
      if (code >= 128) process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`rcvd: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

main();
