/**
 * Checking provider entries that come from a user (the `providers` option, `--providers file.json`) or from the
 * built-in table. A bad entry is a programmer or configuration error, so it throws a `TypeError` naming the exact
 * place (`providers[2].mailNetworks[0]`); the entries that pass come back normalised and frozen.
 *
 * Decisions:
 * - domains are ASCII host names (letters, digits, `-`), folded to lower case with one trailing dot dropped; a
 *   public suffix (`com`, `co.uk`, `github.io`, Public Suffix List with private entries) is refused, since it would
 *   make every customer under it one operator;
 * - blocks go through the option parser (`parseCidr`: host bits cleared, canonical text); an IPv4 block wider than
 *   /8 or an IPv6 block wider than /16 or outside global unicast 2000::/3 is refused: no mail provider owns that
 *   much, and non-global space is decided elsewhere;
 * - `name`, `mailNetworks`, `wideNetworks` and `sources` may be left out of user data (the id, no blocks, no
 *   sources); unknown keys are refused, so a misspelt key cannot silently drop data;
 * - sizes are bounded so a runaway file cannot stall start-up.
 * @module
 */

import { getPublicSuffix } from 'tldts';
import { parseCidr, type ParsedCidr } from '../address/cidr.js';
import { isAlpha, isDigit } from '../text/chars.js';
import { normaliseHost } from '../address/host.js';
import type { ProviderEntry, ProviderSource } from './types.js';

/** Entries in one list: far above the couple of dozen providers there are. */
const MAX_PROVIDER_ENTRIES = 1_000;
/** Blocks over all entries of one list: room for a whole cloud's published ranges (tens of thousands). */
const MAX_PROVIDER_NETWORKS = 200_000;
/** Domains in one entry. */
const MAX_PROVIDER_DOMAINS = 1_000;
/** Source notes in one entry. */
const MAX_PROVIDER_SOURCES = 1_000;
/** Longest id. */
const MAX_ID = 64;
/** Longest name or source text. */
const MAX_TEXT = 2_000;
/** RFC 1035 §2.3.4: 255 octets on the wire is 253 characters of text. */
const MAX_DOMAIN = 253;
const MAX_LABEL = 63;

/** An entry with its blocks parsed, for the lookup builder. */
export interface CheckedEntry {
  readonly entry: ProviderEntry;
  readonly mail: readonly ParsedCidr[];
  readonly wide: readonly ParsedCidr[];
}

const KEYS = new Set(['id', 'name', 'domains', 'mailNetworks', 'wideNetworks', 'sources']);
const SOURCE_KEYS = new Set(['part', 'source', 'date']);

