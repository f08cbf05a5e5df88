/**
 * The analysis options checked up front, without analysing anything: a caller (the CLI, `scan()`, the analyzer
 * page) learns of a bad CIDR, provider entry, policy or limit before reading its first message, not at it.
 * @module
 */
import { resolveChainOptions } from './chain/options.js';
import { resolvePolicy } from './grade/policy.js';
import { resolveLimits } from './limits.js';
import type { AnalyzeOptions } from './options.js';

/**
 * Check `options` as `analyzeMessage` would, in the same order (limits, policy, the chain's lists and providers).
 * Throws the `TypeError` `analyzeMessage` would throw for the first problem; returns nothing when they are valid.
 * @example
 * ```ts
 * import { validateOptions } from 'received-forensics';
 * validateOptions({ trustedNetworks: ['203.0.113.0/24'] }); // fine
 * validateOptions({ trustedNetworks: ['203.0.113.0/33'] }); // TypeError: options.trustedNetworks: not a CIDR block …
 * ```
 */
export function validateOptions(options: AnalyzeOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  resolveLimits(options.limits);
  if (options.policy !== undefined) resolvePolicy(options.policy);
  resolveChainOptions(options);
}
