/**
 * The chain step: from the Received hops as read one by one to the message report (docs/output.md).
 * Decides each hop's scope (with an S-INTERNAL / S-EXTERNAL / S-UNKNOWN reason), walks the trust boundary
 * (UNVERIFIABLE), checks continuity (CHAIN_DISCONTINUITY), builds the timeline, the verdict and the other trace
 * evidence, and only then builds each public hop, once. Hops are never dropped or reordered: `hops[i].index === i`,
 * header order.
 * @module
 */

import type { HeaderField } from '../headers/split.js';
import { issue, pushAll } from '../issues.js';
import type { AnalyzeOptions } from '../options.js';
import type { HopRead } from '../hop/read-hop.js';
import { toHop } from '../hop/to-hop.js';
import type { Hop, Issue, MessageReport, Reason } from '../types.js';
import { checkContinuity } from './continuity.js';
import { unmatchedDeclared } from './declared.js';
import { checkForefront } from './forefront.js';
import { readMessageHeaders } from './message-headers.js';
import { resolveChainOptions } from './options.js';
import { classifyScope, type ScopeContext, type ScopeDecision } from './scope.js';
import { buildTimeline, futureDateIssue } from './timeline.js';
import { readTrace } from './trace.js';
import { trustInferredIssue, unverifiableIssue, walkTrust } from './trust.js';
import { computeVerdict } from './verdict.js';
import { writerNames } from './writer-names.js';

/** What analyzeMessage hands the chain step. */
export interface ReportInput {
  readonly received: readonly HopRead[];
  readonly xReceived: readonly HopRead[];
  readonly fields: readonly HeaderField[];
  readonly issues: Issue[];
  readonly truncated: boolean;
  readonly headerBytes: number;
  /** Trace fields of each kind to read (the `maxReceivedFields` limit); the default when omitted. */
  readonly maxTraceFields?: number;
}

/** The public hop of a read with its scope decided: the scope reason after the grade's, extra issues appended. */
function scopedHop(read: HopRead, d: ScopeDecision, extra: readonly Issue[]): Hop {
  // Pushed into a literal: arrays from one allocation site share one elements kind (a `slice` of an empty and of a
  // full array do not, and every new kind met is a deopt). The read's arrays are not touched.
  const reasons: Reason[] = [];
  pushAll(reasons, read.reasons);
  reasons.push(d.reason);
  return toHop(read, d.scope, d.basis, reasons, extra.length === 0 ? read.issues : read.issues.concat(extra));
}

const NO_ISSUES: readonly Issue[] = Object.freeze([]);

/**
 * Assemble the report of one message. Throws `TypeError` only for invalid options (see `resolveChainOptions`);
 * never on data.
 */
export function buildReport(input: ReportInput, options: AnalyzeOptions): MessageReport {
  const o = resolveChainOptions(options);
  const reads = input.received;
  const n = reads.length;
  const breaks = checkContinuity(reads, o.providers);
  const contexts: ScopeContext[] = [];
  const decisions: ScopeDecision[] = [];
  for (let i = 0; i < n; i++) {
    const ctx: ScopeContext = { options: o, writer: writerNames(reads, i, i > 0 && breaks[i - 1] === undefined) };
    contexts.push(ctx);
    decisions.push(classifyScope(reads[i]!, ctx));
  }
  const walk = walkTrust(reads, decisions, contexts);
  const { timeline, hopIssues } = buildTimeline(reads);
  const unverifiable = walk.boundary < n ? unverifiableIssue(walk) : null;

  const hops: Hop[] = [];
  for (let i = 0; i < n; i++) {
    const brk = breaks[i];
    const t = hopIssues[i];
    const late = unverifiable !== null && i >= walk.boundary;
    let extra = NO_ISSUES;
    if (brk !== undefined || late || t !== undefined) {
      const some: Issue[] = [];
      if (brk !== undefined) some.push(brk);
      if (late) some.push(unverifiable);
      if (t !== undefined) pushAll(some, t);
      extra = some;
    }
    hops.push(scopedHop(reads[i]!, decisions[i]!, extra));
  }
  const xReceived: Hop[] = [];
  for (let i = 0; i < input.xReceived.length; i++) {
    const r = input.xReceived[i]!;
    xReceived.push(scopedHop(r, classifyScope(r, { options: o, writer: writerNames(input.xReceived, i, false) }), NO_ISSUES));
  }

  const issues: Issue[] = [];
  pushAll(issues, input.issues);
  if (n === 0) issues.push(issue('CHAIN_NO_HOPS', 'info', 'the message has no Received fields: nothing to trace'));
  const inferred = trustInferredIssue(walk, n, o);
  if (inferred !== null) issues.push(inferred);
  const trace = readTrace(input.fields, hops, input.maxTraceFields);
  pushAll(issues, trace.issues);
  pushAll(issues, checkForefront(trace.trace.forefront, hops, walk.boundary));
  const head = readMessageHeaders(input.fields);
  pushAll(issues, head.issues);
  const future = futureDateIssue(head.headers.date?.iso ?? null, timeline.entries);

  return {
    hops,
    verdict: computeVerdict(hops),
    timeline: future === null ? timeline : { ...timeline, anomalies: [...timeline.anomalies, future] },
    trace: { xReceived, ...trace.trace },
    headers: head.headers,
    issues,
    truncated: input.truncated || trace.truncated,
    headerBytes: input.headerBytes,
    unmatchedDeclared: unmatchedDeclared(o.declared, reads, contexts),
  };
}
