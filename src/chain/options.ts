/**
 * The chain options (`trustedNetworks`, `trustedHosts`, `internalNetworks`, `internalHosts`, `providers`), validated and
 * compiled once. Bad values are programmer errors and throw `TypeError`; data never does. `analyzeMessage` runs
 * tens of thousands of times per second with the same options object, so the compiled form is cached per object
 * (and re-checked by list identity, so a caller who swaps a list gets it re-read).
 * @module
 */

import type { AnalyzeOptions } from '../options.js';
import { parseCidr, type ParsedCidr } from '../address/cidr.js';
import { compileDeclared, NO_DECLARED, type DeclaredPatterns } from './declared.js';
import { normaliseHost } from '../address/host.js';
import { compileHosts, NO_HOSTS, type HostPatterns } from './hosts.js';
import { BUILTIN_PROVIDERS, compileProviders, validateProviderEntries, type CompiledProviders } from '../providers/lookup.js';

/** The options the chain step uses, ready to match. */
export interface ChainOptions {
  readonly trustedNetworks: readonly ParsedCidr[];
  readonly trustedHosts: HostPatterns;
  readonly internalNetworks: readonly ParsedCidr[];
  readonly internalHosts: HostPatterns;
  /** `true` when the caller named any trusted or internal network or host: the trust boundary is not inferred. */
  readonly configured: boolean;
  /** The provider table: the built-in one, with the caller's entries added or replacing. */
  readonly providers: CompiledProviders;
  /** The four lists as the caller wrote them (networks, then host patterns), to say which of them met nothing. */
  readonly declared: DeclaredPatterns;
}

/** No options: every decision is inferred from the headers. */
export const EMPTY_CHAIN_OPTIONS: ChainOptions = Object.freeze({
  trustedNetworks: Object.freeze([]) as readonly ParsedCidr[],
  trustedHosts: NO_HOSTS,
  internalNetworks: Object.freeze([]) as readonly ParsedCidr[],
  internalHosts: NO_HOSTS,
  configured: false,
  providers: BUILTIN_PROVIDERS,
  declared: NO_DECLARED,
});

type ListName = 'trustedNetworks' | 'trustedHosts' | 'internalNetworks' | 'internalHosts';

function readList(options: AnalyzeOptions, name: ListName): readonly string[] {
  const value: unknown = options[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`options.${name} must be an array of strings`);
  for (const item of value as unknown[]) {
    if (typeof item !== 'string') throw new TypeError(`options.${name} must hold strings, got ${typeof item}`);
  }
  return value as readonly string[];
}

function compileNetworks(name: ListName, list: readonly string[]): readonly ParsedCidr[] {
  return list.map((text) => {
    const cidr = parseCidr(text);
    if (cidr === null) throw new TypeError(`options.${name}: not a CIDR block or address: ${JSON.stringify(text)}`);
    return cidr;
  });
}

function checkHosts(name: ListName, list: readonly string[]): HostPatterns {
  for (const text of list) {
    const n = normaliseHost(text);
    if (n === '' || n === '.' || /\s/.test(n)) throw new TypeError(`options.${name}: not a host name: ${JSON.stringify(text)}`);
  }
  return list.length === 0 ? NO_HOSTS : compileHosts(list);
}

interface Cached {
  readonly lists: readonly unknown[];
  readonly resolved: ChainOptions;
}

const cache = new WeakMap<object, Cached>();

function listsOf(options: AnalyzeOptions): readonly unknown[] {
  return [options.trustedNetworks, options.trustedHosts, options.internalNetworks, options.internalHosts, options.providers];
}

function sameLists(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}

/**
 * Validate and compile the chain options. Throws `TypeError` on a value that is not an array of strings, a
 * CIDR that does not parse, or an empty host name. Costs nothing when none of the four options is set.
 */
export function resolveChainOptions(options: AnalyzeOptions): ChainOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const lists = listsOf(options);
  if (lists[0] === undefined && lists[1] === undefined && lists[2] === undefined && lists[3] === undefined && lists[4] === undefined) {
    return EMPTY_CHAIN_OPTIONS;
  }
  const hit = cache.get(options);
  if (hit !== undefined && sameLists(hit.lists, lists)) return hit.resolved;
  const trustedNetworks = compileNetworks('trustedNetworks', readList(options, 'trustedNetworks'));
  const trustedHostList = readList(options, 'trustedHosts');
  const internalNetworks = compileNetworks('internalNetworks', readList(options, 'internalNetworks'));
  const internalHostList = readList(options, 'internalHosts');
  const resolved: ChainOptions = Object.freeze({
    trustedNetworks,
    trustedHosts: checkHosts('trustedHosts', trustedHostList),
    internalNetworks,
    internalHosts: checkHosts('internalHosts', internalHostList),
    configured: trustedNetworks.length + trustedHostList.length + internalNetworks.length + internalHostList.length > 0,
    providers: options.providers === undefined ? BUILTIN_PROVIDERS : compileProviders(validateProviderEntries(options.providers)),
    declared: compileDeclared([...readList(options, 'trustedNetworks'), ...readList(options, 'internalNetworks')], [...trustedHostList, ...internalHostList]),
  });
  cache.set(options, { lists, resolved });
  return resolved;
}
