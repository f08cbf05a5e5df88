/**
 * `Received-SPF` (RFC 7208 §9.1): the result word, then an optional comment, then `key=value;` pairs of which
 * `client-ip` is the address the SPF check was run for.
 *
 *   Received-SPF: pass (mx.example.net: domain of alice@example.org designates 192.0.2.7 as permitted sender)
 *     client-ip=192.0.2.7; envelope-from="alice@example.org"; helo=mail.example.org;
 * @module
 */

import { parseIp } from '../address/ip.js';
import { pairsOf, stripComments, traceTokens, unfoldField } from './trace-text.js';

/** One Received-SPF field, read. */
export interface ReceivedSpf {
  readonly raw: string;
  /** The result word, lower-cased (`pass`, `softfail`, …); `null` when the field does not start with one. */
  readonly result: string | null;
  /** `client-ip`, canonical; `null` when absent or not an address. */
  readonly clientIp: string | null;
}

/** Read one Received-SPF value. Never throws on data. */
export function parseReceivedSpf(value: string): ReceivedSpf {
  const tokens = traceTokens(stripComments(unfoldField(value)));
  const first = tokens[0];
  const result = first?.kind === 'word' && tokens[1]?.kind !== '=' ? first.text.toLowerCase() : null;
  let clientIp: string | null = null;
  for (const [name, val] of pairsOf(tokens)) {
    if (name.toLowerCase() === 'client-ip') {
      clientIp = parseIp(val)?.ip ?? null;
      break;
    }
  }
  return { raw: value, result, clientIp };
}

/** `X-Originating-IP: [192.0.2.7]` (Hotmail, Outlook.com, many webmails): the first address, canonical, or null. */
export function parseOriginatingIp(value: string): { raw: string; ip: string | null } {
  const text = stripComments(unfoldField(value)).trim();
  let end = 0;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 32 || c === 9 || c === 44 /* , */ || c === 59 /* ; */) break;
    end++;
  }
  return { raw: value, ip: parseIp(text.slice(0, end))?.ip ?? null };
}
