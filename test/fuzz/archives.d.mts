// Types of archives.mjs (kept in JS so the long run needs no TypeScript step).
export interface ArchiveSeed {
  readonly path: string;
  readonly bytes: Buffer;
}
export function archiveSeeds(extra?: readonly string[]): ArchiveSeed[];
export function archiveCase(seeds: readonly ArchiveSeed[], seed: number, n: number): { source: string; flips: number; bytes: Buffer };
export interface ArchiveFuzzResult {
  readonly seed: number;
  readonly count: number;
  readonly failures: { case: number; kind: 'hang' | 'throw' | 'crash'; detail: string }[];
  readonly slowest: { ms: number; case: number; source: string; flips: number };
}
export function runArchiveFuzz(options: { seed: number; count: number; only?: number; timeoutMs?: number; files?: readonly string[]; hangCase?: number; onCase?: (done: number) => void }): Promise<ArchiveFuzzResult>;
