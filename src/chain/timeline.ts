/**
 * The timeline: hops oldest first, the delay each one added, the total transit time. Chronological order is the
 * reverse of header order (RFC 5321 §4.4: each server prepends its line); it is never re-sorted by date, because
 * sorting would hide exactly the time travel a forensic reader is looking for. Negative delays are kept as they
 * are and flagged, never clamped or wrapped.
 * @module
 */

// Instants are epoch milliseconds: a span is one subtraction, with no Date made per hop.
import { issue } from '../issues.js';
import type { HopDate, Issue, Timeline, TimelineEntry } from '../types.js';
import { millisOfIso } from './iso-millis.js';

/** One hour: greylisting (5–30 min) and a few retries stay under it; a longer wait is worth a look. */
const LARGE_GAP_SECONDS = 3600;

/**
 * Five minutes: a negative delay within this is ordinary clock skew between two servers (info); beyond it the
 * header below was written "after" the one above it, a sign of an inserted or edited line (warning).
 */
export const CLOCK_SKEW_SECONDS = 300;

/** What the timeline reads of a hop: its date, and the date's instant when the date reader computed it. */
export interface DatedHop {
  readonly date: HopDate | null;
  /** `date.iso` as epoch milliseconds; when absent or null the ISO text is read. Trusted, not checked against it. */
  readonly instant?: number | null;
}

/** The timeline and the per-hop issues it raised (sparse, by hop index). */
export interface TimelineResult {
  readonly timeline: Timeline;
  readonly hopIssues: (Issue[] | undefined)[];
}

function add(hopIssues: (Issue[] | undefined)[], index: number, i: Issue): void {
  const list = hopIssues[index];
  if (list === undefined) hopIssues[index] = [i];
  else list.push(i);
}

/**
 * Build the timeline. `totalSeconds` = newest minus oldest dated hop in chronological (header-reverse) order,
 * which equals the sum of the delays and may itself be negative. `share` = a delay over the sum of the
 * non-negative delays (equal to `totalSeconds` when no delay is negative); `null` for negative or unknown delays.
 * A hop's `instant` (the date reader's) saves reading its ISO text back.
 */
export function buildTimeline(hops: readonly DatedHop[]): TimelineResult {
  const anomalies: Issue[] = [];
  const hopIssues: (Issue[] | undefined)[] = [];
  const delays: (number | null)[] = [];
  const isos: (string | null)[] = [];
  // Instants as epoch milliseconds (parsed without a Date per hop); `dated` counts the hops that had one.
  let prev = 0;
  let first = 0;
  let dated = 0;
  let positiveSum = 0;
  for (let k = hops.length - 1; k >= 0; k--) {
    const hop = hops[k]!;
    const iso = hop.date?.iso ?? null;
    const when = iso === null ? Number.NaN : (hop.instant ?? millisOfIso(iso));
    if (iso === null || Number.isNaN(when)) {
      isos.push(null);
      delays.push(null);
      const why = hop.date === null ? 'no date' : `a date that cannot be placed in time (${hop.date.text.slice(0, 40)})`;
      const i = issue('CHAIN_MISSING_DATE', 'info', `hop ${k} has ${why}: left out of the delay arithmetic`);
      anomalies.push(i);
      add(hopIssues, k, i);
      continue;
    }
    isos.push(iso);
    if (dated === 0) {
      delays.push(null);
      first = when;
    } else {
      const seconds = (when - prev) / 1000;
      delays.push(seconds);
      if (seconds < 0) {
        const severity = -seconds > CLOCK_SKEW_SECONDS ? 'warning' : 'info';
        const i = issue('CHAIN_NEGATIVE_DELAY', severity, `hop ${k} is dated ${-seconds} s before the hop it received the message from`);
        anomalies.push(i);
        add(hopIssues, k, i);
      } else {
        positiveSum += seconds;
        if (seconds > LARGE_GAP_SECONDS) {
          const i = issue('CHAIN_LARGE_GAP', 'info', `hop ${k} came ${seconds} s after the hop before it (over ${LARGE_GAP_SECONDS} s)`);
          anomalies.push(i);
          add(hopIssues, k, i);
        }
      }
    }
    prev = when;
    dated++;
  }
  const entries: TimelineEntry[] = [];
  for (let j = 0; j < delays.length; j++) {
    const delay = delays[j]!;
    const share = delay === null || delay < 0 || positiveSum <= 0 ? null : delay / positiveSum;
    entries.push({ hop: hops.length - 1 - j, iso: isos[j]!, delaySeconds: delay, share });
  }
  const totalSeconds = dated > 1 ? (prev - first) / 1000 : null;
  return { timeline: { entries, totalSeconds, anomalies }, hopIssues };
}

/**
 * CHAIN_FUTURE_DATE: the author's `Date:` (RFC 5322 §3.6.1, "the date and time at which the creator … indicated
 * that the message was complete") lies after the newest Received date by more than {@link CLOCK_SKEW_SECONDS}:
 * the message claims to have been written after it was delivered (a wrong client clock, or a forged Date).
 */
export function futureDateIssue(dateIso: string | null, entries: readonly TimelineEntry[]): Issue | null {
  if (dateIso === null) return null;
  let newest: TimelineEntry | null = null;
  for (let j = entries.length - 1; j >= 0 && newest === null; j--) if (entries[j]!.iso !== null) newest = entries[j]!;
  if (newest === null || newest.iso === null) return null;
  const ahead = (millisOfIso(dateIso) - millisOfIso(newest.iso)) / 1000;
  if (!(ahead > CLOCK_SKEW_SECONDS)) return null;
  return issue('CHAIN_FUTURE_DATE', 'info', `the Date header is ${ahead} s after the newest Received date (hop ${newest.hop})`);
}
