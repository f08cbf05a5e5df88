/**
 * The progress bar (cli-progress) on stderr: only when stderr is a terminal and not `-q`/`--no-progress` (the
 * caller decides), and only once a scan has run for {@link PROGRESS_DELAY_MS} — a one-message run never flashes a
 * bar. Messages, MB, rate and (when the total size is known) percentage and ETA. Never on stdout.
 * @module
 */
import type * as CliProgress from 'cli-progress';
import type { ScanProgress } from '../node/scan-types.js';

/** 1 s before the bar appears: short scans stay clean. */
export const PROGRESS_DELAY_MS = 1000;

/** What the run loop calls. */
export interface Progress {
  update(p: ScanProgress): void;
  /**
   * Take the bar off its line before something else is written to the same terminal (stdout on the terminal
   * stderr draws on): the text then starts on a clean line and the bar is drawn again below it at its next update,
   * instead of a stale bar line being left between two message blocks.
   */
  clear(): void;
  stop(): void;
}

/** Return to the line's start and erase it (ECMA-48 CR + EL 2). */
const CLEAR_LINE = '\r\x1b[2K';

const MB = 1024 * 1024;

/**
 * A progress reporter writing to `stream`; `now` is injectable for tests. cli-progress is imported here, not at
 * start: importing a CommonJS package from ESM costs every run its export scan, and only runs on a terminal draw a bar.
 */
export async function createProgress(stream: NodeJS.WritableStream, now: () => number = Date.now): Promise<Progress> {
  const cliProgress = (await import('cli-progress')).default;
  const started = now();
  let bar: CliProgress.SingleBar | null = null;
  let last: ScanProgress = { messages: 0, bytes: 0 };
  const payload = (p: ScanProgress): Record<string, string | number> => {
    const seconds = Math.max(0.001, (now() - started) / 1000);
    return { messages: p.messages, mb: (p.bytes / MB).toFixed(1), rate: Math.round(p.messages / seconds) };
  };
  return {
    update(p) {
      last = p;
      if (bar === null) {
        if (now() - started < PROGRESS_DELAY_MS) return;
        const sized = p.totalBytes !== undefined && p.totalBytes > 0;
        bar = new cliProgress.SingleBar({
          stream,
          format: sized
            ? '{bar} {percentage}% | {messages} messages | {mb} MB | {rate} msg/s | ETA {eta_formatted}'
            : '{messages} messages | {mb} MB | {rate} msg/s',
          fps: 5,
          clearOnComplete: true,
          hideCursor: false,
          etaBuffer: 50,
        });
        bar.start(sized ? (p.totalBytes ?? 1) : 1, sized ? p.bytes : 0, payload(p));
        return;
      }
      bar.update(p.totalBytes !== undefined && p.totalBytes > 0 ? Math.min(p.bytes, p.totalBytes) : 0, payload(p));
    },
    clear() {
      if (bar === null) return;
      stream.write(CLEAR_LINE);
      // cli-progress skips a redraw whose text equals the last one drawn; that line is gone now
      (bar as unknown as { lastDrawnString: string }).lastDrawnString = '';
    },
    stop() {
      if (bar === null) return;
      bar.update(payload(last));
      bar.stop();
      bar = null;
    },
  };
}
