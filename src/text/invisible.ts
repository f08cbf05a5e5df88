/**
 * Characters that change how text looks without being seen: bidi controls (Unicode UAX #9; Trojan Source,
 * CVE-2021-42574), zero-width and invisible format characters (UTS #39 §3.1 "default ignorable" spoofing:
 * `pay\u200Bpal.example` reads as `paypal.example`), and the line/paragraph separators. Every view of header text
 * — text and CSV output, JSON output, the HTML report — makes these visible.
 * @module
 */

/** `true` for U+061C, U+200B–U+200F, U+2028–U+202E, U+2060–U+2069 and U+FEFF (one UTF-16 code unit each). */
export function isInvisibleFormat(c: number): boolean {
  return (
    c === 0x061c || // ARABIC LETTER MARK
    (c >= 0x200b && c <= 0x200f) || // ZWSP, ZWNJ, ZWJ, LRM, RLM
    (c >= 0x2028 && c <= 0x202e) || // line/paragraph separators, LRE RLE PDF LRO RLO
    (c >= 0x2060 && c <= 0x2069) || // word joiner, invisible operators, LRI RLI FSI PDI
    c === 0xfeff // zero-width no-break space (BOM)
  );
}
