/**
 * The HTML report: one self-contained file (no script, no network, a CSP that allows only its own stylesheet) with
 * an archive view — summary, grades over time, versions, ciphers, worst relays and domains, the weakest messages and
 * their hop paths — or, for a single message, its hop path alone. Pure: string in, string out.
 * @module
 */
import type { MessageReport } from '../../types.js';
import { ReportAggregator, slimReport, type AggregateOptions, type ArchiveReportData, type ReportMessage } from './aggregate.js';
import { archiveBody } from './archive-view.js';
import { esc, text } from './escape.js';
import { messageSection, type MessageOrigin } from './message-view.js';
import { badge } from './palette.js';
import { page } from './page.js';
import type { ReportSettings } from '../settings.js';

export { ReportAggregator, DEFAULT_MAX_DETAILS, MAX_DETAIL_HOPS } from './aggregate.js';
export type { AggregateOptions, ArchiveReportData, ReportMessage } from './aggregate.js';
export { REPORT_CSS } from './styles.js';

/** What the page says about itself. */
export interface ReportOptions {
  /** The `<h1>` and `<title>` (default "Received-chain TLS report"). */
  readonly title?: string;
  /** When it was made, printed as given (e.g. an ISO instant); absent = not printed, so output is reproducible. */
  readonly generatedAt?: string;
  /** The tool and version that made it (`rcvd 0.1.0`). */
  readonly generator?: string;
  /** The settings the run was made with, so a report handed on says how it was graded; absent = not printed. */
  readonly settings?: ReportSettings;
}

/** 400 characters of a settings list shown (the lists of `--trusted` networks can be long). */
const MAX_SETTINGS_TEXT = 400;

function settingsLine(s: ReportSettings): string {
  const list = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.join(', '));
  const parts = [
    `policy ${s.policy}`,
    `trusted ${list(s.trusted)}`,
    `internal ${list(s.internal)}`,
    `providers ${s.providers ?? 'built-in'}`,
    `nested ${s.nested ? 'yes' : 'no'}`,
    `max hops ${s.maxHops ?? 'default'}`,
  ];
  if (s.shard !== null) parts.push(`shard ${s.shard}`);
  return `<p class="sub settings">Settings: ${text(parts.join(' · '), MAX_SETTINGS_TEXT)}</p>`;
}

const DEFAULT_TITLE = 'Received-chain TLS report';

function subline(options: ReportOptions, what: string): string {
  const parts = [what];
  if (options.generator !== undefined) parts.push(`made by ${text(options.generator, 80)}`);
  if (options.generatedAt !== undefined) parts.push(text(options.generatedAt, 40));
  return parts.join(' · ');
}

/** The settings line, closing the subline's paragraph first (the archive view wraps the subline in one). */
function settingsAfter(options: ReportOptions): string {
  return options.settings === undefined ? '' : `</p>${settingsLine(options.settings).replace(/<\/p>$/, '')}`;
}

function footer(): string {
  return '<footer>Grades rate each hop\'s cryptography as its receiving server wrote it (A best, F broken, none = plaintext, ? = not stated). Received lines can be forged below the first server you trust. This file loads nothing from the network.</footer>';
}

/** The archive view of aggregated data (see {@link ReportAggregator}). */
function renderArchiveReport(data: ArchiveReportData, options: ReportOptions = {}): string {
  const title = options.title ?? DEFAULT_TITLE;
  const what = `${data.summary.messages} message${data.summary.messages === 1 ? '' : 's'}, ${data.summary.hops} hops`;
  return page(title, archiveBody(data, title, subline(options, esc(what)) + settingsAfter(options)) + footer());
}

/** The message view of one report: its verdict, hop path and hop cards. */
export function renderMessageReport(full: MessageReport, origin: MessageOrigin | null = null, options: ReportOptions = {}): string {
  const title = options.title ?? DEFAULT_TITLE;
  const { report, omitted } = slimReport(full);
  const head = `<header><h1>${esc(title)}</h1><p class="sub">${badge(report.verdict.grade)} ${subline(options, `one message, ${full.hops.length} hop${full.hops.length === 1 ? '' : 's'}, oldest first`)}</p>${options.settings === undefined ? '' : settingsLine(options.settings)}</header>`;
  return page(title, head + messageSection(report, 'm1', origin, omitted) + footer());
}

/**
 * The self-contained HTML report of what was aggregated (as `rcvd --report` writes it): a lone message gets the
 * message view, anything else the archive view.
 * @example
 * ```ts
 * import { ReportAggregator } from 'received-forensics';
 * import { renderHtmlReport, scan } from 'received-forensics/node';
 * const report = new ReportAggregator();
 * for await (const item of scan('inbox.mbox')) if (item.type === 'message') report.add({ ...item, nested: item.nested.length });
 * await writeFile('report.html', renderHtmlReport(report.result(), { generator: 'my-tool 1.0' }));
 * ```
 */
export function renderHtmlReport(data: ArchiveReportData, options: ReportOptions = {}): string {
  const only = data.weakest[0];
  if (data.summary.messages === 1 && only !== undefined && only.hopsOmitted === 0) return renderMessageReport(only.report, { source: only.source, index: only.index }, options);
  // (a lone message whose chain was cut keeps the archive view, which says how many hops were left out)
  return renderArchiveReport(data, options);
}

/** Aggregate `messages` and render them in one call (for small inputs and tests; the CLI streams into an aggregator). */
export function reportHtml(messages: Iterable<ReportMessage>, options: ReportOptions & AggregateOptions = {}): string {
  const agg = new ReportAggregator(options.maxDetails === undefined ? {} : { maxDetails: options.maxDetails });
  for (const m of messages) agg.add(m);
  return renderHtmlReport(agg.result(), options);
}
