import { issue } from '../issues.js';
import type { Limits } from '../limits.js';
import { isDigit } from '../text/chars.js';
import type { Issue } from '../types.js';

/**
 * Lexical tokens of a Received value (RFC 5322 §3.2.2 CFWS, §3.2.4 quoted-string, §3.4.1 domain-literal,
 * RFC 5321 §4.4 `Stamp`). Spans index into the value as given (folding kept), so `raw.slice(start, end)` is the
 * exact text.
 */
type TokenKind = 'word' | 'comment' | 'quoted' | 'literal' | 'angle' | 'semicolon';

/** One token: its kind and where it sits in the raw value. */
export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
}

/** The tokens plus what went wrong while reading them. */
export interface LexResult {
  readonly tokens: Token[];
  readonly issues: Issue[];
  /** `true` when a token or comment limit stopped the lexer before the end of the value. */
  readonly truncated: boolean;
}

/** An angle address longer than this is read as a word (`<` floods must not rescan the rest of the line). */
const MAX_ANGLE_LENGTH = 512;
/** A bracketed literal or note longer than this is read as a word (`[` floods likewise). */
const MAX_LITERAL_LENGTH = 256;

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const LPAREN = 0x28;
const RPAREN = 0x29;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LANGLE = 0x3c;
const RANGLE = 0x3e;
const SEMI = 0x3b;
const COLON = 0x3a;

/** Character classes of the ASCII range, one bit each: a table load instead of a chain of comparisons per character. */
const SPACE_BIT = 1;
const WORD_END_BIT = 2;
/** A character that starts a token other than a word: each has a reader of its own. */
const OWN_READER_BIT = 4;
const ASCII_CLASS = ((): Uint8Array => {
  const table = new Uint8Array(0x80);
  for (const c of [SPACE, TAB, CR, LF, 0x0b, 0x0c]) table[c] = SPACE_BIT | WORD_END_BIT;
  for (const c of [LPAREN, RPAREN, SEMI]) table[c] = WORD_END_BIT | OWN_READER_BIT;
  for (const c of [DQUOTE, LBRACKET, LANGLE]) table[c] = OWN_READER_BIT;
  return table;
})();

/**
 * Whitespace between tokens: space, tab, CR, LF, and also VT and FF, which `isSpace` of src/text/chars.ts does not
 * count. Folding (RFC 5322 §2.2.3) may put CR LF + WSP anywhere: every whitespace run is one separator.
 */
export function isTokenSpace(c: number): boolean {
  return c < 0x80 && (ASCII_CLASS[c]! & SPACE_BIT) !== 0;
}

/** Whitespace, `(`, `)` or `;`: where a word ends. */
function isWordEnd(c: number): boolean {
  return c < 0x80 && (ASCII_CLASS[c]! & WORD_END_BIT) !== 0;
}

/** The limits the lexer honours. */
type LexLimits = Pick<Limits, 'maxTokens' | 'maxComments' | 'maxCommentDepth'>;

/** What a token reader returns instead of an end when a limit stops the lexer (the `all done` state). */
const STOP = -1;

/**
 * The lexer's state between tokens: what it has read, and what it must not report twice. The token readers below are
 * its states (rspamd's `received.cxx` runs the same machine): between tokens it skips spaces, the first character of a
 * token picks the reader, the reader returns where the token ends and names its kind in {@link Lexer.kind} (`null`
 * for a stray `)`, which is skipped), and a limit ends the machine.
 */
class Lexer {
  readonly raw: string;
  readonly limits: LexLimits;
  readonly tokens: Token[] = [];
  readonly issues: Issue[] = [];
  /** The kind of the token the last reader read, or null when it read none. */
  kind: TokenKind | null = 'word';
  comments = 0;
  truncated = false;
  /** Position after which no `"` exists; lets comment scanning skip quoted runs without rescanning (linear). */
  noQuoteFrom: number;
  strayCloseReported = false;
  openQuoteReported = false;

  constructor(raw: string, limits: LexLimits) {
    this.raw = raw;
    this.limits = limits;
    this.noQuoteFrom = raw.length + 1;
  }
}

/**
 * Split a Received value into tokens in one left-to-right pass with no backtracking: every character is looked at a
 * bounded number of times (angle addresses are capped at {@link MAX_ANGLE_LENGTH}). Unbalanced input is an issue,
 * never an exception: an unclosed comment or quote runs to the end of the value.
 */
