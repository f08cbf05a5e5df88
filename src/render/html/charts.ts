/**
 * The archive view's charts, drawn as inline SVG: a share bar, grade shares per period (stacked columns), and
 * stacked horizontal bars for rows (protocol versions). Every segment carries a `<title>` with its numbers and,
 * where it is wide enough, its grade label; grades are never told by colour alone.
 * @module
 */
import { GRADE_ORDER } from '../../grade/order.js';
import type { GradeCounts } from '../../summary/types.js';
import type { Grade } from '../../types.js';
import { clean, esc } from './escape.js';
import { compact, int, pct, total } from './format.js';
import { GRADE_LABEL, GRADES_BEST_FIRST, gradeFill } from './palette.js';
import { fitChars, n } from './svg.js';

/** Bottom to top: the worst grades sit on the baseline, where a reader compares them between bars. */
const STACK_ORDER: readonly Grade[] = GRADE_ORDER;

/** 80 columns at most: past that the oldest periods are merged into one "earlier" column. */
const MAX_PERIOD_BARS = 80;

/** One column of the period chart. */
export interface PeriodBar {
  readonly label: string;
  readonly counts: GradeCounts;
}

/**
 * A 100% share bar of one grade count, with labels in the segments wide enough for them. Lengths are percentages
 * (no viewBox), so the bar stretches to its container without distorting the text.
 */
export function shareBar(counts: GradeCounts, what: string): string {
  const sum = total(counts);
  const H = 30;
  let x = 0;
  let body = '';
  for (const g of GRADES_BEST_FIRST) {
    const c = counts[g];
    if (c === 0 || sum === 0) continue;
    const w = (c / sum) * 100;
    const tip = `${GRADE_LABEL[g]}: ${int(c)} ${what} (${pct(c / sum)})`;
    body += `<g><title>${esc(tip)}</title><rect x="${n(x)}%" y="0" width="${n(w)}%" height="${H}" fill="${gradeFill(g)}"/>`;
    if (w >= 9) body += `<text x="${n(x + w / 2)}%" y="${H / 2 + 4}" class="seg">${GRADE_LABEL[g]} ${esc(pct(c / sum))}</text>`;
    else if (w >= 3) body += `<text x="${n(x + w / 2)}%" y="${H / 2 + 4}" class="seg">${GRADE_LABEL[g]}</text>`;
    body += '</g>';
    x += w;
  }
  if (sum === 0) body = `<rect x="0" y="0" width="100%" height="${H}" class="empty"/><text x="50%" y="${H / 2 + 4}" class="seg">no ${esc(what)}</text>`;
  return `<svg class="share" width="100%" height="${H}" role="img" aria-label="${esc(`share of ${what} per grade`)}">${body}</svg>`;
}

function mergeOldest(bars: readonly PeriodBar[]): PeriodBar[] {
  if (bars.length <= MAX_PERIOD_BARS) return [...bars];
  const cut = bars.length - (MAX_PERIOD_BARS - 1);
  const merged: Record<Grade, number> = { A: 0, B: 0, C: 0, F: 0, none: 0, unknown: 0 };
  for (const b of bars.slice(0, cut)) for (const g of STACK_ORDER) merged[g] += b.counts[g];
  return [{ label: `≤ ${bars[cut - 1]?.label ?? ''}`, counts: merged }, ...bars.slice(cut)];
}

