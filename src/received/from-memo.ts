/**
 * The from clause (RFC 5321 §4.4 `From-domain`, `TCP-info`) read once per distinct text: a server stamps the same
 * client the same way message after message, so in an archive most from clauses repeat one seen before. After the
 * lexer, reading the from clause is the largest step of a Received value.
 * @module
 */
import { BoundedMemo } from '../text/bounded-memo.js';
import { memoKey } from '../text/memo-key.js';
import type { Token } from './lex.js';
import type { FromLayoutHint } from './from-layouts.js';
import { readFromClause, type FromFacts } from './tcp-info.js';

/** Clauses remembered: the corpus has 5,504 distinct from clauses in 6,046 messages. */
export const MAX_FROM_MEMO_ENTRIES = 16_384;
/** Longer clauses are read every time: they are rare, and they would make the memo's memory unbounded in practice. */
export const MAX_FROM_MEMO_TEXT = 256;

interface Entry {
  /** The hint the clause was read with: part of what the reading depends on. */
  readonly hint: FromLayoutHint;
  readonly facts: FromFacts;
}

const memo = new BoundedMemo<Entry>(MAX_FROM_MEMO_ENTRIES);

/**
 * {@link readFromClause}, answered from memory when the same clause text was read before with the same hint.
 * The caller promises that the tokens are the clean lexing of their text (the lexer raised no issue: no limit cut a
 * token, no comment, quote or literal ran on past the clause), so equal text means equal tokens; the reading looks at
 * nothing but the tokens and the hint. Each answer is a copy of its own: no two hops share an object.
 */
export function readFromClauseMemo(raw: string, tokens: readonly Token[], hint: FromLayoutHint): FromFacts {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined || last.end - first.start > MAX_FROM_MEMO_TEXT) return readFromClause(raw, tokens, hint);
  const text = raw.slice(first.start, last.end);
  const entry = memo.get(text);
  if (entry !== undefined && entry.hint === hint) return copy(entry.facts);
  const facts = readFromClause(raw, tokens, hint);
  memo.set(text, { hint, facts: kept(facts) });
  return facts;
}

/** A string the memo may hold: a slice of the header would keep the whole header block alive (see memoKey). */
function keep(text: string | null): string | null {
  return text === null ? null : memoKey(text);
}

function kept(facts: FromFacts): FromFacts {
  const f = facts.from;
  return {
    from: { helo: keep(f.helo), rdns: keep(f.rdns), ip: keep(f.ip), ipRange: f.ipRange, port: f.port, ident: keep(f.ident) },
    name: keep(facts.name),
    layout: facts.layout,
    issues: facts.issues.map((i) => ({ ...i, message: memoKey(i.message) })),
  };
}

function copy(facts: FromFacts): FromFacts {
  const f = facts.from;
  return {
    from: { helo: f.helo, rdns: f.rdns, ip: f.ip, ipRange: f.ipRange, port: f.port, ident: f.ident },
    name: facts.name,
    layout: facts.layout,
    issues: facts.issues.length === 0 ? [] : facts.issues.map((i) => ({ ...i })),
  };
}
