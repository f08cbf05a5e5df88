/**
 * Text and plain data that outlive their message: summary keys, report tables and the weakest messages kept for the
 * report. Every string read from a message is a slice of its decoded header block, and V8 keeps a slice's parent
 * alive: one name kept per message pins a whole header block per message (see {@link memoKey}).
 * @module
 */
import { memoKey } from './memo-key.js';

/** What a copy does with one string; `key` is the property name it sits under (`undefined` inside an array). */
export type TextCopier = (text: string, key: string | undefined) => string;

/**
 * What ends a cut text. Three ASCII dots, not `…`: V8 stores Latin-1 text one byte per character, and one character
 * past U+00FF makes the whole string two bytes per character.
 */
export const CUT_MARK = '...';

/**
 * `text` cut to at most `max` UTF-16 code units plus {@link CUT_MARK} (never between the two halves of a surrogate
 * pair), or `text` itself when it fits. Not a copy: use {@link keptText} (or {@link memoKey}) to keep it.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}${CUT_MARK}`;
}

/** `text` cut to `max` (see {@link cutText}) as a string of its own characters, safe to keep across messages. */
export function keptText(text: string, max: number): string {
  return memoKey(cutText(text, max));
}

/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans, `null`), each string passed through
 * `copyText` (by default {@link memoKey}, a same-length copy). Objects come back as plain, unfrozen objects with the
 * same keys in the same order, so `JSON.stringify` of the copy equals that of the original when `copyText` keeps
 * text as it is.
 */
export function keptCopy<T>(value: T, copyText: TextCopier = memoKey): T {
  return copyValue(value, undefined, copyText) as T;
}

function copyValue(value: unknown, key: string | undefined, copyText: TextCopier): unknown {
  if (typeof value === 'string') return copyText(value, key);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyValue(value[i], undefined, copyText);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const copy = copyValue((value as Record<string, unknown>)[k], k, copyText);
    // Data parsed from JSON can own a `__proto__` key; assigning it would set the copy's prototype instead.
    if (k === '__proto__') Object.defineProperty(out, k, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[k] = copy;
  }
  return out;
}
