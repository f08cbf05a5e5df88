/**
 * `readHop`: one Received value through the hop pipeline — fields (src/received) → TLS facts (src/tls) → grade
 * (src/hop/grade-hop.ts). What one value can tell; scope needs the whole chain, so the public `Hop` is built later,
 * once, by `toHop` (src/hop/to-hop.ts).
 * @module
 */
import type { GradingPolicyInput } from '../options.js';
import { pushAll } from '../issues.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { readReceivedFields } from '../received/read-received.js';
import { readTls } from '../tls/read-tls.js';
import type { Grade, Hop, Issue, Reason } from '../types.js';
import { gradeHop } from './grade-hop.js';

/** Where a Received value came from, for hops read out of a whole message. */
export interface HopPlacement {
  readonly index: number;
  readonly byteOffset: number | null;
}

/**
 * One Received value read: every field of the public `Hop` but its scope, the grade and its reasons, and what the
 * chain step reads beyond them.
 */
export interface HopRead extends Omit<Hop, 'security' | 'issues'> {
  readonly grade: Grade;
  /** The grade's reasons (the scope reason is added when the chain decides it). */
  readonly reasons: readonly Reason[];
  /** Issues of the fields, the TLS facts and the grade, in that order. */
  readonly issues: Issue[];
  /** The name after `from` as written (whatever it turns out to be). */
  readonly fromName: string | null;
  /** Evidence of a handover inside one host (`from userid 1000`), or null. */
  readonly localHandover: string | null;
  /** `date.iso` as epoch milliseconds, null with it: the timeline subtracts these. */
  readonly instant: number | null;
}

/**
 * Read one Received value into its hop parts. Never throws on data; a malformed policy throws `TypeError`.
 */
export function readHop(value: string, placement: HopPlacement, limits: Limits = DEFAULT_LIMITS, policy?: GradingPolicyInput): HopRead {
  const fields = readReceivedFields(value, limits);
  const issues = fields.issues;
  // The fields carry everything the TLS readers read (their `TlsContext`): handed on as they are.
  const tlsRead = readTls(fields);
  pushAll(issues, tlsRead.issues);
  const graded = gradeHop(tlsRead, policy);
  pushAll(issues, graded.issues);
  return {
    index: placement.index,
    raw: value,
    byteOffset: placement.byteOffset,
    from: fields.from,
    by: fields.by,
    via: fields.via,
    protocol: fields.protocol,
    id: fields.id,
    for: fields.for,
    envelopeFrom: fields.envelopeFrom,
    date: fields.date,
    tls: tlsRead.tls,
    grade: graded.grade,
    reasons: graded.reasons,
    issues,
    fromName: fields.fromName,
    localHandover: fields.localHandover,
    instant: fields.instant,
  };
}
