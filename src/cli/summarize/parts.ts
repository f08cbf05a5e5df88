/**
 * The files of records `rcvd summarize` is given, as parts of runs: each file's first look (its run stamp and schema
 * version, from its first message record), the parts grouped into runs in the order they are first named with each
 * run's shards in shard order, and the refusals — why the parts do not add up to one run's worth of records.
 * @module
 */
import { sanitize } from '../../render/sanitize.js';
import type { RunStamp } from '../../render/ndjson.js';
import { SCHEMA_VERSION } from '../../render/schema-version.js';
import type { RecordSource } from './inputs.js';
import { readLines, type Line } from './lines.js';
import { parseLine } from './record.js';

/** 16 lines read past the start of a file looking for its first message record (the stamp): a summary line or two come first at most. */
const MAX_PEEK_LINES = 16;

/** A file of records as the first look found it: its stamp and schema version, before it is read through. */
export interface Part {
  readonly source: RecordSource;
  /** The stamp of its first message record; `null` when it has none (older records) or no message at all. */
  readonly stamp: RunStamp | null;
  readonly schemaVersion: number | null;
  /** It holds at least one message record. */
  readonly hasMessages: boolean;
  /** For stdin, which can be read once: the lines already read, and the rest. */
  readonly started: { readonly lines: AsyncGenerator<Line>; readonly peeked: Line[] } | null;
}

/** What a run's files have in common: records with the same key came from one command, shard by shard. */
function runKey(stamp: RunStamp): string {
  return `${stamp.settings}|${stamp.inputs}|${stamp.shard?.count ?? 0}`;
}

/** `shard k/n`, or `the whole run`. */
function shardText(stamp: RunStamp | null): string {
  return stamp?.shard == null ? 'the whole run' : `shard ${stamp.shard.index}/${stamp.shard.count}`;
}

/** An error's message. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Read the start of `source` until its first message record; stdin stays open for the full read. */
export async function firstLook(source: RecordSource): Promise<Part | string> {
  const keep = source.name === '-';
  const lines = readLines(source.open());
  const peeked: Line[] = [];
  let stamp: RunStamp | null = null;
  let schemaVersion: number | null = null;
  let hasMessages = false;
  try {
    for (let seen = 0; seen < MAX_PEEK_LINES; seen++) {
      const next = await lines.next();
      if (next.done === true) break;
      const line = next.value;
      if (keep) peeked.push(line);
      if ('tooLong' in line || line.text.trim() === '') continue;
      const parsed = parseLine(line.text);
      if (parsed.kind === 'summary') schemaVersion = parsed.schemaVersion;
      if (parsed.kind !== 'message') continue;
      stamp = parsed.record.run ?? null;
      schemaVersion = parsed.record.schemaVersion ?? null;
      hasMessages = true;
      break;
    }
  } catch (error) {
    await lines.return(undefined).catch(() => undefined);
    return `cannot read ${sanitize(source.name)}: ${sanitize(describe(error))}`;
  }
  if (!keep) await lines.return(undefined);
  return { source, stamp, schemaVersion, hasMessages, started: keep ? { lines, peeked } : null };
}

/** The parts as runs: in the order each run is first named, its shards in shard order; unstamped parts alone. */
export function groupRuns(parts: readonly Part[]): Part[][] {
  const groups = new Map<string, Part[]>();
  let solo = 0;
  for (const part of parts) {
    const key = part.stamp === null ? `solo ${solo++}` : runKey(part.stamp);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [part]);
    else group.push(part);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => (a.stamp?.shard?.index ?? 0) - (b.stamp?.shard?.index ?? 0)));
}

function nameOf(p: Part): string {
  return sanitize(p.source.name);
}

/** The same part of a run twice would count its messages twice: never allowed. */
function sameShardTwice(runs: readonly (readonly Part[])[]): string[] {
  const out: string[] = [];
  for (const run of runs) {
    for (let i = 1; i < run.length; i++) {
      const a = run[i - 1];
      const b = run[i];
      if (a?.stamp != null && b?.stamp != null && (a.stamp.shard?.index ?? 0) === (b.stamp.shard?.index ?? 0)) {
        out.push(`${nameOf(a)} and ${nameOf(b)} are both ${shardText(a.stamp)} of the same run: counting both would count its messages twice`);
      }
    }
  }
  return out;
}

/** Parts whose records are of another schema version, or carry no stamp. */
function unknownRecords(parts: readonly Part[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p.schemaVersion !== null && p.schemaVersion !== SCHEMA_VERSION) out.push(`${nameOf(p)}: records of schema version ${p.schemaVersion}; this rcvd reads version ${SCHEMA_VERSION} (--mix to count them anyway)`);
    if (p.stamp === null) out.push(`${nameOf(p)}: its records carry no run stamp (written by an older rcvd?), so their settings are unknown (--mix to count them anyway)`);
  }
  return out;
}

/** Stamped parts that do not belong with the first: other settings, or the same inputs split another way. */
function otherRuns(parts: readonly Part[]): string[] {
  const out: string[] = [];
  const stamped = parts.filter((p): p is Part & { readonly stamp: RunStamp } => p.stamp !== null);
  const first = stamped[0];
  if (first === undefined) return out;
  for (const p of stamped.slice(1)) {
    if (p.stamp.settings !== first.stamp.settings) {
      out.push(`${nameOf(p)} was graded under other settings than ${nameOf(first)} (--policy, --trusted, --internal, --providers, --max-hops or --nested differ): their counts do not add up to one run (--mix to count them anyway)`);
    } else if (p.stamp.inputs === first.stamp.inputs && (p.stamp.shard?.count ?? 0) !== (first.stamp.shard?.count ?? 0)) {
      out.push(`${nameOf(p)} (${shardText(p.stamp)}) and ${nameOf(first)} (${shardText(first.stamp)}) split the same inputs differently: their messages overlap (--mix to count them anyway)`);
    }
  }
  return out;
}

/** Refusals: why these runs do not make one run's worth of records (empty = they do); `mix` allows all but doubles. */
export function refusals(runs: readonly (readonly Part[])[], mix: boolean): string[] {
  const doubles = sameShardTwice(runs);
  if (mix) return doubles;
  const parts = runs.flat().filter((p) => p.hasMessages);
  return [...doubles, ...unknownRecords(parts), ...otherRuns(parts)];
}

/** The shards of `run` that are not among the records, as a warning; `null` when none is missing. */
export function missingShards(run: readonly Part[]): string | null {
  const count = run[0]?.stamp?.shard?.count;
  if (count === undefined || run.length >= count) return null;
  const have = new Set(run.map((p) => p.stamp?.shard?.index));
  const missing: number[] = [];
  for (let k = 1; k <= count && missing.length < 10; k++) if (!have.has(k)) missing.push(k);
  // A shard that got no message has no record to carry its stamp: it cannot be told from a missing one.
  return `${count - run.length} of the ${count} shards of a run are not among the records, or held no message (${missing.map((k) => `${k}/${count}`).join(', ')}${count - run.length > missing.length ? ', …' : ''}): the summary covers the others only`;
}
