/**
 * Shapes of the archive summary: what a scan of many messages adds up to. Plain data, deterministic for a given
 * input order (no wall-clock fields).
 * @module
 */
import type { Grade } from '../types.js';

/** A count per grade; every grade is present. */
export type GradeCounts = Record<Grade, number>;

/** One cipher seen on external hops. */
export interface CipherTally {
  /**
   * The cipher as first written in a header (`DES-CBC3-SHA`, `RC4-MD5`); `(other)` for the ciphers seen after
   * `MAX_SUMMARY_KEYS` distinct ones; a name longer than `MAX_KEY_CHARS` is cut there and ends in `...`.
   */
  readonly cipher: string;
  /** The IANA name when the catalogue knows the cipher; `null` otherwise (then `cipher` is the key). */
  readonly cipherIana: string | null;
  /** The worst grade of a hop that used it. */
  readonly grade: Grade;
  /** External hops that used it. */
  readonly count: number;
}

/** What a relay key was built from: the receiver's reverse DNS, the client's HELO name, or the IP alone. */
export type RelayBasis = 'rdns' | 'helo' | 'ip' | 'unstated';

/** One sending relay (grouped by its registrable-ish domain, else its IP) over external hops. */
export interface RelayTally {
  /**
   * `example.com`, `mail.co.uk`-style last labels, an IP, or `(unstated)`; `(other)` for the relays seen after
   * `MAX_SUMMARY_KEYS` distinct ones (an archive of a million forged names keeps a bounded table);
   * a name longer than `MAX_KEY_CHARS` is cut there and ends in `...`.
   */
  readonly relay: string;
  /** What `relay` was derived from. */
  readonly basis: RelayBasis;
  /** External hops this relay sent. */
  readonly hops: number;
  /** The worst grade over those hops. */
  readonly worstGrade: Grade;
  /** Those hops per grade. */
  readonly grades: GradeCounts;
}

/** Grade counts of one year. */
export interface YearTally {
  /** The UTC year; `null` = no valid date on the hop nor in the message's Date header. */
  readonly year: number | null;
  /** Message verdicts, the year taken from the topmost dated hop (delivery), else the Date header. */
  readonly verdicts: GradeCounts;
  /** Messages of that year whose verdict is `internal-only` (counted apart from `verdicts`). */
  readonly internalOnly: number;
  /** External hops, the year taken from the hop's own date, else the message's year. */
  readonly externalHops: GradeCounts;
}

/** The summary of a scan (`{ type: 'summary' }`, the last item of `scan()` and of `--format ndjson`). */
export interface ScanSummary {
  /** Tells the summary from the message items. */
  readonly type: 'summary';
  /** Messages read at the top level (including unreadable ones, each a report with an issue). */
  readonly messages: number;
  /**
   * Archive items (Outlook `.pst`/`.ost`/`.msg`) that kept no internet headers: counted here, not in `verdicts` nor
   * in `internalOnly`, never as unreadable.
   */
  readonly withoutHeaders: number;
  /** Nested `message/rfc822` reports (only with the `nested` option). */
  readonly nestedMessages: number;
  /** Top-level messages whose record carries an `IO_*` error (unreadable, truncated, not a message). */
  readonly unreadable: number;
  /** Received hops of the top-level messages. */
  readonly hops: number;
  /** Hops whose scope is not `internal` (those the verdict weighs). */
  readonly externalHops: number;
  /** Hops whose scope is `internal` (shown, never weighed). */
  readonly internalHops: number;
  /** Message verdicts per grade (messages whose verdict is a grade). */
  readonly verdicts: GradeCounts;
  /** Messages none of whose hops crossed between operators (verdict `internal-only`), counted apart from `verdicts`. */
  readonly internalOnly: number;
  /**
   * The declared trusted/internal networks and host patterns that matched nothing in any message of the scan: a
   * typo, or a pattern that cannot match (a HELO name its address never confirms). Empty when all matched or none
   * were declared.
   */
  readonly unmatchedDeclared: readonly string[];
  /** External hops per grade. */
  readonly externalHopGrades: GradeCounts;
  /**
   * Ciphers on external hops, worst grade first (the project order `none` < `F` < `unknown` < `C` < `B` < `A`),
   * then most used; at most 10 entries (`SUMMARY_TOP`).
   */
  readonly weakestCiphers: readonly CipherTally[];
  /** Sending relays of external hops, worst grade first (same order), then most hops at that grade; at most 10 (`SUMMARY_TOP`). */
  readonly worstRelays: readonly RelayTally[];
  /** Per year, ascending, the `null` year last. */
  readonly years: readonly YearTally[];
}

/** 10 entries in each ranked list: a summary is read by a person. */
export const SUMMARY_TOP = 10;
