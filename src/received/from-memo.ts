/**
 * The from clause (RFC 5321 §4.4 `From-domain`, `TCP-info`) read once per distinct text: a server stamps the same
 * client the same way message after message, and 81% of the from clauses of the SpamAssassin corpus repeat one seen
 * before. After the lexer, reading the from clause is the largest step of a Received value.
 * @module
 */
import { memoKey } from '../text/memo-key.js';
import type { Token } from './lex.js';
import { readFromClause, type FromFacts, type FromLayoutHint } from './tcp-info.js';

/** Distinct from clauses remembered per layout hint; a flood of distinct ones only ever costs a cleared map. */
export const MAX_FROM_MEMO_ENTRIES = 2048;

/** One memo per hint: the hint is part of what the reading depends on. */
const memos = new Map<FromLayoutHint, Map<string, FromFacts>>();

/**
 * {@link readFromClause}, answered from memory when the same clause text was read before with the same hint.
 * The caller promises that the tokens are the clean lexing of their text (the lexer raised no issue: no limit cut a
 * token, no comment, quote or literal ran on past the clause), so equal text means equal tokens; the reading looks at
 * nothing but the tokens and the hint. Each answer is a copy of its own: no two hops share an object.
 */
export function readFromClauseMemo(raw: string, tokens: readonly Token[], hint: FromLayoutHint): FromFacts {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined) return readFromClause(raw, tokens, hint);
  let memo = memos.get(hint);
  if (memo === undefined) memos.set(hint, (memo = new Map()));
  const text = raw.slice(first.start, last.end);
  const known = memo.get(text);
  if (known !== undefined) return copy(known);
  const facts = readFromClause(raw, tokens, hint);
  if (memo.size >= MAX_FROM_MEMO_ENTRIES) memo.clear();
  memo.set(memoKey(text), kept(facts));
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
    issues: facts.issues.map((i) => ({ ...i, message: memoKey(i.message) })),
  };
}

function copy(facts: FromFacts): FromFacts {
  const f = facts.from;
  return {
    from: { helo: f.helo, rdns: f.rdns, ip: f.ip, ipRange: f.ipRange, port: f.port, ident: f.ident },
    name: facts.name,
    issues: facts.issues.length === 0 ? [] : facts.issues.map((i) => ({ ...i })),
  };
}
