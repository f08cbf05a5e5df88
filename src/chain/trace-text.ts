/**
 * Linear scanners shared by the trace-field readers (RFC 8601 §2.2 and RFC 7208 §9.1 both build on RFC 5322
 * CFWS, quoted strings and `name=value`). No regular expressions: every byte is looked at a bounded number of
 * times.
 * @module
 */
import { isSpace } from '../text/chars.js';

/** 256 pairs per field: real Authentication-Results hold under 20; a field of 10⁵ `a=b` must not become 10⁵ pairs. */
export const MAX_TRACE_PAIRS = 256;

/** RFC 5322 §2.2.3 unfolding: the line breaks go, the whitespace after them stays; the ends are trimmed. */
export function unfoldField(value: string): string {
  // One-line values (most): the builtin searches are faster than the loop below.
  if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return value.trim();
  let out = '';
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 13 || c === 10) {
      out += value.slice(last, i);
      last = i + 1;
    }
  }
  return last === 0 ? value.trim() : (out + value.slice(last)).trim();
}

/**
 * Replace every comment (nested, RFC 5322 §3.2.2) with one space; quoted strings and `\` escapes are respected.
 * An unterminated comment runs to the end.
 */
export function stripComments(text: string): string {
  if (!text.includes('(')) return text;
  let out = '';
  let depth = 0;
  let quoted = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && (quoted || depth > 0)) {
      i++;
      continue;
    }
    if (depth === 0) {
      if (c === 34 /* " */) quoted = !quoted;
      else if (c === 40 /* ( */ && !quoted) {
        out += `${text.slice(last, i)} `;
        depth = 1;
      }
    } else if (c === 40) depth++;
    else if (c === 41 /* ) */) {
      depth--;
      if (depth === 0) last = i + 1;
    }
  }
  return depth > 0 ? out : out + text.slice(last);
}

/** A token of a comment-free trace value: a word (quoted strings unquoted), `=`, or `;`. */
export type TraceToken = { readonly kind: 'word'; readonly text: string } | { readonly kind: '=' } | { readonly kind: ';' };

/** Split a comment-free value into words, `=` and `;` (RFC 8601 §2.2 `resinfo`, RFC 7208 §9.1 `key-value-list`). */
export function traceTokens(text: string): TraceToken[] {
  const out: TraceToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 61 /* = */) {
      out.push({ kind: '=' });
      i++;
      continue;
    }
    if (c === 59 /* ; */) {
      out.push({ kind: ';' });
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      let s = '';
      i++;
      let last = i;
      while (i < n && text.charCodeAt(i) !== 34) {
        if (text.charCodeAt(i) === 92 && i + 1 < n) {
          s += text.slice(last, i);
          last = i + 1;
          i += 2;
          continue;
        }
        i++;
      }
      s += text.slice(last, i);
      out.push({ kind: 'word', text: s });
      i++; // the closing quote (or the end)
      continue;
    }
    const start = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isSpace(d) || d === 61 || d === 59 || d === 34) break;
      i++;
    }
    out.push({ kind: 'word', text: text.slice(start, i) });
  }
  return out;
}

/** The `name=value` pairs of one `;`-separated segment, in order, at most {@link MAX_TRACE_PAIRS}. */
export function pairsOf(tokens: readonly TraceToken[]): [string, string][] {
  const out: [string, string][] = [];
  for (let j = 0; j + 2 < tokens.length && out.length < MAX_TRACE_PAIRS; ) {
    const a = tokens[j]!;
    const eq = tokens[j + 1]!;
    const b = tokens[j + 2]!;
    if (a.kind === 'word' && eq.kind === '=' && b.kind === 'word') {
      out.push([a.text, b.text]);
      j += 3;
    } else j++;
  }
  return out;
}

/** Tokens split at `;` into segments (empty segments dropped). */
export function segmentsOf(tokens: readonly TraceToken[]): TraceToken[][] {
  const out: TraceToken[][] = [];
  let cur: TraceToken[] = [];
  for (const t of tokens) {
    if (t.kind === ';') {
      if (cur.length > 0) out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
