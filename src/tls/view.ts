import type { Token } from '../received/lex.js';
import { Place } from '../received/places.js';
import { withMeaning, type WithMeaning } from '../received/protocols.js';
import type { Span } from '../types.js';
import type { TlsContext } from './context.js';
import type { TlsFinding } from './finding.js';
import { equalsLower } from '../received/ascii.js';
import { isTokenSpace } from '../received/lex.js';
import { splitWords, type Word } from './words.js';

/** Characters of a comment (after leading space) lower-cased up front: enough to reject a comment by its start. */
const HEAD_CHARS = 24;

const RPAREN = 0x29;

/** One top-level comment, with its words split only when a recogniser asks. */
export interface CommentView {
  readonly token: Token;
  /** Who wrote the comment and in which clause it stands (src/received/places.ts). */
  readonly place: Place;
  /** The comment without its outer parentheses. */
  readonly inner: Span;
  /**
   * Lower-cased first {@link HEAD_CHARS} characters of the inner text, whitespace runs as one space, none leading.
   * Made on first use: most comments are offered to no recogniser that reads it (see {@link CommentView.lead}).
   */
  readonly head: string;
  /** The first UTF-16 code of {@link CommentView.head}, or -1 when the comment holds only whitespace. */
  readonly lead: number;
  /** `head.startsWith(prefix)` for a non-empty prefix, turned away by {@link CommentView.lead} before `head` is made. */
  headStartsWith(prefix: string): boolean;
  /** Words of the inner text (memoised: split once however many recognisers ask). */
  words(): readonly Word[];
}

/** A Received value as the recognisers see it: the context plus cheap precomputed views. */
export interface HopView {
  readonly ctx: TlsContext;
  readonly comments: readonly CommentView[];
  /** `ctx.protocol` lower-cased, or null. */
  readonly protocolLower: string | null;
  /** What `ctx.protocol` says (src/received/protocols.ts). */
  readonly protocolMeaning: WithMeaning;
  /** The word after the receiver's `by` keyword, lower-cased, or null (Gmail's `mx.google.com`). */
  readonly byHost: string | null;
  /**
   * Indexes into `ctx.tokens` of the receiver's `with` words (any case, in the `with` clause, not in text the client
   * shaped): where vendor phrases start.
   */
  readonly withAt: readonly number[];
  /** Indexes into `ctx.tokens` of `over` words in the `with` clause (IIS `over TLS secured channel`). */
  readonly overAt: readonly number[];
}

/**
 * One MTA dialect. `comment` reads one top-level comment (the first recogniser in registry order that returns a
 * finding claims it); `hop` reads facts outside comments (protocol value, clauses, top-level words).
 */
export interface TlsRecogniser {
  readonly dialect: string;
  readonly comment?: (c: CommentView, hop: HopView) => TlsFinding | null;
  /**
   * Where the dialect's MTA writes the comments `comment` reads ({@link CommentView.place}): a finding anywhere else
   * is not evidence (`TLS_UNTRUSTED_STATEMENT`). Required with `comment`; never `client`, `leading` or `date`.
   */
  readonly places?: readonly Place[];
  /**
   * Lower-case prefixes of {@link CommentView.head}: `comment` returns `null` for a comment whose head starts with
   * none of them, so a comment is offered only to the readers that can claim it. Absent: any comment may be claimed.
   */
  readonly heads?: readonly string[];
  readonly hop?: (hop: HopView) => readonly TlsFinding[];
}

