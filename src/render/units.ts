/**
 * Small text helpers shared by the text and CSV formats.
 * @module
 */
import type { Duration } from 'date-fns';
import { formatDuration } from 'date-fns/formatDuration';
import { KNOWN_GRADES } from '../grade/order.js';
import type { GradeCounts } from '../summary/types.js';
import type { Grade, MessageReport } from '../types.js';

/** Display order of grades: worst first, `unknown` last. */
export const GRADE_DISPLAY_ORDER: readonly Grade[] = [...KNOWN_GRADES, 'unknown'];

/** `2013-01-05T18:20:30.000Z` → `2013-01-05 18:20:30Z`: the Z says UTC even where a column header is out of sight. */
export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** A whole number of seconds (≥ 0) in its two largest units, the smaller one cut (not rounded): days and hours, … */
function twoUnits(s: number): Duration {
  if (s < 60) return { seconds: s };
  if (s < 3600) return { minutes: Math.floor(s / 60), seconds: s % 60 };
  if (s < 86400) return { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) };
  return { days: Math.floor(s / 86400), hours: Math.floor((s % 86400) / 3600) };
}

/** A delay in seconds as `+4s`, `+2m05s`, `+3h02m`, `+2d04h` (a fixed-width column); negative delays keep their sign. */
export function delayText(seconds: number): string {
  const d = twoUnits(Math.round(Math.abs(seconds)));
  const pad = (n: number | undefined): string => String(n ?? 0).padStart(2, '0');
  const sign = seconds < 0 ? '-' : '+';
  if (d.days !== undefined) return `${sign}${d.days}d${pad(d.hours)}h`;
  if (d.hours !== undefined) return `${sign}${d.hours}h${pad(d.minutes)}m`;
  if (d.minutes !== undefined) return `${sign}${d.minutes}m${pad(d.seconds)}s`;
  return `${sign}${d.seconds ?? 0}s`;
}

/**
 * A span in seconds in words, for a sentence: `3 seconds`, `2 minutes 5 seconds`, `2 hours`, `1 day 4 hours` (the
 * units of {@link delayText}, a zero unit left out); a negative span keeps its sign.
 */
export function durationText(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  return `${seconds < 0 && s > 0 ? '-' : ''}${formatDuration(twoUnits(s), { zero: s === 0 })}`;
}

/** `text` cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Non-zero grade counts as `none 5 · F 1`, worst first; `-` when all are zero. */
export function countsText(counts: GradeCounts, paint: (grade: Grade, text: string) => string = (_g, t) => t): string {
  const parts: string[] = [];
  for (const g of GRADE_DISPLAY_ORDER) if (counts[g] > 0) parts.push(`${paint(g, g)} ${counts[g]}`);
  return parts.length === 0 ? '-' : parts.join(' · ');
}

/** 40 columns at least: narrower, a hop line would be all indentation. */
const MIN_TEXT_WIDTH = 40;
/** 100 columns when the width is not known (not a terminal, no `COLUMNS`): a common editor and pager width. */
export const DEFAULT_TEXT_WIDTH = 100;
/** 1,000 columns at most: a wider `COLUMNS` is a mistake, and the lines stay readable in a file. */
const MAX_TEXT_WIDTH = 1000;

/**
 * The width text output is laid out for: the terminal's columns, else `COLUMNS`, else {@link DEFAULT_TEXT_WIDTH};
 * always within {@link MIN_TEXT_WIDTH}..{@link MAX_TEXT_WIDTH}.
 */
export function textWidth(columns: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  let width = columns !== undefined && Number.isInteger(columns) && columns > 0 ? columns : Number.NaN;
  if (Number.isNaN(width) && env.COLUMNS !== undefined && /^\d{1,6}$/.test(env.COLUMNS)) width = Number(env.COLUMNS);
  if (Number.isNaN(width) || width <= 0) width = DEFAULT_TEXT_WIDTH;
  return Math.min(MAX_TEXT_WIDTH, Math.max(MIN_TEXT_WIDTH, width));
}

/**
 * `text` as lines of at most `width` characters, broken at spaces; a word longer than a line is split across lines,
 * so nothing is ever cut off (a finding's last word is often the host that is the finding). One pass.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  // what fits keeps its own spacing (columns separated by two spaces)
  if (text.length <= w) return [text];
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    if (word === '') continue;
    if (line !== '' && line.length + 1 + word.length <= w) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') lines.push(line);
    while (word.length > w) {
      lines.push(word.slice(0, w));
      word = word.slice(w);
    }
    line = word;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Each hop's delay since the hop before (by header index), from the report's timeline; `null` where none. */
export function delaysByHop(report: MessageReport): (number | null)[] {
  const n = report.hops.length;
  const delays: (number | null)[] = new Array<number | null>(n).fill(null);
  for (const e of report.timeline.entries) if (e.hop >= 0 && e.hop < n) delays[e.hop] = e.delaySeconds;
  return delays;
}

/** A hop's number as people count it: 1 = the first handover (the bottom Received field), `hopCount` = the last. */
export function chronological(index: number, hopCount: number): number {
  return hopCount - index;
}

/**
 * A finding's "hop 3" / "hops 2–4" (the library writes header order: 0 = topmost) renumbered chronologically for
 * human outputs, so one page never mixes the two. The pattern has bounded digit runs and no nesting: linear.
 */
export function chronologicalHopNumbers(message: string, hopCount: number): string {
  return message.replace(/\bhop(s?) (\d{1,7})(?:–(\d{1,7}))?/g, (_all, plural: string, a: string, b: string | undefined) => {
    const first = chronological(Number(a), hopCount);
    if (b === undefined) return `hop${plural} ${first}`;
    return `hop${plural} ${chronological(Number(b), hopCount)}–${first}`;
  });
}

/**
 * A reason's message for display: where the message quotes its evidence in parentheses and the evidence has its
 * own (`encrypted ((TLS))`, Google's `((Google Transport Security))`), one pair is enough.
 */
export function reasonText(reason: { readonly message: string; readonly evidence?: string }): string {
  const e = reason.evidence;
  if (e === undefined || !e.startsWith('(') || !e.endsWith(')')) return reason.message;
  return reason.message.replace(`(${e})`, e);
}
