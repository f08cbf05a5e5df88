import { issue } from '../issues.js';
import { isDigit } from '../text/chars.js';
import type { Issue, Span } from '../types.js';
import { equalsLower, startsWithLower } from './ascii.js';
import { tokenText, type Token } from './lex.js';
import { AngleTracker, heloZoneEnd, Place, refineAddressPlaces, refineFromPlaces } from './places.js';

/** Clause names of RFC 5321 §4.4 plus the real-world extras (RFC 8314 §7 `tls`, `envelope-from`). */
export type ClauseName = 'from' | 'by' | 'via' | 'with' | 'id' | 'for' | 'tls' | 'envelope-from';

/** One clause: its keyword token and the tokens of its value. */
export interface Clause {
  readonly name: ClauseName;
  readonly keyword: Token;
  readonly tokens: Token[];
}

/** The value split into clauses, the date tokens, and what came before the first keyword. */
export interface ClauseSplit {
  readonly leading: Token[];
  readonly clauses: Clause[];
  readonly dateTokens: Token[];
  /** Courier writes `; date id X` — an id after the date. */
  readonly trailingId: string | null;
  readonly issues: Issue[];
  /** Who wrote each token (by index into the tokens): see {@link Place}. */
  readonly places: Uint8Array;
}

/**
 * The clause a word names (`envelope-sender` is read as `envelope-from`), if any. Chosen by length first, then
 * compared in place with ASCII case folding (see ascii.ts): no copy, no lower-cased copy and no iteration per word —
 * this runs for every word of every header. Lower-casing changes a length only through U+0130, whose result (with
 * U+0307) is no keyword.
 */
function keywordOf(raw: string, t: Token): ClauseName | undefined {
  const { start, end } = t;
  switch (end - start) {
    case 2:
      if (startsWithLower(raw, start, end, 'by')) return 'by';
      if (startsWithLower(raw, start, end, 'id')) return 'id';
      return undefined;
    case 3:
      if (startsWithLower(raw, start, end, 'via')) return 'via';
      if (startsWithLower(raw, start, end, 'for')) return 'for';
      if (startsWithLower(raw, start, end, 'tls')) return 'tls';
      return undefined;
    case 4:
      if (startsWithLower(raw, start, end, 'from')) return 'from';
      if (startsWithLower(raw, start, end, 'with')) return 'with';
      return undefined;
    case 13:
      return startsWithLower(raw, start, end, 'envelope-from') ? 'envelope-from' : undefined;
    case 15:
      return startsWithLower(raw, start, end, 'envelope-sender') ? 'envelope-from' : undefined;
    default:
      return undefined;
  }
}

/** One bit per clause name, for the seen/duplicate sets (a switch: a keyed load by name deopts once per new name). */
function clauseBit(name: ClauseName): number {
  switch (name) {
    case 'from':
      return 1;
    case 'by':
      return 2;
    case 'via':
      return 4;
    case 'with':
      return 8;
    case 'id':
      return 16;
    case 'for':
      return 32;
    case 'tls':
      return 64;
    default:
      return 128;
  }
}

/** The clauses RFC 5321 §4.4 puts before additional ones such as `tls`. */
const TLS_CLAUSE_AFTER = clauseBit('by') | clauseBit('with');

const WEEKDAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

/** `Mon,` / `Monday` / `2018-04-22` / `14 Nov` — where a date begins in a value that has no `;` (SendGrid). */
function startsDate(raw: string, t: Token, next: Token | undefined): boolean {
  if (t.kind !== 'word') return false;
  let w = tokenText(raw, t).toLowerCase();
  if (w.endsWith(',')) w = w.slice(0, -1);
  if (WEEKDAYS.has(w)) return true;
  if (w.length >= 10 && isDigit(w.charCodeAt(0)) && isDigit(w.charCodeAt(3)) && w[4] === '-' && w[7] === '-' && isDigit(w.charCodeAt(9))) {
    return w.length === 10 || w[10] === 't';
  }
  if (w.length <= 2 && isDigit(w.charCodeAt(0)) && (w.length === 1 || isDigit(w.charCodeAt(1))) && next !== undefined && next.kind === 'word') {
    return MONTHS.has(tokenText(raw, next).slice(0, 3).toLowerCase());
  }
  return false;
}

/** Is `t` the RFC 8314 `tls` keyword? Only when an IANA-style suite name follows (the word is common in comments' neighbours). */
function isTlsClause(raw: string, next: Token | undefined): boolean {
  if (next === undefined || next.kind !== 'word') return false;
  const w = tokenText(raw, next).toUpperCase();
  return w.startsWith('TLS_') || w.startsWith('TLS13_') || w.includes('_WITH_');
}

