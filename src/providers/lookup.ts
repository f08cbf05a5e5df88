/**
 * Which mail provider a host name or a client address belongs to, from the built-in table (`table.ts`, generated
 * from dated public sources) and any entries a user adds.
 *
 * Two address spaces, because "this address is Microsoft's" means two different things:
 * - **mail**: the ranges a provider publishes (or that an attributable snapshot shows) for its mail servers, such
 *   as Exchange Online's `*.mail.protection.outlook.com` ranges or the gmail.com SPF blocks. A client there, handed
 *   to a `by` host of the same provider, is the provider's own hop.
 * - **wide**: everything else the provider announces (Azure, Google's user-facing ranges), where its cloud
 *   customers run their own machines too, plus stale snapshots nothing current confirms. An address there proves
 *   nothing alone; it counts only together with a client name in the provider's domains and a `by` host of the
 *   same provider. A HELO name never counts alone either way.
 *
 * Lookups are built for the per-hop path: host names go through one map lookup per candidate suffix (at most as
 * many as the longest domain has labels), addresses through one binary search over disjoint intervals that were
 * flattened from all blocks when the table was first used. Neither throws on any input, and the work is bounded by
 * the length limits of names (253 characters) and address texts.
 * @module
 */

import { addressBytes, MAX_IP_TEXT } from '../address/ip.js';
import type { ParsedCidr } from '../address/cidr.js';
import { BoundedMemo } from '../text/bounded-memo.js';
import { PROVIDER_TABLE } from './table.js';
import type { ProviderEntry } from './types.js';
import { checkProviderEntries, parseTrustedEntries, type CheckedEntry } from './validate.js';

export type { ProviderEntry } from './types.js';
export { validateProviderEntries } from './validate.js';

/** Which of a provider's two spaces an address lies in. */
type ProviderSpace = 'mail' | 'wide';

/** A provider, and which of its spaces an address lies in. */
export interface ProviderMatch {
  readonly provider: ProviderEntry;
  readonly space: ProviderSpace;
}

/** A set of providers ready for lookups. Build one with {@link compileProviders}; the lookup structures are private. */
export interface CompiledProviders {
  /** Every entry in effect: the base's (those not replaced), then the added ones, in order. */
  readonly entries: readonly ProviderEntry[];
}

/** RFC 1035 §2.3.4: 253 characters of text, not counting the root dot. */
const MAX_NAME = 253;

/**
 * Address texts and host names whose answers each provider set remembers (each kind apart): an archive meets the
 * same relays over and over, and reading the text costs several times the search itself.
 */
const MAX_PROVIDER_MEMO = 4_096;

/** Disjoint intervals sorted by start; `words` 32-bit words per address (1 for IPv4, 4 for IPv6). */
interface IntervalTable {
  readonly words: 1 | 4;
  readonly starts: Uint32Array;
  /** Inclusive. */
  readonly ends: Uint32Array;
  readonly matches: readonly ProviderMatch[];
}

interface Index {
  readonly hosts: ReadonlyMap<string, ProviderEntry>;
  /** Labels in the longest domain: no longer suffix of a name needs looking up. */
  readonly maxLabels: number;
  readonly v4: IntervalTable;
  readonly v6: IntervalTable;
}

/** One block on its way into the interval table. */
interface Block {
  readonly lo: bigint;
  readonly hi: bigint;
  /** 1 for mail, 0 for wide: mail wins whatever the prefix. */
  readonly rank: number;
  readonly prefix: number;
  /** Entry position: among identical blocks of one space, the later entry (a user's) wins. */
  readonly order: number;
  readonly match: ProviderMatch;
}

function beats(a: Block, b: Block): boolean {
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.prefix !== b.prefix) return a.prefix > b.prefix;
  return a.order > b.order;
}

function toBlock(cidr: ParsedCidr, rank: number, order: number, match: ProviderMatch): Block {
  let lo = 0n;
  for (const b of cidr.bytes) lo = (lo << 8n) | BigInt(b);
  const hostBits = BigInt(cidr.bytes.length * 8 - cidr.prefix);
  return { lo, hi: lo | ((1n << hostBits) - 1n), rank, prefix: cidr.prefix, order, match };
}

/**
 * Flatten blocks into disjoint intervals, each carrying the block that wins there. CIDR blocks are either nested
 * or disjoint, so one sweep with a stack of the blocks open at the cursor does it; each stack element remembers the
 * best block of the chain down to it.
 */
