/**
 * One message's detail: its identifiers, the verdict, the hop path (SVG) and one card per hop with the facts the
 * receiving server wrote, the grading reasons (rule ids from docs/grading.md) and the issues, the raw line folded away.
 * @module
 */
import type { Hop, Issue, MessageReport } from '../../types.js';
import { clean, esc, text } from './escape.js';
import { duration, int, isoShort } from './format.js';
import { chronologicalHopNumbers, reasonText } from '../units.js';
import { decodeMimeWords } from '../mime-words.js';
import { badge, GRADE_LABEL } from './palette.js';
import { hopPath, isUnverifiable, pathOrder, receiverName, senderName, tlsLine } from './path.js';

/** 4,000 characters of a raw Received value shown in a card (the detail keeps at most 2,000 anyway). */
const MAX_RAW_SHOWN = 4000;
/** 30 issues listed per hop or message: a hostile line can raise one per token. */
const MAX_ISSUES_SHOWN = 30;

/** How to read the drawing (constant text). */
const PATH_KEY =
  '<p class="key muted">Read top to bottom: the sender first, the final server last. Thick coloured segment = a hop between organisations (counts in the verdict); ' +
  'grey dashed = internal hop; dashed badge and hollow node = written by a server outside the trust boundary (unverifiable). Hover a hop for its reasons.</p>';

/** How hops are numbered and timed (constant text). */
const NUMBERING_KEY = '<p class="key muted">Hops are numbered oldest first: hop 1 is the first handover. Times are UTC.</p>';

function row(label: string, valueHtml: string): string {
  return `<tr><th scope="row">${label}</th><td>${valueHtml}</td></tr>`;
}

/** `issues` listed; `hopCount` (the whole chain's) renumbers their "hop N" chronologically, as the cards are. */
function issueList(issues: readonly Issue[], hopCount: number): string {
  if (issues.length === 0) return '';
  const shown = issues.slice(0, MAX_ISSUES_SHOWN);
  let html = '<ul class="issues">';
  for (const i of shown) html += `<li class="sev-${i.severity}"><code>${text(i.code, 40)}</code> ${text(chronologicalHopNumbers(i.message, hopCount), 300)}</li>`;
  if (issues.length > shown.length) html += `<li class="muted">… ${int(issues.length - shown.length)} more</li>`;
  return `${html}</ul>`;
}

function tlsCell(hop: Hop): string {
  const t = hop.tls;
  if (t === null) return text(tlsLine(hop));
  const parts = [text(tlsLine(hop))];
  if (t.cipherIana !== null && t.cipherIana !== t.cipher) parts.push(`<span class="muted">IANA ${text(t.cipherIana, 80)}</span>`);
  if (t.group !== null) parts.push(`<span class="muted">group ${text(t.group, 40)}</span>`);
  return parts.join('<br>');
}

function hopCard(hop: Hop, position: number, count: number, anchor: string, delay: number | null | undefined): string {
  const sec = hop.security;
  const classes = ['hop-card', `edge-${sec.grade}`, sec.scope === 'internal' ? 'internal' : '', isUnverifiable(hop) ? 'unverifiable' : ''].filter((c) => c !== '').join(' ');
  let html = `<li class="${classes}" id="${anchor}-h${position}">`;
  // Numbered as people count (1 = the first handover), like the text output; the JSON keeps `index` beside it.
  html += `<h4>${badge(sec.grade)} Hop ${int(position)} <span class="muted">of ${int(count)}</span>: ${text(senderName(hop), 120)} → ${text(receiverName(hop), 120)}</h4>`;
  html += '<table class="facts">';
  html += row('received', text(isoShort(hop.date?.iso ?? null)) + (hop.date !== null && hop.date.iso === null ? ` <span class="muted">(as written: ${text(hop.date.text, 80)})</span>` : ''));
  if (delay !== undefined && delay !== null) html += row('delay', text(duration(delay)) + (delay < 0 ? ' <strong>(negative: a clock is wrong)</strong>' : ''));
  if (hop.from !== null) {
    const f = hop.from;
    html += row('from', `HELO ${text(f.helo)} · rDNS ${text(f.rdns)} · IP ${text(f.ip, 60)}${f.ipRange === null ? '' : ` (${text(f.ipRange)})`}`);
  }
  if (hop.by !== null) html += row('by', `${text(hop.by.host)}${hop.by.software === null ? '' : ` · ${text(hop.by.software, 80)}`}`);
  html += row('protocol', text(hop.protocol, 60));
  html += row('TLS', tlsCell(hop));
  if (hop.tls !== null) html += row('client cert', text(hop.tls.certificate));
  html += row('scope', `${text(sec.scope)}${sec.scope === 'internal' ? ' <span class="muted">(not counted in the verdict)</span>' : ''}`);
  html += '</table>';
  if (sec.reasons.length > 0) {
    html += '<ul class="reasons">';
    for (const r of sec.reasons) html += `<li><code>${text(r.rule, 40)}</code> ${text(reasonText(r), 300)}${r.evidence === undefined ? '' : ` <q>${text(r.evidence, 120)}</q>`}</li>`;
    html += '</ul>';
  }
  html += issueList(hop.issues, count);
  html += `<details><summary>Received header as written</summary><pre>${esc(clean(hop.raw, MAX_RAW_SHOWN, true))}</pre></details>`;
  return `${html}</li>`;
}