/** Build the view in one pass over the tokens. */
export function buildHopView(ctx: TlsContext): HopView {
  const raw = ctx.raw;
  const comments: CommentView[] = [];
  let byHost: string | null = null;
  const withAt: number[] = [];
  const overAt: number[] = [];
  const tokens = ctx.tokens;
  const places = ctx.places;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    const place = (i < places.length ? places[i]! : Place.client) as Place;
    if (t.kind === 'comment') {
      comments.push(commentView(raw, t, place));
      continue;
    }
    if (t.kind !== 'word') continue;
    const len = t.end - t.start;
    // Compared in place: no lower-cased copy of every four-letter word.
    if (len === 4) {
      if (place !== Place.with) continue;
      if (equalsLower(raw, t.start, t.end, 'with')) withAt.push(i);
      else if (equalsLower(raw, t.start, t.end, 'over')) overAt.push(i);
    } else if (len === 2 && byHost === null && place === Place.by && equalsLower(raw, t.start, t.end, 'by')) {
      const next = tokens[i + 1];
      if (next !== undefined && next.kind === 'word') byHost = raw.slice(next.start, next.end).toLowerCase();
    }
  }
  const protocolLower = ctx.protocol === null ? null : ctx.protocol.toLowerCase();
  return { ctx, comments, protocolLower, protocolMeaning: withMeaning(ctx.protocol), byHost, withAt, overAt };
}

/** A class, not a literal with a closure: one object per comment instead of three. */
class LazyCommentView implements CommentView {
  readonly token: Token;
  readonly place: Place;
  readonly inner: Span;
  readonly lead: number;
  private readonly raw: string;
  private memo: Word[] | null = null;
  private headMemo: string | null;

  constructor(raw: string, token: Token, place: Place, inner: Span) {
    this.raw = raw;
    this.token = token;
    this.place = place;
    this.inner = inner;
    let h = inner.start;
    while (h < inner.end && isTokenSpace(raw.charCodeAt(h))) h++;
    const c = h < inner.end ? raw.charCodeAt(h) : -1;
    // ASCII lower-cases on its own (letters fold, the rest stay); a non-ASCII first character is read off the head
    // itself (`toLowerCase` may turn one code into another, U+212A KELVIN SIGN into `k`).
    this.headMemo = c === -1 ? '' : null;
    this.lead = c === -1 ? -1 : c < 0x80 ? (c >= 0x41 && c <= 0x5a ? c | 0x20 : c) : this.head.charCodeAt(0);
  }

  get head(): string {
    this.headMemo ??= headOf(this.raw, this.inner.start, this.inner.end);
    return this.headMemo;
  }

  headStartsWith(prefix: string): boolean {
    return prefix.charCodeAt(0) === this.lead && this.head.startsWith(prefix);
  }

  words(): readonly Word[] {
    this.memo ??= splitWords(this.raw, this.inner);
    return this.memo;
  }
}

function commentView(raw: string, t: Token, place: Place): CommentView {
  const innerStart = Math.min(t.start + 1, t.end);
  const innerEnd = t.end > innerStart && raw.charCodeAt(t.end - 1) === RPAREN ? t.end - 1 : t.end;
  return new LazyCommentView(raw, t, place, { start: innerStart, end: innerEnd });
}

/** Lower-cased start of a comment with every whitespace run (folding included) read as one space. */
function headOf(raw: string, start: number, end: number): string {
  let h = start;
  while (h < end && isTokenSpace(raw.charCodeAt(h))) h++;
  const quick = raw.slice(h, Math.min(end, h + HEAD_CHARS));
  // Common case: no folding and no double spaces in the first characters — one slice, one lower-case.
  if (!hasIrregularSpace(quick)) return quick.toLowerCase();
  let out = '';
  let pendingSpace = false;
  for (let i = start; i < end && out.length < HEAD_CHARS; i++) {
    const c = raw.charCodeAt(i);
    if (isTokenSpace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
      if (out.length >= HEAD_CHARS) break;
    }
    out += raw[i];
  }
  return out.toLowerCase();
}

function hasIrregularSpace(s: string): boolean {
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (prevSpace) return true;
      prevSpace = true;
    } else if (isTokenSpace(c)) return true;
    else prevSpace = false;
  }
  return prevSpace;
}

/** The span of a whole comment token (parentheses included): what a comment finding cites as evidence. */
export function tokenSpan(c: CommentView): Span {
  return { start: c.token.start, end: c.token.end };
}