export function lexReceived(raw: string, limits: LexLimits): LexResult {
  const lx = new Lexer(raw, limits);
  const { tokens } = lx;
  const n = raw.length;
  const maxTokens = limits.maxTokens;
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (isTokenSpace(c)) {
      i++;
      continue;
    }
    // Most tokens are words: read in place, the other kinds by their readers.
    let end: number;
    if (c < 0x80 && (ASCII_CLASS[c]! & OWN_READER_BIT) !== 0) {
      end = readToken(lx, c, i);
      if (end === STOP) break;
    } else {
      lx.kind = 'word';
      end = scanWord(raw, i + 1);
    }
    if (lx.kind !== null) {
      if (tokens.length >= maxTokens) {
        lx.issues.push(issue('LIMIT_TOKENS', 'warning', `more than ${maxTokens} tokens; the rest is not read`, { start: i, end: n }));
        lx.truncated = true;
        break;
      }
      tokens.push({ kind: lx.kind, start: i, end });
    }
    i = end;
  }
  return { tokens, issues: lx.issues, truncated: lx.truncated };
}

/** Read the token that starts with `c` (not a word's first character) at `start`: its end, or {@link STOP}. */
function readToken(lx: Lexer, c: number, start: number): number {
  switch (c) {
    case LPAREN:
      return readComment(lx, start);
    case RPAREN:
      return skipStrayClose(lx, start);
    case SEMI:
      lx.kind = 'semicolon';
      return start + 1;
    case DQUOTE:
      return readQuoted(lx, start);
    case LBRACKET:
      return readLiteral(lx, start);
    default:
      return readAngle(lx, start);
  }
}

/** A comment (RFC 5322 §3.2.2), nested up to the depth limit; unclosed, it runs to the end of the value. */
function readComment(lx: Lexer, start: number): number {
  const { raw, limits } = lx;
  const n = raw.length;
  if (lx.comments >= limits.maxComments) {
    lx.issues.push(issue('LIMIT_COMMENTS', 'warning', `more than ${limits.maxComments} comments; the rest is not read`, { start, end: n }));
    lx.truncated = true;
    return STOP;
  }
  lx.comments++;
  let depth = 1;
  let deepReported = false;
  let i = start + 1;
  while (i < n && depth > 0) {
    const d = raw.charCodeAt(i);
    if (d === BACKSLASH) {
      i += 2;
    } else if (d === LPAREN) {
      if (depth < limits.maxCommentDepth) depth++;
      else if (!deepReported) {
        deepReported = true;
        lx.issues.push(issue('LIMIT_COMMENT_DEPTH', 'warning', `comments nested deeper than ${limits.maxCommentDepth}; deeper parentheses are read as text`, { start: i, end: i + 1 }));
      }
      i++;
    } else if (d === RPAREN) {
      depth--;
      i++;
    } else if (d === DQUOTE && i < lx.noQuoteFrom) {
      // A quoted string inside a comment (Postfix `Client CN "a (b"`, ZMailer `"EHLO x"`) may hold parentheses.
      const close = findQuoteEnd(raw, i + 1);
      if (close < 0) lx.noQuoteFrom = i;
      i = close < 0 ? i + 1 : close + 1;
    } else {
      i++;
    }
  }
  if (depth > 0) lx.issues.push(issue('RECEIVED_UNBALANCED_COMMENT', 'warning', 'a comment is not closed; it runs to the end of the value', { start, end: n }));
  lx.kind = 'comment';
  return i > n ? n : i;
}

/** A `)` that closes no comment: reported once, skipped. */
function skipStrayClose(lx: Lexer, at: number): number {
  if (!lx.strayCloseReported) {
    lx.strayCloseReported = true;
    lx.issues.push(issue('RECEIVED_UNBALANCED_PAREN', 'info', 'a `)` closes no comment; it is skipped', { start: at, end: at + 1 }));
  }
  lx.kind = null;
  return at + 1;
}

/**
 * A top-level quoted string, closed on its own line only: a stray `"` in a HELO name must not pair with one in a later
 * address and swallow the clauses between (RFC 5321 §4.1.2 Quoted-string holds no line break).
 */
function readQuoted(lx: Lexer, start: number): number {
  const raw = lx.raw;
  const close = start < lx.noQuoteFrom ? findLineQuoteEnd(raw, start + 1) : NO_QUOTE_AT_ALL;
  lx.kind = 'word';
  if (close < 0) {
    // The next `"` is on a later line or absent: from here on no quote closes on the line it opens (linear).
    if (close === NO_QUOTE_AT_ALL) lx.noQuoteFrom = Math.min(lx.noQuoteFrom, start);
    // One issue per value: a `"` + line break flood must not become an issue flood.
    if (!lx.openQuoteReported) {
      lx.openQuoteReported = true;
      lx.issues.push(issue('RECEIVED_UNTERMINATED_QUOTE', 'warning', 'a quoted string is not closed on its line; it is read as a word', { start, end: start + 1 }));
    }
    return scanWord(raw, start + 1);
  }
  // A quoted local part, `"(using TLSv1.3 …)"@example.net`: one word with its domain, opaque to the clause reader.
  if (close + 1 < raw.length && !isWordEnd(raw.charCodeAt(close + 1))) return scanWord(raw, close + 1);
  lx.kind = 'quoted';
  return close + 1;
}

