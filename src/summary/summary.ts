/**
 * Adds message facts up into a {@link ScanSummary} in bounded memory: counters, plus three keyed tables (ciphers,
 * relays, years) each capped at {@link MAX_SUMMARY_KEYS} distinct keys of at most {@link MAX_KEY_CHARS} characters,
 * each a copy of its own (a name as read is a slice that keeps its message's whole header block alive).
 * @module
 */
import { compareGrades } from '../grade/order.js';
import { cutText, keptText } from '../text/kept-copy.js';
import { memoKey } from '../text/memo-key.js';
import type { Grade, MessageReport } from '../types.js';
import { messageFacts, type MessageFacts } from './facts.js';
import { SUMMARY_TOP, type CipherTally, type GradeCounts, type RelayBasis, type RelayTally, type ScanSummary, type YearTally } from './types.js';

/** 50,000 distinct keys per table: hostile headers can invent a new cipher or relay name per hop; past the cap they count under `(other)`. */
export const MAX_SUMMARY_KEYS = 50_000;

/** The key past the cap. */
export const OTHER_KEY = '(other)';

/**
 * 256 characters of a relay, cipher or domain key (a DNS name has at most 253, a suite name about 50): a header can
 * hold a 32 KiB "name", and {@link MAX_SUMMARY_KEYS} of them would be 3 GB. Longer keys are cut and end in `...`.
 */
export const MAX_KEY_CHARS = 256;

/** `text` as a table key: cut to {@link MAX_KEY_CHARS} (lookups use this too, so a cut name always meets its row). */
export function tableKey(text: string): string {
  return cutText(text, MAX_KEY_CHARS);
}

/** Zero for every grade. */
export function zeroCounts(): GradeCounts {
  return { A: 0, B: 0, C: 0, F: 0, none: 0, unknown: 0 };
}

interface CipherRow {
  cipher: string;
  cipherIana: string | null;
  grade: Grade;
  count: number;
}

interface RelayRow {
  relay: string;
  basis: RelayBasis;
  hops: number;
  worstGrade: Grade;
  grades: GradeCounts;
}

interface YearRow {
  year: number | null;
  verdicts: GradeCounts;
  internalOnly: number;
  externalHops: GradeCounts;
}

function capped<T>(map: Map<string, T>, key: string): string {
  return map.has(key) || map.size < MAX_SUMMARY_KEYS ? key : OTHER_KEY;
}

/** Code-unit order: the same on every machine (no locale). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function worse(a: Grade, b: Grade): Grade {
  return compareGrades(a, b) <= 0 ? a : b;
}

/**
 * The archive summary (what `scan()` yields last and `rcvd` prints at the end), added up one message at a time in
 * bounded memory; `result()` may be called at any time (it does not reset).
 * @example
 * ```ts
 * import { analyzeMessage, SummaryBuilder } from 'received-forensics';
 * const summary = new SummaryBuilder();
 * for (const raw of messages) summary.addReport(analyzeMessage(raw));
 * console.log(summary.result().verdicts);
 * ```
 */
export class SummaryBuilder {
  private messages = 0;
  private nested = 0;
  private unreadable = 0;
  private withoutHeaders = 0;
  private hops = 0;
  private internalHops = 0;
  private readonly verdicts = zeroCounts();
  private internalOnly = 0;
  /** Declared patterns no message has matched yet; `null` before the first message. */
  private unmatched: string[] | null = null;
  private readonly externalGrades = zeroCounts();
  private readonly ciphers = new Map<string, CipherRow>();
  private readonly relays = new Map<string, RelayRow>();
  private readonly years = new Map<string, YearRow>();

  /** Count one top-level message by its report; `nested` = how many nested reports hang below it. */
  addReport(report: MessageReport, nested = 0): void {
    this.add(messageFacts(report, nested));
  }

