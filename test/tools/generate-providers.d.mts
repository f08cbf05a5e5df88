/** Types for the provider table generator, so the tests can run it. */
import type { ProviderEntry } from '../../src/providers/types.js';

export const PROVIDERS_DIR: string;
export const OUT_FILE: string;
export interface ProviderTableBuild {
  readonly entries: ProviderEntry[];
  readonly inputs: { readonly rel: string; readonly version: string; readonly hash: string | null }[];
}
export function buildTable(dir?: string): Promise<ProviderTableBuild>;
export function renderTable(build: ProviderTableBuild): string;