function flatten(blocks: Block[], words: 1 | 4): IntervalTable {
  blocks.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.hi > b.hi ? -1 : a.hi < b.hi ? 1 : 0));
  const out: { lo: bigint; hi: bigint; match: ProviderMatch }[] = [];
  const emit = (lo: bigint, hi: bigint, best: Block): void => {
    if (lo > hi) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.match === best.match && last.hi + 1n === lo) last.hi = hi;
    else out.push({ lo, hi, match: best.match });
  };
  const stack: { hi: bigint; best: Block }[] = [];
  let cursor = 0n;
  const close = (until: bigint | null): void => {
    for (let top = stack[stack.length - 1]; top !== undefined && (until === null || top.hi < until); top = stack[stack.length - 1]) {
      emit(cursor, top.hi, top.best);
      cursor = top.hi + 1n;
      stack.pop();
    }
  };
  for (const block of blocks) {
    close(block.lo);
    const outer = stack[stack.length - 1];
    if (outer !== undefined) emit(cursor, block.lo - 1n, outer.best);
    cursor = block.lo;
    stack.push({ hi: block.hi, best: outer !== undefined && beats(outer.best, block) ? outer.best : block });
  }
  close(null);
  const starts = new Uint32Array(out.length * words);
  const ends = new Uint32Array(out.length * words);
  out.forEach((iv, k) => {
    for (let w = 0; w < words; w++) {
      const shift = BigInt((words - 1 - w) * 32);
      starts[k * words + w] = Number((iv.lo >> shift) & 0xffffffffn);
      ends[k * words + w] = Number((iv.hi >> shift) & 0xffffffffn);
    }
  });
  return { words, starts, ends, matches: Object.freeze(out.map((iv) => iv.match)) };
}

function buildIndex(checked: readonly CheckedEntry[]): Index {
  const hosts = new Map<string, ProviderEntry>();
  let maxLabels = 1;
  const v4: Block[] = [];
  const v6: Block[] = [];
  checked.forEach(({ entry, mail, wide }, order) => {
    for (const d of entry.domains) {
      hosts.set(d, entry);
      maxLabels = Math.max(maxLabels, d.split('.').length);
    }
    const spaces = [
      [mail, 1, Object.freeze({ provider: entry, space: 'mail' as const })],
      [wide, 0, Object.freeze({ provider: entry, space: 'wide' as const })],
    ] as const;
    for (const [cidrs, rank, match] of spaces) {
      for (const c of cidrs) (c.version === 4 ? v4 : v6).push(toBlock(c, rank, order, match));
    }
  });
  return { hosts, maxLabels, v4: flatten(v4, 1), v6: flatten(v6, 4) };
}

/**
 * The one implementation of {@link CompiledProviders}: entries checked when made (the built-in ones on first use),
 * indexed on the first lookup.
 */
class Compiled implements CompiledProviders {
  readonly #load: () => readonly CheckedEntry[];
  #checked: readonly CheckedEntry[] | null = null;
  #entries: readonly ProviderEntry[] | null = null;
  #index: Index | null = null;
  readonly addresses = new BoundedMemo<ProviderMatch | null>(MAX_PROVIDER_MEMO);
  readonly hosts = new BoundedMemo<ProviderEntry | null>(MAX_PROVIDER_MEMO);

  constructor(load: () => readonly CheckedEntry[]) {
    this.#load = load;
  }

