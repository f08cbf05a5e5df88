/**
 * The archive view: summary cards, grade shares over time, protocol versions and ciphers seen, the worst relays and
 * sending domains, and the weakest messages linked to their details further down the same file.
 * @module
 */
import { addMonths, differenceInCalendarMonths, format as formatDate } from 'date-fns';
import { zeroCounts } from '../../summary/summary.js';
import type { GradeCounts, YearTally } from '../../summary/types.js';
import type { Grade } from '../../types.js';
import type { ArchiveReportData, MonthTally } from './aggregate.js';
import { miniBar, mixText, periodChart, rowBars, shareBar, type PeriodBar } from './charts.js';
import { esc, text } from './escape.js';
import { int, isoShort, pct, total } from './format.js';
import { csvText, UTF8_BOM } from '../csv.js';
import { messageSection } from './message-view.js';
import { decodeMimeWords } from '../mime-words.js';
import { badge, GRADE_MEANING, GRADES_BEST_FIRST } from './palette.js';

/** 3 calendar years or fewer with data (and at most 48 months) are drawn per month; longer spans per year. */
const MONTHLY_MAX_YEARS = 3;
const MONTHLY_MAX_BARS = 48;

/** The anchor of the `rank`-th weakest message (1-based): our counter, never header text. */
function detailAnchor(rank: number): string {
  return `m${rank}`;
}

function legend(): string {
  let html = '<ul class="legend">';
  for (const g of GRADES_BEST_FIRST) html += `<li>${badge(g)} ${esc(GRADE_MEANING[g])}</li>`;
  return `${html}</ul>`;
}

function card(label: string, big: string, rest: string): string {
  return `<div class="card"><div class="label">${label}</div><div class="big">${big}</div>${rest}</div>`;
}

function gradeTable(counts: GradeCounts, what: string): string {
  const sum = total(counts);
  let html = `<table class="list"><thead><tr><th>grade</th><th class="num">${esc(what)}</th><th class="num">share</th></tr></thead><tbody>`;
  for (const g of GRADES_BEST_FIRST) html += `<tr><td>${badge(g)}</td><td class="num">${int(counts[g])}</td><td class="num">${sum === 0 ? '—' : esc(pct(counts[g] / sum))}</td></tr>`;
  return `${html}</tbody></table>`;
}

/** A year counts toward "the span" when it holds at least 1% of the dated total (one stray 2037 clock must not decide). */
const SIGNIFICANT_SHARE = 0.01;

/** A period axis both charts share, and what each chart leaves out of it. */
interface PeriodAxis {
  readonly unit: 'month' | 'year';
  /** Every period from the first to the last, empty ones included, so a gap in the archive shows as a gap. */
  readonly labels: readonly string[];
}

function monthDate(label: string): Date {
  return new Date(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, 1);
}

/**
 * One axis for both charts, decided once: per month when the significant years are few and their months fit,
 * else per year; from the first to the last period with data, with no period skipped (date-fns does the month
 * arithmetic). A year holding under 1% of the dated messages does not stretch the axis (one stray 2037 clock).
 */
function periodAxis(years: readonly YearTally[], months: readonly MonthTally[]): PeriodAxis {
  const sum = (y: YearTally): number => total(y.verdicts) + total(y.externalHops);
  const dated = years.filter((y) => y.year !== null && sum(y) > 0);
  let datedTotal = 0;
  for (const y of dated) datedTotal += sum(y);
  const significant = new Set(dated.filter((y) => sum(y) >= datedTotal * SIGNIFICANT_SHARE).map((y) => y.year));
  const kept = months.filter((m) => total(m.verdicts) + total(m.externalHops) > 0 && significant.has(Number(m.month.slice(0, 4)))).map((m) => m.month).sort();
  const first = kept[0];
  const last = kept.at(-1);
  if (first !== undefined && last !== undefined && significant.size <= MONTHLY_MAX_YEARS) {
    const span = differenceInCalendarMonths(monthDate(last), monthDate(first)) + 1;
    if (span <= MONTHLY_MAX_BARS) return { unit: 'month', labels: Array.from({ length: span }, (_, i) => formatDate(addMonths(monthDate(first), i), 'yyyy-MM')) };
  }
  const yearNumbers = [...significant].filter((y): y is number => y !== null).sort((a, b) => a - b);
  const lo = yearNumbers[0];
  const hi = yearNumbers.at(-1);
  if (lo === undefined || hi === undefined) return { unit: 'year', labels: [] };
  // every year between, when that stays drawable; otherwise only the years with data
  const labels = hi - lo < MONTHLY_MAX_BARS ? Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i)) : yearNumbers.map(String);
  return { unit: 'year', labels };
}

