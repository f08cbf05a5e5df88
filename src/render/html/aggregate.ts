/**
 * What an archive report needs beyond the scan summary, added up one message at a time in bounded memory: verdicts
 * per month, TLS versions of external hops, sending domains, and the N weakest messages kept for their detail.
 * The summary itself (counts, ciphers, relays, years) is the same {@link SummaryBuilder} the CLI and `scan()` use.
 * Whatever is kept is a copy with texts of its own: the strings of a report are slices of its message's decoded
 * header block (up to 1 MiB), which V8 keeps alive for as long as one slice is.
 * @module
 */
import { normaliseHost } from '../../address/host.js';
import { compareGrades, gradeRank } from '../../grade/order.js';
import { messageFacts } from '../../summary/facts.js';
import { MAX_SUMMARY_KEYS, OTHER_KEY, SummaryBuilder, tableKey, zeroCounts } from '../../summary/summary.js';
import { cutText, keptCopy } from '../../text/kept-copy.js';
import { memoKey } from '../../text/memo-key.js';
import type { GradeCounts, ScanSummary } from '../../summary/types.js';
import type { Grade, Hop, MessageReport } from '../../types.js';

/** 200 message details per report: each is a page of SVG and text; an auditor reads the worst, not all 10⁶. */
export const DEFAULT_MAX_DETAILS = 200;
/** 10,000 details at most even when asked: the HTML file must stay openable in a browser. */
const MAX_DETAILS_LIMIT = 10_000;
/** 60 hops drawn per message detail: real chains stay under 50; a forged 1,000-hop chain must not make a 1 MB SVG. */
export const MAX_DETAIL_HOPS = 60;
/** 2,000 characters of a raw Received value kept for the detail (real ones are under 2 KiB; the limit is 32 KiB). */
export const MAX_DETAIL_RAW = 2000;
/**
 * 300 characters of any other text kept for a detail (names, dates, evidence, messages; no view shows more): a
 * forged header block fills every field of every hop, and 200 details of 60 hops must not each copy a megabyte.
 */
export const MAX_DETAIL_TEXT = 300;
/**
 * 10 entries of each trace list kept for a detail (the view shows at most 5): a forged header block can hold a
 * thousand `X-Received` or `Authentication-Results` fields.
 */
export const MAX_DETAIL_TRACE = 10;
/** 10 rows in each ranked table: a report is read by a person. */
const REPORT_TOP = 10;

/** One message as the report takes it (what `scan()` yields, without its nested reports). */
export interface ReportMessage {
  /** The path or `-` it came from. */
  readonly source: string;
  /** Its position in that source (0-based). */
  readonly index: number;
  readonly report: MessageReport;
  /** How many nested reports hung below it (counted, not drawn). */
  readonly nested?: number;
}

/** Verdicts and external-hop grades of one month (`YYYY-MM`, UTC). */
export interface MonthTally {
  readonly month: string;
  readonly verdicts: GradeCounts;
  readonly externalHops: GradeCounts;
}

/** External hops per protocol version; `plaintext` and `not stated` are their own rows. */
export interface VersionTally {
  readonly version: string;
  readonly hops: number;
  readonly grades: GradeCounts;
}

/** Messages per sending domain (the domain of the `From:` address as written). */
export interface DomainTally {
  readonly domain: string;
  readonly messages: number;
  readonly worstVerdict: Grade;
  readonly verdicts: GradeCounts;
}

/**
 * External hops per receiving server (the `by` host as written, lower-cased; else its address): "which of our MXs
 * accepted weak TLS". The receiving side is the one whose own header states the TLS facts, so it is the side the
 * reader can fix.
 */
export interface ReceiverTally {
  readonly server: string;
  readonly hops: number;
  readonly worstGrade: Grade;
  readonly grades: GradeCounts;
  /** External hops per protocol version, in the order of the versions table; versions never seen are left out. */
  readonly versions: readonly { readonly version: string; readonly hops: number }[];
}

/** A message kept for its detail, its report slimmed and copied by {@link slimReport}. */
export interface DetailMessage extends ReportMessage {
  /** Order of arrival in the scan (0-based): the tie-break and the stable anchor. */
  readonly seq: number;
  /** Hops dropped from the detail past {@link MAX_DETAIL_HOPS} (the newest are kept). */
  readonly hopsOmitted: number;
}

