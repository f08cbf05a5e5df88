/**
 * RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-2022-JP?B?…?=`) in Subject and From, decoded for people, with
 * libmime — the decoder mailparser uses, charsets included. Values without `=?` are returned as they are, and
 * libmime is loaded only when the first encoded word is met: a run over plain-ASCII headers never pays for loading
 * it and its charset tables.
 * @module
 */
import { loadLibmime } from './lazy-packages.js';

/** 16 KiB of a header value decoded at most: a Subject a person reads is far shorter; the rest is kept raw. */
const MAX_DECODED_INPUT = 16 * 1024;

type DecodeWords = (value: string) => string;
let decoder: DecodeWords | null = null;

function decodeWords(): DecodeWords {
  if (decoder === null) {
    const libmime = loadLibmime();
    decoder = (value) => libmime.decodeWords(value);
  }
  return decoder;
}

/**
 * `value` with its RFC 2047 encoded words decoded; `null`, or anything but text (a field an older record lacks), gives
 * `null`. A word in an unknown charset or with a broken encoding is left as libmime leaves it; a decoder failure
 * returns `value` unchanged (the library never throws on data). The result is for display: pass it through the output's own escaping.
 */
export function decodeMimeWords(value: string | null): string | null {
  if (typeof value !== 'string') return null;
  if (!value.includes('=?')) return value;
  const input = value.length > MAX_DECODED_INPUT ? value.slice(0, MAX_DECODED_INPUT) : value;
  try {
    const decoded = decodeWords()(input);
    return input === value ? decoded : decoded + value.slice(MAX_DECODED_INPUT);
  } catch {
    return value;
  }
}
