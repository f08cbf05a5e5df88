/**
 * One comment of the from clause (RFC 5321 §4.4 `TCP-info`), read word by word: what the receiver says it saw of the
 * peer (address, port, rDNS name, ident reply) and the greeting it quotes. Each notation below is one small reader,
 * named after the software that writes it; {@link readTcpComment} offers every word to them in order. The clause
 * layouts that decide what the name after `from` is are in src/received/from-layouts.ts.
 * @module
 */
import { isRdnsPlaceholder } from '../address/host.js';
import { parseIp } from '../address/ip.js';
import { isDigit, isHexDigit, isSpace } from '../text/chars.js';
import type { IpRange } from '../types.js';
import { equalsLower, startsWithLower } from './ascii.js';

/** An address as a comment or literal writes it. */
export interface Address {
  readonly ip: string;
  readonly ipRange: IpRange;
  readonly port: number | null;
}

/**
 * The notation a comment was read as. exim: `([ip]:port helo=x)`; helo-comment: `(HELO x)` (qmail, IronPort,
 * ZMailer's `"EHLO x"`); tcp-info: `(rdns [ip])` (Postfix, Sendmail); peer-ip: `(ip)` (Microsoft, qmail); user-at-ip:
 * `(user@ip)`, `(user@[ip])` (qmail); communigate-verified: `([ip] verified)`; communigate-account:
 * `(account user@dom …)`; other: anything else.
 */
type CommentKind = 'exim' | 'helo-comment' | 'tcp-info' | 'peer-ip' | 'user-at-ip' | 'communigate-verified' | 'communigate-account' | 'other';

/** What one comment of the from clause says about the peer. */
export interface CommentFacts {
  kind: CommentKind;
  helo: string | null;
  rdns: string | null;
  ip: string | null;
  ipRange: IpRange | null;
  port: number | null;
  ident: string | null;
}

/** A comment's text split at whitespace runs (space, tab, CR, LF). */
export function splitCommentWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  // One step past the end reads as a space: the last word ends there.
  for (let i = 0; i <= text.length; i++) {
    if (isSpace(i < text.length ? text.charCodeAt(i) : 0x20)) {
      if (start >= 0) words.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  return words;
}

/** An IP written as `[ip]`, `[ip]:port`, `[IPv6:…]`, `[(ip)]`, `(ip)`, or bare. */
export function readAddress(text: string): Address | null {
  let t = text;
  if (t.startsWith('[(') && t.endsWith(')]')) t = `[${t.slice(2, -2)}]`;
  if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1);
  const parsed = parseIp(t);
  return parsed === null ? parseIpWithPort(t) : { ip: parsed.ip, ipRange: parsed.range, port: parsed.port };
}

/** Longest `[a.b.c.d:port]` body: 15 for the address, 1 separator, 5 for the port, and a margin. */
const MAX_IP_PORT_LENGTH = 22;

/** `[1.2.3.4:5678]` (Momentum) and `[1.2.3.4.5678]` (Exim 3): an IPv4 address and a port inside the brackets. */
function parseIpWithPort(text: string): Address | null {
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (inner.length > MAX_IP_PORT_LENGTH) return null;
  // Both forms start with the IPv4 address: a host name (a leading letter) is turned away before any splitting.
  if (inner.length === 0) return null;
  const c0 = inner.charCodeAt(0) | 0x20;
  if (c0 >= 0x61 && c0 <= 0x7a) return null;
  let cut = inner.lastIndexOf(':');
  if (cut < 0) {
    if (inner.split('.').length !== 5) return null;
    cut = inner.lastIndexOf('.');
  }
  const portText = inner.slice(cut + 1);
  if (portText === '' || portText.length > 5) return null;
  for (let i = 0; i < portText.length; i++) if (!isDigit(portText.charCodeAt(i))) return null;
  const port = Number(portText);
  const parsed = parseIp(inner.slice(0, cut));
  if (parsed === null || parsed.version !== 4 || port > 65535) return null;
  return { ip: parsed.ip, ipRange: parsed.range, port };
}

