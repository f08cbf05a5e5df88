/**
 * The analyzer's HTML pieces, made in the worker from reports and handed to the page as finished markup: the
 * report's own message view (verdict, hop path SVG, hop cards) and archive summary, plus a timeline table, every
 * trace field and the list of messages to pick from. Every text from a message passes the report's escaping
 * (`text`/`esc`); ids and numbers are ours. Pure: reports in, strings out.
 * @module
 */
import { slimReport, type ArchiveReportData, type ReportMessage } from '../render/html/aggregate.js';
import { archiveBody } from '../render/html/archive-view.js';
import { esc, text } from '../render/html/escape.js';
import { duration, int, isoShort, pct } from '../render/html/format.js';
import { messageSection } from '../render/html/message-view.js';
import { badge } from '../render/html/palette.js';
import { receiverName, tlsLine } from '../render/html/path.js';
import type { MessageReport, VerdictGrade } from '../types.js';

/** 20 rows per trace list shown: a forged header block can hold thousands of Authentication-Results fields. */
const MAX_TRACE_ROWS = 20;
/**
 * 200 rows of the message list drawn at once, the rest a page away: a table of 1,000 rows takes Chromium most of a
 * second to lay out, on the page's own thread.
 */
export const MAX_LIST_ROWS = 200;

/** One message in the list (plain data, kept by the worker for every message): where it is, and what it shows. */
export interface ListEntry extends Pick<ReportMessage, 'source' | 'index'> {
  /** Our id: the message's position over all files, 0-based. */
  readonly id: number;
  readonly grade: VerdictGrade;
  readonly from: string | null;
  readonly subject: string | null;
  readonly date: string | null;
  readonly hops: number;
}

function row(label: string, html: string): string {
  return `<tr><th scope="row">${label}</th><td>${html}</td></tr>`;
}

function more(total: number, shown: number): string {
  return total > shown ? `<p class="muted">… ${int(total - shown)} more not shown</p>` : '';
}

/** The hops oldest first with their instants, delays and share of the transit time. */
function timelineTable(report: MessageReport): string {
  const t = report.timeline;
  let html = '<div class="panel"><h4>Timeline</h4>';
  if (t.entries.length === 0) return `${html}<p class="muted">No hops, no timeline.</p></div>`;
  html += '<table class="list"><caption class="sr-only">Hops oldest first with their delays</caption><thead><tr><th scope="col" class="num">hop</th><th scope="col">received (UTC)</th><th scope="col" class="num">delay</th><th scope="col" class="num">share</th></tr></thead><tbody>';
  for (const e of t.entries.slice(0, 200)) {
    const delay = e.delaySeconds === null ? '—' : `${e.delaySeconds < 0 ? '' : '+'}${duration(e.delaySeconds)}${e.delaySeconds < 0 ? ' (negative)' : ''}`;
    html += `<tr><td class="num">${int(e.hop)}</td><td>${text(isoShort(e.iso))}</td><td class="num">${esc(delay)}</td><td class="num">${e.share === null ? '—' : esc(pct(e.share))}</td></tr>`;
  }
  html += '</tbody></table>';
  html += `<p class="muted">Total transit: ${t.totalSeconds === null ? 'not computable (fewer than two dated hops)' : esc(duration(t.totalSeconds))}${t.anomalies.length > 0 ? ` · ${int(t.anomalies.length)} anomal${t.anomalies.length === 1 ? 'y' : 'ies'} listed above` : ''}</p>`;
  return `${html}</div>`;
}

