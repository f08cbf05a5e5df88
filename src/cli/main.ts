#!/usr/bin/env node
/**
 * The `rcvd` executable: wires `process` into `run()` and sets the exit code. An unexpected exception exits 2
 * (never 1, which means "findings"). Started again as a worker thread by `--jobs`, it serves batches instead.
 * @module
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { workerScript } from '../node/worker-pool.js';
import { run } from './run.js';
import { isCliWorkerData, serveCliWorker } from './worker.js';

function main(): void {
  // `rcvd … | head`: a closed pipe is the reader saying "enough", not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`rcvd: cannot write output: ${error.message}\n`);
    process.exit(2);
  });
  run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    workerScript: workerScript(import.meta.url),
    stdoutReleasesChunks: true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rcvd: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (isMainThread) main();
else if (isCliWorkerData(workerData)) serveCliWorker(workerData);
