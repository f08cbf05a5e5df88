/**
 * Small, linear predicates over single words as MTAs write them in TLS comments. No regular expressions: each
 * looks at every character at most once.
 * @module
 */
import { isAlpha, isDigit } from '../text/chars.js';

/** A version or cipher word longer than this is not one (they are under 60 characters in every MTA we know). */
const MAX_VERSION_LENGTH = 24;
/** Cipher names stay under 80 characters (the longest IANA name is 50; GnuTLS session descriptions about 60). */
const MAX_CIPHER_LENGTH = 128;
/** A bit count longer than this is noise (no suite has more than 4-digit key bits). */
const MAX_BITS_DIGITS = 5;

/**
 * A protocol version as MTAs print it: `TLSv1`, `TLSv1.2`, `TLS1_2`, `TLS1.3`, `TLS-1.0`, `TLS12`, `TLSv1/SSLv3`,
 * `SSLv3`, `TLS1.2-PKIX`, and bare `TLS` / `SSL`. Not a cipher: `TLS_AES_…` and `SSL_RSA_…` have `_` after the prefix.
 */
export function isVersionText(s: string): boolean {
  const n = s.length;
  if (n < 3 || n > MAX_VERSION_LENGTH) return false;
  const p = s.slice(0, 3).toLowerCase();
  if (p !== 'tls' && p !== 'ssl') return false;
  if (n === 3) return true;
  const c = s.charCodeAt(3);
  const next = n > 4 ? s.charCodeAt(4) : 0;
  const ok = isDigit(c) || ((c === 0x76 || c === 0x56) && (next === 0 || isDigit(next))) || (c === 0x2d && isDigit(next));
  if (!ok) return false;
  for (let i = 4; i < n; i++) {
    const d = s.charCodeAt(i);
    if (!(isDigit(d) || isAlpha(d) || d === 0x2e || d === 0x5f || d === 0x2f || d === 0x2d)) return false;
  }
  return true;
}

/**
 * A cipher-suite name in any spelling (OpenSSL `ECDHE-RSA-AES256-GCM-SHA384`, IANA `TLS_AES_256_GCM_SHA384`,
 * GnuTLS `ECDHE_RSA_AES_256_GCM_SHA384`, Exim session-desc `ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM`):
 * starts with a letter or digit, only `[A-Za-z0-9_.-]`, and has a `-` or `_`.
 */
export function isCipherText(s: string): boolean {
  const n = s.length;
  if (n < 3 || n > MAX_CIPHER_LENGTH) return false;
  const first = s.charCodeAt(0);
  if (!isAlpha(first) && !isDigit(first)) return false;
  let sep = false;
  let alpha = false;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i);
    if (d === 0x2d || d === 0x5f) sep = true;
    else if (isAlpha(d)) alpha = true;
    else if (!isDigit(d) && d !== 0x2e) return false;
  }
  return sep && alpha;
}

/** The number a bits field starts with (`256/256` → 256, `168bits` → 168); `null` when it does not start with one. */
export function leadingNumber(s: string): number | null {
  let i = 0;
  let v = 0;
  while (i < s.length && isDigit(s.charCodeAt(i))) {
    if (i >= MAX_BITS_DIGITS) return null;
    v = v * 10 + (s.charCodeAt(i) - 0x30);
    i++;
  }
  return i === 0 ? null : v;
}

/** `true` when `s` is all digits (and not empty, and short). */
export function isNumber(s: string): boolean {
  if (s.length === 0 || s.length > MAX_BITS_DIGITS) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** `s` without trailing `,` `;` `.` (list punctuation glued to a word by the MTA). */
export function trimTrailingPunct(s: string): string {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (c === 0x2c || c === 0x3b) e--;
    else break;
  }
  return e === s.length ? s : s.slice(0, e);
}

/** ASCII case-insensitive equality without allocating for the common mismatch. */
export function eqi(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}
