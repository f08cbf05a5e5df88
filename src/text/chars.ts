/*
 * Character classes on UTF-16 code units, shared by every reader. Header text is read by index (no regex, no
 * copies), so these are the primitive tests; a code unit outside ASCII is never a digit, letter or space here.
 */

/** ASCII digit `0`–`9` (RFC 5234 Appendix B.1 `DIGIT`). */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** ASCII letter (RFC 5234 Appendix B.1 `ALPHA`). */
export function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** ASCII hexadecimal digit, either case (RFC 5234 Appendix B.1 `HEXDIG`, with RFC 4291 §2.2 lower case). */
export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Space, tab, CR or LF: white space once folding (RFC 5322 §2.2.3) has put CR LF anywhere. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}