/** Everything the archive view renders. Plain data. */
export interface ArchiveReportData {
  readonly summary: ScanSummary;
  /** Ascending; empty when more than the month cap were seen (then the years are used). */
  readonly months: readonly MonthTally[];
  readonly versions: readonly VersionTally[];
  /** Worst verdict first, then most messages at it; at most {@link REPORT_TOP}. */
  readonly worstDomains: readonly DomainTally[];
  /** Distinct sending domains seen (capped at the summary's key cap). */
  readonly domainCount: number;
  /** Receiving servers of external hops, worst grade first; at most {@link REPORT_TOP}. */
  readonly receivers: readonly ReceiverTally[];
  /** Distinct receiving servers seen (capped at the summary's key cap). */
  readonly receiverCount: number;
  /** The weakest messages, weakest first; at most `maxDetails`. */
  readonly weakest: readonly DetailMessage[];
}

/** 1,200 distinct months (a century): dates are attacker-written; past the cap the chart falls back to years. */
const MAX_MONTH_KEYS = 1200;

const VERSION_ORDER = ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3', 'SSLv2', 'encrypted, version not stated', 'plaintext', 'not stated'];

function monthOf(iso: string | null | undefined): string | null {
  if (iso === null || iso === undefined || iso.length < 7 || iso[4] !== '-') return null;
  return iso.slice(0, 7);
}

/** The domain of the first address in a From value, lowercased; `(no address)` when there is none. */
export function fromDomain(from: string | null): string {
  if (from === null) return '(no From)';
  const at = from.lastIndexOf('@');
  if (at < 0) return '(no address)';
  let end = at + 1;
  while (end < from.length && end - at <= 253) {
    const c = from[end] ?? '';
    if (c === '>' || c === ',' || c === ';' || c === ')' || c === '"' || c === ' ' || c === '\t' || c === '\r' || c === '\n') break;
    end++;
  }
  const domain = normaliseHost(from.slice(at + 1, end));
  return domain === '' ? '(no address)' : domain;
}

/** The receiving server's name as a table key: the `by` host lower-cased without a final dot, else its address. */
function receiverOf(hop: Hop): string {
  const host = hop.by?.host ?? null;
  if (host !== null && host !== '') return normaliseHost(host);
  return hop.by?.ip ?? '(not stated)';
}

function versionOf(hop: Hop): string {
  const tls = hop.tls;
  if (tls?.version != null) return tls.version;
  if (hop.security.grade === 'none' || tls?.encrypted === false) return 'plaintext';
  if (tls?.encrypted === true) return 'encrypted, version not stated';
  return 'not stated';
}

/** Worst verdict first, then most external hops at that grade, then earliest. Negative = `a` is weaker. */
function weaknessOrder(a: DetailMessage, b: DetailMessage): number {
  // Kept details always have a graded verdict (`add` skips `internal-only`).
  const ga = a.report.verdict.grade as Grade;
  const gb = b.report.verdict.grade as Grade;
  return compareGrades(ga, gb) || b.report.verdict.counts[gb] - a.report.verdict.counts[ga] || a.seq - b.seq;
}

/** A detail's copy of one text: `raw` values to {@link MAX_DETAIL_RAW}, any other to {@link MAX_DETAIL_TEXT}. */
function detailText(text: string, key: string | undefined): string {
  return memoKey(cutText(text, key === 'raw' ? MAX_DETAIL_RAW : MAX_DETAIL_TEXT));
}

/**
 * The report as a detail keeps it: at most {@link MAX_DETAIL_HOPS} hops (the newest, header order kept) and
 * {@link MAX_DETAIL_TRACE} entries per trace list, texts cut (see {@link MAX_DETAIL_TEXT}), and every string a copy
 * of its own, so that keeping it keeps nothing of the message it came from.
 */
export function slimReport(report: MessageReport): { report: MessageReport; omitted: number } {
  const omitted = Math.max(0, report.hops.length - MAX_DETAIL_HOPS);
  const hops = omitted > 0 ? report.hops.slice(0, MAX_DETAIL_HOPS) : report.hops;
  const kept = new Set(hops.map((h) => h.index));
  const timeline = omitted > 0 ? { ...report.timeline, entries: report.timeline.entries.filter((e) => kept.has(e.hop)) } : report.timeline;
  const t = report.trace;
  const trace = {
    ...t,
    xReceived: t.xReceived.slice(0, MAX_DETAIL_TRACE),
    authenticationResults: t.authenticationResults.slice(0, MAX_DETAIL_TRACE),
    receivedSpf: t.receivedSpf.slice(0, MAX_DETAIL_TRACE),
    originatingIp: t.originatingIp.slice(0, MAX_DETAIL_TRACE),
  };
  return { report: keptCopy({ ...report, hops, timeline, trace }, detailText), omitted };
}