/** The bars of one chart on the shared axis; what has no valid date or lies off the axis is counted apart. */
function periods(axis: PeriodAxis, years: readonly YearTally[], months: readonly MonthTally[], pick: 'verdicts' | 'externalHops'): { bars: PeriodBar[]; undated: number; offAxis: number } {
  const undatedRow = years.find((y) => y.year === null);
  const undated = undatedRow === undefined ? 0 : total(undatedRow[pick]);
  const byLabel = new Map<string, GradeCounts>();
  if (axis.unit === 'month') for (const m of months) byLabel.set(m.month, m[pick]);
  else for (const y of years) if (y.year !== null) byLabel.set(String(y.year), y[pick]);
  const onAxis = new Set(axis.labels);
  let offAxis = 0;
  for (const [label, counts] of byLabel) if (!onAxis.has(label)) offAxis += total(counts);
  const bars = axis.labels.map((label) => ({ label, counts: byLabel.get(label) ?? zeroCounts() }));
  return { bars, undated, offAxis };
}

function overTime(data: ArchiveReportData): string {
  const axis = periodAxis(data.summary.years, data.months);
  const v = periods(axis, data.summary.years, data.months, 'verdicts');
  const h = periods(axis, data.summary.years, data.months, 'externalHops');
  const note = (p: { undated: number; offAxis: number }, what: string): string =>
    (p.undated > 0 ? `<p class="muted">${int(p.undated)} ${what} without a valid date are not drawn.</p>` : '') +
    (p.offAxis > 0 ? `<p class="muted">${int(p.offAxis)} ${what} dated in stray years outside this range are not drawn.</p>` : '');
  return (
    '<section id="over-time"><h2>Encryption over time</h2>' +
    `<p class="muted">Both charts share one axis, every ${axis.unit} from the first to the last: an empty column is a ${axis.unit} with no mail.</p>` +
    `<div class="panel"><h3>Message verdicts per ${axis.unit}</h3><p class="muted">Each column is 100% of the messages delivered in that ${axis.unit} (count above); the verdict is the weakest hop between organisations.</p>${periodChart(v.bars, 'messages', 'chart-verdicts')}${note(v, 'messages')}</div>` +
    `<div class="panel"><h3>External hops per ${axis.unit}</h3>${periodChart(h.bars, 'external hops', 'chart-hops')}${note(h, 'hops')}</div>` +
    '</section>'
  );
}

function versionsAndCiphers(data: ArchiveReportData): string {
  const versions = rowBars(
    data.versions.map((r) => ({ label: r.version, counts: r.grades })),
    'external hops',
    'chart-versions',
  );
  let ciphers = '<table class="list"><thead><tr><th>grade</th><th>cipher as written</th><th>IANA name</th><th class="num">hops</th></tr></thead><tbody>';
  for (const c of data.summary.weakestCiphers) {
    ciphers += `<tr><td>${badge(c.grade)}</td><td class="wrap"><code>${text(c.cipher, 80)}</code></td><td class="wrap">${text(c.cipherIana, 80, 'not in the catalogue')}</td><td class="num">${int(c.count)}</td></tr>`;
  }
  if (data.summary.weakestCiphers.length === 0) ciphers += '<tr><td colspan="4" class="muted">No cipher named on any external hop.</td></tr>';
  ciphers += '</tbody></table>';
  return (
    '<section id="protocols"><h2>Protocol versions and ciphers</h2>' +
    `<div class="panel" id="versions"><h3>Protocol versions on external hops</h3>${versions}</div>` +
    `<div class="panel" id="ciphers"><h3>Weakest ciphers seen</h3><p class="muted">Worst grade first, then most used; the grade is the worst any hop with this cipher got.</p>${ciphers}</div>` +
    '</section>'
  );
}

function relaysAndDomains(data: ArchiveReportData): string {
  const basis: Record<string, string> = { rdns: 'reverse DNS', helo: 'HELO name', ip: 'IP only', unstated: 'not stated' };
  let relays = '<table class="list"><thead><tr><th>worst</th><th>relay</th><th>named by</th><th class="num">hops</th><th>grade mix</th></tr></thead><tbody>';
  for (const r of data.summary.worstRelays) {
    relays += `<tr><td>${badge(r.worstGrade)}</td><td class="wrap">${text(r.relay, 80)}</td><td>${esc(basis[r.basis] ?? r.basis)}</td><td class="num">${int(r.hops)}</td><td>${miniBar(r.grades)} <span class="muted">${mixText(r.grades)}</span></td></tr>`;
  }
  if (data.summary.worstRelays.length === 0) relays += '<tr><td colspan="5" class="muted">No external hops.</td></tr>';
  relays += '</tbody></table>';
  let domains = '<table class="list"><thead><tr><th>worst</th><th>From domain</th><th class="num">messages</th><th>verdict mix</th></tr></thead><tbody>';
  for (const d of data.worstDomains) {
    domains += `<tr><td>${badge(d.worstVerdict)}</td><td class="wrap">${text(d.domain, 80)}</td><td class="num">${int(d.messages)}</td><td>${miniBar(d.verdicts)} <span class="muted">${mixText(d.verdicts)}</span></td></tr>`;
  }
  if (data.worstDomains.length === 0) domains += '<tr><td colspan="4" class="muted">No messages.</td></tr>';
  domains += '</tbody></table>';
  return (
    '<section id="who"><h2>Who drags the grade down</h2>' +
    `<div class="panel" id="relays"><h3>Worst sending relays</h3><p class="muted">The server that handed the message over on an external hop, grouped by its domain (reverse DNS, else HELO, else IP).</p>${relays}</div>` +
    `<div class="panel" id="domains"><h3>Worst sending domains</h3><p class="muted">The domain of the From: address as written (${int(data.domainCount)} seen; unauthenticated).</p>${domains}</div>` +
    '</section>'
  );
}

