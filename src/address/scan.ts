/**
 * Strict, linear scanners for the two address texts: RFC 791 dotted-quad IPv4 (RFC 5321 §4.1.3
 * `IPv4-address-literal`) and RFC 4291 §2.2 IPv6 text forms. They return the raw bytes and nothing else; no
 * leniency (no `1.2.3`, no octal `010.1.1.1`, no hex `0x7f.1`), because `ipaddr.js` and `inet_aton` accept those
 * and a forged header must not smuggle `8.1.1.1` in as `010.1.1.1`.
 * @module
 */

import { isDigit } from '../text/chars.js';

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Dotted-quad IPv4: exactly four decimal octets 0–255, no leading zeros; the 4 bytes or `null`. */
export function scanIpv4(text: string): number[] | null {
  const out: number[] = [];
  const n = text.length;
  let i = 0;
  while (out.length < 4) {
    const start = i;
    let value = 0;
    while (i < n && i - start < 4 && isDigit(text.charCodeAt(i))) {
      value = value * 10 + (text.charCodeAt(i) - 48);
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || value > 255) return null;
    if (digits > 1 && text.charCodeAt(start) === 48) return null; // leading zero: octal in inet_aton
    out.push(value);
    if (out.length < 4) {
      if (i >= n || text.charCodeAt(i) !== 46 /* . */) return null;
      i++;
    }
  }
  return i === n ? out : null;
}

/** Colon-separated hex groups of one side of `::`; the trailing group may be a dotted quad. */
function scanGroups(text: string, allowIpv4Tail: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] as string;
    if (allowIpv4Tail && k === parts.length - 1 && part.includes('.')) {
      const v4 = scanIpv4(part);
      if (v4 === null) return null;
      out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      continue;
    }
    if (part.length === 0 || part.length > 4) return null;
    let value = 0;
    for (let i = 0; i < part.length; i++) {
      const h = hexValue(part.charCodeAt(i));
      if (h < 0) return null;
      value = value * 16 + h;
    }
    out.push(value);
  }
  return out;
}

/** RFC 4291 §2.2 text form (all three forms, at most one `::`); the 8 16-bit groups or `null`. No zone id. */
export function scanIpv6(text: string): number[] | null {
  // 45 = the longest form, `ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`.
  if (text.length > 45 || text.length < 2) return null;
  const gap = text.indexOf('::');
  if (gap < 0) {
    const groups = scanGroups(text, true);
    return groups !== null && groups.length === 8 ? groups : null;
  }
  if (text.indexOf('::', gap + 1) >= 0) return null; // a second `::`, or `:::`
  const head = scanGroups(text.slice(0, gap), false);
  const tail = scanGroups(text.slice(gap + 2), true);
  if (head === null || tail === null || head.length + tail.length > 7) return null;
  const zeros: number[] = new Array<number>(8 - head.length - tail.length).fill(0);
  return [...head, ...zeros, ...tail];
}

/** 8 groups → 16 bytes. */
export function groupsToBytes(groups: readonly number[]): number[] {
  const out: number[] = [];
  for (const g of groups) out.push((g >> 8) & 0xff, g & 0xff);
  return out;
}
