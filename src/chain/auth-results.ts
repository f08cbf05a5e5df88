/**
 * `Authentication-Results` (RFC 8601 §2.2) and `ARC-Authentication-Results` (RFC 8617 §4.1.1, an `i=N;` instance
 * tag in front of the same grammar), reduced to what a trace needs: who wrote it, the method=result pairs, the
 * `smtp.*` properties and the client address when one is stated.
 *
 *   Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=alice@example.org;
 *     dkim=pass header.d=example.org; iprev=pass policy.iprev=192.0.2.7
 * @module
 */

import { parseIp } from '../address/ip.js';
import type { AuthResultsEvidence } from '../types.js';
import { MAX_TRACE_PAIRS, pairsOf, segmentsOf, stripComments, traceTokens, unfoldField, type TraceToken } from './trace-text.js';

/**
 * Properties that carry the SMTP client's address: `smtp.remote-ip` (RFC 8904 §3), `smtp.client-ip` (written by
 * some receivers) and `policy.iprev` (RFC 8601 §2.7.3: the address the iprev check looked up).
 */
const REMOTE_IP_PROPERTIES = new Set(['smtp.remote-ip', 'smtp.client-ip', 'policy.iprev']);

function isInstanceTag(seg: readonly TraceToken[]): boolean {
  const a = seg[0];
  const b = seg[1];
  return seg.length === 3 && a?.kind === 'word' && a.text.toLowerCase() === 'i' && b?.kind === '=';
}

function startsWithPair(seg: readonly TraceToken[]): boolean {
  return seg[0]?.kind === 'word' && seg[1]?.kind === '=';
}

/** Read one Authentication-Results or ARC-Authentication-Results value. Never throws on data. */
export function parseAuthResults(value: string, header: AuthResultsEvidence['header']): AuthResultsEvidence {
  const segs = segmentsOf(traceTokens(stripComments(unfoldField(value))));
  let s = 0;
  if (header === 'ARC-Authentication-Results' && segs[0] !== undefined && isInstanceTag(segs[0])) s = 1;
  let authservId: string | null = null;
  const idSeg = segs[s];
  if (idSeg !== undefined && !startsWithPair(idSeg)) {
    const first = idSeg[0];
    if (first?.kind === 'word' && first.text !== '') authservId = first.text;
    s++;
  }
  const results: [string, string][] = [];
  const smtp: [string, string][] = [];
  let remoteIp: string | null = null;
  for (; s < segs.length && results.length < MAX_TRACE_PAIRS; s++) {
    const pairs = pairsOf(segs[s]!);
    const head = pairs[0];
    if (head === undefined || !startsWithPair(segs[s]!)) continue;
    const slash = head[0].indexOf('/');
    const method = (slash >= 0 ? head[0].slice(0, slash) : head[0]).toLowerCase();
    results.push([method, head[1].toLowerCase()]);
    for (let k = 1; k < pairs.length; k++) {
      const [name, val] = pairs[k]!;
      const key = name.toLowerCase();
      if (key.startsWith('smtp.') && smtp.length < MAX_TRACE_PAIRS) smtp.push([key, val]);
      if (remoteIp === null && REMOTE_IP_PROPERTIES.has(key)) remoteIp = parseIp(val)?.ip ?? null;
    }
  }
  return { header, authservId, raw: value, remoteIp, smtp, results };
}
