import { parseIp } from '../address/ip.js';
import type { HopBy, Span } from '../types.js';
import { leadingWords, type Clause } from './clauses.js';
import { endsWithLower, startsWithLower } from './ascii.js';
import { commentEnd, commentText, tokenText, type Token } from './lex.js';

/*
 * Values of the simple clauses (RFC 5321 §4.4): by, with, id, for, via, envelope-from, and the local-handover
 * markers that say a message never crossed a network.
 */

function stripAngles(s: string): string {
  return s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1) : s;
}

/** Comments that speak of TLS, authentication or the envelope are not the receiving software's name. */
const NOT_SOFTWARE_PREFIXES = ['using ', 'version=', 'envelope-', 'authenticated', 'no client', 'client ', 'tls', 'cipher', 'from userid', 'single-drop'];

/** `by HOST (software) (ip)`: the host as written, its IP (from the host literal or a comment), the software. */
export function readBy(raw: string, clause: Clause | undefined): HopBy | null {
  if (clause === undefined) return null;
  let host: string | null = null;
  let ip: string | null = null;
  let software: string | null = null;
  const first = clause.tokens[0];
  if (first !== undefined && (first.kind === 'word' || first.kind === 'literal')) {
    host = tokenText(raw, first);
    if (host.endsWith(',')) host = host.slice(0, -1);
    const addr = parseIp(host);
    if (addr !== null) ip = addr.ip;
  }
  for (const t of clause.tokens) {
    if (t.kind !== 'comment') continue;
    const trimmed = commentText(raw, t).trim();
    const whole = parseIp(trimmed);
    if (whole !== null) {
      ip ??= whole.ip;
      continue;
    }
    // `(mrgmx104 [212.227.17.174])`, `(zimbra.v3.sk [127.0.0.1])`
    const open = trimmed.lastIndexOf('[');
    if (open >= 0 && trimmed.endsWith(']')) {
      const addr = parseIp(trimmed.slice(open));
      if (addr !== null) {
        ip ??= addr.ip;
        continue;
      }
    }
    if (software === null && trimmed !== '') {
      if (NOT_SOFTWARE_PREFIXES.some((p) => startsWithLower(trimmed, 0, trimmed.length, p))) continue;
      const cut = firstIndexOf(trimmed, ',', ';');
      software = (cut >= 0 ? trimmed.slice(0, cut) : trimmed).trim() || null;
    }
  }
  if (host === null && ip === null && software === null) return { host: null, ip: null, software: null };
  return { host, ip, software };
}

function firstIndexOf(s: string, a: string, b: string): number {
  const i = s.indexOf(a);
  const j = s.indexOf(b);
  if (i < 0) return j;
  if (j < 0) return i;
  return Math.min(i, j);
}

/** The `with` value as written: one word, or a vendor's multi-word name (`Microsoft SMTP Server`). */
export function readWith(raw: string, clause: Clause | undefined): { text: string; span: Span } | null {
  if (clause === undefined) return null;
  const words = leadingWords(raw, clause.tokens, true);
  if (words === null) {
    // XMail: `with [XMail 1.20 ESMTP Server]`
    const lit = clause.tokens.find((t) => t.kind !== 'comment');
    if (lit !== undefined && lit.kind === 'literal') return { text: tokenText(raw, lit), span: { start: lit.start, end: lit.end } };
    return null;
  }
  // One word (the usual `with ESMTPS`) has no word after `encrypted`: nothing to split.
  if (!words.text.includes(' ')) return words;
  // MessageLabs: `with ECDHE-RSA-AES256-GCM-SHA384 encrypted SMTP` — the protocol is the word after `encrypted`.
  const parts = words.text.split(' ');
  const enc = parts.findIndex((p) => p.toLowerCase() === 'encrypted');
  if (enc >= 0 && enc + 1 < parts.length) {
    const proto = parts[enc + 1] as string;
    const at = words.text.lastIndexOf(proto);
    return { text: proto, span: { start: words.span.start + at, end: words.span.start + at + proto.length } };
  }
  return words;
}

/** The first token of a clause as written (`id`), or null when the clause is empty or starts with a comment. */
export function readSingle(raw: string, clause: Clause | undefined): string | null {
  if (clause === undefined || clause.tokens.length === 0) return null;
  const t = clause.tokens[0]!;
  if (t.kind === 'comment' || t.kind === 'semicolon') return null;
  return tokenText(raw, t);
}

