/**
 * The other trace evidence of the header block, kept beside the hops and never mixed into them (docs/output.md
 * `trace`): X-Received, Authentication-Results, ARC-Authentication-Results, Received-SPF, X-Originating-IP and
 * TLS-Required (RFC 8689 §5). Where a stated client address appears in no Received hop, the two records
 * contradict each other (TRACE_IP_MISMATCH).
 * @module
 */

import type { HeaderField } from '../headers/split.js';
import { issue } from '../issues.js';
import { MAX_RECEIVED_FIELDS } from '../limits.js';
import type { AuthResultsEvidence, ForefrontEvidence, Hop, Issue, TraceEvidence } from '../types.js';
import { parseForefront } from './forefront.js';
import { parseAuthResults } from './auth-results.js';
import { parseOriginatingIp, parseReceivedSpf } from './received-spf.js';
import { unfoldField } from './trace-text.js';

/** Trace fields of each kind read per message, like Received (a header of 10⁵ `X-Originating-IP` lines is cut). */
const MAX_TRACE_FIELDS = MAX_RECEIVED_FIELDS;

/** The trace evidence other than X-Received, and the issues it raised. */
export interface TraceRead {
  readonly trace: Omit<TraceEvidence, 'xReceived'>;
  readonly issues: Issue[];
  readonly truncated: boolean;
}

const AR_HEADER: Readonly<Record<string, AuthResultsEvidence['header']>> = {
  'authentication-results': 'Authentication-Results',
  'arc-authentication-results': 'ARC-Authentication-Results',
};

/** Read the trace fields and compare their client addresses with the hops' `from.ip`. */
export function readTrace(fields: readonly HeaderField[], hops: readonly Hop[], maxFields: number = MAX_TRACE_FIELDS): TraceRead {
  const issues: Issue[] = [];
  const authenticationResults: AuthResultsEvidence[] = [];
  const receivedSpf: { raw: string; result: string | null; clientIp: string | null }[] = [];
  const originatingIp: { raw: string; ip: string | null }[] = [];
  const forefront: ForefrontEvidence[] = [];
  let tlsRequired: string | null = null;
  const skipped = new Map<string, number>();
  const full = (name: string, length: number): boolean => {
    if (length < maxFields) return false;
    skipped.set(name, (skipped.get(name) ?? 0) + 1);
    return true;
  };
  for (const f of fields) {
    switch (f.key) {
      case 'authentication-results':
      case 'arc-authentication-results':
        if (!full(f.name, authenticationResults.length)) authenticationResults.push(parseAuthResults(f.value, AR_HEADER[f.key]!));
        break;
      case 'received-spf':
        if (!full(f.name, receivedSpf.length)) receivedSpf.push(parseReceivedSpf(f.value));
        break;
      case 'x-originating-ip':
        if (!full(f.name, originatingIp.length)) originatingIp.push(parseOriginatingIp(f.value));
        break;
      case 'x-forefront-antispam-report':
        if (!full(f.name, forefront.length)) forefront.push(parseForefront(f.value));
        break;
      case 'tls-required':
        tlsRequired ??= unfoldField(f.value);
        break;
      default:
        break;
    }
  }
  for (const [name, count] of skipped) {
    issues.push(issue('LIMIT_RECEIVED_FIELDS', 'warning', `${count} more ${name} fields beyond ${maxFields} were not read`));
  }
  if (tlsRequired !== null && tlsRequired.toLowerCase() === 'no') {
    issues.push(issue('TRACE_TLS_REQUIRED_NO', 'info', 'TLS-Required: No — the sender asked relays to deliver even where TLS fails (RFC 8689 §5)'));
  }
  if (hops.length > 0) {
    const seen = new Set<string>();
    for (const h of hops) if (h.from?.ip != null) seen.add(h.from.ip);
    const reported = new Set<string>();
    const check = (ip: string | null, what: string, severity: 'warning' | 'info'): void => {
      if (ip === null || seen.has(ip) || reported.has(`${what}\n${ip}`)) return;
      reported.add(`${what}\n${ip}`);
      issues.push(issue('TRACE_IP_MISMATCH', severity, `${what} names ${ip}, which no Received hop was received from`));
    };
    for (const ar of authenticationResults) check(ar.remoteIp, `${ar.header} (${ar.authservId ?? 'no authserv-id'})`, 'warning');
    for (const spf of receivedSpf) check(spf.clientIp, 'Received-SPF client-ip', 'warning');
    // The webmail user's own address: often never in the SMTP chain, so only worth knowing.
    for (const o of originatingIp) check(o.ip, 'X-Originating-IP', 'info');
  }
  return {
    trace: { authenticationResults, receivedSpf, originatingIp, tlsRequired, forefront },
    issues,
    truncated: skipped.size > 0,
  };
}
