/**
 * Linear tokenizer for date-time text (RFC 5322 §3.3 with the §4.3 obsolete forms): numbers, words and single
 * punctuation characters; whitespace separates; comments (CFWS, RFC 5322 §3.2.2) are skipped.
 * @module
 */

import { isAlpha, isDigit, isSpace } from '../text/chars.js';

/** What a date token is: a run of ASCII digits, a run of ASCII letters, or one other visible character. */
type DateTokenKind = 'num' | 'word' | 'punct';

/** One token with its position in the scanned text (adjacency matters: `-0500` is a zone, `- 0500` is not). */
export interface DateToken {
  readonly kind: DateTokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The tokens of a date text, and whether a comment ran off the end. */
export interface DateTokens {
  readonly tokens: readonly DateToken[];
  readonly unterminatedComment: boolean;
}

/**
 * Split `text` into tokens in one pass. Comments nest (RFC 5322 §3.2.2) and honour `\` quoted-pairs; the depth
 * is a counter, not recursion, so 10⁵ nested `(` cost one pass and no stack.
 */
export function tokenizeDate(text: string): DateTokens {
  const tokens: DateToken[] = [];
  const n = text.length;
  let i = 0;
  let unterminatedComment = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 40 /* ( */) {
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else {
          if (d === 40) depth++;
          else if (d === 41) depth--;
          i++;
        }
      }
      if (depth > 0) unterminatedComment = true;
    } else if (isDigit(c)) {
      const start = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'num', text: text.slice(start, i), start, end: i });
    } else if (isAlpha(c)) {
      const start = i;
      while (i < n && isAlpha(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    } else {
      tokens.push({ kind: 'punct', text: text.charAt(i), start: i, end: i + 1 });
      i++;
    }
  }
  return { tokens, unterminatedComment };
}
