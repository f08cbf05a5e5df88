/**
 * `parseReceived`: the public reader of one Received value on its own.
 * @module
 */
import { resolveLimits } from '../limits.js';
import type { ParseOptions } from '../options.js';
import type { Hop } from '../types.js';
import { readHop } from './read-hop.js';
import { toHop } from './to-hop.js';

/**
 * One Received header value (folded or unfolded, without the `Received:` name) → one hop (RFC 5321 §4.4).
 * Never throws on data. `security.scope` is `unknown` here: scope needs the whole chain (`analyzeMessage`).
 * @example
 * ```ts
 * const hop = parseReceived(
 *   'from a.example (a.example [192.0.2.1]) by mx.example.net with ESMTPS ' +
 *     '(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256); Tue, 2 Jul 2024 10:00:00 +0200',
 * );
 * hop.from?.ip; // '192.0.2.1'
 * hop.tls?.cipherIana; // 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'
 * hop.security.grade; // 'A'
 * hop.date?.iso; // '2024-07-02T08:00:00.000Z'
 * ```
 */
export function parseReceived(value: string, options?: ParseOptions): Hop {
  if (typeof value !== 'string') throw new TypeError('parseReceived: value must be a string');
  const read = readHop(value, { index: 0, byteOffset: null }, resolveLimits(options?.limits), options?.policy);
  return toHop(read, 'unknown', null, read.reasons, read.issues);
}