/**
 * A binary max-heap on weakness order (the least weak at the top), holding at most `cap` messages: O(log cap) per
 * message, so a million-message archive keeps only its `cap` weakest.
 */
class WeakestHeap {
  private readonly items: DetailMessage[] = [];
  constructor(private readonly cap: number) {}

  offer(item: DetailMessage): void {
    if (this.cap === 0) return;
    if (this.items.length < this.cap) {
      this.items.push(item);
      this.up(this.items.length - 1);
      return;
    }
    const top = this.items[0];
    if (top === undefined || weaknessOrder(item, top) >= 0) return;
    this.items[0] = item;
    this.down(0);
  }

  /** Would `probe` enter the heap? (Saves slimming reports that would be dropped at once.) */
  accepts(grade: Grade, atGrade: number): boolean {
    if (this.items.length < this.cap) return this.cap > 0;
    const top = this.items[0];
    if (top === undefined) return false;
    const tv = top.report.verdict;
    const tg = tv.grade as Grade;
    // seq is always larger for a newcomer, so only a strictly weaker one enters.
    return compareGrades(grade, tg) < 0 || (grade === tg && atGrade > tv.counts[tg]);
  }

  sorted(): DetailMessage[] {
    return [...this.items].sort(weaknessOrder);
  }

  private up(i: number): void {
    const items = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const child = items[i];
      const parent = items[p];
      if (child === undefined || parent === undefined || weaknessOrder(child, parent) <= 0) return;
      items[i] = parent;
      items[p] = child;
      i = p;
    }
  }

  private down(i: number): void {
    const items = this.items;
    for (;;) {
      let big = i;
      for (const c of [2 * i + 1, 2 * i + 2]) {
        const child = items[c];
        if (child !== undefined && weaknessOrder(child, items[big] as DetailMessage) > 0) big = c;
      }
      if (big === i) return;
      const a = items[i] as DetailMessage;
      items[i] = items[big] as DetailMessage;
      items[big] = a;
      i = big;
    }
  }
}

/** Options of the aggregation. */
export interface AggregateOptions {
  /** Message details kept (default {@link DEFAULT_MAX_DETAILS}, at most {@link MAX_DETAILS_LIMIT}). */
  readonly maxDetails?: number;
}

/** Adds messages up for the archive view; `result()` may be called at any time. */
export class ReportAggregator {
  private readonly summary = new SummaryBuilder();
  private readonly months = new Map<string, { verdicts: GradeCounts; externalHops: GradeCounts }>();
  private monthsOverflow = false;
  private readonly versions = new Map<string, GradeCounts>();
  private readonly domains = new Map<string, { messages: number; worst: Grade; verdicts: GradeCounts }>();
  private readonly receivers = new Map<string, { hops: number; worst: Grade; grades: GradeCounts; versions: Map<string, number> }>();
  private readonly heap: WeakestHeap;
  private seq = 0;

  constructor(options: AggregateOptions = {}) {
    const max = options.maxDetails ?? DEFAULT_MAX_DETAILS;
    if (!Number.isSafeInteger(max) || max < 0 || max > MAX_DETAILS_LIMIT) throw new TypeError(`maxDetails must be an integer in 0..${MAX_DETAILS_LIMIT}`);
    this.heap = new WeakestHeap(max);
  }

  /** Count one top-level message. */
  add(message: ReportMessage): void {
    const { report } = message;
    this.summary.add(messageFacts(report, message.nested ?? 0));
    let messageMonth: string | null = null;
    for (const hop of report.hops) {
      messageMonth = monthOf(hop.date?.iso);
      if (messageMonth !== null) break;
    }
    messageMonth ??= monthOf(report.headers.date?.iso);
    // No hop crossed between operators: nothing to chart, rank or keep as a weak message (the summary counts it apart).
    if (report.verdict.grade === 'internal-only') {
      this.seq++;
      return;
    }
    const verdict = report.verdict.grade;
    const mrow = this.monthRow(messageMonth);
    if (mrow !== null) mrow.verdicts[verdict]++;
    for (const hop of report.hops) {
      if (hop.security.scope === 'internal') continue;
      const grade = hop.security.grade;
      const hrow = this.monthRow(monthOf(hop.date?.iso) ?? messageMonth);
      if (hrow !== null) hrow.externalHops[grade]++;
      const version = versionOf(hop);
      let row = this.versions.get(version);
      if (row === undefined) this.versions.set(version, (row = zeroCounts()));
      row[grade]++;
      this.addReceiver(receiverOf(hop), grade, version);
    }
    this.addDomain(fromDomain(report.headers.from), verdict);
    const seq = this.seq++;
    if (this.heap.accepts(verdict, report.verdict.counts[verdict])) {
      const slim = slimReport(report);
      // The source too is a copy: nothing a detail keeps may hold on to what the reader handed over.
      this.heap.offer({ source: memoKey(message.source), index: message.index, report: slim.report, seq, hopsOmitted: slim.omitted, ...(message.nested === undefined ? {} : { nested: message.nested }) });
    }
  }

