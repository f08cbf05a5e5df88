/**
 * The default, human-readable output: per message the hop chain oldest first (time in UTC, delay, from → by,
 * protocol, TLS version, cipher, grade with its reasons), internal and unverifiable hops marked, then the verdict;
 * for archives a summary at the end. Hops are labelled with their `index` (header order, 0 = the topmost Received),
 * so the numbers in issue messages, CSV and JSON point at the same rows. Every header-derived string goes through `sanitize`.
 * @module
 */
import type { NestedReport } from '../../node/nested.js';
import type { ScanMessage } from '../../node/scan-types.js';
import type { ScanSummary } from '../../summary/types.js';
import type { Grade, Hop, Issue, MessageReport } from '../../types.js';
import { paintGrade, type Colors } from '../color.js';
import { sanitize } from '../sanitize.js';
import type { OutputFormat } from './format.js';
import { clip, countsText, delayText, utcText } from './units.js';

/** 48 characters of a host or address shown per side: longer names are cut (the JSON output has them whole). */
const HOST_WIDTH = 48;
/** 96 characters of a reason's message: a reason line stays on one terminal line in most windows. */
const REASON_WIDTH = 96;
/** 72 characters of a Subject or date shown in a message heading. */
const HEADING_WIDTH = 72;

function sameHost(a: string, b: string): boolean {
  const norm = (s: string): string => (s.endsWith('.') ? s.slice(0, -1) : s).toLowerCase();
  return norm(a) === norm(b);
}

function fromText(hop: Hop): string {
  const f = hop.from;
  if (f === null) return '(no from)';
  let name = f.rdns ?? f.helo;
  // `[10.1.2.3]` as HELO beside the address it repeats says nothing more
  if (name !== null && f.ip !== null && name.startsWith('[')) name = null;
  const host = name === null ? '' : clip(sanitize(name), HOST_WIDTH);
  // the client's own claim, when the receiver saw something else: a classic forgery tell
  const helo = f.rdns !== null && f.helo !== null && sameHost(f.rdns, f.helo) === false && !f.helo.startsWith('[') ? ` (helo ${clip(sanitize(f.helo), HOST_WIDTH)})` : '';
  if (f.ip === null) return host === '' ? '(unnamed)' : host + helo;
  return host === '' ? `[${f.ip}]` : `${host} [${f.ip}]${helo}`;
}

function byText(hop: Hop): string {
  const host = hop.by?.host ?? hop.by?.ip ?? null;
  return host === null ? '(no by)' : clip(sanitize(host), HOST_WIDTH);
}

function tlsText(hop: Hop): string {
  const parts: string[] = [];
  if (hop.protocol !== null) parts.push(clip(sanitize(hop.protocol), 24));
  const tls = hop.tls;
  if (tls !== null) {
    if (tls.version !== null) parts.push(tls.versionInferred ? `${tls.version}?` : tls.version);
    else if (tls.versionText !== null) parts.push(clip(sanitize(tls.versionText), 24));
    if (tls.cipher !== null) parts.push(clip(sanitize(tls.cipher), 60));
    if (tls.bits !== null) parts.push(`${tls.bits} bits`);
  }
  return parts.length === 0 ? '(nothing stated)' : parts.join('  ');
}

function issueLine(c: Colors, indent: string, i: Issue): string {
  const mark = i.severity === 'error' ? c.red('!') : c.yellow('!');
  return `${indent}${mark} ${i.code}  ${clip(sanitize(i.message), REASON_WIDTH)}\n`;
}

/** The lines of one report: hops oldest first, then the verdict and the message-level problems. */
function reportLines(c: Colors, report: MessageReport, indent: string): string {
  const hops = report.hops;
  const n = hops.length;
  const delays: (number | null)[] = new Array<number | null>(n).fill(null);
  for (const e of report.timeline.entries) if (e.hop >= 0 && e.hop < n) delays[e.hop] = e.delaySeconds;
  let out = '';
  for (let k = n - 1; k >= 0; k--) {
    const hop = hops[k]!;
    // The hop's `index` (header order, 0 = topmost), the number every issue message and the JSON and CSV use.
    const number = String(hop.index).padStart(3);
    const when = hop.date === null ? c.dim('(no date)'.padEnd(19)) : hop.date.iso === null ? c.dim(clip(sanitize(hop.date.text), 19).padEnd(19)) : utcText(hop.date.iso);
    const d = delays[k] ?? null;
    const delay = d === null ? ''.padStart(7) : d < 0 ? c.red(delayText(d).padStart(7)) : delayText(d).padStart(7);
    const tags: string[] = [];
    if (hop.security.scope === 'internal') tags.push(c.dim('internal'));
    else if (hop.security.scope === 'unknown') tags.push(c.dim('scope?'));
    if (hop.issues.some((i) => i.code === 'UNVERIFIABLE')) tags.push(c.yellow('UNVERIFIABLE'));
    const tagText = tags.length === 0 ? '' : `  ${tags.join(' ')}`;
    out += `${indent}${number}  ${when}  ${delay}  ${fromText(hop)} → ${byText(hop)}${tagText}\n`;
    const grade = hop.security.grade;
    out += `${indent}     ${paintGrade(c, grade, grade.padEnd(7))} ${tlsText(hop)}\n`;
    // scope reasons (S-*) are shown as the tag above
    const reasons = hop.security.reasons.filter((r) => !r.rule.startsWith('S-'));
    const ruleWidth = reasons.reduce((w, r) => Math.max(w, r.rule.length), 0);
    for (const r of reasons) out += `${indent}             ${c.dim(sanitize(r.rule).padEnd(ruleWidth))}  ${clip(sanitize(r.message), REASON_WIDTH)}\n`;
    for (const i of hop.issues) if (i.severity !== 'info' && i.code !== 'UNVERIFIABLE') out += issueLine(c, `${indent}             `, i);
  }
  out += `${indent}${verdictLine(c, report)}\n`;
  for (const i of report.issues) if (i.severity !== 'info') out += issueLine(c, `${indent}  `, i);
  return out;
}

