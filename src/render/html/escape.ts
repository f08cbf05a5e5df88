/**
 * Header text → HTML that shows it and does nothing else. Every string that came from a message passes through
 * {@link text} (or {@link esc} after our own formatting): markup characters become entities (HTML Living Standard
 * §13.1.4 / §13.5 serialisation rules), and characters that could mislead a reader — C0/C1 controls, bidi overrides
 * and isolates (Unicode TR#9, the "Trojan Source" trick), invisible separators, lone surrogates — become visible
 * markers. Header text never reaches an attribute other than a quoted `title`, never an `href`, `src` or `<style>`.
 * @module
 */
import { isInvisibleFormat } from '../../text/invisible.js';

/** 200 characters of one displayed field: a 32 KiB hostname must not become a 32 KiB line in every table. */
export const MAX_DISPLAY_CHARS = 200;

/** Escape `& < > " '` for element content and double- or single-quoted attribute values. */
export function esc(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c === 0x26) rep = '&amp;';
    else if (c === 0x3c) rep = '&lt;';
    else if (c === 0x3e) rep = '&gt;';
    else if (c === 0x22) rep = '&quot;';
    else if (c === 0x27) rep = '&#39;';
    if (rep === null) continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

function marker(cp: number): string {
  return `⟦U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟧`;
}

/**
 * Header text made safe to look at (not yet HTML-escaped): C0/C1 controls and deceptive format characters become
 * visible `⟦U+001B⟧` markers (fonts rarely have Control Pictures), tabs and line breaks become spaces unless
 * `keepLines`, lone surrogates U+FFFD; cut to `max` code points with `…`.
 */
export function clean(s: string, max: number = MAX_DISPLAY_CHARS, keepLines = false): string {
  let out = '';
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    if (count >= max) return `${out}…`;
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
        count++;
        continue;
      }
      cp = 0xfffd;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      cp = 0xfffd;
    }
    count++;
    if (cp === 0x0a || cp === 0x09) out += keepLines ? String.fromCharCode(cp) : ' ';
    else if (cp === 0x0d) out += keepLines ? '' : ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || isInvisibleFormat(cp)) out += marker(cp);
    else out += String.fromCharCode(cp);
  }
  return out;
}

/** {@link clean} then {@link esc}: the one call for any header-derived string going into the page. */
export function text(s: string | null | undefined, max: number = MAX_DISPLAY_CHARS, fallback = '—'): string {
  if (s === null || s === undefined || s === '') return esc(fallback);
  return esc(clean(s, max));
}
