/**
 * The hop chain of one message drawn as a path (SVG), oldest hop first: the servers as nodes top to bottom, each hop
 * a segment between the server that sent and the server that wrote the Received line (RFC 5321 §4.4), coloured by
 * grade with its letter on a badge; internal hops grey and dashed, hops below the trust boundary hollow-marked
 * "unverifiable". Each hop's reasons are in its `<title>` (hover) and in the cards below the drawing.
 * @module
 */
import { normaliseHost } from '../../address/host.js';
import { chronologicalHopNumbers, reasonText } from '../units.js';
import type { Hop, MessageReport } from '../../types.js';
import { clean, esc } from './escape.js';
import { duration, isoShort } from './format.js';
import { GRADE_LABEL, gradeFill } from './palette.js';
import { fitChars, n } from './svg.js';

const W = 940;
const TOP = 26;
const ROW = 84;
const LINE_X = 38;
const TEXT_X = 76;
const FONT = 12.5;

/** Hops oldest first: the reverse of header order (each MTA prepends its line, RFC 5321 §4.4). */
export function pathOrder(report: MessageReport): Hop[] {
  return [...report.hops].reverse();
}

/** Whether the hop lies below the trust boundary (anyone could have written it). */
export function isUnverifiable(hop: Hop): boolean {
  return hop.issues.some((i) => i.code === 'UNVERIFIABLE');
}

/** The sending side as one short name: reverse DNS, else HELO, else IP. */
export function senderName(hop: Hop): string {
  const f = hop.from;
  if (f === null) return '(sender not stated)';
  const name = f.rdns ?? f.helo ?? f.ip ?? '(sender not stated)';
  return f.ip !== null && name !== f.ip ? `${name} [${f.ip}]` : name;
}

/** The receiving side: the `by` host, else its IP. */
export function receiverName(hop: Hop): string {
  return hop.by?.host ?? hop.by?.ip ?? '(receiver not stated)';
}

/** `TLSv1.2 · ECDHE-RSA-AES256-GCM-SHA384 · 256 bits`, or what is known of it. */
export function tlsLine(hop: Hop): string {
  const t = hop.tls;
  if (hop.security.grade === 'none') return 'plaintext (no TLS)';
  if (t === null) return 'TLS not stated';
  const parts: string[] = [];
  if (t.version !== null) parts.push(t.versionInferred ? `${t.version} (inferred)` : t.version);
  else if (t.encrypted === true) parts.push('encrypted, version not stated');
  if (t.cipher !== null) parts.push(t.cipher);
  if (t.bits !== null) parts.push(`${t.bits} bits`);
  return parts.length === 0 ? 'TLS not stated' : parts.join(' · ');
}

/** A node name without its bracketed IP (`mx.example.org [192.0.2.1]`), in the one normal form of host names. */
function bareHost(name: string): string {
  const space = name.indexOf(' ');
  return normaliseHost(space < 0 ? name : name.slice(0, space));
}

/** Whether two node names are the same host (case, trailing dot and the bracketed IP ignored). */
function sameHost(a: string, b: string): boolean {
  return bareHost(a) === bareHost(b);
}

/** The hop's title text (hover): reasons and issues, one per line. */
function hopTooltip(hop: Hop, position: number, count: number): string {
  // numbered from the first handover, like the cards and the text output; findings renumbered the same way
  const lines = [`Hop ${position} of ${count}: ${senderName(hop)} → ${receiverName(hop)}`, `grade ${GRADE_LABEL[hop.security.grade]} (${hop.security.scope}) · ${tlsLine(hop)}`];
  for (const r of hop.security.reasons) lines.push(`${r.rule}: ${reasonText(r)}`);
  for (const i of hop.issues) lines.push(`${i.code}: ${chronologicalHopNumbers(i.message, count)}`);
  return lines.map((l) => clean(l, 300)).join('\n');
}

/** The path drawing of one message; `id` prefixes nothing header-derived (our own counter). */
export function hopPath(report: MessageReport, id: string, omitted = 0): string {
  const hops = pathOrder(report);
  if (hops.length === 0) return '<p class="muted">This message has no Received header: there is no path to draw.</p>';
  const delays = new Map<number, number | null>();
  for (const e of report.timeline.entries) delays.set(e.hop, e.delaySeconds);
  const H = TOP + hops.length * ROW + 22;
  const chars = fitChars(W - TEXT_X - 8, FONT);
  let body = '';

  const node = (y: number, name: string, sub: string, hollow: boolean): string =>
    `<circle cx="${LINE_X}" cy="${n(y)}" r="7" class="${hollow ? 'node hollow' : 'node'}"/>` +
    `<text x="${TEXT_X}" y="${n(y + 4.5)}" class="host">${esc(clean(name, Math.min(70, chars)))}<tspan class="when">${esc(sub === '' ? '' : `  ${sub}`)}</tspan></text>`;

  const first = hops[0] as Hop;
  body += node(TOP, senderName(first), 'sender', isUnverifiable(first));
  let previous = '';
  hops.forEach((hop, k) => {
    const y0 = TOP + k * ROW;
    const y1 = y0 + ROW;
    const mid = (y0 + y1) / 2;
    const internal = hop.security.scope === 'internal';
    const unverifiable = isUnverifiable(hop);
    const grade = hop.security.grade;
    const delay = delays.get(hop.index);
    const facts = [hop.protocol === null ? 'protocol not stated' : `with ${hop.protocol}`, hop.security.scope === 'unknown' ? 'scope unknown' : hop.security.scope];
    if (delay !== undefined && delay !== null) facts.push(`${delay < 0 ? '' : '+'}${duration(delay)}`);
    if (unverifiable) facts.push('⚠ unverifiable (below the trust boundary)');
    // The sender as this server saw it, when it is not simply the node above (a renamed or discontinuous handoff).
    const sender = senderName(hop);
    if (k > 0 && hop.from !== null && !sameHost(sender, previous)) facts.push(`from ${sender}`);
    previous = receiverName(hop);
    const stroke = internal ? 'class="seg-line internal"' : `class="seg-line" stroke="${gradeFill(grade)}"`;
    // Places in time count the hops left out of the drawing (the oldest), so "k of n" is the hop's place in the chain.
    body += `<g class="hop${internal ? ' internal' : ''}${unverifiable ? ' unverifiable' : ''}"><title>${esc(hopTooltip(hop, k + 1 + omitted, hops.length + omitted))}</title>`;
    body += `<line x1="${LINE_X}" x2="${LINE_X}" y1="${n(y0 + 9)}" y2="${n(y1 - 18)}" ${stroke} marker-end="url(#arrow)"/>`;
    body += `<rect x="${LINE_X - 24}" y="${n(mid - 12)}" width="48" height="24" rx="5" fill="${gradeFill(grade)}" class="${unverifiable ? 'badge dashed' : 'badge'}"/>`;
    body += `<text x="${LINE_X}" y="${n(mid + 5)}" class="badge-text">${GRADE_LABEL[grade]}</text>`;
    body += `<text x="${TEXT_X}" y="${n(mid - 3)}" class="hop-tls">${esc(clean(tlsLine(hop), chars))}</text>`;
    body += `<text x="${TEXT_X}" y="${n(mid + 14)}" class="hop-facts">${esc(clean(`hop ${k + 1 + omitted} · ${facts.join(' · ')}`, chars + 8))}</text>`;
    body += '</g>';
    body += node(y1, receiverName(hop), isoShort(hop.date?.iso ?? null), unverifiable);
  });
  return `<svg class="hop-path" id="${id}" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="hop path, oldest first">${body}</svg>`;
}