/** The `[…]` part of a word such as `Verified[1.2.3.4]` or `user@[1.2.3.4]`, if it holds an IP; `before` is the rest. */
function bracketAddress(word: string): (Address & { readonly before: string }) | null {
  const open = word.indexOf('[');
  if (open < 0) return null;
  const close = word.indexOf(']', open + 1);
  if (close < 0) return null;
  let end = close + 1;
  // keep a `:port` that follows the bracket
  if (end < word.length && word.charCodeAt(end) === 0x3a) {
    let j = end + 1;
    while (j < word.length && isDigit(word.charCodeAt(j))) j++;
    if (j > end + 1) end = j;
  }
  const addr = readAddress(word.slice(open, end));
  return addr === null ? null : { ip: addr.ip, ipRange: addr.ipRange, port: addr.port, before: word.slice(0, open) };
}

function isHeloWord(w: string): boolean {
  const n = w.length;
  return equalsLower(w, 0, n, 'helo') || equalsLower(w, 0, n, 'ehlo') || equalsLower(w, 0, n, 'lhlo');
}

function isWord(w: string | undefined, lower: string): boolean {
  return w !== undefined && equalsLower(w, 0, w.length, lower);
}

function setAddress(facts: CommentFacts, addr: Address): void {
  facts.ip = addr.ip;
  facts.ipRange = addr.ipRange;
  facts.port = addr.port;
}

/** Read the words of one from-clause comment (without its parentheses). */
export function readTcpComment(words: readonly string[]): CommentFacts {
  const facts: CommentFacts = { kind: 'other', helo: null, rdns: null, ip: null, ipRange: null, port: null, ident: null };
  // Length first: reading past the end of an array costs the optimised function a deopt.
  if (words.length === 0) return facts;
  const first = words[0]!;
  // qmail, IronPort, Sendmail: `(HELO name)` — the comment is the greeting and nothing else.
  if (isHeloWord(first)) {
    facts.kind = 'helo-comment';
    const h = words[1];
    facts.helo = h === undefined || h === '' ? null : h;
    return facts;
  }
  // CommuniGate: `(account alice@example.org HELO laptop)` — the authenticated account, not the peer.
  if (isWord(first, 'account')) facts.kind = 'communigate-account';
  for (let i = 0; i < words.length; i++) i = readTcpWord(facts, words, i);
  return facts;
}

/** Read word `i` into `facts`; returns the index of the last word it consumed. */
function readTcpWord(facts: CommentFacts, words: readonly string[], i: number): number {
  const w = words[i]!;
  if (startsWithLower(w, 0, w.length, 'helo=')) return eximHelo(facts, w, i);
  if (startsWithLower(w, 0, w.length, 'ident=')) return eximIdent(facts, w, i);
  if (i > 0 && isHeloWord(w)) return communiGateHelo(facts, words, i);
  if (w.charCodeAt(0) === 0x22 && facts.kind !== 'exim' && isHeloWord(w.slice(1, 5))) return zmailerHelo(facts, words, i);
  // One address per comment: after it, only the words above and CommuniGate's `verified` are read.
  if (facts.ip !== null) return communiGateVerifiedAfter(facts, words, i);
  const bracket = bracketAddress(w);
  if (bracket !== null) return bracketedPeer(facts, words, i, bracket);
  if (i === 1 && facts.kind === 'other' && isWord(w, '[local]')) return openSmtpdLocal(facts, words, i);
  if (facts.kind !== 'communigate-account' && qmailUserAtIp(facts, w)) return i;
  if (i === 0) return barePeer(facts, words);
  return i;
}

/** Exim `([192.0.2.7]:52313 helo=mx.example.net)`: the client's greeting. */
function eximHelo(facts: CommentFacts, w: string, i: number): number {
  facts.kind = 'exim';
  const h = w.slice(5);
  facts.helo = h === '' ? null : h;
  return i;
}

/** Exim `([192.0.2.7] ident=alice)`: the ident reply (RFC 1413). */
function eximIdent(facts: CommentFacts, w: string, i: number): number {
  if (facts.kind === 'other' || facts.kind === 'tcp-info') facts.kind = 'exim';
  facts.ident = w.slice(6) || null;
  return i;
}

/** CommuniGate `(account alice@example.org HELO laptop)`: the word after `HELO` is the greeting. */
function communiGateHelo(facts: CommentFacts, words: readonly string[], i: number): number {
  const h = words[i + 1];
  if (h !== undefined) facts.helo = h;
  return i + 1;
}

