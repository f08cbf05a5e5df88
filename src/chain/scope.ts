/**
 * Scope of one hop: did it cross between operators (`external`), stay with one operator (`internal`: one
 * organisation's servers, or one mail provider's own infrastructure), or can the header not tell (`unknown`)?
 *
 * Same operator is shown by what the receiver verified — the address it saw, the reverse-DNS name it looked up —
 * never by the client's HELO alone. The first evidence that applies decides, internal evidence before external
 * (`localhost` submitting `with ESMTPSA` is still one host):
 * - `declared`: the client is in the configured internal networks or hosts (a host pattern matches the HELO only
 *   when the address confirms it), and the writer is too;
 * - `local`: no network at all — local pickup (`from userid`, `invoked by`), `with local`, LMTP (RFC 2033 §1: never
 *   over wide-area networks), a process stamp, the IIS pickup directory, a client named `localhost` with no address;
 * - `nonglobal`: the client address is not globally routable (RFC 6890: loopback, private, link-local, ULA, shared
 *   100.64/10, reserved; seen through 6to4 and IPv4-mapped embedding), or is the writer's own address;
 * - `by-only`: a `by` with no `from`, not an authenticated submission — a handoff inside one system;
 * - `same-domain` / `same-provider`: the receiver-verified rDNS of the client shares a registrable domain (Public
 *   Suffix List) or a provider's host family with a name the chain shows for the writer;
 * - `provider-space`: the client address is in the published mail ranges of the provider that runs the writer, or in
 *   that provider's wider space with a client name of the provider's host families too;
 * - `by-network`: the client address is in the same /24 (IPv4) or /48 (IPv6) as an address of the writer;
 * - `provider-handoff`: no client address, client and writer names in one registrable domain, and a protocol that
 *   is not SMTP (`HTTP`, `mapi`): a provider's services handing over between themselves;
 * - `submission` (external): an authenticated protocol (`ESMTPSA`, RFC 3848) or webmail (`HTTP`) from a global
 *   address, or a `by`-only authenticated submission: the sender's own client reaching its provider;
 * - `cross-operator` (external): a global client address and none of the above;
 * - `no-address` (unknown): no address and no verified name to decide by.
 * @module
 */

import { addressBytes } from '../address/ip.js';
import { isAddressText, normaliseHost } from '../address/host.js';
import { hostMatches } from './hosts.js';
import { ipInCidrs } from './cidr.js';
import type { ChainOptions } from './options.js';
import { registrableDomain } from './registrable.js';
import type { WriterNames } from './writer-names.js';
import { providerOfAddress, providerOfHost, type CompiledProviders, type ProviderEntry } from '../providers/lookup.js';
import type { HopRead } from '../hop/read-hop.js';
import { withMeaning } from '../received/protocols.js';
import type { IpRange, Reason, Scope, ScopeReason } from '../types.js';
import { reason, reasonWithEvidence, SCOPE_RULES } from '../rules.js';

/** The scope of one hop, why, and the reason entry shown to users. */
export interface ScopeDecision {
  readonly scope: Scope;
  readonly basis: ScopeReason;
  readonly reason: Reason;
}

/** Everything the decision reads beyond the hop itself. */
export interface ScopeContext {
  readonly options: ChainOptions;
  /** What the chain shows of the server that wrote the hop. */
  readonly writer: WriterNames;
}

function decision(scope: Scope, basis: ScopeReason, message: string, evidence: string | null): ScopeDecision {
  const rule = SCOPE_RULES[scope];
  return { scope, basis, reason: evidence === null ? reason(rule, message) : reasonWithEvidence(evidence, rule, message) };
}

/** Address classes that never cross the internet (RFC 6890 "Global: False"). */
function isNonGlobal(range: IpRange | null): boolean {
  return range !== null && range !== 'public' && range !== 'documentation';
}

/** RFC 3848 authenticated submission words (`ESMTPA`, `ESMTPSA`, `UTF8SMTPSA`, `LMTPA` …) and `ASMTP`. */
function isAuthenticatedProtocol(protocol: string | null): boolean {
  return withMeaning(protocol).authenticated;
}

/** Names of the loopback interface. */
const LOCALHOST_NAMES: ReadonlySet<string> = new Set(['localhost', 'localhost.localdomain', 'localhost6', 'ip6-localhost']);

/** IIS / Exchange SMTPSVC `from mail pickup service by host with Microsoft SMTPSVC`. */
function isPickup(raw: string): boolean {
  const at = raw.indexOf('ickup service');
  return at > 0 && raw.slice(0, at + 13).toLowerCase().trimStart().startsWith('from mail pickup service');
}

/** Bytes that make one site's network: IPv4 /24, IPv6 /48 (the unit one site is given). */
const SITE_PREFIX_BYTES = { 4: 3, 6: 6 } as const;

