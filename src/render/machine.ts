/**
 * What the JSON and NDJSON outputs add to a scanned message: each hop's chronological `number` beside its `index`
 * (header order, 0 = topmost) — 1 = the first handover, the number the text output and the HTML report print — and
 * `decodedHeaders`, the Subject, From and To with their RFC 2047 encoded words decoded, beside the raw texts that
 * `report.headers` keeps as written. And the settings a run was made with, so a file handed on says how it was made.
 * @module
 */
import type { ScanMessage } from '../summary/scan-message.js';
import { decodeMimeWords } from './mime-words.js';
import type { Hop, MessageReport } from '../types.js';
import { chronological } from './units.js';

/** A hop with its chronological number. */
type NumberedHop = Hop & { readonly number: number };

function numbered(report: MessageReport): MessageReport {
  const n = report.hops.length;
  if (n === 0) return report;
  const hops: NumberedHop[] = report.hops.map((h) => ({ ...h, number: chronological(h.index, n) }));
  return { ...report, hops };
}

/** Subject, From and To decoded for reading; `null` where the header is absent. */
interface DecodedHeaders {
  readonly subject: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

function decoded(report: MessageReport): DecodedHeaders {
  return { subject: decodeMimeWords(report.headers.subject), from: decodeMimeWords(report.headers.from), to: decodeMimeWords(report.headers.to) };
}

/** `item` as JSON and NDJSON write it: numbered hops and decoded headers, in the top-level and nested reports. */
export function machineMessage(item: ScanMessage): object {
  return {
    ...item,
    decodedHeaders: decoded(item.report),
    report: numbered(item.report),
    nested: item.nested.map((n) => ({ ...n, decodedHeaders: decoded(n.report), report: numbered(n.report) })),
  };
}