  get entries(): readonly ProviderEntry[] {
    return (this.#entries ??= Object.freeze(this.checked().map((c) => c.entry)));
  }

  checked(): readonly CheckedEntry[] {
    return (this.#checked ??= this.#load());
  }

  index(): Index {
    return (this.#index ??= buildIndex(this.checked()));
  }
}

function compiled(p: CompiledProviders): Compiled {
  if (p instanceof Compiled) return p;
  throw new TypeError('providers: expected a value made by compileProviders() or BUILTIN_PROVIDERS');
}

/** The built-in providers (`table.ts`), indexed on first use. */
export const BUILTIN_PROVIDERS: CompiledProviders = /* @__PURE__ */ new Compiled(() => parseTrustedEntries(PROVIDER_TABLE));

/** No providers at all: the base to give {@link compileProviders} when the built-in table should not apply. */
export const NO_PROVIDERS: CompiledProviders = /* @__PURE__ */ new Compiled(() => Object.freeze([]));

/**
 * Compile provider entries for lookups on top of `base` (the built-in table unless told otherwise): an entry whose
 * id is in the base replaces that one, the others are added after it. Throws a `TypeError` when the entries are
 * invalid (see {@link validateProviderEntries}) or `base` was not made here.
 */
export function compileProviders(entries: readonly ProviderEntry[], base: CompiledProviders = BUILTIN_PROVIDERS): CompiledProviders {
  const added = checkProviderEntries(entries);
  const replaced = new Set(added.map((c) => c.entry.id));
  const all = Object.freeze([...compiled(base).checked().filter((c) => !replaced.has(c.entry.id)), ...added]);
  return new Compiled(() => all);
}

/**
 * The provider whose domains include `name`: the name equals a domain or ends with `.` plus one, ASCII case
 * ignored, one trailing dot ignored; the longest matching domain wins. `null` for anything else, including
 * non-ASCII text, empty labels and names longer than DNS allows.
 */
export function providerOfHost(name: string | null, p: CompiledProviders): ProviderEntry | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME + 1) return null;
  const c = compiled(p);
  const hit = c.hosts.get(name);
  if (hit !== undefined) return hit;
  const found = findHost(c.index(), name);
  c.hosts.set(name, found);
  return found;
}

function findHost(index: Index, name: string): ProviderEntry | null {
  if (index.hosts.size === 0) return null;
  let end = name.length;
  if (name.charCodeAt(end - 1) === 46) end--;
  if (end === 0 || end > MAX_NAME) return null;
  // Only the rightmost maxLabels labels can match; the whole name is still scanned, since text with an empty label
  // or a non-ASCII character is not a host name, whatever its tail says.
  let start = 0;
  let labelEnd = end;
  for (let i = end - 1, labels = 0; i >= 0; i--) {
    const ch = name.charCodeAt(i);
    if (ch === 46) {
      if (labelEnd - i === 1) return null;
      if (++labels === index.maxLabels) start = i + 1;
      labelEnd = i;
    } else if (ch > 0x7f) return null;
  }
  if (labelEnd === 0) return null;
  const tail = name.slice(start, end).toLowerCase();
  for (let from = 0; ; ) {
    const hit = index.hosts.get(from === 0 ? tail : tail.slice(from));
    if (hit !== undefined) return hit;
    const dot = tail.indexOf('.', from);
    if (dot < 0) return null;
    from = dot + 1;
  }
}

function word(bytes: readonly number[], at: number): number {
  return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}

/** -1, 0 or 1 as the address in `x` (4 words) compares with interval bound `k` of `bound`. */
function compareV6(x: Uint32Array, bound: Uint32Array, k: number): number {
  for (let w = 0; w < 4; w++) {
    const a = x[w]!;
    const b = bound[k * 4 + w]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

const scratch = new Uint32Array(4);

function findV4(t: IntervalTable, x: number): ProviderMatch | null {
  const starts = t.starts;
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && x <= t.ends[found]! ? t.matches[found]! : null;
}

function findV6(t: IntervalTable, x: Uint32Array): ProviderMatch | null {
  let lo = 0;
  let hi = t.matches.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareV6(x, t.starts, mid) >= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && compareV6(x, t.ends, found) <= 0 ? t.matches[found]! : null;
}

/**
 * The provider whose space holds `ip` (canonical text as in `Hop.from.ip`: dotted IPv4 or compressed IPv6;
 * IPv4-mapped IPv6 counts as the IPv4) and which space: mail wins over wide, then the longest prefix, then the
 * later entry. `null` when no provider's space holds it or the text is not an address.
 */
export function providerOfAddress(ip: string | null, p: CompiledProviders): ProviderMatch | null {
  if (typeof ip !== 'string' || ip.length === 0 || ip.length > MAX_IP_TEXT) return null;
  const c = compiled(p);
  const hit = c.addresses.get(ip);
  if (hit !== undefined) return hit;
  const found = find(c.index(), ip);
  c.addresses.set(ip, found);
  return found;
}

function find(index: Index, ip: string): ProviderMatch | null {
  const addr = addressBytes(ip);
  if (addr === null) return null;
  if (addr.version === 4) return findV4(index.v4, word(addr.bytes, 0));
  for (let w = 0; w < 4; w++) scratch[w] = word(addr.bytes, w * 4);
  return findV6(index.v6, scratch);
}