  private monthRow(month: string | null): { verdicts: GradeCounts; externalHops: GradeCounts } | null {
    if (month === null) return null;
    let row = this.months.get(month);
    if (row === undefined) {
      if (this.months.size >= MAX_MONTH_KEYS) {
        this.monthsOverflow = true;
        return null;
      }
      row = { verdicts: zeroCounts(), externalHops: zeroCounts() };
      this.months.set(month, row);
    }
    return row;
  }

  private addReceiver(server: string, grade: Grade, version: string): void {
    const cut = tableKey(server);
    const key = this.receivers.has(cut) || this.receivers.size < MAX_SUMMARY_KEYS ? cut : OTHER_KEY;
    let row = this.receivers.get(key);
    // A new key is a copy: the name is a slice of this message's header block.
    if (row === undefined) this.receivers.set(memoKey(key), (row = { hops: 0, worst: grade, grades: zeroCounts(), versions: new Map() }));
    row.hops++;
    row.grades[grade]++;
    // versions are the fixed names of VERSION_ORDER: at most nine keys per server
    row.versions.set(version, (row.versions.get(version) ?? 0) + 1);
    if (gradeRank(grade) < gradeRank(row.worst)) row.worst = grade;
  }

  private addDomain(domain: string, verdict: Grade): void {
    const cut = tableKey(domain);
    const key = this.domains.has(cut) || this.domains.size < MAX_SUMMARY_KEYS ? cut : OTHER_KEY;
    let row = this.domains.get(key);
    // A new key is a copy: the domain is a slice of this message's header block.
    if (row === undefined) this.domains.set(memoKey(key), (row = { messages: 0, worst: verdict, verdicts: zeroCounts() }));
    row.messages++;
    row.verdicts[verdict]++;
    if (gradeRank(verdict) < gradeRank(row.worst)) row.worst = verdict;
  }

  /** The data so far. */
  result(): ArchiveReportData {
    const months: MonthTally[] = this.monthsOverflow
      ? []
      : [...this.months.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([month, r]) => ({ month, verdicts: { ...r.verdicts }, externalHops: { ...r.externalHops } }));
    const versions: VersionTally[] = VERSION_ORDER.flatMap((version) => {
      const grades = this.versions.get(version);
      if (grades === undefined) return [];
      let hops = 0;
      for (const g of Object.values(grades)) hops += g;
      return [{ version, hops, grades: { ...grades } }];
    });
    const worstDomains: DomainTally[] = [...this.domains.entries()]
      .sort((a, b) => gradeRank(a[1].worst) - gradeRank(b[1].worst) || b[1].verdicts[b[1].worst] - a[1].verdicts[a[1].worst] || b[1].messages - a[1].messages || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, REPORT_TOP)
      .map(([domain, r]) => ({ domain, messages: r.messages, worstVerdict: r.worst, verdicts: { ...r.verdicts } }));
    const receivers: ReceiverTally[] = [...this.receivers.entries()]
      .sort((a, b) => gradeRank(a[1].worst) - gradeRank(b[1].worst) || b[1].grades[b[1].worst] - a[1].grades[a[1].worst] || b[1].hops - a[1].hops || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, REPORT_TOP)
      .map(([server, r]) => ({
        server,
        hops: r.hops,
        worstGrade: r.worst,
        grades: { ...r.grades },
        versions: VERSION_ORDER.flatMap((version) => {
          const hops = r.versions.get(version);
          return hops === undefined ? [] : [{ version, hops }];
        }),
      }));
    return { summary: this.summary.result(), months, versions, worstDomains, domainCount: this.domains.size, receivers, receiverCount: this.receivers.size, weakest: this.heap.sorted() };
  }
}
