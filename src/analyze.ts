import { buildReport } from './chain/report.js';
import { readHeaderBlock } from './headers/split.js';
import { readHop, type HopRead } from './hop/read-hop.js';
import { issue } from './issues.js';
import { resolvePolicy } from './grade/policy.js';
import { resolveLimits } from './limits.js';
import type { AnalyzeOptions } from './options.js';
import type { Issue, MessageReport } from './types.js';

/** The header fields the analysis reads; all others are skipped without decoding. */
const TRACE_FIELDS: ReadonlySet<string> = new Set([
  'received',
  'x-received',
  'authentication-results',
  'arc-authentication-results',
  'received-spf',
  'x-originating-ip',
  'tls-required',
  'x-forefront-antispam-report',
  'date',
  'message-id',
  'from',
  'to',
  'subject',
]);

function isLimitIssue(i: Issue): boolean {
  return i.code.startsWith('LIMIT_');
}

/**
 * Whole raw message → hops, grades, verdict, timeline and the other trace evidence (RFC 5322 §3.6.7, RFC 5321
 * §4.4). Reads only the header block. Never throws on data; bad options throw `TypeError`.
 * @example
 * ```ts
 * import { analyzeMessage } from 'received-forensics';
 * const report = analyzeMessage(rawEmail, { trustedNetworks: ['203.0.113.0/24'] }); // string or Uint8Array
 * report.verdict.grade; // worst grade over the hops between organisations, e.g. 'F' for an RC4 hop
 * for (const hop of report.hops) console.log(hop.index, hop.by?.host, hop.tls?.version, hop.security.grade);
 * ```
 */
export function analyzeMessage(message: string | Uint8Array, options: AnalyzeOptions = {}): MessageReport {
  if (typeof message !== 'string' && !(message instanceof Uint8Array)) {
    throw new TypeError('analyzeMessage: message must be a string or a Uint8Array');
  }
  const limits = resolveLimits(options.limits);
  // Resolved once here, not once per hop (a policy object is validated and copied on every resolution).
  const policy = options.policy === undefined ? undefined : resolvePolicy(options.policy);
  const block = readHeaderBlock(message, limits, TRACE_FIELDS);
  const issues: Issue[] = [...block.issues];
  let truncated = block.truncated;
  const received: HopRead[] = [];
  const xReceived: HopRead[] = [];
  let receivedSeen = 0;
  let xReceivedSeen = 0;
  for (const field of block.fields) {
    if (field.key !== 'received' && field.key !== 'x-received') continue;
    if (field.key === 'received') {
      receivedSeen++;
      if (received.length >= limits.maxReceivedFields) continue;
    } else {
      xReceivedSeen++;
      if (xReceived.length >= limits.maxReceivedFields) continue;
    }
    const list = field.key === 'received' ? received : xReceived;
    const read = readHop(field.value, { index: list.length, byteOffset: field.byteOffset }, limits, policy);
    // A limit hit inside one value (field bytes, tokens, comments, depth) makes the whole report partial.
    if (!truncated && read.issues.some(isLimitIssue)) truncated = true;
    list.push(read);
  }
  if (receivedSeen > received.length) {
    truncated = true;
    issues.push(issue('LIMIT_RECEIVED_FIELDS', 'warning', `${receivedSeen} Received fields; only the first ${limits.maxReceivedFields} are read`));
  }
  if (xReceivedSeen > xReceived.length) {
    truncated = true;
    issues.push(issue('LIMIT_RECEIVED_FIELDS', 'warning', `${xReceivedSeen} X-Received fields; only the first ${limits.maxReceivedFields} are read`));
  }
  return buildReport(
    { received, xReceived, fields: block.fields, issues, truncated, headerBytes: block.headerBytes, maxTraceFields: limits.maxReceivedFields },
    options,
  );
}