/** ZMailer `("EHLO mx.example.net" [192.0.2.7])`, the quote glued to the word or folded away from the name. */
function zmailerHelo(facts: CommentFacts, words: readonly string[], i: number): number {
  const w = words[i]!;
  facts.kind = 'helo-comment';
  let h = w.length > 5 ? w.slice(5) : words[i + 1];
  if (h !== undefined && h.endsWith('"')) h = h.slice(0, -1);
  facts.helo = h === undefined || h === '' ? null : h;
  return w.length > 5 ? i : i + 1;
}

/** CommuniGate `(relay.example.net [192.0.2.7] verified)`? Only `([ip] verified)`: two words, the address first. */
function communiGateVerifiedAfter(facts: CommentFacts, words: readonly string[], i: number): number {
  if (facts.kind === 'tcp-info' && words.length === 2 && i === 1 && isWord(words[i], 'verified')) facts.kind = 'communigate-verified';
  return i;
}

/**
 * Postfix and Sendmail `(rdns [192.0.2.7])` and `(ident@rdns [ip])`, qmail `(user@[192.0.2.7])`, any `Verified[ip]`:
 * the bracketed address the receiver saw, and the name or ident before it.
 */
function bracketedPeer(facts: CommentFacts, words: readonly string[], i: number, bracket: Address & { readonly before: string }): number {
  setAddress(facts, bracket);
  if (facts.kind === 'other') facts.kind = 'tcp-info';
  const prev = i > 0 ? words[i - 1] : undefined;
  if (bracket.before.endsWith('@')) {
    facts.ident = bracket.before.slice(0, -1) || null;
    if (facts.kind === 'tcp-info') facts.kind = 'user-at-ip';
  } else if (bracket.before === '' && prev !== undefined && facts.kind === 'tcp-info' && i === 1) {
    const at = prev.lastIndexOf('@');
    const host = at >= 0 ? prev.slice(at + 1) : prev;
    if (at > 0) facts.ident = prev.slice(0, at);
    if (host !== '' && !isRdnsPlaceholder(host) && readAddress(host) === null) facts.rdns = host;
  }
  return i;
}

/** OpenSMTPD's local submission `(laptop.example.org [local])`: a name and no address. */
function openSmtpdLocal(facts: CommentFacts, words: readonly string[], i: number): number {
  facts.kind = 'tcp-info';
  const prev = words[0]!;
  if (!isRdnsPlaceholder(prev)) facts.rdns = prev;
  return i;
}

/** qmail `(alice@192.0.2.7)`: the ident reply and the peer address. */
function qmailUserAtIp(facts: CommentFacts, w: string): boolean {
  const at = w.lastIndexOf('@');
  if (at <= 0) return false;
  const addr = readAddress(w.slice(at + 1));
  if (addr === null) return false;
  setAddress(facts, addr);
  facts.ident = w.slice(0, at);
  if (facts.kind === 'other') facts.kind = 'user-at-ip';
  return true;
}

/**
 * A bare address alone, Microsoft's and qmail's `(192.0.2.7)`, or CommuniGate's `([192.0.2.7] verified)` (the name
 * was checked against the address); `(1.2.3.4 [1.2.3.4])` is read as a bracketed peer.
 */
function barePeer(facts: CommentFacts, words: readonly string[]): number {
  const verified = words.length === 2 && isWord(words[1], 'verified');
  if (words.length !== 1 && !verified) return 0;
  const w = words[0]!;
  const addr = readAddress(w);
  if (addr === null) return 0;
  setAddress(facts, addr);
  if (facts.kind === 'other') facts.kind = w.startsWith('[') ? 'tcp-info' : 'peer-ip';
  if (!verified) return 0;
  facts.kind = 'communigate-verified';
  return 1;
}

/** Characters of an address literal's body: hex digits, `.` and `:` (IPv4, IPv6, IPv4-mapped). */
function isAddressChar(c: number): boolean {
  return isHexDigit(c) || c === 0x2e || c === 0x3a;
}

/**
 * The end of an address-looking run (`192.0.2.1`, `2001:db8::1`) starting at `i`, or -1: at least one digit and two
 * separators, so `[local]`, `(4116)` and version numbers such as `1.2` are not addresses.
 */
function addressRunEnd(raw: string, i: number, end: number): number {
  let j = i;
  let digits = 0;
  let seps = 0;
  while (j < end) {
    const c = raw.charCodeAt(j);
    if (!isAddressChar(c)) break;
    if (c === 0x2e || c === 0x3a) seps++;
    else if (c <= 0x39) digits++;
    j++;
  }
  return digits > 0 && seps >= 2 ? j : -1;
}

