/**
 * The default, human-readable output: per message the hop chain oldest first (time in UTC, delay, from → by,
 * protocol, TLS version, cipher, grade with its reasons), internal and unverifiable hops marked, then the verdict;
 * for archives a summary at the end. Hops are numbered as people count them — 1 = the first handover, as mail
 * providers' header analyzers do — and the "hop N" in findings is renumbered the same way, so no line mixes that
 * with the header order (`index`, 0 = topmost) that JSON and CSV keep. Lines fit the width given (the terminal's):
 * long findings wrap, never cut. Every header-derived string goes through `sanitize`.
 * @module
 */
import { normaliseHost } from '../address/host.js';
import type { NestedReport } from '../summary/scan-message.js';
import type { ScanMessage } from '../summary/scan-message.js';
import type { ScanSummary } from '../summary/types.js';
import { decodeMimeWords } from './mime-words.js';
import type { Grade, Hop, Issue, MessageReport, Reason } from '../types.js';
import { paintGrade, type Colors } from './colors.js';
import { sanitize } from './sanitize.js';
import type { OutputFormat } from './format.js';
import { chronological, chronologicalHopNumbers, clip, countsText, DEFAULT_TEXT_WIDTH, delaysByHop, delayText, durationText, reasonText, utcText, wrapText } from './units.js';

/** 48 characters of a host or address shown per side: longer names are cut (the JSON output has them whole). */
const HOST_WIDTH = 48;
/** 72 characters of a Subject, From or date shown in a message heading (the JSON output has them whole). */
const HEADING_WIDTH = 72;
/** 30 columns at least for the host names after a hop's date; fewer, and they move to lines of their own. */
const MIN_HOST_COLUMNS = 30;
/** Where a hop's grade line starts, under the hop number. */
const GRADE_INDENT = '     ';
/** Where a hop's reasons and findings start, under its TLS text. */
const DETAIL_INDENT = '             ';

/** What a text chunk is laid out with. */
interface Layout {
  readonly c: Colors;
  /** Columns available (see `textWidth`). */
  readonly width: number;
}

function sameHost(a: string, b: string): boolean {
  return normaliseHost(a) === normaliseHost(b);
}

/**
 * The scope reason of a hop that moved nothing over a network — a local pickup (`from userid 1002`), `with local`,
 * a process stamp — when no TLS was stated either (there was no connection to encrypt): shown as `local`, not as
 * an `unknown` grade that reads like a finding.
 */
function localPickup(hop: Hop): Reason | null {
  if (hop.tls !== null || hop.security.scopeReason !== 'local' || hop.security.grade !== 'unknown') return null;
  return hop.security.reasons.find((r) => r.rule.startsWith('S-')) ?? { rule: 'S-INTERNAL', message: 'local' };
}