/**
 * Split tokens into clauses (RFC 5321 §4.4 `Stamp`) and the date after the last top-level `;`. Clauses may come in
 * any order; a repeated clause keeps the first (issue), except IBM's `for <x> from <y>`, where the second `from`
 * carries the envelope sender.
 */
export function splitClauses(raw: string, tokens: readonly Token[]): ClauseSplit {
  const issues: Issue[] = [];
  let semi = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]!.kind === 'semicolon') {
      semi = i;
      break;
    }
  }
  let clauseEnd = semi >= 0 ? semi : tokens.length;
  let dateStart = semi >= 0 ? semi + 1 : tokens.length;
  if (semi < 0) {
    // No `;`: look for where a date starts after the first clause value (SendGrid, some webmail).
    for (let i = 2; i < tokens.length; i++) {
      const prev = tokens[i - 1]!;
      const prevWord = prev.kind === 'word' ? keywordOf(raw, prev) : undefined;
      if (prevWord !== undefined) continue;
      if (startsDate(raw, tokens[i]!, tokens[i + 1])) {
        clauseEnd = i;
        dateStart = i;
        issues.push(issue('RECEIVED_NO_SEMICOLON', 'info', 'no `;` before the date', { start: tokens[i]!.start, end: tokens[i]!.start }));
        break;
      }
    }
  }

  const issuesBefore = issues.length;
  let pass = readClauses(raw, tokens, clauseEnd, -1, -1, issues);
  if (pass.fromAt >= 0 && pass.clauses[0]?.name === 'from' && pass.keywordAt.length > 2) {
    // Only a value with more keywords than `from … by` can hide keywords in its HELO name.
    const end = heloZoneEnd(raw, tokens, pass.fromAt, pass.keywordAt, pass.places);
    if (end >= 0) {
      // Read again with the client's words as words: what the first reading said about them no longer holds.
      issues.length = issuesBefore;
      pass = readClauses(raw, tokens, clauseEnd, pass.fromAt, end, issues);
    }
  }
  const { leading, clauses, places } = pass;
  for (let i = clauseEnd; i < tokens.length; i++) places[i] = Place.date;
  // Courier's `; date id X`: the first `id` word ends the date, unless it is the date's first token.
  let dateEnd = tokens.length;
  let trailingId: string | null = null;
  for (let i = dateStart; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && equalsLower(raw, t.start, t.end, 'id')) {
      if (i === dateStart) break;
      const idToken = tokens[i + 1];
      if (idToken !== undefined && idToken.kind !== 'comment') trailingId = tokenText(raw, idToken);
      dateEnd = i;
      break;
    }
  }
  return { leading, clauses, dateTokens: tokens.slice(dateStart, dateEnd), trailingId, issues, places };
}

/** One reading of the clause tokens: the clauses, who wrote each token, and where the keywords are. */
interface ClausePass {
  readonly leading: Token[];
  readonly clauses: Clause[];
  readonly places: Uint8Array;
  /** Index of the first `from` keyword, or -1. */
  readonly fromAt: number;
  /** Indexes of every keyword token (first or repeated), in order; `places` says which clause each opens. */
  readonly keywordAt: number[];
}

function placeOf(name: ClauseName): Place {
  switch (name) {
    case 'from':
      return Place.from;
    case 'by':
      return Place.by;
    case 'via':
      return Place.via;
    case 'with':
      return Place.with;
    case 'id':
      return Place.id;
    case 'for':
      return Place.for;
    case 'tls':
      return Place.tls;
    default:
      return Place.envelopeFrom;
  }
}

/**
 * The clauses read so far, and where the next token goes: the value of the clause opened last (`sink`), or a parked
 * list for a repeated clause. Clause-name sets are bit masks: no Set objects per header.
 */
class ClauseBuilder {
  readonly leading: Token[] = [];
  readonly clauses: Clause[] = [];
  readonly places: Uint8Array;
  readonly keywordAt: number[] = [];
  fromAt = -1;
  seen = 0;
  duplicates = 0;
  sink: Token[];
  sinkPlace: Place = Place.leading;

  constructor(tokenCount: number) {
    this.places = new Uint8Array(tokenCount);
    this.sink = this.leading;
  }

  /** Token `i` belongs to the clause being read (or to the client, for `place` {@link Place.client}). */
  add(t: Token, i: number, place: Place): void {
    this.sink.push(t);
    this.places[i] = place;
  }

  /** Open clause `name` at its keyword token `i`. */
  open(name: ClauseName, t: Token, i: number): void {
    this.seen |= clauseBit(name);
    const clause: Clause = { name, keyword: t, tokens: [] };
    this.clauses.push(clause);
    if (name === 'from' && this.fromAt < 0) this.fromAt = i;
    this.sink = clause.tokens;
    this.sinkPlace = placeOf(name);
    this.places[i] = this.sinkPlace;
  }

