/**
 * One message's detail: its identifiers, the verdict, the hop path (SVG) and one card per hop with the facts the
 * receiving server wrote, the grading reasons (rule ids from GRADING.md) and the issues, the raw line folded away.
 * @module
 */
import type { Hop, Issue, MessageReport } from '../types.js';
import { clean, esc, text } from './escape.js';
import { duration, int, isoShort } from './format.js';
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

function row(label: string, valueHtml: string): string {
  return `<tr><th scope="row">${label}</th><td>${valueHtml}</td></tr>`;
}

function issueList(issues: readonly Issue[]): string {
  if (issues.length === 0) return '';
  const shown = issues.slice(0, MAX_ISSUES_SHOWN);
  let html = '<ul class="issues">';
  for (const i of shown) html += `<li class="sev-${i.severity}"><code>${text(i.code, 40)}</code> ${text(i.message, 300)}</li>`;
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
  // Titled by `index` (the number issue messages and the JSON use), with its place in time beside it.
  html += `<h4>${badge(sec.grade)} Hop ${int(hop.index)} <span class="muted">(${int(position)} of ${int(count)}, oldest first)</span>: ${text(senderName(hop), 120)} → ${text(receiverName(hop), 120)}</h4>`;
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
    for (const r of sec.reasons) html += `<li><code>${text(r.rule, 40)}</code> ${text(r.message, 300)}${r.evidence === undefined ? '' : ` <q>${text(r.evidence, 120)}</q>`}</li>`;
    html += '</ul>';
  }
  html += issueList(hop.issues);
  html += `<details><summary>Received header as written</summary><pre>${esc(clean(hop.raw, MAX_RAW_SHOWN, true))}</pre></details>`;
  return `${html}</li>`;
}

function traceSummary(report: MessageReport): string {
  const t = report.trace;
  const parts: string[] = [];
  for (const a of t.authenticationResults.slice(0, 5)) {
    const res = a.results.map(([m, r]) => `${m}=${r}`).join(' ');
    parts.push(`${text(a.authservId, 60, '(no authserv-id)')}: ${text(res, 160, 'no results')}`);
  }
  for (const s of t.receivedSpf.slice(0, 3)) parts.push(`Received-SPF: ${text(s.result, 30, 'unreadable')}${s.clientIp === null ? '' : ` for ${text(s.clientIp, 60)}`}`);
  if (t.tlsRequired !== null) parts.push(`TLS-Required: ${text(t.tlsRequired, 40)}`);
  return parts.length === 0 ? '' : row('trace', parts.join('<br>'));
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
  let html = `<section class="message" id="${anchor}">`;
  html += `<h3>${badge(v.grade)} ${text(h.subject, 160, '(no subject)')}</h3>`;
  html += '<table class="facts meta">';
  const verdictText = v.grade === 'internal-only' ? 'internal only: no hop crossed between operators' : GRADE_LABEL[v.grade] === '?' ? 'unknown (not stated)' : `grade ${GRADE_LABEL[v.grade]}`;
  html += row('verdict', `${badge(v.grade)} ${verdictText}${weakest !== null && weakest > hopsOmitted ? ` — set by <a href="#${anchor}-h${weakest}">hop ${int(v.weakestHop ?? 0)}</a>` : ''}`);
  html += row('from', text(h.from, 160));
  html += row('date', text(h.date?.text ?? null, 80));
  html += row('message-id', text(h.messageId, 160));
  // `#index` as the CLI and the JSON write it (0 = the first message of the file).
  if (origin !== null) html += row('source', `${text(origin.source, 200)} #${int(origin.index)}`);
  const transit = report.timeline.totalSeconds;
  html += row('hops', `${int(report.hops.length + hopsOmitted)}${transit === null ? '' : ` · transit ${text(duration(transit))}`}${hopsOmitted > 0 ? ` · <strong>${int(hopsOmitted)} oldest not drawn</strong>` : ''}${report.truncated ? ' · <strong>truncated by a limit</strong>' : ''}`);
  html += traceSummary(report);
  html += '</table>';
  html += issueList([...report.issues, ...report.timeline.anomalies]);
  html += `<div class="path-wrap">${hopPath(report, `${anchor}-path`, hopsOmitted)}</div>`;
  if (hops.length > 0) html += PATH_KEY;
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
