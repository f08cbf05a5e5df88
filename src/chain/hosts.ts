/**
 * Host-name comparison for scope, trust and continuity. DNS names compare case-insensitively and a trailing
 * dot (the root) changes nothing (RFC 4343 §2, RFC 1034 §3.1).
 * @module
 */

/** Lower-cased, without the root dot and surrounding whitespace; `''` for empty text. */
export function normaliseHost(name: string): string {
  let s = name.trim().toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  return s;
}

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

/**
 * Whether a host-name slot holds an address instead (RFC 5321 §4.1.3 literals, bare dotted digits, or anything with
 * a colon): such text has no labels to compare or group by. Host names never start with `[`.
 */
export function isAddressText(name: string): boolean {
  if (name.startsWith('[') || name.includes(':')) return true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c !== 0x2e && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}