/** `for <a@b>` / `for a@b` / `for <a>, <b>`: the address(es) without angle brackets. */
export function readFor(raw: string, clause: Clause | undefined): string | null {
  if (clause === undefined) return null;
  const parts: string[] = [];
  for (const t of clause.tokens) {
    if (t.kind === 'comment') break;
    if (t.kind === 'word' || t.kind === 'angle' || t.kind === 'quoted' || t.kind === 'literal') {
      let text = tokenText(raw, t);
      const comma = text.endsWith(',');
      if (comma) text = text.slice(0, -1);
      const stripped = stripAngles(text);
      if (stripped !== '') parts.push(stripped);
    }
  }
  return parts.length === 0 ? null : parts.join(', ');
}

/** `via` value: words until a comment. */
export function readVia(raw: string, clause: Clause | undefined): string | null {
  if (clause === undefined) return null;
  return leadingWords(raw, clause.tokens, false)?.text ?? null;
}

/** The envelope sender from a clause (`envelope-from <x>`) or a comment anywhere (`(envelope-from <x>)`). */
export function readEnvelopeFrom(raw: string, clause: Clause | undefined, allTokens: readonly Token[]): string | null {
  const t = clause?.tokens[0];
  if (t !== undefined && t.kind !== 'comment') {
    const text = tokenText(raw, t);
    return stripAngles(text.endsWith(',') ? text.slice(0, -1) : text);
  }
  for (const c of allTokens) {
    if (c.kind !== 'comment') continue;
    const textEnd = commentEnd(raw, c);
    const isFrom = startsWithLower(raw, c.start + 1, textEnd, 'envelope-from');
    if (!isFrom && !startsWithLower(raw, c.start + 1, textEnd, 'envelope-sender')) continue;
    const rest = raw.slice(c.start + 1 + (isFrom ? 13 : 15), textEnd).trim();
    let end = 0;
    while (end < rest.length && rest[end] !== ' ' && rest[end] !== ',' && rest[end] !== '\n' && rest[end] !== '\r' && rest[end] !== '\t') end++;
    const value = stripAngles(rest.slice(0, end));
    return value === '' ? null : value;
  }
  return null;
}

/**
 * Evidence that the message was handed over inside one host, with no network between:
 * Postfix `(from userid 1000)`, qmail/nullmailer `(… invoked by uid 404)`, Sendmail `(from user@localhost)`.
 * Returns the comment text, or null.
 */
export function readLocalHandover(raw: string, tokens: readonly Token[]): string | null {
  // One native search of the value: without `userid` or `invoked` anywhere, no comment holds a handover phrase.
  const phrases = HANDOVER_HINT.test(raw);
  for (const c of tokens) {
    if (c.kind !== 'comment') continue;
    const start = c.start + 1;
    const end = commentEnd(raw, c);
    if ((phrases && hasHandoverPhrase(raw, start, end)) || (startsWithLower(raw, start, end, 'from ') && endsWithLower(raw, start, end, '@localhost'))) {
      return raw.slice(start, end).trim();
    }
  }
  return null;
}

/**
 * What each phrase of {@link hasHandoverPhrase} contains, in any case: `userid`, or `invoked` with its `k` also as
 * U+212A KELVIN SIGN (which `fold` reads as `k`, and `/i` alone does not).
 */
const HANDOVER_HINT = /userid|invo[k\u212A]ed/i;

/**
 * `from userid`, `invoked by uid` or `invoked by alias` anywhere in the range (any case). Each phrase has its first
 * space at a fixed offset, so only the spaces are candidate positions.
 */
function hasHandoverPhrase(raw: string, start: number, end: number): boolean {
  // The spaces are found inside the range only: `indexOf` ran on past `end` to the next space of the whole value,
  // once per comment (quadratic for a value of many comments and no spaces).
  for (let sp = start; sp < end; sp++) {
    if (raw.charCodeAt(sp) !== 0x20) continue;
    if (sp - 4 >= start && startsWithLower(raw, sp - 4, end, 'from userid')) return true;
    if (sp - 7 >= start && (startsWithLower(raw, sp - 7, end, 'invoked by uid') || startsWithLower(raw, sp - 7, end, 'invoked by alias'))) return true;
  }
  return false;
}
