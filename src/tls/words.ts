import { isTokenSpace } from '../received/lex.js';
import type { Span } from '../types.js';

/** One whitespace-separated word inside a comment; `(` and `)` are words of their own, a quoted string is one word. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const LPAREN = 0x28;
const RPAREN = 0x29;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Split `raw[range.start, range.end)` into words in one pass. A quoted string (RFC 5322 §3.2.4, Postfix's
 * `Issuer "…"`) is one word even when it holds spaces or parentheses; an unclosed one runs to the end.
 */
export function splitWords(raw: string, range: Span): Word[] {
  const words: Word[] = [];
  const end = Math.min(range.end, raw.length);
  let i = Math.max(0, range.start);
  while (i < end) {
    const c = raw.charCodeAt(i);
    if (isTokenSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === LPAREN || c === RPAREN) {
      i++;
    } else if (c === DQUOTE) {
      i++;
      while (i < end) {
        const d = raw.charCodeAt(i);
        if (d === BACKSLASH) i += 2;
        else if (d === DQUOTE) {
          i++;
          break;
        } else i++;
      }
      if (i > end) i = end;
    } else {
      while (i < end) {
        const d = raw.charCodeAt(i);
        if (isTokenSpace(d) || d === LPAREN || d === RPAREN || d === DQUOTE) break;
        i++;
      }
    }
    words.push({ text: raw.slice(start, i), start, end: i });
  }
  return words;
}
