import type { GradingPolicy, ResolvedPolicy } from './grade/policy.js';
import type { Limits } from './limits.js';
import type { ProviderEntry } from './providers/types.js';

/** A grading policy: a preset name, or a policy object (see docs/grading.md and `gradeTls`). */
export type GradingPolicyInput = 'practical' | 'bcp195' | GradingPolicy | ResolvedPolicy;

/** Options of `analyzeMessage` (and of `scan`, which passes them through). All optional. */
export interface AnalyzeOptions {
  /** Grading policy: `practical` (default), `bcp195` (strict), or a policy object. */
  readonly policy?: GradingPolicyInput;
  /** CIDRs whose servers we trust to write honest Received headers (our own relays). */
  readonly trustedNetworks?: readonly string[];
  /** Host names (exact, or `.example.com` for a domain and its subdomains) we trust likewise. */
  readonly trustedHosts?: readonly string[];
  /** CIDRs inside our organisation: hops between them are `internal`. */
  readonly internalNetworks?: readonly string[];
  /** Host names inside our organisation (exact, or `.example.com`); a HELO name counts only when its address confirms it. */
  readonly internalHosts?: readonly string[];
  /**
   * Mail providers to add to the built-in table (docs/providers.md), or to replace entries of it (same `id`): host
   * families and address space that show one provider's servers handing mail to each other.
   */
  readonly providers?: readonly ProviderEntry[];
  /** Resource limits; see `DEFAULT_LIMITS`. */
  readonly limits?: Partial<Limits>;
}

/** Options of `parseReceived`: the grading policy and resource limits for one Received value. */
export interface ParseOptions {
  /** Grading policy: `practical` (default), `bcp195` (strict), or a policy object. */
  readonly policy?: GradingPolicyInput;
  /** Resource limits; see `DEFAULT_LIMITS`. */
  readonly limits?: Partial<Limits>;
}
