// Types of engine.mjs (kept in JS so the long run can use it against dist/ without a TypeScript step).
import type { Hop, MessageReport } from '../../src/index.js';

export function mulberry32(seed: number): () => number;
export const HEADER_PIECES: readonly string[];
export const HOSTILE_CHARS: readonly string[];
export function mutate(rng: () => number, text: string, options?: { maxRun?: number; donors?: readonly string[] }): string;
export function mutateBytes(rng: () => number, bytes: Uint8Array): Uint8Array;
export function wrapMessage(receivedValues: readonly string[], body?: string): string;
export function hopViolations(hop: Hop, expectedIndex: number, where?: string): string[];
export function reportViolations(report: MessageReport, inputLength: number): string[];
export function jsonOf(value: unknown): string;

export interface FuzzApi {
  parseReceived(value: string): Hop;
  analyzeMessage(message: string | Uint8Array): MessageReport;
}
export interface FuzzFailure {
  readonly case: number;
  readonly kind: string;
  readonly size: number;
  readonly violations: string[];
  readonly input: string | Uint8Array;
}
export interface FuzzResult {
  readonly count: number;
  readonly seed: number;
  readonly failures: FuzzFailure[];
  readonly slowest: { ms: number; kind: string; size: number; case: number; preview: string };
}
export function runFuzz(options: {
  api: FuzzApi;
  seeds: { values: readonly string[]; messages: readonly string[] };
  seed?: number;
  count?: number;
  maxRun?: number;
  only?: number;
  onCase?: (index: number) => void;
}): FuzzResult;
