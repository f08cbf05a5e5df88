/**
 * A fixed pool of worker threads running one script, and an ordered map over a stream of batches: batches go out
 * to whichever worker has the fewest pending, results come back in input order, so the output of a scan never
 * depends on the number of threads.
 * @module
 */
import { parentPort, Worker, type TransferListItem } from 'node:worker_threads';

/**
 * 32 MB young generation per worker: analysis makes many short-lived objects, and a small nursery promotes them to
 * the old generation; a larger one only adds resident memory.
 */
const WORKER_YOUNG_GENERATION_MB = 32;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/** What a worker posts back: the result of the task with this id, or the error it threw. */
interface WorkerReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

/** The parent's Node flags minus `--input-type`, which workers reject (ERR_INPUT_TYPE_NOT_ALLOWED under `node -e`). */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--input-type') i++;
    else if (!a.startsWith('--input-type=')) out.push(a);
  }
  return out;
}

/**
 * A worker with the parent's Node flags. V8 flags among them (`node --max-old-space-size=4096 rcvd --jobs 2`) make
 * `new Worker` throw ERR_WORKER_INVALID_EXEC_ARGV; they hold for the whole process already, so the worker then
 * starts with no flags of its own instead of failing the scan.
 */
function startWorker(script: string | URL, options: { workerData: unknown; resourceLimits: { maxYoungGenerationSizeMb: number } }): Worker {
  try {
    return new Worker(script, { ...options, execArgv: workerExecArgv() });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(script, { ...options, execArgv: [] });
  }
}

/** Worker threads running `script` with `workerData`; each task message is `{ id, task }`. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  constructor(script: string | URL, workerData: unknown, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, pending: new Map() };
      worker.on('message', (reply: WorkerReply) => {
        const p = slot.pending.get(reply.id);
        if (p === undefined) return;
        slot.pending.delete(reply.id);
        if (reply.error !== undefined) p.reject(new Error(`worker: ${reply.error}`));
        else p.resolve(reply.result);
      });
      const fail = (error: unknown): void => {
        for (const p of slot.pending.values()) p.reject(error);
        slot.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
      this.slots.push(slot);
    }
  }

  /** Run one task on the least busy worker. */
  run<T>(task: unknown, transfer: readonly TransferListItem[] = []): Promise<T> {
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.pending.size < slot.pending.size) slot = s;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.postMessage({ id, task }, transfer as TransferListItem[]);
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Map `start` over `items` with up to `inFlight` results pending, yielding results in input order. A rejected
 * result rejects the iteration when its turn comes.
 */
export async function* orderedMap<I, O>(items: AsyncIterable<I>, start: (item: I) => Promise<O>, inFlight: number): AsyncGenerator<O> {
  const queue: Promise<O>[] = [];
  for await (const item of items) {
    const p = start(item);
    p.catch(() => undefined); // awaited below in order; this only stops an "unhandled rejection" while it waits
    queue.push(p);
    if (queue.length >= inFlight) yield await queue.shift()!;
  }
  while (queue.length > 0) yield await queue.shift()!;
}

/** Worker side: answer each `{ id, task }` with `{ id, result }` (or `{ id, error }`), transferring what `handle` lists. */
export function serveTasks(handle: (task: unknown) => Promise<{ result: unknown; transfer?: TransferListItem[] }>): void {
  const port = parentPort;
  if (port === null) throw new TypeError('serveTasks must run in a worker thread');
  port.on('message', (message: { id: number; task: unknown }) => {
    handle(message.task).then(
      ({ result, transfer }) => port.postMessage({ id: message.id, result } satisfies WorkerReply, transfer ?? []),
      (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply),
    );
  });
}
