/**
 * Terminal-safe text. Header values are written by strangers: an `ESC[2J` in a Subject would clear the analyst's
 * screen, a CR would overwrite the line, U+202E would reverse what follows (Trojan Source, CVE-2021-42574), a U+200B
 * would make `pay\u200Bpal.example` look like `paypal.example`. Every
 * header-derived string goes through {@link sanitize} before it reaches text or CSV output.
 * @module
 */
import { isInvisibleFormat } from '../text/invisible.js';

function mustEscape(c: number): boolean {
  return (
    c < 0x20 || // C0 controls: ESC, BEL, CR, LF, TAB, NUL…
    (c >= 0x7f && c <= 0x9f) || // DEL and C1 controls (0x9b is a one-byte CSI)
    c === 0x5c || // the backslash itself, so an escape in the output is never ambiguous
    isInvisibleFormat(c) // bidi controls, zero-width characters, line separators
  );
}

const NAMED: Readonly<Record<number, string>> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x1b: '\\e', 0x5c: '\\\\' };

function escapeOne(c: number): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/**
 * A lone surrogate: a file name byte that is not UTF-8 (U+DC80..U+DCFF, see `node/fs-path.ts`) is shown as the
 * byte, `\xff`; any other as `\udXXX` (a terminal would print U+FFFD for either).
 */
function escapeLone(c: number): string {
  return c >= 0xdc80 && c <= 0xdcff ? `\\x${(c - 0xdc00).toString(16)}` : `\\u${c.toString(16)}`;
}

/**
 * `text` with every control, bidi, zero-width and line-separator character and every lone surrogate shown as a
 * visible escape (`\e`, `\x07`, `\u202e`, a file name byte that is not UTF-8 as `\xff`).
 */
export function sanitize(text: string): string {
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (mustEscape(c) || isSurrogate(c)) break;
  }
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSurrogate(c)) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += text[i]! + text[i + 1]!; // a pair: one character outside the BMP
        i++;
      } else out += escapeLone(c);
    } else out += mustEscape(c) ? escapeOne(c) : text[i];
  }
  return out;
}

/** What JSON output escapes beyond `JSON.stringify`: DEL, C1 and {@link isInvisibleFormat} (one character class; a test keeps them in step). */
export const JSON_ESCAPED = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const JSON_ESCAPED_ALL = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * JSON text made terminal-safe without changing its data: `JSON.stringify` already escapes C0 controls; this
 * also writes DEL, C1, bidi controls, zero-width characters and U+2028/2029 as `\uXXXX` (same value once parsed).
 */
export function jsonSafe(json: string): string {
  // Native scans (a character class: no backtracking); most documents have nothing to escape.
  if (!JSON_ESCAPED.test(json)) return json;
  return json.replace(JSON_ESCAPED_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