/** A domain literal (RFC 5321 §4.1.3) or a vendor's bracketed note (`[Authenticated ID (1057822)]`), on one line. */
function readLiteral(lx: Lexer, start: number): number {
  const raw = lx.raw;
  const n = raw.length;
  const limit = Math.min(n, start + MAX_LITERAL_LENGTH);
  let j = start + 1;
  while (j < limit) {
    const d = raw.charCodeAt(j);
    if (d === RBRACKET || d === LBRACKET || d === CR || d === LF) break;
    j++;
  }
  lx.kind = 'word';
  if (j >= limit || raw.charCodeAt(j) !== RBRACKET) {
    lx.issues.push(issue('RECEIVED_UNTERMINATED_LITERAL', 'info', 'a `[` is not closed; it is read as a word', { start, end: start + 1 }));
    return scanWord(raw, start + 1);
  }
  j++;
  // `[1.2.3.4]:25`: the port belongs to the literal.
  if (j + 1 < n && raw.charCodeAt(j) === COLON && isDigit(raw.charCodeAt(j + 1))) {
    j++;
    while (j < n && isDigit(raw.charCodeAt(j))) j++;
  }
  // `[1.2.3.4])`-style glue is fine; `[a]b` continues as one word.
  if (j < n && !isWordEnd(raw.charCodeAt(j))) return scanWord(raw, j);
  lx.kind = 'literal';
  return j;
}

/** An angle address (RFC 5321 §4.1.2 `Path`) on one line, up to {@link MAX_ANGLE_LENGTH}; else a word. */
function readAngle(lx: Lexer, start: number): number {
  const raw = lx.raw;
  const n = raw.length;
  const limit = Math.min(n, start + MAX_ANGLE_LENGTH);
  let j = start + 1;
  while (j < limit) {
    const d = raw.charCodeAt(j);
    if (d === DQUOTE) {
      // A quoted local part (RFC 5321 §4.1.2) may hold `(`, `)`, `<`, `>` and spaces: the client wrote it, so it is
      // text of the address, never a comment (`<"(using TLSv1.3 …)"@example.net>`).
      const close = findQuoteEndBefore(raw, j + 1, limit);
      if (close < 0) break;
      j = close + 1;
      continue;
    }
    if (d === RANGLE || d === LANGLE || d === LPAREN || d === RPAREN || d === CR || d === LF) break;
    j++;
  }
  if (j >= limit || raw.charCodeAt(j) !== RANGLE) {
    lx.kind = 'word';
    return scanWord(raw, start + 1);
  }
  lx.kind = 'angle';
  // `<a@b>,` keeps trailing punctuation with the address.
  return j + 1 < n && !isWordEnd(raw.charCodeAt(j + 1)) ? scanWord(raw, j + 1) : j + 1;
}

function scanWord(raw: string, from: number): number {
  let i = from;
  const n = raw.length;
  while (i < n && !isWordEnd(raw.charCodeAt(i))) i++;
  return i;
}

/** {@link findLineQuoteEnd}: no `"` at all after the start. */
const NO_QUOTE_AT_ALL = -1;
/** {@link findLineQuoteEnd}: a `"` follows, but only after a line break. */
const QUOTE_ON_LATER_LINE = -2;

/**
 * Index of the `"` closing a top-level quoted string whose content starts at `from`, when it closes before the end of
 * its line; else {@link NO_QUOTE_AT_ALL} or {@link QUOTE_ON_LATER_LINE}. Stops at the first `"` or line break.
 */
function findLineQuoteEnd(raw: string, from: number): number {
  const n = raw.length;
  let i = from;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === DQUOTE) return i;
    else if (c === CR || c === LF) return raw.indexOf('"', i) < 0 ? NO_QUOTE_AT_ALL : QUOTE_ON_LATER_LINE;
    else i++;
  }
  return NO_QUOTE_AT_ALL;
}

/** Index of the `"` closing a quoted string whose content starts at `from`, before `limit` and on the same line, or -1. */
function findQuoteEndBefore(raw: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = raw.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === DQUOTE) return i;
    else if (c === CR || c === LF) return -1;
    else i++;
  }
  return -1;
}

/** Index of the `"` closing a quoted string whose content starts at `from`, or -1. */
function findQuoteEnd(raw: string, from: number): number {
  const n = raw.length;
  let i = from;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === DQUOTE) return i;
    else i++;
  }
  return -1;
}

/** The text of a comment token without its outer parentheses. */
export function commentText(raw: string, t: Token): string {
  return raw.slice(t.start + 1, commentEnd(raw, t));
}

/** Where a comment's text ends: before its `)`, or at the token end when the comment is unclosed. */
export function commentEnd(raw: string, t: Token): number {
  return t.end > t.start + 1 && raw.charCodeAt(t.end - 1) === RPAREN ? t.end - 1 : t.end;
}

/** The text of a token. */
export function tokenText(raw: string, t: Token): string {
  return raw.slice(t.start, t.end);
}