/** The first dated hop's instant (the oldest in header order is last, but any dated hop places the message), else the Date header's. */
function deliveredIso(m: ArchiveReportData['weakest'][number]): string | null {
  const r = m.report;
  return r.hops.find((h) => h.date?.iso != null)?.date?.iso ?? r.headers.date?.iso ?? null;
}

/** The weakest-messages table as CSV (RFC 4180, cells neutralised like `--format csv`), with a BOM for Excel. */
function weakestCsv(data: ArchiveReportData): string {
  const rows = ['rank,verdict,delivered_utc,from,subject,message_id,source,index'];
  data.weakest.forEach((m, i) => {
    const r = m.report;
    const iso = deliveredIso(m);
    const when = iso === null || iso.length < 19 ? '' : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    rows.push([String(i + 1), r.verdict.grade, when, csvText(decodeMimeWords(r.headers.from)), csvText(decodeMimeWords(r.headers.subject)), csvText(r.headers.messageId), csvText(m.source), String(m.index)].join(','));
  });
  return `${UTF8_BOM}${rows.join('\r\n')}\r\n`;
}

/**
 * A link that downloads the table: a `data:` URL needs no script and no request, so the page's policy (no script,
 * no fetch) holds; the CSP governs what the page loads, not a file the reader chooses to save.
 */
function weakestDownload(data: ArchiveReportData): string {
  if (data.weakest.length === 0) return '';
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(weakestCsv(data))}`;
  return ` <a class="download" download="weakest-messages.csv" href="${esc(href)}">Download this list as CSV</a>`;
}

/** External hops by the server that received them: which of the reader's MXs accepted weak or no TLS. */
function receiversPanel(data: ArchiveReportData): string {
  let html = '<table class="list"><thead><tr><th>worst</th><th>receiving server</th><th class="num">hops</th><th>grade mix</th><th>versions</th></tr></thead><tbody>';
  for (const r of data.receivers) {
    const versions = r.versions.map((v) => `${v.version} ${int(v.hops)}`).join(' · ');
    html += `<tr><td>${badge(r.worstGrade)}</td><td class="wrap">${text(r.server, 80)}</td><td class="num">${int(r.hops)}</td><td>${miniBar(r.grades)} <span class="muted">${mixText(r.grades)}</span></td><td class="wrap muted">${esc(versions)}</td></tr>`;
  }
  if (data.receivers.length === 0) html += '<tr><td colspan="5" class="muted">No external hops.</td></tr>';
  html += '</tbody></table>';
  return (
    '<section id="receivers"><h2>By receiving server</h2>' +
    `<div class="panel"><p class="muted">External hops grouped by the server that received them and wrote their TLS facts (${int(data.receiverCount)} seen), worst grade first: which of your MX hosts accepted weak or no encryption.</p>${html}</div>` +
    '</section>'
  );
}

function weakestList(data: ArchiveReportData): string {
  let html = `<section id="weakest"><h2>Weakest messages</h2><p class="muted">The ${int(data.weakest.length)} weakest of ${int(data.summary.messages)} messages, worst verdict first; each links to its hop path below.${weakestDownload(data)}</p>`;
  html += '<div class="panel"><table class="list"><thead><tr><th class="num">#</th><th>verdict</th><th>delivered</th><th>From</th><th>Subject</th><th>source</th></tr></thead><tbody>';
  data.weakest.forEach((m, i) => {
    const r = m.report;
    const delivered = deliveredIso(m);
    html += `<tr><td class="num"><a href="#${detailAnchor(i + 1)}">${i + 1}</a></td><td>${badge(r.verdict.grade)}</td><td>${text(delivered === null ? null : isoShort(delivered).slice(0, 10), 20)}</td>`;
    html += `<td class="wrap">${text(decodeMimeWords(r.headers.from), 60)}</td><td class="wrap"><a href="#${detailAnchor(i + 1)}">${text(decodeMimeWords(r.headers.subject), 80, '(no subject)')}</a></td><td class="wrap">${text(m.source, 60)} #${int(m.index)}</td></tr>`;
  });
  if (data.weakest.length === 0) html += '<tr><td colspan="6" class="muted">No messages.</td></tr>';
  return `${html}</tbody></table></div></section>`;
}