/** Grade shares per period as 100% stacked columns, the count above each column. */
export function periodChart(input: readonly PeriodBar[], what: string, id: string): string {
  const bars = mergeOldest(input);
  if (bars.length === 0) return `<p class="muted">No dated ${esc(what)}.</p>`;
  const left = 40;
  const top = 22;
  const plotH = 180;
  const step = Math.min(64, Math.max(12, 880 / bars.length));
  const barW = step * 0.72;
  const rotate = step < 44;
  const bottom = rotate ? 62 : 28;
  const W = Math.max(360, left + step * bars.length + 12);
  const H = top + plotH + bottom;
  let body = '';
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    const y = top + plotH * (1 - p);
    body += `<line x1="${left - 4}" x2="${n(W - 8)}" y1="${n(y)}" y2="${n(y)}" class="grid"/><text x="${left - 7}" y="${n(y + 4)}" class="axis" text-anchor="end">${p * 100}%</text>`;
  }
  bars.forEach((bar, i) => {
    const x = left + i * step + (step - barW) / 2;
    const sum = total(bar.counts);
    const label = esc(clean(bar.label, 12));
    let y = top + plotH;
    body += '<g>';
    for (const g of STACK_ORDER) {
      const c = bar.counts[g];
      if (c === 0 || sum === 0) continue;
      const h = (c / sum) * plotH;
      y -= h;
      body += `<rect x="${n(x)}" y="${n(y)}" width="${n(barW)}" height="${n(h)}" fill="${gradeFill(g)}"><title>${label} · ${GRADE_LABEL[g]}: ${int(c)} of ${int(sum)} ${esc(what)} (${esc(pct(c / sum))})</title></rect>`;
      if (h >= 13 && barW >= 14) body += `<text x="${n(x + barW / 2)}" y="${n(y + h / 2 + 4)}" class="seg">${GRADE_LABEL[g] === 'none' && barW < 30 ? 'no' : GRADE_LABEL[g]}</text>`;
    }
    body += `<text x="${n(x + barW / 2)}" y="${top - 6}" class="count">${compact(sum)}</text>`;
    const lx = x + barW / 2;
    const ly = top + plotH + 14;
    body += rotate
      ? `<text x="${n(lx)}" y="${n(ly)}" class="axis" text-anchor="end" transform="rotate(-50 ${n(lx)} ${n(ly)})">${label}</text>`
      : `<text x="${n(lx)}" y="${n(ly)}" class="axis" text-anchor="middle">${label}</text>`;
    body += '</g>';
  });
  return `<svg class="chart period" id="${id}" viewBox="0 0 ${n(W)} ${n(H)}" width="${n(W)}" role="img" aria-label="${esc(`grade share of ${what} per period`)}">${body}</svg>`;
}

/** One row of a horizontal stacked bar chart. */
export interface BarRow {
  readonly label: string;
  readonly counts: GradeCounts;
}

/** Horizontal stacked bars, one per row, scaled to the largest row; the count printed after each bar. */
export function rowBars(rows: readonly BarRow[], what: string, id: string): string {
  if (rows.length === 0) return `<p class="muted">No ${esc(what)}.</p>`;
  const labelW = 230;
  const barMax = 440;
  const rowH = 26;
  const W = labelW + barMax + 230;
  const H = rows.length * rowH + 4;
  const max = Math.max(1, ...rows.map((r) => total(r.counts)));
  let body = '';
  rows.forEach((row, i) => {
    const y = i * rowH + 4;
    const sum = total(row.counts);
    const label = esc(clean(row.label, fitChars(labelW - 10, 12)));
    body += `<g><title>${esc(clean(row.label, 120))}: ${int(sum)} ${esc(what)}</title><text x="${labelW - 10}" y="${y + 14}" class="label" text-anchor="end">${label}</text>`;
    let x = labelW;
    for (const g of GRADES_BEST_FIRST) {
      const c = row.counts[g];
      if (c === 0) continue;
      const w = Math.max(1, (c / max) * barMax);
      body += `<rect x="${n(x)}" y="${y}" width="${n(w)}" height="${rowH - 8}" fill="${gradeFill(g)}"><title>${label} · ${GRADE_LABEL[g]}: ${int(c)} (${esc(pct(c / sum))})</title></rect>`;
      if (w >= 22) body += `<text x="${n(x + w / 2)}" y="${y + 13}" class="seg">${GRADE_LABEL[g]}</text>`;
      x += w;
    }
    body += `<text x="${n(x + 6)}" y="${y + 14}" class="tail"><tspan class="sum">${int(sum)}</tspan>  ${mixText(row.counts)}</text></g>`;
  });
  return `<svg class="chart rows" id="${id}" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="${esc(what)}">${body}</svg>`;
}

/** A small stacked bar (table cell): the grade mix of one row, with a `<title>` listing the counts. */
export function miniBar(counts: GradeCounts): string {
  const sum = total(counts);
  const W = 120;
  const H = 12;
  let x = 0;
  let body = '';
  const parts: string[] = [];
  for (const g of GRADES_BEST_FIRST) {
    const c = counts[g];
    if (c === 0 || sum === 0) continue;
    const w = (c / sum) * W;
    body += `<rect x="${n(x)}" y="0" width="${n(w)}" height="${H}" fill="${gradeFill(g)}"/>`;
    parts.push(`${GRADE_LABEL[g]} ${int(c)}`);
    x += w;
  }
  body += `<rect x="0.5" y="0.5" width="${W - 1}" height="${H - 1}" class="frame"/>`;
  return `<svg class="mini" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(parts.join(', '))}"><title>${esc(parts.join(' · '))}</title>${body}</svg>`;
}

/** The counts of a grade mix as text (`A 3 · F 1`), for the cell beside a {@link miniBar}. */
export function mixText(counts: GradeCounts): string {
  const parts: string[] = [];
  for (const g of GRADES_BEST_FIRST) if (counts[g] > 0) parts.push(`${GRADE_LABEL[g]} ${int(counts[g])}`);
  return esc(parts.join(' · '));
}