  /** Count one top-level message by its facts (see `messageFacts`: what a worker sends instead of the report). */
  add(facts: MessageFacts): void {
    this.messages++;
    this.nested += facts.nested;
    if (facts.unreadable) this.unreadable++;
    this.hops += facts.hops;
    this.internalHops += facts.internalHops;
    const year = this.yearRow(facts.year);
    if (facts.withoutHeaders === true) {
      // An Outlook item kept no internet headers (a draft, a sent item, mail inside one organisation): nothing to weigh.
      this.withoutHeaders++;
    } else if (facts.verdict === 'internal-only') {
      this.internalOnly++;
      year.internalOnly++;
    } else {
      this.verdicts[facts.verdict]++;
      year.verdicts[facts.verdict]++;
    }
    // Facts without the field (an older NDJSON) say nothing about the patterns.
    const missed = facts.unmatchedDeclared ?? [];
    if (this.unmatched === null) this.unmatched = [...missed];
    else if (this.unmatched.length > 0) this.unmatched = this.unmatched.filter((p) => missed.includes(p));
    for (const hop of facts.external) {
      this.externalGrades[hop.grade]++;
      this.yearRow(hop.year).externalHops[hop.grade]++;
      if (hop.cipher !== null) this.addCipher(hop.cipher, hop.cipherIana, hop.grade);
      this.addRelay(hop.relay, hop.basis, hop.grade);
    }
  }

  private yearRow(year: number | null): YearRow {
    const key = capped(this.years, year === null ? 'null' : String(year));
    let row = this.years.get(key);
    if (row === undefined) {
      row = { year: key === OTHER_KEY ? null : year, verdicts: zeroCounts(), internalOnly: 0, externalHops: zeroCounts() };
      this.years.set(key, row);
    }
    return row;
  }

  private addCipher(cipher: string, cipherIana: string | null, grade: Grade): void {
    const key = capped(this.ciphers, cipherIana === null ? `?${tableKey(cipher)}` : tableKey(cipherIana));
    const row = this.ciphers.get(key);
    if (row === undefined) {
      // A new row keeps copies only: the texts are slices of this message's header block.
      const kept = key === OTHER_KEY ? { cipher: OTHER_KEY, cipherIana: null, grade, count: 1 } : { cipher: keptText(cipher, MAX_KEY_CHARS), cipherIana: cipherIana === null ? null : keptText(cipherIana, MAX_KEY_CHARS), grade, count: 1 };
      this.ciphers.set(memoKey(key), kept);
      return;
    }
    row.count++;
    row.grade = worse(row.grade, grade);
  }

  private addRelay(relay: string, basis: RelayBasis, grade: Grade): void {
    const key = capped(this.relays, tableKey(relay));
    let row = this.relays.get(key);
    if (row === undefined) {
      const kept = memoKey(key);
      row = { relay: kept, basis: key === OTHER_KEY ? 'unstated' : basis, hops: 0, worstGrade: grade, grades: zeroCounts() };
      this.relays.set(kept, row);
    }
    row.hops++;
    row.grades[grade]++;
    row.worstGrade = worse(row.worstGrade, grade);
  }

  /** The summary so far. Ranked lists are sorted with total, deterministic tie-breaks. */
  result(): ScanSummary {
    const weakestCiphers: CipherTally[] = [...this.ciphers.values()]
      .sort((a, b) => compareGrades(a.grade, b.grade) || b.count - a.count || byText(a.cipherIana ?? a.cipher, b.cipherIana ?? b.cipher))
      .slice(0, SUMMARY_TOP)
      .map((r) => ({ cipher: r.cipher, cipherIana: r.cipherIana, grade: r.grade, count: r.count }));
    const worstRelays: RelayTally[] = [...this.relays.values()]
      .sort((a, b) => compareGrades(a.worstGrade, b.worstGrade) || b.grades[b.worstGrade] - a.grades[a.worstGrade] || b.hops - a.hops || byText(a.relay, b.relay))
      .slice(0, SUMMARY_TOP)
      .map((r) => ({ relay: r.relay, basis: r.basis, hops: r.hops, worstGrade: r.worstGrade, grades: { ...r.grades } }));
    const years: YearTally[] = [...this.years.values()]
      .sort((a, b) => (a.year === null ? 1 : b.year === null ? -1 : a.year - b.year))
      .map((r) => ({ year: r.year, verdicts: { ...r.verdicts }, internalOnly: r.internalOnly, externalHops: { ...r.externalHops } }));
    const externalHops = this.hops - this.internalHops;
    return {
      type: 'summary',
      messages: this.messages,
      nestedMessages: this.nested,
      unreadable: this.unreadable,
      withoutHeaders: this.withoutHeaders,
      hops: this.hops,
      externalHops,
      internalHops: this.internalHops,
      verdicts: { ...this.verdicts },
      internalOnly: this.internalOnly,
      unmatchedDeclared: this.unmatched === null ? [] : [...this.unmatched],
      externalHopGrades: { ...this.externalGrades },
      weakestCiphers,
      worstRelays,
      years,
    };
  }
}
