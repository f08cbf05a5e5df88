import { parseUnfoldedDate, unfoldDate } from '../date/rfc5322.js';
import type { GradingPolicyInput, ParseOptions } from '../options.js';
import { issue, pushAll } from '../issues.js';
import { DEFAULT_LIMITS, resolveLimits, type Limits } from '../limits.js';
import { gradeHop } from '../tls/grade-hop.js';
import { readTls } from '../tls/read-tls.js';
import type { Hop, HopBy, HopDate, HopFrom, Issue, Scope } from '../types.js';
import { startsWithLower } from './ascii.js';
import { splitClauses, type Clause, type ClauseName } from './clauses.js';
import { readBy, readEnvelopeFrom, readFor, readLocalHandover, readSingle, readVia, readWith } from './fields.js';
import { lexReceived, type Token } from './lex.js';
import { layoutHint, readCommentedFrom } from './layout.js';
import { readFromClauseMemo } from './from-memo.js';
import { readFromClause } from './tcp-info.js';

/** Where a Received value came from, for hops read out of a whole message. */
export interface HopPlacement {
  readonly index: number;
  readonly byteOffset: number | null;
}

/** Everything the chain step needs beyond the public `Hop`. */
export interface ReceivedRead {
  readonly hop: Hop;
  /** The name after `from` as written (whatever it turns out to be). */
  readonly fromName: string | null;
  /** Evidence of a handover inside one host (`from userid 1000`), or null. */
  readonly localHandover: string | null;
  /** `hop.date.iso` as epoch milliseconds, null with it: the timeline subtracts these. */
  readonly instant: number | null;
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
 * Read one Received value into hop fields (RFC 5321 §4.4 `Stamp`, RFC 5322 §3.6.7 trace fields). Never throws on
 * data: whatever could not be read is `null` and an issue says why.
 */
export function readReceived(
  value: string,
  placement: HopPlacement,
  limits: Limits = DEFAULT_LIMITS,
  policy?: GradingPolicyInput,
): ReceivedRead {
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

  const tlsRead = readTls({
    raw,
    tokens: lexed.tokens,
    protocol: withValue?.text ?? null,
    protocolSpan: withValue?.span ?? null,
    tlsClause: tlsClause !== null && tlsClause.kind !== 'comment' ? tlsClause : null,
    places: split.places,
  });
  pushAll(issues, tlsRead.issues);
  const graded = gradeHop(tlsRead.tls, policy);
  pushAll(issues, graded.issues);
  const scope: Scope = 'unknown';

  const hop: Hop = {
    index: placement.index,
    raw: value,
    byteOffset: placement.byteOffset,
    from,
    by: withSoftwareFallback(readBy(raw, clauseOf(clauses, 'by')), raw, lexed.tokens),
    via: readVia(raw, clauseOf(clauses, 'via')),
    protocol: withValue?.text ?? null,
    id: idValue,
    for: readFor(raw, clauseOf(clauses, 'for')),
    envelopeFrom,
    date: dated.date,
    tls: tlsRead.tls,
    security: { grade: graded.grade, reasons: graded.reasons, scope, scopeReason: null },
    issues,
  };
  const local = readLocalHandover(raw, lexed.tokens);
  return { hop, fromName, localHandover: local, instant: dated.instant };
}

/**
 * One Received header value (folded or unfolded, without the `Received:` name) → one hop (RFC 5321 §4.4).
 * Never throws on data. `security.scope` is `unknown` here: scope needs the whole chain (`analyzeMessage`).
 * @example
 * ```ts
 * const hop = parseReceived(
 *   'from a.example (a.example [192.0.2.1]) by mx.example.net with ESMTPS ' +
 *     '(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256); Tue, 2 Jul 2024 10:00:00 +0200',
 * );
 * hop.from?.ip; // '192.0.2.1'
 * hop.tls?.cipherIana; // 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'
 * hop.security.grade; // 'A'
 * hop.date?.iso; // '2024-07-02T08:00:00.000Z'
 * ```
 */
export function parseReceived(value: string, options?: ParseOptions): Hop {
  if (typeof value !== 'string') throw new TypeError('parseReceived: value must be a string');
  return readReceived(value, { index: 0, byteOffset: null }, resolveLimits(options?.limits), options?.policy).hop;
}