/** The weakest cipher and the worst relay, as headline cards beside the grade tables. */
function headlineCards(data: ArchiveReportData): string {
  const c = data.summary.weakestCiphers[0];
  const r = data.summary.worstRelays[0];
  const cipher = c === undefined ? '<p class="muted">No cipher named on any external hop.</p>' : `<p class="headline">${badge(c.grade)} <code>${text(c.cipher, 60)}</code></p><p class="muted">${int(c.count)} external hop${c.count === 1 ? '' : 's'}${c.cipherIana === null ? '' : ` · ${text(c.cipherIana, 80)}`}</p>`;
  const relay = r === undefined ? '<p class="muted">No external hops.</p>' : `<p class="headline">${badge(r.worstGrade)} ${text(r.relay, 60)}</p><p class="muted">${int(r.grades[r.worstGrade])} of its ${int(r.hops)} hop${r.hops === 1 ? '' : 's'} graded ${esc(r.worstGrade === 'unknown' ? '?' : r.worstGrade)}</p>`;
  return `<div class="card"><div class="label">weakest cipher seen</div>${cipher}</div><div class="card"><div class="label">worst sending relay</div>${relay}</div>`;
}

function worstShare(counts: GradeCounts, grades: readonly Grade[]): number {
  const sum = total(counts);
  let bad = 0;
  for (const g of grades) bad += counts[g];
  return sum === 0 ? 0 : bad / sum;
}

/** The body of the archive view (inside `<main>`). */
export function archiveBody(data: ArchiveReportData, heading: string, subline: string): string {
  const s = data.summary;
  let html = `<header><h1>${esc(heading)}</h1><p class="sub">${subline}</p>`;
  html += '<nav class="toc"><a href="#summary">Summary</a><a href="#over-time">Over time</a><a href="#protocols">Versions &amp; ciphers</a><a href="#who">Relays &amp; domains</a><a href="#receivers">Receiving servers</a><a href="#weakest">Weakest messages</a></nav></header>';
  html += '<section id="summary"><h2>Summary</h2><div class="cards">';
  const noHeaders = s.withoutHeaders > 0 ? ` · ${int(s.withoutHeaders)} without internet headers` : '';
  html += card('messages', int(s.messages), `<p class="muted">${int(s.unreadable)} unreadable${s.nestedMessages > 0 ? ` · ${int(s.nestedMessages)} nested` : ''}${noHeaders}</p>`);
  html += card('hops', int(s.hops), `<p class="muted">${int(s.externalHops)} external · ${int(s.internalHops)} internal</p>`);
  html += card('weak or plaintext', esc(pct(worstShare(s.verdicts, ['none', 'F', 'C']))), '<p class="muted">of message verdicts are C, F or none</p>');
  html += card('not stated', esc(pct(worstShare(s.externalHopGrades, ['unknown']))), '<p class="muted">of external hops say nothing about their TLS</p>');
  html += `<div class="card wide"><div class="label">external hops per grade</div>${shareBar(s.externalHopGrades, 'external hops')}${legend()}</div>`;
  const apart = s.internalOnly > 0 ? `<p class="muted">and ${int(s.internalOnly)} internal-only (no hop crossed between operators)</p>` : '';
  html += `<div class="card"><div class="label">message verdicts</div>${gradeTable(s.verdicts, 'messages')}${apart}</div>`;
  if (s.unmatchedDeclared.length > 0) {
    html += card('declared but matched nothing', int(s.unmatchedDeclared.length), `<p class="muted wrap">${text(s.unmatchedDeclared.join(', '), 400)}</p>`);
  }
  html += `<div class="card"><div class="label">external hops</div>${gradeTable(s.externalHopGrades, 'hops')}</div>`;
  html += headlineCards(data);
  html += '</div></section>';
  html += overTime(data);
  html += versionsAndCiphers(data);
  html += relaysAndDomains(data);
  html += receiversPanel(data);
  html += weakestList(data);
  if (data.weakest.length > 0) {
    html += '<section id="details"><h2>Message details</h2>';
    data.weakest.forEach((m, i) => {
      html += messageSection(m.report, detailAnchor(i + 1), { source: m.source, index: m.index }, m.hopsOmitted, true);
    });
    html += '</section>';
  }
  return html;
}
