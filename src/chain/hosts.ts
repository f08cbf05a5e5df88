/**
 * Host patterns for scope and trust (the `internalHosts` / `trustedHosts` options): exact names and domains, matched
 * on names in their one normal form (src/address/host.ts).
 * @module
 */
import { normaliseHost } from '../address/host.js';

/** Host patterns: exact names, or `.example.com` for the domain itself and every name below it. */
export interface HostPatterns {
  readonly exact: ReadonlySet<string>;
  /** Suffixes with their leading dot (`.example.com`). */
  readonly suffixes: readonly string[];
}

/** No patterns. */
export const NO_HOSTS: HostPatterns = Object.freeze({ exact: new Set<string>(), suffixes: Object.freeze([]) as readonly string[] });

/** Compile already-validated pattern strings. */
export function compileHosts(patterns: readonly string[]): HostPatterns {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const p of patterns) {
    const n = normaliseHost(p);
    if (n.startsWith('.')) {
      suffixes.push(n);
      exact.add(n.slice(1));
    } else exact.add(n);
  }
  return { exact, suffixes };
}

/** `true` when the (raw) host name matches a pattern. */
export function hostMatches(name: string | null, patterns: HostPatterns): boolean {
  if (name === null || (patterns.exact.size === 0 && patterns.suffixes.length === 0)) return false;
  const n = normaliseHost(name);
  if (n === '') return false;
  if (patterns.exact.has(n)) return true;
  for (const s of patterns.suffixes) if (n.endsWith(s)) return true;
  return false;
}