  /** Keyword `name` at token `i` (a clause keyword in any case, see {@link keywordOf}). */
  keyword(raw: string, tokens: readonly Token[], name: ClauseName, i: number, issues: Issue[]): void {
    const t = tokens[i]!;
    this.keywordAt.push(i);
    if ((this.seen & clauseBit(name)) === 0) {
      this.open(name, t, i);
      return;
    }
    if (name === 'from') {
      const next = tokens[i + 1];
      // IBM's `for <x> from <y>`: the second `from` carries the envelope sender.
      if (next !== undefined && next.kind === 'angle' && (this.seen & clauseBit('envelope-from')) === 0) {
        this.open('envelope-from', t, i);
        return;
      }
      // Smail: `from mx6.example from [192.0.2.7] by …` — the second `from` gives the first one's address.
      if (next !== undefined && next.kind === 'literal' && this.sink === this.clauses.find((c) => c.name === 'from')?.tokens) {
        this.places[i] = Place.client;
        return;
      }
    }
    // one issue per keyword: a keyword flood must not become an issue flood
    if ((this.duplicates & clauseBit(name)) === 0) {
      this.duplicates |= clauseBit(name);
      issues.push(issue('RECEIVED_DUPLICATE_CLAUSE', 'info', `a second \`${name}\` clause; the first is kept`, { start: t.start, end: t.end }));
    }
    // The repeated clause's value must not leak into the previous clause: park it. Its place is still its clause's
    // (Mimecast's second `with STARTTLS` is the receiver's).
    this.sink = [];
    this.sinkPlace = placeOf(name);
    this.places[i] = this.sinkPlace;
  }
}

/**
 * Does keyword `name` at token `i` open a clause? RFC 5321 §4.4 puts additional clauses (RFC 8314's `tls`) after `by`
 * and `with`: a `tls` word before them, or one no suite name follows, is text (a HELO name of several words, say).
 */
function opensClause(raw: string, tokens: readonly Token[], name: ClauseName, i: number, seen: number): boolean {
  return name !== 'tls' || ((seen & TLS_CLAUSE_AFTER) === TLS_CLAUSE_AFTER && isTlsClause(raw, tokens[i + 1]));
}

/**
 * Split `tokens[0, clauseEnd)` into clauses. Tokens in `(heloFrom, heloTo]` are words of the from clause whatever they
 * say (the client's HELO name, see {@link heloZoneEnd}); so is everything inside an address a token left open.
 */
function readClauses(raw: string, tokens: readonly Token[], clauseEnd: number, heloFrom: number, heloTo: number, issues: Issue[]): ClausePass {
  const b = new ClauseBuilder(tokens.length);
  const angles = new AngleTracker(raw);
  for (let i = 0; i < clauseEnd; i++) {
    const t = tokens[i]!;
    const opaque = angles.open || (i > heloFrom && i <= heloTo);
    angles.pass(t);
    if (opaque) {
      b.add(t, i, Place.client);
      continue;
    }
    const name = t.kind === 'word' ? keywordOf(raw, t) : undefined;
    if (name !== undefined && opensClause(raw, tokens, name, i, b.seen)) b.keyword(raw, tokens, name, i, issues);
    else b.add(t, i, b.sinkPlace);
  }
  refineClausePlaces(raw, tokens, b.places, clauseEnd);
  return { leading: b.leading, clauses: b.clauses, places: b.places, fromAt: b.fromAt, keywordAt: b.keywordAt };
}

/** Each run of from / address places is one clause (its keyword included): refine who wrote what inside it. */
function refineClausePlaces(raw: string, tokens: readonly Token[], places: Uint8Array, clauseEnd: number): void {
  for (let i = 0; i < clauseEnd; ) {
    const p = places[i]!;
    let end = i + 1;
    while (end < clauseEnd && places[end] === p) end++;
    if (p === Place.from) refineFromPlaces(raw, tokens, places, i, end);
    else if (p === Place.for || p === Place.envelopeFrom) refineAddressPlaces(tokens, places, i, end);
    i = end;
  }
}

/** Words of a clause value until the first comment/literal, joined by one space, with their span. */
export function leadingWords(raw: string, tokens: readonly Token[], skipLeadingComments: boolean): { text: string; span: Span } | null {
  let i = 0;
  if (skipLeadingComments) while (i < tokens.length && tokens[i]!.kind === 'comment') i++;
  const first = tokens[i];
  if (first === undefined || first.kind !== 'word') return null;
  const next = tokens[i + 1];
  // One word (most `with` and `via` values): its text as is, no parts array.
  if (next === undefined || next.kind !== 'word') return { text: tokenText(raw, first), span: { start: first.start, end: first.end } };
  let last = first;
  const parts: string[] = [];
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') break;
    parts.push(tokenText(raw, t));
    last = t;
  }
  return { text: parts.join(' '), span: { start: first.start, end: last.end } };
}