/** Every trace field beside the Received chain: authentication results, SPF, Google's X-Received, Microsoft's reports. */
function tracePanel(report: MessageReport): string {
  const t = report.trace;
  let html = '<div class="panel"><h4>Trace evidence</h4><table class="facts">';
  let any = false;
  for (const a of t.authenticationResults.slice(0, MAX_TRACE_ROWS)) {
    any = true;
    const results = a.results.map(([m, r]) => `${m}=${r}`).join(' ');
    const smtp = a.smtp.map(([k, v]) => `${k}=${v}`).join(' ');
    html += row(a.header === 'ARC-Authentication-Results' ? 'ARC auth' : 'auth results', `${text(a.authservId, 80, '(no authserv-id)')}: ${text(results, 200, 'no results')}${smtp === '' ? '' : ` <span class="muted">${text(smtp, 200)}</span>`}${a.remoteIp === null ? '' : ` <span class="muted">remote ${text(a.remoteIp, 60)}</span>`}`);
  }
  for (const s of t.receivedSpf.slice(0, MAX_TRACE_ROWS)) {
    any = true;
    html += row('Received-SPF', `${text(s.result, 30, 'unreadable')}${s.clientIp === null ? '' : ` for ${text(s.clientIp, 60)}`}`);
  }
  for (const x of t.xReceived.slice(0, MAX_TRACE_ROWS)) {
    any = true;
    html += row('X-Received', `${badge(x.security.grade)} ${text(receiverName(x), 120)} · ${text(tlsLine(x), 160)} · ${text(isoShort(x.date?.iso ?? null))}`);
  }
  for (const o of t.originatingIp.slice(0, MAX_TRACE_ROWS)) {
    any = true;
    html += row('X-Originating-IP', text(o.ip ?? o.raw, 80));
  }
  for (const f of t.forefront.slice(0, MAX_TRACE_ROWS)) {
    any = true;
    const parts = [f.direction === null ? 'direction not stated' : `DIR ${f.direction}`, `CIP ${f.connectingIp ?? '—'}`];
    if (f.helo !== null) parts.push(`HELO ${f.helo}`);
    if (f.ptr !== null) parts.push(`PTR ${f.ptr}`);
    if (f.country !== null) parts.push(`country ${f.country}`);
    html += row('Microsoft (Forefront)', text(parts.join(' · '), 300));
  }
  if (t.tlsRequired !== null) {
    any = true;
    html += row('TLS-Required', text(t.tlsRequired, 40));
  }
  html += '</table>';
  html += more(t.authenticationResults.length, MAX_TRACE_ROWS);
  if (!any) html += '<p class="muted">No Authentication-Results, Received-SPF, X-Received, X-Originating-IP, X-Forefront-Antispam-Report or TLS-Required field.</p>';
  return `${html}</div>`;
}

/** One message: the report's message section (verdict, hop path, cards), then the timeline and the trace. */
export function messageDetail(full: MessageReport, source: string, index: number): string {
  const { report, omitted } = slimReport(full);
  return messageSection(report, 'msg', { source, index }, omitted) + timelineTable(report) + tracePanel(report);
}

/** The archive summary: the report's archive view without its weakest list and details (the page has its own list). */
export function archiveSummary(data: ArchiveReportData, files: number): string {
  const body = archiveBody({ ...data, weakest: [] }, 'Archive summary', `${int(data.summary.messages)} messages in ${int(files)} file${files === 1 ? '' : 's'}`);
  // The view ends with the weakest list (and, with nothing kept, no details): cut it, ours replaces it.
  const cut = body.indexOf('<section id="weakest">');
  return cut < 0 ? body : body.slice(0, cut);
}

/** One page of the message list (`entries` are that page's rows, `offset` its first row among `total`), each row with a button that shows its message, and buttons to the pages before and after. */
export function messageList(entries: readonly ListEntry[], total: number, offset: number, selected: number | null): string {
  let html = '<table class="list" id="message-table"><caption class="sr-only">Messages</caption><thead><tr><th scope="col" class="num">#</th><th scope="col">verdict</th><th scope="col">file</th><th scope="col">From</th><th scope="col">Subject</th></tr></thead><tbody>';
  for (const e of entries.slice(0, MAX_LIST_ROWS)) {
    const current = e.id === selected ? ' aria-current="true"' : '';
    html += `<tr${e.id === selected ? ' class="selected"' : ''}><td class="num">${int(e.id + 1)}</td><td>${badge(e.grade)}</td><td class="wrap">${text(e.source, 60)} #${int(e.index)}</td><td class="wrap">${text(e.from, 60)}</td>`;
    html += `<td class="wrap"><button type="button" class="pick" data-id="${e.id}"${current}>${text(e.subject, 80, '(no subject)')}</button></td></tr>`;
  }
  if (entries.length === 0) html += '<tr><td colspan="5" class="muted">No message matches.</td></tr>';
  html += '</tbody></table>';
  if (total > entries.length) {
    const last = Math.min(total, offset + entries.length);
    html += `<div class="row pages"><span>Rows ${int(offset + 1)}–${int(last)} of ${int(total)}</span>`;
    if (offset > 0) html += `<button type="button" class="page" data-offset="${Math.max(0, offset - MAX_LIST_ROWS)}">Previous ${int(MAX_LIST_ROWS)}</button>`;
    if (last < total) html += `<button type="button" class="page" data-offset="${offset + MAX_LIST_ROWS}">Next ${int(Math.min(MAX_LIST_ROWS, total - last))}</button>`;
    html += '</div>';
  }
  return html;
}