/** Whether two canonical addresses share one site's network ({@link SITE_PREFIX_BYTES}). */
function sameSite(a: string, b: string): boolean {
  const x = addressBytes(a);
  const y = addressBytes(b);
  if (x === null || y === null || x.version !== y.version) return false;
  const n = SITE_PREFIX_BYTES[x.version];
  for (let k = 0; k < n; k++) if (x.bytes[k] !== y.bytes[k]) return false;
  return true;
}

/** The client names worth comparing: the verified rDNS, and the HELO (which counts only beside an address). */
function clientHelo(read: HopRead): string | null {
  const from = read.from;
  if (from === null) return null;
  const name = from.helo ?? read.fromName;
  return name === null || isAddressText(name) ? null : name;
}

/** The registrable domains of the writer's names (looked up once per hop). */
function writerDomains(writer: WriterNames): readonly (string | null)[] {
  const d = writer.derived;
  d.domains ??= writer.names.map((n) => registrableDomain(n));
  return d.domains;
}

/** The provider that runs the writer, by any name the chain shows for it (looked up once per hop). */
function writerProvider(writer: WriterNames, providers: CompiledProviders): ProviderEntry | null {
  for (const n of writer.names) {
    const p = providerOfHost(n, providers);
    if (p !== null) return p;
  }
  return null;
}

/** The configured-internal evidence for the client, or null. A HELO pattern needs an address that confirms it. */
function declaredClient(read: HopRead, ctx: ScopeContext): string | null {
  const o = ctx.options;
  const from = read.from;
  if (from === null) return null;
  if (from.ip !== null && ipInCidrs(from.ip, o.internalNetworks)) return from.ip;
  if (hostMatches(from.rdns, o.internalHosts)) return from.rdns;
  const helo = clientHelo(read);
  if (helo !== null && hostMatches(helo, o.internalHosts) && (from.ip === null ? from.rdns === null : heloConfirmed(helo, read, ctx))) {
    return helo;
  }
  return null;
}

/**
 * Whether the client's address backs its HELO name: not globally routable, in the network of the writer, or in the
 * address space of the provider whose host family the name is in. With no address at all, the name is all the
 * writer recorded (callers decide whether that is enough).
 */
export function heloConfirmed(helo: string, read: HopRead, ctx: ScopeContext): boolean {
  const from = read.from;
  if (from === null || from.ip === null) return false;
  if (isNonGlobal(from.ipRange)) return true;
  if (sameNetwork(from.ip, ctx.writer.ips)) return true;
  const named = providerOfHost(helo, ctx.options.providers);
  if (named === null) return false;
  const space = providerOfAddress(from.ip, ctx.options.providers);
  return space !== null && space.provider.id === named.id;
}

function sameNetwork(ip: string, writerIps: readonly string[]): boolean {
  for (const w of writerIps) if (w !== ip && sameSite(ip, w)) return true;
  return false;
}

function writerDeclared(read: HopRead, ctx: ScopeContext): boolean {
  const o = ctx.options;
  const by = read.by;
  const ipCheckable = by !== null && by.ip !== null && o.internalNetworks.length > 0;
  const hostCheckable = ctx.writer.names.length > 0 && (o.internalHosts.exact.size > 0 || o.internalHosts.suffixes.length > 0);
  if (!ipCheckable && !hostCheckable) return true;
  if (ipCheckable && ipInCidrs(by.ip!, o.internalNetworks)) return true;
  return hostCheckable && ctx.writer.names.some((n) => hostMatches(n, o.internalHosts));
}

function localEvidence(read: HopRead): ScopeDecision | null {
  if (read.localHandover !== null) return decision('internal', 'local', 'handed over inside one host, no network', read.localHandover);
  if (read.from === null && read.by === null && read.protocol === null) {
    return decision('internal', 'local', 'a stamp with no from, by or with: a process on the writing host, no transfer', null);
  }
  const transport = withMeaning(read.protocol).transport;
  if (transport === 'local') return decision('internal', 'local', 'with local: a submission on the writing host', read.protocol);
  if (transport === 'lmtp') return decision('internal', 'local', 'LMTP is local delivery, never over a wide-area network (RFC 2033 §1)', read.protocol);
  if (read.from !== null && isPickup(read.raw)) {
    return decision('internal', 'local', 'the pickup directory of the writing host, no network', 'mail pickup service');
  }
  const from = read.from;
  if (from !== null && from.ip === null) {
    const looked = from.rdns ?? from.helo ?? read.fromName;
    if (looked !== null && LOCALHOST_NAMES.has(normaliseHost(looked))) {
      return decision('internal', 'local', 'the client is named localhost and no address was recorded', looked);
    }
  }
  return null;
}

function sameOperatorByName(read: HopRead, ctx: ScopeContext): ScopeDecision | null {
  const rdns = read.from?.rdns ?? null;
  if (rdns === null || isAddressText(rdns)) return null;
  const domain = registrableDomain(rdns);
  if (domain !== null) {
    const domains = writerDomains(ctx.writer);
    for (let k = 0; k < domains.length; k++) {
      if (domains[k] === domain) {
        return decision('internal', 'same-domain', 'the client name the receiver looked up shares the writer’s registrable domain', `${rdns} → ${ctx.writer.names[k]!}`);
      }
    }
  }
  const provider = providerOfHost(rdns, ctx.options.providers);
  if (provider !== null && writerProvider(ctx.writer, ctx.options.providers)?.id === provider.id) {
    return decision('internal', 'same-provider', `the client name the receiver looked up and the writer are both ${provider.name} hosts`, rdns);
  }
  return null;
}

