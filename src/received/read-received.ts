/**
 * `readReceivedFields`: one Received value → the hop fields it states (RFC 5321 §4.4 `Stamp`, RFC 5322 §3.6.7 trace
 * fields), plus the tokens and clause values the TLS readers start from. Fields only: TLS facts and the grade are
 * read above this folder (src/hop/).
 * @module
 */
import { parseUnfoldedDate, unfoldDate } from '../date/rfc5322.js';
import { issue, pushAll } from '../issues.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import type { HopBy, HopDate, HopFrom, Issue, Span } from '../types.js';
import { startsWithLower } from './ascii.js';
import { splitClauses, type Clause, type ClauseName } from './clauses.js';
import { readBy, readEnvelopeFrom, readFor, readLocalHandover, readSingle, readVia, readWith } from './fields.js';
import { lexReceived, type Token } from './lex.js';
import { layoutHint, readCommentedFrom } from './layout.js';
import { readFromClauseMemo } from './from-memo.js';
import { readFromClause } from './tcp-info.js';

/**
 * The fields of one Received value, and what the TLS readers read beside them (the shape of their `TlsContext`,
 * src/tls/context.ts, so the same object is handed on).
 */
export interface ReceivedFields {
  /** The value as read: cut at `maxFieldBytes`, folding kept. Tokens and spans index into it. */
  readonly raw: string;
  /** Top-level tokens of `raw`. */
  readonly tokens: readonly Token[];
  /** Who wrote each token, by index into `tokens` (src/received/places.ts). */
  readonly places: Uint8Array;
  /** The `with` value as written, and where it stands. */
  readonly protocol: string | null;
  readonly protocolSpan: Span | null;
  /** The word after an RFC 8314 `tls` clause keyword, or null. */
  readonly tlsClause: Token | null;
  readonly from: HopFrom | null;
  readonly by: HopBy | null;
  readonly via: string | null;
  readonly id: string | null;
  readonly for: string | null;
  readonly envelopeFrom: string | null;
  readonly date: HopDate | null;
  /** `date.iso` as epoch milliseconds, null with it: the timeline subtracts these. */
  readonly instant: number | null;
  /** The name after `from` as written (whatever it turns out to be). */
  readonly fromName: string | null;
  /** Evidence of a handover inside one host (`from userid 1000`), or null. */
  readonly localHandover: string | null;
  /** What could not be read, in reading order (a fresh array: readers above append to it). */
  readonly issues: Issue[];
}

function clauseOf(clauses: readonly Clause[], name: ClauseName): Clause | undefined {
  // A loop, not `find` with a closure: this runs nine times per header.
  for (const c of clauses) if (c.name === name) return c;
  return undefined;
}

function readDate(raw: string, dateTokens: readonly Token[]): { date: HopDate | null; instant: number | null; issues: Issue[] } {
  let end = dateTokens.length;
  // A trailing `(envelope-from …)` is not part of the date.
  while (end > 0) {
    const t = dateTokens[end - 1]!;
    if (t.kind === 'comment' && startsWithLower(raw, t.start + 1, raw.length, 'envelope')) end--;
    else break;
  }
  if (end === 0) return { date: null, instant: null, issues: [] };
  const first = dateTokens[0]!;
  const last = dateTokens[end - 1]!;
  const text = unfoldDate(raw.slice(first.start, last.end));
  if (text === '') return { date: null, instant: null, issues: [] };
  const parsed = parseUnfoldedDate(text);
  if (parsed.issues.length === 0) return { date: parsed.date, instant: parsed.instant, issues: parsed.issues };
  const span = { start: first.start, end: last.end };
  return { date: parsed.date, instant: parsed.instant, issues: parsed.issues.map((i) => ({ ...i, span })) };
}

/** Exim names itself after the `with` clause: `with esmtps (TLS1.3) tls … (Exim 4.97)`. */
function withSoftwareFallback(by: HopBy | null, raw: string, tokens: readonly Token[]): HopBy | null {
  if (by === null || by.software !== null) return by;
  for (const t of tokens) {
    if (t.kind === 'comment' && raw.startsWith('(Exim ', t.start)) {
      return { ...by, software: raw.slice(t.start + 1, raw.charCodeAt(t.end - 1) === 0x29 ? t.end - 1 : t.end).trim() };
    }
  }
  return by;
}

/**
 * Read the fields of one Received value (RFC 5321 §4.4 `Stamp`, RFC 5322 §3.6.7 trace fields). Never throws on data:
 * whatever could not be read is `null` and an issue says why.
 */
export function readReceivedFields(value: string, limits: Limits = DEFAULT_LIMITS): ReceivedFields {
  const issues: Issue[] = [];
  let raw = value;
  if (raw.length > limits.maxFieldBytes) {
    issues.push(issue('LIMIT_FIELD_BYTES', 'warning', `the value is ${raw.length} characters; only the first ${limits.maxFieldBytes} are read`));
    raw = raw.slice(0, limits.maxFieldBytes);
  }
  const lexed = lexReceived(raw, limits);
  pushAll(issues, lexed.issues);
  // Equal clause text is equal tokens only when the lexer met nothing odd: then the from clause may come from memory.
  const clean = lexed.issues.length === 0;
  const split = splitClauses(raw, lexed.tokens);
  pushAll(issues, split.issues);
  const { clauses } = split;

  const withValue = readWith(raw, clauseOf(clauses, 'with'));
  const idValue = readSingle(raw, clauseOf(clauses, 'id')) ?? split.trailingId;
  const fromClause = clauseOf(clauses, 'from');
  let from: HopFrom | null;
  let fromName: string | null = null;
  if (fromClause !== undefined) {
    const hint = layoutHint(raw, lexed.tokens, withValue?.text ?? null, idValue);
    const facts = clean ? readFromClauseMemo(raw, fromClause.tokens, hint) : readFromClause(raw, fromClause.tokens, hint);
    from = facts.from;
    fromName = facts.name;
    pushAll(issues, facts.issues);
  } else {
    from = readCommentedFrom(raw, split.leading);
  }

  const tlsClause = clauseOf(clauses, 'tls')?.tokens[0] ?? null;
  const envelopeFrom = readEnvelopeFrom(raw, clauseOf(clauses, 'envelope-from'), lexed.tokens);
  const dated = readDate(raw, split.dateTokens);
  pushAll(issues, dated.issues);
  if (dated.date === null) {
    issues.push(issue('RECEIVED_NO_DATE', 'warning', 'no date after the clauses'));
  }
  if (lexed.tokens.length === 0) issues.push(issue('RECEIVED_EMPTY', 'warning', 'the value is empty'));

  return {
    raw,
    tokens: lexed.tokens,
    places: split.places,
    protocol: withValue?.text ?? null,
    protocolSpan: withValue?.span ?? null,
    tlsClause: tlsClause !== null && tlsClause.kind !== 'comment' ? tlsClause : null,
    from,
    by: withSoftwareFallback(readBy(raw, clauseOf(clauses, 'by')), raw, lexed.tokens),
    via: readVia(raw, clauseOf(clauses, 'via')),
    id: idValue,
    for: readFor(raw, clauseOf(clauses, 'for')),
    envelopeFrom,
    date: dated.date,
    instant: dated.instant,
    fromName,
    localHandover: readLocalHandover(raw, lexed.tokens),
    issues,
  };
}