function fromText(hop: Hop): string {
  const f = hop.from;
  if (f === null) return localPickup(hop) === null ? '(no from)' : '(local)';
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
  const local = localPickup(hop);
  if (local !== null) return `local, no network${local.evidence === undefined ? '' : ` (${clip(sanitize(local.evidence), HOST_WIDTH)})`}`;
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

/**
 * `text` wrapped to the layout's width after `prefix` (whose visible width is `prefixWidth`), continuation lines
 * aligned under the text; `paint` colours each line's text.
 */
function wrapped(layout: Layout, prefix: string, prefixWidth: number, text: string, paint: (s: string) => string = (s) => s): string {
  const lines = wrapText(text, layout.width - prefixWidth);
  const pad = ' '.repeat(prefixWidth);
  return lines.map((line, i) => `${i === 0 ? prefix : pad}${paint(line)}\n`).join('');
}

function issueLine(layout: Layout, indent: string, i: Issue, hopCount: number): string {
  const c = layout.c;
  const mark = i.severity === 'error' ? c.red('!') : c.yellow('!');
  const head = `${indent}${mark} ${i.code}  `;
  return wrapped(layout, head, indent.length + i.code.length + 4, sanitize(chronologicalHopNumbers(i.message, hopCount)));
}

/** The column header above a message's hops, and the numbering it uses. */
function columnHeader(layout: Layout, indent: string): string {
  const c = layout.c;
  return `${indent}${c.dim('  #  received (UTC)          delay  from → by')}\n${indent}${c.dim(`${GRADE_INDENT}grade   protocol  TLS version  cipher  bits`)}\n`;
}

/** The marks after a hop's hosts: where it stands (local, internal, scope unknown) and `UNVERIFIABLE`; painted and plain. */
function hopTags(c: Colors, hop: Hop): { readonly painted: string[]; readonly plain: string[] } {
  const painted: string[] = [];
  const plain: string[] = [];
  const add = (tag: string, paint: (s: string) => string): void => {
    painted.push(paint(tag));
    plain.push(tag);
  };
  if (localPickup(hop) !== null) add('local', c.dim);
  else if (hop.security.scope === 'internal') add('internal', c.dim);
  else if (hop.security.scope === 'unknown') add('scope?', c.dim);
  if (hop.issues.some((i) => i.code === 'UNVERIFIABLE')) add('UNVERIFIABLE', c.yellow);
  return { painted, plain };
}

/** A hop's first line(s): number, time, delay, sending → receiving side and its tags, wrapped to the width. */
function hopHead(layout: Layout, hop: Hop, delay: number | null, hopCount: number, indent: string, soft: (s: string) => string): string {
  const c = layout.c;
  const number = String(chronological(hop.index, hopCount)).padStart(3);
  const when = hop.date === null ? c.dim('(no date)'.padEnd(20)) : hop.date.iso === null ? c.dim(clip(sanitize(hop.date.text), 20).padEnd(20)) : soft(utcText(hop.date.iso));
  const delayCell = delay === null ? ''.padStart(7) : delay < 0 ? c.red(delayText(delay).padStart(7)) : soft(delayText(delay).padStart(7));
  const tags = hopTags(c, hop);
  const start = `${indent}${soft(number)}  ${when}  ${delayCell}  `;
  const startWidth = indent.length + 3 + 2 + 20 + 2 + 7 + 2;
  const from = fromText(hop);
  const to = `→ ${byText(hop)}`;
  const tagText = tags.painted.length === 0 ? '' : `  ${tags.painted.join(' ')}`;
  const tagWidth = tags.plain.length === 0 ? 0 : 2 + tags.plain.join(' ').length;
  if (startWidth + from.length + 1 + to.length + tagWidth <= layout.width) return `${start}${soft(`${from} ${to}`)}${tagText}\n`;
  // Too wide: sending side, receiving side and tags each on a line, aligned; on a narrow terminal they start
  // under the grade instead of after the date, so a host name is not wrapped two characters at a time.
  const hostIndent = layout.width - startWidth >= MIN_HOST_COLUMNS ? startWidth : indent.length + GRADE_INDENT.length;
  const pad = ' '.repeat(hostIndent);
  let out = hostIndent === startWidth ? wrapped(layout, start, startWidth, from, soft) : `${start.trimEnd()}\n${wrapped(layout, pad, hostIndent, from, soft)}`;
  if (hostIndent + to.length + tagWidth <= layout.width) out += `${pad}${soft(to)}${tagText}\n`;
  else out += wrapped(layout, pad, hostIndent, to, soft) + (tagText === '' ? '' : `${pad}${tagText.trimStart()}\n`);
  return out;
}

/** One hop: its head, its grade with the TLS facts, its reasons and findings. */
function hopLines(layout: Layout, hop: Hop, delay: number | null, hopCount: number, indent: string): string {
  const c = layout.c;
  // Internal hops stay visible but step back: only the grade letter keeps its colour.
  const soft = (s: string): string => (hop.security.scope === 'internal' ? c.dim(s) : s);
  let out = hopHead(layout, hop, delay, hopCount, indent, soft);
  const grade = hop.security.grade;
  const local = localPickup(hop) !== null;
  const gradeCell = local ? c.dim('local'.padEnd(7)) : paintGrade(c, grade, grade.padEnd(7));
  out += wrapped(layout, `${indent}${GRADE_INDENT}${gradeCell} `, indent.length + GRADE_INDENT.length + 8, tlsText(hop), soft);
  // scope reasons (S-*) are shown as the tag above; a local hop's "nothing stated" is what "local" already says
  const reasons = hop.security.reasons.filter((r) => !r.rule.startsWith('S-') && !(local && r.rule === 'T-NOT-STATED'));
  const ruleWidth = reasons.reduce((w, r) => Math.max(w, r.rule.length), 0);
  for (const r of reasons) {
    const prefix = `${indent}${DETAIL_INDENT}${c.dim(sanitize(r.rule).padEnd(ruleWidth))}  `;
    out += wrapped(layout, prefix, indent.length + DETAIL_INDENT.length + ruleWidth + 2, sanitize(reasonText(r)), soft);
  }
  for (const i of hop.issues) if (i.severity !== 'info' && i.code !== 'UNVERIFIABLE') out += issueLine(layout, `${indent}${DETAIL_INDENT}`, i, hopCount);
  return out;
}

/** The lines of one report: hops oldest first, numbered 1 = the first handover, then transit, verdict, problems. */
function reportLines(layout: Layout, report: MessageReport, indent: string): string {
  const hops = report.hops;
  const n = hops.length;
  const delays = delaysByHop(report);
  let out = n === 0 ? '' : columnHeader(layout, indent);
  for (let k = n - 1; k >= 0; k--) out += hopLines(layout, hops[k]!, delays[k] ?? null, n, indent);
  const total = report.timeline.totalSeconds;
  if (total !== null) out += `${indent}transit ${durationText(total)} from the first to the last dated hop\n`;
  out += verdictLines(layout, report, indent);
  for (const i of report.issues) if (i.severity !== 'info') out += issueLine(layout, `${indent}  `, i, n);
  return out;
}

/** The verdict line, as its statement and its counts (the counts go on a line of their own when both do not fit). */
function verdictParts(c: Colors, report: MessageReport): [string, string, number] {
  const v = report.verdict;
  const n = report.hops.length;
  let text = `verdict ${v.grade === 'internal-only' ? c.dim(v.grade) : paintGrade(c, v.grade, c.bold(v.grade))}`;
  let plain = `verdict ${v.grade}`;
  let tail = '';
  if (v.weakestHop !== null) {
    const hop = report.hops[v.weakestHop];
    if (hop !== undefined) tail = ` — hop ${chronological(v.weakestHop, n)} (${fromText(hop)} → ${byText(hop)})`;
  } else if (n === 0) tail = ' — no Received fields';
  else tail = ' — no hop crossed between operators';
  text += tail;
  plain += tail;
  const paint = (g: Grade, t: string): string => paintGrade(c, g, t);
  let counts = `external: ${countsText(v.counts, paint)}`;
  let countsPlain = `external: ${countsText(v.counts)}`;
  const internal = countsText(v.internalCounts, paint);
  if (internal !== '-') {
    counts += `  ·  internal: ${internal}`;
    countsPlain += `  ·  internal: ${countsText(v.internalCounts)}`;
  }
  return [text, counts, plain.length + 5 + countsPlain.length];
}

function verdictLines(layout: Layout, report: MessageReport, indent: string): string {
  const [statement, counts, width] = verdictParts(layout.c, report);
  if (indent.length + width <= layout.width) return `${indent}${statement}  ·  ${counts}\n`;
  return wrapped(layout, indent, indent.length, statement) + wrapped(layout, `${indent}  `, indent.length + 2, counts);
}

function heading(layout: Layout, item: ScanMessage): string {
  const c = layout.c;
  const where = item.byteOffset === null ? sanitize(item.source) : `${sanitize(item.source)} #${item.index} @${item.byteOffset}`;
  const h = item.report.headers;
  let out = `${c.bold(where)}\n`;
  const subject = decodeMimeWords(h.subject);
  const from = decodeMimeWords(h.from);
  const to = decodeMimeWords(h.to);
  if (subject !== null) out += `  Subject: ${clip(sanitize(subject), HEADING_WIDTH)}\n`;
  if (from !== null) out += `  From:    ${clip(sanitize(from), HEADING_WIDTH)}\n`;
  if (to !== null) out += `  To:      ${clip(sanitize(to), HEADING_WIDTH)}\n`;
  if (h.date !== null) out += `  Date:    ${clip(sanitize(h.date.text), HEADING_WIDTH)}\n`;
  return out;
}

function nestedLines(layout: Layout, nested: NestedReport): string {
  const indent = '    '.repeat(nested.depth);
  const inside = nested.parentPosition === null ? '' : ` inside nested #${nested.parentPosition + 1}`;
  let out = `${indent.slice(2)}↳ nested #${nested.position + 1} (${nested.contentType}, depth ${nested.depth}${inside})\n`;
  // An Outlook item's embedded message has a place of its own (`archive.pst:/Inbox#17/attachment 2`): shown whole.
  if (nested.source !== undefined) out += `${indent}Source:  ${sanitize(nested.source)}\n`;
  const s = decodeMimeWords(nested.report.headers.subject);
  if (s !== null) out += `${indent}Subject: ${clip(sanitize(s), HEADING_WIDTH)}\n`;
  out += reportLines(layout, nested.report, indent);
  return out;
}

function summaryText(layout: Layout, s: ScanSummary): string {
  const c = layout.c;
  const paint = (g: Grade, t: string): string => paintGrade(c, g, t);
  let out = `${c.bold('Summary')}\n`;
  out += `  messages       ${s.messages}  (nested ${s.nestedMessages}, unreadable ${s.unreadable}${s.withoutHeaders > 0 ? `, ${s.withoutHeaders} archive items without internet headers` : ''})\n`;
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
    out += wrapped(layout, '  ', 2, 'worst sending relays (external hops; grouped by reverse-DNS domain, else HELO domain, else IP)');
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

/** The one line that says how hops are numbered and which clock the times use. */
const NUMBERING_NOTE = 'Hops oldest first: hop 1 is the first handover. Times are UTC; delay = time since the hop before.';

/** The text format, `width` columns wide; the summary is printed only for archives (more than one message). */
export function textFormat(c: Colors, width: number = DEFAULT_TEXT_WIDTH): OutputFormat {
  const layout: Layout = { c, width };
  return {
    head: () => wrapped(layout, '', 0, NUMBERING_NOTE, c.dim) + '\n',
    message(item) {
      let out = heading(layout, item) + reportLines(layout, item.report, '  ');
      for (const nested of item.nested) out += nestedLines(layout, nested);
      return out;
    },
    separator: '\n',
    tail: (summary) => (summary.messages > 1 ? `\n${summaryText(layout, summary)}` : ''),
  };
}
