/**
 * The few facts of one message that a summary adds up, small enough to copy between threads cheaply (a worker
 * sends these instead of the whole report when only the summary needs them).
 * @module
 */
import type { Grade, MessageReport, VerdictGrade } from '../types.js';
import { relayOf } from './relay-key.js';
import type { RelayBasis } from './types.js';

/** One external hop, as the summary sees it. */
export interface HopFacts {
  readonly grade: Grade;
  readonly cipher: string | null;
  readonly cipherIana: string | null;
  readonly relay: string;
  readonly basis: RelayBasis;
  /** UTC year of the hop's date, else the message's year. */
  readonly year: number | null;
}

/** One message, as the summary sees it. */
export interface MessageFacts {
  readonly verdict: VerdictGrade;
  readonly unreadable: boolean;
  /** An archive item with no internet headers (`IO_NO_INTERNET_HEADERS`): counted apart, never graded. */
  readonly withoutHeaders?: boolean;
  readonly hops: number;
  readonly internalHops: number;
  /** UTC year of the topmost dated hop (delivery), else of the Date header. */
  readonly year: number | null;
  readonly external: readonly HopFacts[];
  /** Nested reports found under this message. */
  readonly nested: number;
  /** The declared patterns this message did not match (see `MessageReport.unmatchedDeclared`). */
  readonly unmatchedDeclared: readonly string[];
}

function yearOf(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined || iso.length < 4) return null;
  // ISO years from our date parser are 4 digits (or signed 6 for out-of-range, which the parser flags).
  const y = Number.parseInt(iso.slice(0, iso.startsWith('+') || iso.startsWith('-') ? 7 : 4), 10);
  return Number.isFinite(y) ? y : null;
}

/** Whether an issue list says the message could not be read whole (an `IO_*` error). */
export function hasIoError(report: MessageReport): boolean {
  // A loop, not `some` with a callback: this runs twice per message in the CLI.
  for (const i of report.issues) if (i.severity === 'error' && i.code.startsWith('IO_')) return true;
  return false;
}

/**
 * The summary facts of a report; `nested` = how many nested reports hang below it. Small plain data: what a worker
 * thread sends instead of the whole report when only the summary needs it.
 * @example
 * ```ts
 * import { analyzeMessage, messageFacts, SummaryBuilder } from 'received-forensics';
 * const summary = new SummaryBuilder();
 * summary.add(messageFacts(analyzeMessage(raw), 0)); // the same as summary.addReport(report)
 * ```
 */
export function messageFacts(report: MessageReport, nested: number): MessageFacts {
  let year: number | null = null;
  for (const hop of report.hops) {
    year = yearOf(hop.date?.iso);
    if (year !== null) break;
  }
  year ??= yearOf(report.headers.date?.iso);
  const external: HopFacts[] = [];
  let internalHops = 0;
  for (const hop of report.hops) {
    if (hop.security.scope === 'internal') {
      internalHops++;
      continue;
    }
    const { relay, basis } = relayOf(hop);
    external.push({
      grade: hop.security.grade,
      cipher: hop.tls?.cipher ?? null,
      cipherIana: hop.tls?.cipherIana ?? null,
      relay,
      basis,
      year: yearOf(hop.date?.iso) ?? year,
    });
  }
  const withoutHeaders = report.hops.length === 0 && report.issues.some((i) => i.code === 'IO_NO_INTERNET_HEADERS');
  return {
    verdict: report.verdict.grade,
    unreadable: hasIoError(report),
    ...(withoutHeaders ? { withoutHeaders } : {}),
    hops: report.hops.length,
    internalHops,
    year,
    external,
    nested,
    unmatchedDeclared: report.unmatchedDeclared,
  };
}
