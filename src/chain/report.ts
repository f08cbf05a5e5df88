// TEMPORARY minimal report builder; the chain task replaces this file.
import type { HeaderField } from '../headers/split.js';
import type { AnalyzeOptions } from '../options.js';
import type { ReceivedRead } from '../received/parse.js';
import type { Grade, Issue, MessageReport } from '../types.js';

/** What analyzeMessage hands the chain step. */
export interface ReportInput {
  readonly received: readonly ReceivedRead[];
  readonly xReceived: readonly ReceivedRead[];
  readonly fields: readonly HeaderField[];
  readonly issues: Issue[];
  readonly truncated: boolean;
  readonly headerBytes: number;
}

const zero = (): Record<Grade, number> => ({ A: 0, B: 0, C: 0, F: 0, none: 0, unknown: 0 });

/** Assemble the report (placeholder). */
export function buildReport(input: ReportInput, _options: AnalyzeOptions): MessageReport {
  const counts = zero();
  for (const r of input.received) counts[r.hop.security.grade]++;
  return {
    hops: input.received.map((r) => r.hop),
    verdict: { grade: 'unknown', weakestHop: null, counts, internalCounts: zero() },
    timeline: { entries: [], totalSeconds: null, anomalies: [] },
    trace: { xReceived: input.xReceived.map((r) => r.hop), authenticationResults: [], receivedSpf: [], originatingIp: [], tlsRequired: null },
    headers: { date: null, messageId: null, from: null, subject: null },
    issues: input.issues,
    truncated: input.truncated,
    headerBytes: input.headerBytes,
  };
}