/** 5 Authentication-Results fields shown as rows (the detail keeps 10): the nearest servers' checks come first. */
const MAX_AUTH_SHOWN = 5;
/** The methods given a column of their own, in this order (RFC 8601 §2.7, RFC 8617 for ARC); others go in "other". */
const AUTH_METHODS = ['spf', 'dkim', 'dmarc', 'arc'] as const;

/** The Authentication-Results fields as a small table: who checked, then SPF, DKIM, DMARC, ARC and any other result. */
function authTable(report: MessageReport): string {
  const fields = report.trace.authenticationResults.slice(0, MAX_AUTH_SHOWN);
  if (fields.length === 0) return '';
  let html = '<table class="list auth"><thead><tr><th>checked by</th>';
  for (const m of AUTH_METHODS) html += `<th>${m.toUpperCase()}</th>`;
  html += '<th>other</th></tr></thead><tbody>';
  for (const a of fields) {
    const arc = a.header === 'ARC-Authentication-Results' ? ' <span class="muted">(ARC)</span>' : '';
    html += `<tr><td class="wrap">${text(a.authservId, 60, '(no authserv-id)')}${arc}</td>`;
    for (const m of AUTH_METHODS) {
      const results = a.results.filter(([method]) => method.toLowerCase() === m).map(([, r]) => r);
      html += `<td class="auth-${results.length === 0 ? 'none' : 'some'}">${results.length === 0 ? '<span class="muted">—</span>' : text(results.join(' '), 60)}</td>`;
    }
    const other = a.results.filter(([method]) => !(AUTH_METHODS as readonly string[]).includes(method.toLowerCase())).map(([m, r]) => `${m}=${r}`);
    html += `<td class="wrap">${other.length === 0 ? '' : text(other.join(' '), 120)}</td></tr>`;
  }
  return row('authentication', `${html}</tbody></table>`);
}

function traceSummary(report: MessageReport): string {
  const t = report.trace;
  const parts: string[] = [];
  for (const s of t.receivedSpf.slice(0, 3)) parts.push(`Received-SPF: ${text(s.result, 30, 'unreadable')}${s.clientIp === null ? '' : ` for ${text(s.clientIp, 60)}`}`);
  if (t.tlsRequired !== null) parts.push(`TLS-Required: ${text(t.tlsRequired, 40)}`);
  return authTable(report) + (parts.length === 0 ? '' : row('trace', parts.join('<br>')));
}

/** Identifies the message in a detail (where it came from; absent for a lone message). */
export interface MessageOrigin {
  readonly source: string;
  readonly index: number;
}

/**
 * The detail section of one message. `anchor` is our own id (`m12`), used for the section and its hops; `origin`
 * names the file and position; `hopsOmitted` counts hops not kept for the detail.
 */
export function messageSection(report: MessageReport, anchor: string, origin: MessageOrigin | null, hopsOmitted = 0, backLink = false): string {
  const v = report.verdict;
  const h = report.headers;
  const hops = pathOrder(report);
  const delays = new Map<number, number | null>();
  for (const e of report.timeline.entries) delays.set(e.hop, e.delaySeconds);
  // Places in time (1 = oldest) over the whole chain, the omitted oldest hops included.
  const weakest = v.weakestHop === null ? null : hops.findIndex((hop) => hop.index === v.weakestHop) + 1 + hopsOmitted;
  const hopCount = hops.length + hopsOmitted;
  let html = `<section class="message" id="${anchor}">`;
  html += `<h3>${badge(v.grade)} ${text(decodeMimeWords(h.subject), 160, '(no subject)')}</h3>`;
  html += '<table class="facts meta">';
  const verdictText = v.grade === 'internal-only' ? 'internal only: no hop crossed between operators' : GRADE_LABEL[v.grade] === '?' ? 'unknown (not stated)' : `grade ${GRADE_LABEL[v.grade]}`;
  html += row('verdict', `${badge(v.grade)} ${verdictText}${weakest !== null && weakest > hopsOmitted ? ` — set by <a href="#${anchor}-h${weakest}">hop ${int(weakest)}</a>` : ''}`);
  html += row('from', text(decodeMimeWords(h.from), 160));
  // Absent, not only null, in records written before To was read.
  if (typeof h.to === 'string') html += row('to', text(decodeMimeWords(h.to), 160));
  html += row('date', text(h.date?.text ?? null, 80));
  html += row('message-id', text(h.messageId, 160));
  // `#index` as the CLI and the JSON write it (0 = the first message of the file).
  if (origin !== null) html += row('source', `${text(origin.source, 200)} #${int(origin.index)}`);
  const transit = report.timeline.totalSeconds;
  html += row('hops', `${int(report.hops.length + hopsOmitted)}${transit === null ? '' : ` · transit ${text(duration(transit))}`}${hopsOmitted > 0 ? ` · <strong>${int(hopsOmitted)} oldest not drawn</strong>` : ''}${report.truncated ? ' · <strong>truncated by a limit</strong>' : ''}`);
  html += traceSummary(report);
  html += '</table>';
  html += issueList([...report.issues, ...report.timeline.anomalies], hopCount);
  html += `<div class="path-wrap">${hopPath(report, `${anchor}-path`, hopsOmitted)}</div>`;
  if (hops.length > 0) html += PATH_KEY + NUMBERING_KEY;
  if (hops.length > 0) {
    html += '<ol class="hops">';
    hops.forEach((hop, k) => {
      html += hopCard(hop, k + 1 + hopsOmitted, hops.length + hopsOmitted, anchor, delays.get(hop.index));
    });
    html += '</ol>';
  }
  if (backLink) html += '<p class="back"><a href="#weakest">↑ back to the list</a></p>';
  return `${html}</section>`;
}