function fail(where: string, what: string): never {
  throw new TypeError(`providers${where}: ${what}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 60)}…"` : `"${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function text(value: unknown, where: string, max: number): string {
  if (typeof value !== 'string') fail(where, `must be a string, not ${describe(value)}`);
  if (value.trim().length === 0) fail(where, 'must not be empty');
  if (value.length > max) fail(where, `is longer than ${max} characters`);
  return value;
}

function list(value: unknown, where: string, max: number): readonly unknown[] {
  if (!Array.isArray(value)) fail(where, `must be an array, not ${describe(value)}`);
  if (value.length > max) fail(where, `has more than ${max} items`);
  return value;
}

function checkId(value: unknown, where: string): string {
  const id = text(value, where, MAX_ID);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || isDigit(c);
    if (!alnum && (i === 0 || (c !== 45 && c !== 46 && c !== 95))) {
      fail(where, `${describe(id)} is not an id (lower-case letters, digits, then also "-", "_" or ".")`);
    }
  }
  return id;
}

function checkDomain(value: unknown, where: string): string {
  const raw = text(value, where, MAX_DOMAIN + 1);
  const name = normaliseHost(raw);
  if (name.length === 0 || name.length > MAX_DOMAIN) fail(where, `${describe(raw)} is not a host name`);
  let labelStart = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > MAX_LABEL || name.charCodeAt(labelStart) === 45 || name.charCodeAt(i - 1) === 45) {
        fail(where, `${describe(raw)} is not a host name (empty, over-long or hyphen-edged label)`);
      }
      labelStart = i + 1;
    } else if (!(isAlpha(c) || isDigit(c) || c === 45)) {
      fail(where, `${describe(raw)} is not an ASCII host name (letters, digits, "-" and dots)`);
    }
  }
  if (getPublicSuffix(name, { allowPrivateDomains: true }) === name) {
    fail(where, `${describe(raw)} is a public suffix: every customer under it would count as one operator`);
  }
  return name;
}

function checkCidr(value: unknown, where: string): ParsedCidr {
  const raw = text(value, where, 64);
  const cidr = parseCidr(raw);
  if (cidr === null) fail(where, `${describe(raw)} is not a CIDR block (address/prefix)`);
  if (cidr.version === 4 && cidr.prefix < 8) fail(where, `${describe(raw)} is wider than /8`);
  if (cidr.version === 6) {
    // 2000::/3: the first three bits are 001.
    if (((cidr.bytes[0] ?? 0) & 0xe0) !== 0x20) fail(where, `${describe(raw)} is outside global unicast 2000::/3`);
    if (cidr.prefix < 16) fail(where, `${describe(raw)} is wider than /16`);
  }
  return cidr;
}

function checkSource(value: unknown, where: string): ProviderSource {
  if (!isPlainObject(value)) fail(where, `must be an object with part, source and date, not ${describe(value)}`);
  for (const key of Object.keys(value)) if (!SOURCE_KEYS.has(key)) fail(`${where}.${key}`, 'is not a known key');
  return Object.freeze({
    part: text(value['part'], `${where}.part`, MAX_TEXT),
    source: text(value['source'], `${where}.source`, MAX_TEXT),
    date: text(value['date'], `${where}.date`, MAX_TEXT),
  });
}

function uniqueCidrs(cidrs: readonly ParsedCidr[]): ParsedCidr[] {
  const byText = new Map<string, ParsedCidr>();
  for (const c of cidrs) if (!byText.has(c.text)) byText.set(c.text, c);
  return [...byText.values()];
}

/** Check and normalise a whole list, keeping the parsed blocks. Throws `TypeError` at the first problem. */
export function checkProviderEntries(value: unknown): readonly CheckedEntry[] {
  const items = list(value, '', MAX_PROVIDER_ENTRIES);
  const ids = new Set<string>();
  let networks = 0;
  return items.map((item, k): CheckedEntry => {
    const at = `[${k}]`;
    if (!isPlainObject(item)) fail(at, `must be an object, not ${describe(item)}`);
    for (const key of Object.keys(item)) if (!KEYS.has(key)) fail(`${at}.${key}`, 'is not a known key');
    const id = checkId(item['id'], `${at}.id`);
    if (ids.has(id)) fail(`${at}.id`, `"${id}" appears twice`);
    ids.add(id);
    const name = item['name'] === undefined ? id : text(item['name'], `${at}.name`, MAX_TEXT);
    const domains = list(item['domains'], `${at}.domains`, MAX_PROVIDER_DOMAINS).map((d, j) =>
      checkDomain(d, `${at}.domains[${j}]`),
    );
    const blocks = (key: 'mailNetworks' | 'wideNetworks'): ParsedCidr[] => {
      if (item[key] === undefined) return [];
      const raw = list(item[key], `${at}.${key}`, MAX_PROVIDER_NETWORKS);
      networks += raw.length;
      if (networks > MAX_PROVIDER_NETWORKS) fail(`${at}.${key}`, `brings the blocks over ${MAX_PROVIDER_NETWORKS}`);
      return uniqueCidrs(raw.map((c, j) => checkCidr(c, `${at}.${key}[${j}]`)));
    };
    const mail = blocks('mailNetworks');
    const wide = blocks('wideNetworks');
    const sources =
      item['sources'] === undefined
        ? []
        : list(item['sources'], `${at}.sources`, MAX_PROVIDER_SOURCES).map((s, j) => checkSource(s, `${at}.sources[${j}]`));
    const entry: ProviderEntry = Object.freeze({
      id,
      name,
      domains: Object.freeze([...new Set(domains)]),
      mailNetworks: Object.freeze(mail.map((c) => c.text)),
      wideNetworks: Object.freeze(wide.map((c) => c.text)),
      sources: Object.freeze(sources),
    });
    return Object.freeze({ entry, mail: Object.freeze(mail), wide: Object.freeze(wide) });
  });
}

/**
 * The built-in table's entries with their blocks parsed, skipping the checks: the generator ran them, and a test
 * holds the table to them, so start-up does not pay for the Public Suffix List lookups again.
 */
export function parseTrustedEntries(entries: readonly ProviderEntry[]): readonly CheckedEntry[] {
  const parse = (list: readonly string[], where: string): ParsedCidr[] =>
    list.map((t) => parseCidr(t) ?? fail(where, `${describe(t)} is not a CIDR block (address/prefix)`));
  return Object.freeze(
    entries.map((entry, k) =>
      Object.freeze({ entry, mail: parse(entry.mailNetworks, `[${k}].mailNetworks`), wide: parse(entry.wideNetworks, `[${k}].wideNetworks`) }),
    ),
  );
}

/**
 * Check a `providers` value (an array of {@link ProviderEntry}, as read from a JSON file) and return the entries
 * normalised (lower-case domains, canonical blocks, duplicates dropped) and frozen. Throws a `TypeError` saying
 * where and what is wrong.
 * @example
 * ```ts
 * const [entry] = validateProviderEntries([
 *   { id: 'example-mail', name: 'Example Mail', domains: ['Example-Mail.NET'], mailNetworks: ['192.0.2.0/25'], wideNetworks: [], sources: [] },
 * ]);
 * entry?.domains; // ['example-mail.net']
 * validateProviderEntries([{ id: 'x' }]); // throws TypeError, naming the missing field
 * ```
 */
export function validateProviderEntries(value: unknown): readonly ProviderEntry[] {
  return Object.freeze(checkProviderEntries(value).map((c) => c.entry));
}