/**
 * Does the comment `raw[start, end)` (without its parentheses) carry what the receiver saw of the connection
 * (RFC 5321 §4.4 TCP-info) or the client's greeting: `rdns [ip]`, `[ip]:port helo=x`, a bare `ip`, `user@ip`,
 * `HELO x`? A cheap shape check (no address parsing, no allocation), used to find where the text the client shaped
 * ends in a from clause: everything up to the last such comment is the client's or describes the client.
 */
export function looksLikeTcpInfo(raw: string, start: number, end: number): boolean {
  let s = start;
  while (s < end && isSpace(raw.charCodeAt(s))) s++;
  let e = end;
  while (e > s && isSpace(raw.charCodeAt(e - 1))) e--;
  if (s >= e) return false;
  // `(192.0.2.7)`, `(2001:db8::4d)`: Microsoft and qmail write the peer address alone.
  if (addressRunEnd(raw, s, e) === e) return true;
  // The usual shape, `rdns [ip]`, settled from its end without a scan.
  if (raw.charCodeAt(e - 1) === 0x5d) {
    const open = raw.lastIndexOf('[', e - 1);
    if (open >= s && isBracketAddress(raw, open, e)) return true;
  }
  if (startsWithLower(raw, s, e, 'helo ') || startsWithLower(raw, s, e, 'ehlo ')) return true;
  return hasTcpInfoMark(raw, s, e);
}

/** A `[ip]` anywhere, qmail's `user@192.0.2.7`, or Exim's `helo=` / `ident=` in `raw[s, e)`. */
function hasTcpInfoMark(raw: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x5b) {
      if (isBracketAddress(raw, i, e)) return true;
    } else if (c === 0x40) {
      if (addressRunEnd(raw, i + 1, e) >= 0) return true;
    } else if (c === 0x3d) {
      if (endsEximField(raw, i, s, e)) return true;
    }
  }
  return false;
}

/** `[ip]`, `[IPv6:…]`, `[ip]:port` at `open` (a `[`), closed before `end`. */
function isBracketAddress(raw: string, open: number, end: number): boolean {
  let j = open + 1;
  if (startsWithLower(raw, j, end, 'ipv6:')) j += 5;
  const runEnd = addressRunEnd(raw, j, end);
  return runEnd >= 0 && runEnd < end && raw.charCodeAt(runEnd) === 0x5d;
}

/** Is the `=` at `eq` the end of Exim's `helo=` or `ident=`, both starting at or after `start`? */
function endsEximField(raw: string, eq: number, start: number, end: number): boolean {
  return (eq - 4 >= start && isEximField(raw, eq - 4, end)) || (eq - 5 >= start && isEximField(raw, eq - 5, end));
}

function isEximField(raw: string, i: number, end: number): boolean {
  return startsWithLower(raw, i, end, 'helo=') || startsWithLower(raw, i, end, 'ident=');
}

/**
 * Does the comment `raw[start, end)` end in the client's own words: Exim's TCP-info (`[ip]:port helo=x ident=y`, the
 * HELO argument and ident reply last) or a `(HELO x)` comment (qmail, IronPort, CommuniGate)? None of their writers
 * puts a TLS statement in the from clause: a comment that follows this one there, or a clause keyword between it and
 * the receiver's `by`, can only be the client's words breaking out of it.
 */
export function endsInClientWords(raw: string, start: number, end: number): boolean {
  let s = start;
  while (s < end && isSpace(raw.charCodeAt(s))) s++;
  if (startsWithLower(raw, s, end, 'helo ') || startsWithLower(raw, s, end, 'ehlo ')) return true;
  return isEximTcpInfo(raw, start, end);
}

/** Is the comment `raw[start, end)` Exim's TCP-info (`[ip]:port helo=x ident=y`)? */
function isEximTcpInfo(raw: string, start: number, end: number): boolean {
  // The engine's own search finds the `=` signs (it may look past the comment, once, up to the next `=` of the value).
  for (let i = raw.indexOf('=', start); i >= 0 && i < end; i = raw.indexOf('=', i + 1)) {
    if (endsEximField(raw, i, start, end)) return true;
  }
  return false;
}