function sameOperatorByAddress(read: HopRead, ctx: ScopeContext): ScopeDecision | null {
  const from = read.from!;
  const ip = from.ip!;
  const providers = ctx.options.providers;
  const runner = writerProvider(ctx.writer, providers);
  if (runner !== null) {
    const space = providerOfAddress(ip, providers);
    if (space !== null && space.provider.id === runner.id) {
      if (space.space === 'mail') {
        return decision('internal', 'provider-space', `the client address is in ${runner.name}'s mail ranges and ${runner.name} runs the writer`, ip);
      }
      const helo = clientHelo(read);
      const named = [from.rdns, helo].some((n) => n !== null && providerOfHost(n, providers)?.id === runner.id);
      if (named) {
        return decision('internal', 'provider-space', `the client address is in ${runner.name}'s address space, with a ${runner.name} host name, into a ${runner.name} server`, ip);
      }
    }
  }
  if (sameNetwork(ip, ctx.writer.ips)) {
    return decision('internal', 'by-network', 'the client address is in the same network as the writer’s own address', ip);
  }
  return null;
}

function providerHandoff(read: HopRead, ctx: ScopeContext): ScopeDecision | null {
  const transport = withMeaning(read.protocol).transport;
  if (transport === 'none' || transport === 'smtp') return null;
  const name = clientHelo(read);
  if (name === null) return null;
  const domain = registrableDomain(name);
  if (domain === null) return null;
  const domains = writerDomains(ctx.writer);
  for (let k = 0; k < domains.length; k++) {
    if (domains[k] === domain) {
      return decision('internal', 'provider-handoff', `no address, one domain at both ends and a protocol that is not SMTP (${read.protocol ?? ''}): services of one operator`, `${name} → ${ctx.writer.names[k]!}`);
    }
  }
  return null;
}

/** Decide the scope of one hop. Pure; reads only the hop, what the chain shows of its writer, and the options. */
// eslint-disable-next-line complexity -- the scope rules in the order docs/scope.md gives them, one decision list
export function classifyScope(read: HopRead, ctx: ScopeContext): ScopeDecision {
  const from = read.from;
  const by = read.by;
  const o = ctx.options;
  if (o.configured && from !== null) {
    const inside = declaredClient(read, ctx);
    if (inside !== null && writerDeclared(read, ctx)) {
      return decision('internal', 'declared', 'the client is in the configured internal networks or hosts', inside);
    }
  }
  const local = localEvidence(read);
  if (local !== null) return local;
  if (from === null) {
    if (by !== null && (by.host !== null || by.ip !== null)) {
      if (isAuthenticatedProtocol(read.protocol)) {
        return decision('external', 'submission', 'an authenticated submission with no client recorded: the sender’s client reaching its provider', read.protocol);
      }
      return decision('internal', 'by-only', 'a by-only header with no from: a handoff inside one system', by.host ?? by.ip);
    }
    return decision('unknown', 'no-address', 'neither the sender nor the writer is stated', null);
  }
  if (from.ip !== null) {
    if (isNonGlobal(from.ipRange)) {
      return decision('internal', 'nonglobal', `${from.ipRange} client address: not routable on the internet`, from.ip);
    }
    if (ctx.writer.ips.includes(from.ip)) {
      return decision('internal', 'local', 'the client and the writer have the same address: one host', from.ip);
    }
  }
  const byName = sameOperatorByName(read, ctx);
  if (byName !== null) return byName;
  if (from.ip !== null) {
    const byAddress = sameOperatorByAddress(read, ctx);
    if (byAddress !== null) return byAddress;
    if (isAuthenticatedProtocol(read.protocol) || withMeaning(read.protocol).transport === 'http') {
      return decision('external', 'submission', 'a submission from a global address: the sender’s client reaching its provider', `${read.protocol ?? ''} from ${from.ip}`);
    }
    return decision('external', 'cross-operator', 'a global client address with no verified sign of the same operator', from.ip);
  }
  const handoff = providerHandoff(read, ctx);
  if (handoff !== null) return handoff;
  const clientName = from.rdns ?? clientHelo(read);
  const writerName = by?.host ?? null;
  if (clientName !== null && writerName !== null && normaliseHost(clientName) === normaliseHost(writerName)) {
    return decision('internal', 'local', 'the writer names itself as the client and recorded no address', clientName);
  }
  if (withMeaning(read.protocol).transport === 'mapi') return decision('internal', 'local', 'MAPI with no address: the mailbox server itself', read.protocol);
  return decision('unknown', 'no-address', 'no client address and no verified name to decide by', null);
}
