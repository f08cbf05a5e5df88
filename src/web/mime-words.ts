/**
 * RFC 2047 encoded words decoded with the browser's own `TextDecoder`, standing in for `report/mime-words.ts` (which
 * loads Node's libmime) in the analyzer page's bundle: same name, same contract — display text, `null` kept, never
 * a throw, at most {@link MAX_DECODED_INPUT} characters decoded. Words in a charset the browser does not know, or
 * malformed, stay as written. One pass with `indexOf`; no regular expression.
 * @module
 */

/** 16 KiB of a header value decoded at most: a Subject a person reads is far shorter; the rest is kept raw. */
const MAX_DECODED_INPUT = 16 * 1024;

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function qBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out.push(0x20);
    else if (c === 0x3d && i + 2 < text.length && hex(text.charCodeAt(i + 1)) >= 0 && hex(text.charCodeAt(i + 2)) >= 0) {
      out.push(hex(text.charCodeAt(i + 1)) * 16 + hex(text.charCodeAt(i + 2)));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

function bBytes(text: string): Uint8Array | null {
  try {
    const bin = atob(text.replaceAll('=', '') + '='.repeat((4 - (text.replaceAll('=', '').length % 4)) % 4));
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** One encoded word `=?charset?X?text?=` starting at `at`: its decoded text and end, or `null`. */
function word(value: string, at: number): { text: string; end: number } | null {
  const q1 = value.indexOf('?', at + 2);
  if (q1 < 0 || value[q1 + 2] !== '?') return null;
  const enc = (value[q1 + 1] ?? '').toUpperCase();
  const close = value.indexOf('?=', q1 + 3);
  if (close < 0 || (enc !== 'B' && enc !== 'Q')) return null;
  const charset = value.slice(at + 2, q1).split('*')[0] ?? '';
  const body = value.slice(q1 + 3, close);
  if (body.includes(' ')) return null;
  const bytes = enc === 'B' ? bBytes(body) : qBytes(body);
  if (bytes === null) return null;
  try {
    return { text: new TextDecoder(charset).decode(bytes), end: close + 2 };
  } catch {
    return null;
  }
}

/** `value` with its encoded words decoded (see the module comment); `null` stays `null`. */
export function decodeMimeWords(value: string | null): string | null {
  if (typeof value !== 'string') return null;
  if (!value.includes('=?')) return value;
  const input = value.length > MAX_DECODED_INPUT ? value.slice(0, MAX_DECODED_INPUT) : value;
  let out = '';
  let i = 0;
  let lastWasWord = false;
  while (i < input.length) {
    const at = input.indexOf('=?', i);
    if (at < 0) {
      out += input.slice(i);
      break;
    }
    const w = word(input, at);
    if (w === null) {
      out += input.slice(i, at + 2);
      i = at + 2;
      lastWasWord = false;
      continue;
    }
    const between = input.slice(i, at);
    // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
    if (!(lastWasWord && between.trim() === '')) out += between;
    out += w.text;
    i = w.end;
    lastWasWord = true;
  }
  return input === value ? out : out + value.slice(MAX_DECODED_INPUT);
}
