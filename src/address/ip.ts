/**
 * IP address literals as MTAs write them in trace fields: `1.2.3.4`, `[1.2.3.4]:25`, `IPv6:2001:db8::1`,
 * `[IPv6:2001:DB8:0:0::1]`, `fe80::1%eth0`, `::ffff:1.2.3.4`. A strict gate of our own (RFC 5321 §4.1.3 address
 * literals, RFC 4291 §2.2 text forms) and RFC 5952 output. Tests compare both with `ipaddr.js`; it is not a runtime
 * dependency: importing a CommonJS package from ESM costs every CLI start its export scan, for one function.
 * @module
 */

import type { IpRange } from '../types.js';
import { classifyBytes } from './ranges.js';
import { formatIpv6Groups } from './rfc5952.js';
import { groupsToBytes, scanIpv4, scanIpv6 } from './scan.js';
import { BoundedMemo } from '../text/bounded-memo.js';

/** 128 characters: the longest literal with `[IPv6:…%zone]:port` is far shorter; longer text is not scanned. */
export const MAX_IP_TEXT = 128;

/** An address read from text. */
export interface ParsedIp {
  /** Canonical form: dotted decimal, or RFC 5952 lower-case compressed IPv6 (no prefix, brackets, zone or port). */
  readonly ip: string;
  readonly version: 4 | 6;
  readonly range: IpRange;
  /** The port after `[ip]:port` or `a.b.c.d:port`; `null` when none was written. */
  readonly port: number | null;
  /** `true` when written as IPv4-mapped IPv6 (`::ffff:1.2.3.4`, RFC 4291 §2.5.5.2) and reported as the IPv4. */
  readonly mapped: boolean;
}

/** The address as bytes, for range and CIDR checks. */
export interface IpBytes {
  readonly version: 4 | 6;
  /** 4 or 16 bytes, network order. */
  readonly bytes: readonly number[];
  readonly mapped: boolean;
}

const IPV6_PREFIX = 'ipv6:';

function isZoneChar(c: number): boolean {
  // RFC 6874 ZoneID = 1*( unreserved / pct-encoded ); `%` itself is kept out.
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95 || c === 126
  );
}

function parsePort(text: string): number | null {
  if (text.length === 0 || text.length > 5) return null;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  return value <= 65535 ? value : null;
}

/**
 * The address part alone: optional `IPv6:` tag (RFC 5321 §4.1.3), optional `%zone` on IPv6 (RFC 4007 §11,
 * dropped). IPv4-mapped IPv6 comes back as the IPv4 with `mapped: true`. `null` when not exactly an address.
 */
export function addressBytes(text: string): IpBytes | null {
  let body = text;
  let tagged = false;
  if (body.length >= IPV6_PREFIX.length && body.slice(0, IPV6_PREFIX.length).toLowerCase() === IPV6_PREFIX) {
    body = body.slice(IPV6_PREFIX.length);
    tagged = true;
  }
  const percent = body.indexOf('%');
  let zoned = false;
  if (percent >= 0) {
    const zone = body.slice(percent + 1);
    if (zone.length === 0) return null;
    for (let i = 0; i < zone.length; i++) if (!isZoneChar(zone.charCodeAt(i))) return null;
    body = body.slice(0, percent);
    zoned = true;
  }
  if (!body.includes(':')) {
    if (tagged || zoned) return null;
    const v4 = scanIpv4(body);
    return v4 === null ? null : { version: 4, bytes: v4, mapped: false };
  }
  const groups = scanIpv6(body);
  if (groups === null) return null;
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    const hi = groups[6] as number;
    const lo = groups[7] as number;
    return { version: 4, bytes: [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff], mapped: true };
  }
  return { version: 6, bytes: groupsToBytes(groups), mapped: false };
}

/** Canonical text of 4 or 16 bytes: dotted decimal, or RFC 5952 §4 compressed lower-case IPv6. */
export function formatIpBytes(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: number[] = [];
  for (let k = 0; k < 16; k += 2) groups.push(((bytes[k] ?? 0) << 8) | (bytes[k + 1] ?? 0));
  return formatIpv6Groups(groups);
}

/**
 * Read one IP literal (RFC 5321 §4.1.3, RFC 4291 §2.2): bare, bracketed, `IPv6:`-tagged (any case), with a
 * zone id (dropped) or a port (`[ip]:port`, `a.b.c.d:port`). `null` when the text is not exactly one address:
 * `1.2.3`, `010.1.1.1`, `256.1.1.1`, host names and empty text are all `null`.
 */
export function parseIp(text: string): ParsedIp | null {
  if (typeof text !== 'string') throw new TypeError('parseIp: text must be a string');
  if (cannotBeAddress(text)) return null;
  if (text.length > MAX_IP_TEXT + 64) return readIp(text);
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const parsed = readIp(text);
  memo.set(text, parsed);
  return parsed;
}

/**
 * 2,048 texts: relays, loopback and the same few client addresses recur across a mailbox, so results (frozen) are
 * memoised; a flood of distinct texts only ever costs two maps of dead entries.
 */
const MAX_MEMO_ENTRIES = 2048;
const memo = new BoundedMemo<ParsedIp | null>(MAX_MEMO_ENTRIES);

/**
 * Host names reach `parseIp` far more often than addresses. Without a `:` anywhere only dotted-quad IPv4 can parse,
 * and that starts with a digit (after an optional `[`): a leading ASCII letter settles it without any scanning.
 */
function cannotBeAddress(text: string): boolean {
  const c0 = text.charCodeAt(0);
  const c = (c0 === 0x5b ? text.charCodeAt(1) : c0) | 0x20;
  return c >= 0x61 && c <= 0x7a && text.indexOf(':') < 0;
}

function readIp(text: string): ParsedIp | null {
  const s = text.trim();
  if (s.length === 0 || s.length > MAX_IP_TEXT) return null;
  let body = s;
  let port: number | null = null;
  if (s.charCodeAt(0) === 91 /* [ */) {
    const close = s.indexOf(']');
    if (close < 0) return null;
    const after = s.slice(close + 1);
    if (after.length > 0) {
      if (after.charCodeAt(0) !== 58 /* : */) return null;
      port = parsePort(after.slice(1));
      if (port === null) return null;
    }
    body = s.slice(1, close);
  } else {
    // A port on an unbracketed literal is only unambiguous for IPv4: `1.2.3.4:25`.
    const colon = s.indexOf(':');
    if (colon > 0 && s.indexOf(':', colon + 1) < 0 && s.slice(0, colon).includes('.')) {
      port = parsePort(s.slice(colon + 1));
      if (port === null) return null;
      body = s.slice(0, colon);
    }
  }
  const addr = addressBytes(body);
  if (addr === null) return null;
  return Object.freeze({
    ip: formatIpBytes(addr.bytes),
    version: addr.version,
    range: classifyBytes(addr.bytes),
    port,
    mapped: addr.mapped,
  });
}