function verdictLine(c: Colors, report: MessageReport): string {
  const v = report.verdict;
  const n = report.hops.length;
  let text = `verdict ${v.grade === 'internal-only' ? c.dim(v.grade) : paintGrade(c, v.grade, c.bold(v.grade))}`;
  if (v.weakestHop !== null) {
    const hop = report.hops[v.weakestHop];
    if (hop !== undefined) text += ` — hop ${v.weakestHop} (${fromText(hop)} → ${byText(hop)})`;
  } else if (n === 0) text += ' — no Received fields';
  else text += ' — no hop crossed between operators';
  const paint = (g: Grade, t: string): string => paintGrade(c, g, t);
  text += `  ·  external: ${countsText(v.counts, paint)}`;
  const internal = countsText(v.internalCounts, paint);
  if (internal !== '-') text += `  ·  internal: ${internal}`;
  return text;
}

function heading(c: Colors, item: ScanMessage): string {
  const where = item.byteOffset === null ? sanitize(item.source) : `${sanitize(item.source)} #${item.index} @${item.byteOffset}`;
  const h = item.report.headers;
  let out = `${c.bold(where)}\n`;
  if (h.subject !== null) out += `  Subject: ${clip(sanitize(h.subject), HEADING_WIDTH)}\n`;
  if (h.date !== null) out += `  Date:    ${clip(sanitize(h.date.text), HEADING_WIDTH)}\n`;
  return out;
}

function nestedLines(c: Colors, nested: NestedReport): string {
  const indent = '    '.repeat(nested.depth);
  const inside = nested.parentPosition === null ? '' : ` inside nested #${nested.parentPosition + 1}`;
  let out = `${indent.slice(2)}↳ nested #${nested.position + 1} (${nested.contentType}, depth ${nested.depth}${inside})\n`;
  const s = nested.report.headers.subject;
  if (s !== null) out += `${indent}Subject: ${clip(sanitize(s), HEADING_WIDTH)}\n`;
  out += reportLines(c, nested.report, indent);
  return out;
}

function summaryText(c: Colors, s: ScanSummary): string {
  const paint = (g: Grade, t: string): string => paintGrade(c, g, t);
  let out = `${c.bold('Summary')}\n`;
  out += `  messages       ${s.messages}  (nested ${s.nestedMessages}, unreadable ${s.unreadable})\n`;
  out += `  hops           ${s.hops}  (${s.externalHops} external, ${s.internalHops} internal)\n`;
  out += `  verdicts       ${countsText(s.verdicts, paint)}${s.internalOnly > 0 ? `  ·  internal-only ${s.internalOnly}` : ''}\n`;
  out += `  external hops  ${countsText(s.externalHopGrades, paint)}\n`;
  if (s.weakestCiphers.length > 0) {
    out += '  weakest ciphers (external hops)\n';
    for (const t of s.weakestCiphers) {
      out += `    ${paintGrade(c, t.grade, t.grade.padEnd(7))} ${String(t.count).padStart(7)}  ${clip(sanitize(t.cipher), 60)}\n`;
    }
  }
  if (s.worstRelays.length > 0) {
    out += '  worst sending relays (external hops; grouped by reverse-DNS domain, else HELO domain, else IP)\n';
    for (const r of s.worstRelays) {
      out += `    ${paintGrade(c, r.worstGrade, r.worstGrade.padEnd(7))} ${String(r.hops).padStart(7)}  ${clip(sanitize(r.relay), HOST_WIDTH)}  (${countsText(r.grades, paint)})\n`;
    }
  }
  if (s.unmatchedDeclared.length > 0) {
    out += `  ${c.yellow('declared but matched nothing')}  ${clip(sanitize(s.unmatchedDeclared.join(', ')), HEADING_WIDTH)}\n`;
  }
  if (s.years.length > 0) {
    out += '  per year: verdicts | external hops\n';
    for (const y of s.years) {
      out += `    ${(y.year === null ? '(none)' : String(y.year)).padEnd(7)} ${countsText(y.verdicts, paint)}  |  ${countsText(y.externalHops, paint)}\n`;
    }
  }
  return out;
}

/** The text format; the summary is printed only for archives (more than one message). */
export function textFormat(c: Colors): OutputFormat {
  return {
    head: () => '',
    message(item) {
      let out = heading(c, item) + reportLines(c, item.report, '  ');
      for (const nested of item.nested) out += nestedLines(c, nested);
      return out;
    },
    separator: '\n',
    tail: (summary) => (summary.messages > 1 ? `\n${summaryText(c, summary)}` : ''),
  };
}
