import { isRdnsPlaceholder } from '../address/host.js';
import { parseIp } from '../address/ip.js';
import { issue } from '../issues.js';
import type { HopFrom, Issue, IpRange } from '../types.js';
import { equalsLower, includesLower, startsWithLower } from './ascii.js';
import { commentText, type Token } from './lex.js';

/*
 * The `from` clause (RFC 5321 §4.4 `From-domain`, `TCP-info`) in the layouts real MTAs write:
 *   Postfix, Sendmail, Gmail, Haraka:  from HELO (RDNS [IP])            — the name is the client's claim
 *   Exim:                              from RDNS ([IP]:port helo=HELO)  — the name is the receiver's lookup
 *   qmail, IronPort, ZMailer:          from RDNS (HELO x) (IP)
 *   InterMail, Obtuse smtpd:           from RDNS (IP), from RDNS(IP)    — told apart by the version or the id
 *   Microsoft:                         from HELO (IP)
 * Only what the receiver saw (the TCP-info comment) gives `ip`; a name or literal the client sent is `helo`.
 */

/** What one comment of the from clause says about the peer. */
interface CommentFacts {
  /**
   * exim: `([ip]:port helo=x)`; helo: `(HELO x)`; tcp-info: `(rdns [ip])` (Postfix, Sendmail);
   * peer-ip: `(ip)` (Microsoft, qmail); user-at-ip: `(user@ip)`, `(user@[ip])` (qmail); verified: CommuniGate `([ip] verified)`;
   * account: CommuniGate `(account user@dom …)`; other: anything else.
   */
  kind: 'exim' | 'helo' | 'tcp-info' | 'peer-ip' | 'user-at-ip' | 'verified' | 'account' | 'other';
  helo: string | null;
  rdns: string | null;
  ip: string | null;
  ipRange: IpRange | null;
  port: number | null;
  ident: string | null;
}

/** The from clause, read. `name` is the token after `from` as written, whatever it turns out to be. */
export interface FromFacts {
  readonly from: HopFrom;
  readonly name: string | null;
  readonly issues: Issue[];
}

function splitWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x20;
    const space = c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
    if (space) {
      if (start >= 0) words.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  return words;
}

function lower(s: string): string {
  return s.toLowerCase();
}

/** An IP written as `[ip]`, `[ip]:port`, `[IPv6:…]`, `[(ip)]`, or bare. */
function readAddress(text: string): { ip: string; range: IpRange; port: number | null } | null {
  let t = text;
  if (t.startsWith('[(') && t.endsWith(')]')) t = `[${t.slice(2, -2)}]`;
  if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1);
  const parsed = parseIp(t) ?? parseIpWithPort(t);
  return parsed === null ? null : { ip: parsed.ip, range: parsed.range, port: parsed.port };
}

/** `[1.2.3.4:5678]` (Momentum) and `[1.2.3.4.5678]` (Exim 3): an IPv4 address and a port inside the brackets. */
function parseIpWithPort(text: string): { ip: string; range: IpRange; port: number | null } | null {
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (inner.length > 22) return null;
  // Both forms start with the IPv4 address: a host name (a leading letter) is turned away before any splitting.
  if (inner.length === 0) return null;
  const c0 = inner.charCodeAt(0) | 0x20;
  if (c0 >= 0x61 && c0 <= 0x7a) return null;
  let cut = inner.lastIndexOf(':');
  if (cut < 0) {
    const parts = inner.split('.');
    if (parts.length !== 5) return null;
    cut = inner.lastIndexOf('.');
  }
  const portText = inner.slice(cut + 1);
  if (portText === '' || portText.length > 5) return null;
  for (let i = 0; i < portText.length; i++) {
    const c = portText.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
  }
  const port = Number(portText);
  const parsed = parseIp(inner.slice(0, cut));
  if (parsed === null || parsed.version !== 4 || port > 65535) return null;
  return { ip: parsed.ip, range: parsed.range, port };
}

/** The `[…]` part of a word such as `Verified[1.2.3.4]` or `user@[1.2.3.4]`, if it holds an IP. */
function bracketAddress(word: string): { ip: string; range: IpRange; port: number | null; before: string } | null {
  const open = word.indexOf('[');
  if (open < 0) return null;
  const close = word.indexOf(']', open + 1);
  if (close < 0) return null;
  let end = close + 1;
  // keep a `:port` that follows the bracket
  if (end < word.length && word.charCodeAt(end) === 0x3a) {
    let j = end + 1;
    while (j < word.length && word.charCodeAt(j) >= 0x30 && word.charCodeAt(j) <= 0x39) j++;
    if (j > end + 1) end = j;
  }
  const addr = readAddress(word.slice(open, end));
  return addr === null ? null : { ip: addr.ip, range: addr.range, port: addr.port, before: word.slice(0, open) };
}

function isHeloWord(w: string): boolean {
  const n = w.length;
  return equalsLower(w, 0, n, 'helo') || equalsLower(w, 0, n, 'ehlo') || equalsLower(w, 0, n, 'lhlo');
}

function emptyFacts(): CommentFacts {
  return { kind: 'other', helo: null, rdns: null, ip: null, ipRange: null, port: null, ident: null };
}

function setAddress(facts: CommentFacts, addr: { ip: string; range: IpRange; port: number | null }): void {
  facts.ip = addr.ip;
  facts.ipRange = addr.range;
  facts.port = addr.port;
}

function classifyComment(words: readonly string[]): CommentFacts {
  const facts = emptyFacts();
  // Length first: reading past the end of an array costs the optimised function a deopt.
  if (words.length === 0) return facts;
  const first = words[0]!;

  if (isHeloWord(first)) {
    facts.kind = 'helo';
    const h = words[1];
    facts.helo = h === undefined || h === '' ? null : h;
    return facts;
  }
  if (equalsLower(first, 0, first.length, 'account')) facts.kind = 'account';

  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (startsWithLower(w, 0, w.length, 'helo=')) {
      facts.kind = 'exim';
      const h = w.slice(5);
      facts.helo = h === '' ? null : h;
      continue;
    }
    if (startsWithLower(w, 0, w.length, 'ident=')) {
      if (facts.kind === 'other' || facts.kind === 'tcp-info') facts.kind = 'exim';
      facts.ident = w.slice(6) || null;
      continue;
    }
    // CommuniGate `(account u@d HELO name)`
    if (isHeloWord(w) && i > 0) {
      const h = words[i + 1];
      if (h !== undefined) facts.helo = h;
      i++;
      continue;
    }
    // ZMailer: `"EHLO name"` (folded across lines), `"HELO name"`.
    if (w.startsWith('"') && isHeloWord(w.slice(1, 5)) && facts.kind !== 'exim') {
      facts.kind = 'helo';
      let h: string | undefined = w.length > 5 ? w.slice(5) : words[i + 1];
      if (w.length <= 5) i++;
      if (h !== undefined && h.endsWith('"')) h = h.slice(0, -1);
      facts.helo = h === undefined || h === '' ? null : h;
      continue;
    }
    if (facts.ip !== null) {
      if (equalsLower(w, 0, w.length, 'verified') && facts.kind === 'tcp-info' && i === words.length - 1 && words.length === 2) facts.kind = 'verified';
      continue;
    }
    const bracket = bracketAddress(w);
    if (bracket !== null) {
      setAddress(facts, bracket);
      if (facts.kind === 'other') facts.kind = 'tcp-info';
      const prev = i > 0 ? words[i - 1] : undefined;
      // `user@[1.2.3.4]` (qmail) or `rdns [ip]` / `ident@rdns [ip]` (Postfix, Sendmail)
      if (bracket.before.endsWith('@')) {
        facts.ident = bracket.before.slice(0, -1) || null;
        if (facts.kind === 'tcp-info') facts.kind = 'user-at-ip';
      } else if (bracket.before === '' && prev !== undefined && facts.kind === 'tcp-info' && i === 1) {
        const at = prev.lastIndexOf('@');
        const host = at >= 0 ? prev.slice(at + 1) : prev;
        if (at > 0) facts.ident = prev.slice(0, at);
        if (!isRdnsPlaceholder(host) && readAddress(host) === null && host !== '') facts.rdns = host;
      }
      continue;
    }
    // OpenSMTPD local submission: `(rdns [local])`
    if (equalsLower(w, 0, w.length, '[local]') && i === 1 && facts.kind === 'other') {
      facts.kind = 'tcp-info';
      const prev = words[0] as string;
      if (!isRdnsPlaceholder(prev)) facts.rdns = prev;
      continue;
    }
    const at = w.lastIndexOf('@');
    if (at > 0 && facts.kind !== 'account') {
      const addr = readAddress(w.slice(at + 1));
      if (addr !== null) {
        setAddress(facts, addr);
        facts.ident = w.slice(0, at);
        if (facts.kind === 'other') facts.kind = 'user-at-ip';
        continue;
      }
    }
    // A bare address alone (`(1.2.3.4)`) or CommuniGate's `([ip] verified)`; `(1.2.3.4 [1.2.3.4])` is read above.
    if (i === 0 && (words.length === 1 || (words.length === 2 && lower(words[1] as string) === 'verified'))) {
      const addr = readAddress(w);
      if (addr !== null) {
        setAddress(facts, addr);
        if (facts.kind === 'other') facts.kind = w.startsWith('[') ? 'tcp-info' : 'peer-ip';
        // `([ip] verified)`: CommuniGate checked the name against the address.
        if (words.length === 2 && lower(words[1] as string) === 'verified') {
          facts.kind = 'verified';
          i++;
        }
      }
    }
  }
  return facts;
}

/** The name after `from` as the rDNS slot: not an address literal, not a placeholder such as `unknown`. */
function nameAsRdns(name: string | null, nameIsAddress: boolean): string | null {
  return name === null || nameIsAddress || isRdnsPlaceholder(name) || name.startsWith('[') ? null : name;
}

function firstNonNull(comments: readonly CommentFacts[], key: 'ident' | 'rdns'): string | null {
  for (const c of comments) if (c[key] !== null) return c[key];
  return null;
}

/** Which MTA family wrote the header, as far as it matters for the from clause (see the layouts above). */
export type FromLayoutHint = 'exim' | 'microsoft' | 'ironport' | 'qmail' | 'intermail' | 'obtuse' | null;

/**
 * Read the from clause: which name the client claimed (`helo`), what the receiver saw (`rdns`, `ip`, `port`,
 * `ident`). Ambiguity gives `null` plus an issue, never a guess (RFC 5321 §4.4 TCP-info; the mailauth rule).
 * `hint` names the writer when the rest of the header shows it: Exim and IronPort put the rDNS name after `from`,
 * Microsoft the HELO.
 */
export function readFromClause(raw: string, tokens: readonly Token[], hint: FromLayoutHint = null): FromFacts {
  const issues: Issue[] = [];
  let name: string | null = null;
  let nameToken: Token | null = null;
  const comments: CommentFacts[] = [];
  const literalAddrs: { ip: string; range: IpRange; port: number | null }[] = [];
  const plainNames: string[] = [];
  let claimed: string | null = null;
  let unclosed = false;
  let forged = false;

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'semicolon') continue;
    if (t.kind === 'comment') {
      if (raw.charCodeAt(t.end - 1) !== 0x29) unclosed = true;
      const text = commentText(raw, t);
      if (includesLower(text, 0, text.length, 'forged')) forged = true;
      const words = splitWords(text);
      comments.push(classifyComment(words));
      if (words.length === 1 && readAddress(words[0] as string) === null) plainNames.push(words[0] as string);
      continue;
    }
    if (nameToken === null && comments.length === 0) {
      nameToken = t;
      name = raw.slice(t.start, t.end);
      continue;
    }
    const text = raw.slice(t.start, t.end);
    // Obtuse smtpd: `claiming to be "helo"`
    if (equalsLower(raw, t.start, t.end, 'claiming') && k + 3 < tokens.length && tokens[k + 3]!.kind === 'quoted') {
      const q = tokens[k + 3]!;
      claimed = raw.slice(q.start + 1, q.end - 1) || null;
      k += 3;
      continue;
    }
    if (t.kind === 'literal' || t.kind === 'word') {
      // `from localhost [127.0.0.1]` (fetchmail), `from host [(1.2.3.4)]` (Cellopoint), Exim 3 `[1.2.3.4.5678]`
      const addr = readAddress(text);
      if (addr !== null) literalAddrs.push(addr);
    }
  }
  if (name !== null && name.endsWith(',')) name = name.slice(0, -1);

  const nameAddr = name === null ? null : readAddress(name);
  // Plain loops, no closures: this runs for every hop, and callbacks cost the optimiser more than they save.
  let exim: CommentFacts | undefined;
  let heloComment: CommentFacts | undefined;
  let account: CommentFacts | undefined;
  let verified = false;
  let commentIp: CommentFacts | null = null;
  // Distinct addresses in first-seen order.
  const seenIps: string[] = [];
  for (const c of comments) {
    if (c.kind === 'exim') exim ??= c;
    else if (c.kind === 'helo') heloComment ??= c;
    else if (c.kind === 'account') account ??= c;
    else if (c.kind === 'verified') verified = true;
    if (c.ip !== null && c.kind !== 'account' && c.kind !== 'other') {
      commentIp ??= c;
      if (!seenIps.includes(c.ip)) seenIps.push(c.ip);
    }
  }
  let helo: string | null = null;
  let rdns: string | null = null;
  let ip: string | null = null;
  let ipRange: IpRange | null = null;
  let port: number | null = null;
  let ident: string | null = firstNonNull(comments, 'ident');

  const rdnsLayout =
    exim !== undefined ||
    heloComment !== undefined ||
    claimed !== null ||
    verified ||
    (commentIp !== null && commentIp.kind === 'user-at-ip') ||
    (commentIp !== null && commentIp.kind === 'peer-ip' && (hint === 'qmail' || hint === 'intermail' || hint === 'obtuse')) ||
    (commentIp !== null && commentIp.kind === 'tcp-info' && commentIp.rdns === null && (hint === 'exim' || hint === 'ironport')) ||
    (hint === 'exim' && (literalAddrs.length > 0 || plainNames.length > 0));

  if (rdnsLayout) {
    // Exim 3: `from rdns (helo) [ip.port]` — a one-word comment is the HELO.
    helo = exim?.helo ?? heloComment?.helo ?? claimed ?? (hint === 'exim' ? (plainNames[0] ?? null) : null);
    rdns = nameAsRdns(name, nameAddr !== null);
    // qmail/InterMail omit the HELO comment when the greeting equalled the name; a literal name is that greeting.
    if (helo === null && exim === undefined && heloComment === undefined && nameAddr !== null) helo = name;
  } else if (account !== undefined) {
    helo = account.helo;
  } else if (comments.length > 0) {
    // Postfix/Sendmail `from HELO (RDNS [IP])`, Microsoft `from HELO (IP)`, or a comment we cannot read:
    // either way the name after `from` is what the client said.
    helo = name;
    rdns = firstNonNull(comments, 'rdns');
  }

  if (commentIp !== null) {
    ip = commentIp.ip;
    ipRange = commentIp.ipRange;
    port = commentIp.port;
    if (seenIps.length > 1) {
      issues.push(issue('RECEIVED_FROM_AMBIGUOUS', 'warning', `the from clause names ${seenIps.length} different addresses (${seenIps.join(', ')}); none is reported`));
      ip = null;
      ipRange = null;
      port = null;
    } else if (exim !== undefined && nameAddr !== null && nameAddr.ip !== ip) {
      issues.push(issue('RECEIVED_FROM_AMBIGUOUS', 'warning', `the from clause names ${nameAddr.ip} and ${String(ip)}; none is reported`));
      ip = null;
      ipRange = null;
      port = null;
    }
  } else if (literalAddrs.length > 0) {
    const first = literalAddrs[0]!;
    ip = first.ip;
    ipRange = first.range;
    port = first.port;
  } else if (nameAddr !== null) {
    if (forged) {
      issues.push(issue('RECEIVED_HELO_LITERAL', 'info', `the client greeted with ${String(name)}, the receiver wrote no address it saw and flagged the name as possibly forged; the literal is not taken as the connecting IP`));
    } else {
      // `from [1.2.3.4] by …`, webmail writing the client's address, Exim/qmail writing the address where no
      // rDNS name was found: the receiver saw no TCP-info worth more than this.
      ip = nameAddr.ip;
      ipRange = nameAddr.range;
      port = nameAddr.port;
    }
  }

  if (unclosed) {
    issues.push(issue('RECEIVED_FROM_AMBIGUOUS', 'warning', 'the from clause has an unclosed comment; its address is not reported'));
    ip = null;
    ipRange = null;
    port = null;
    ident = null;
  }

  return { from: { helo, rdns, ip, ipRange, port, ident }, name, issues };
}

/** Characters of an address literal's body: hex digits, `.` and `:` (IPv4, IPv6, IPv4-mapped). */
function isAddressChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46) || c === 0x2e || c === 0x3a;
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
  while (s < end && (raw.charCodeAt(s) === 0x20 || raw.charCodeAt(s) === 0x09 || raw.charCodeAt(s) === 0x0d || raw.charCodeAt(s) === 0x0a)) s++;
  let e = end;
  while (e > s && (raw.charCodeAt(e - 1) === 0x20 || raw.charCodeAt(e - 1) === 0x09 || raw.charCodeAt(e - 1) === 0x0d || raw.charCodeAt(e - 1) === 0x0a)) e--;
  if (s >= e) return false;
  // `(192.0.2.7)`, `(2001:db8::4d)`: Microsoft and qmail write the peer address alone.
  if (addressRunEnd(raw, s, e) === e) return true;
  // The usual shape, `rdns [ip]`, settled from its end without a scan.
  if (raw.charCodeAt(e - 1) === 0x5d) {
    const open = raw.lastIndexOf('[', e - 1);
    if (open >= s && isBracketAddress(raw, open, e)) return true;
  }
  if (startsWithLower(raw, s, e, 'helo ') || startsWithLower(raw, s, e, 'ehlo ')) return true;
  for (let i = s; i < e; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x5b) {
      if (isBracketAddress(raw, i, e)) return true;
    } else if (c === 0x40) {
      // qmail `user@192.0.2.7`
      if (addressRunEnd(raw, i + 1, e) >= 0) return true;
    } else if (c === 0x3d) {
      // Exim `helo=name`, `ident=user`
      if ((i - 4 >= s && isEximField(raw, i - 4, e)) || (i - 5 >= s && isEximField(raw, i - 5, e))) return true;
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

function isEximField(raw: string, i: number, end: number): boolean {
  return startsWithLower(raw, i, end, 'helo=') || startsWithLower(raw, i, end, 'ident=');
}

/**
 * Is the comment `raw[start, end)` Exim's TCP-info (`[ip]:port helo=x ident=y`)? Exim ends it with the client's own
 * words (HELO argument, ident reply) and writes its TLS facts after `with`, never in the from clause: a comment that
 * follows this one in the from clause can only be the client's words breaking out of it.
 */
export function isEximTcpInfo(raw: string, start: number, end: number): boolean {
  // The engine's own search finds the `=` signs (it may look past the comment, once, up to the next `=` of the value).
  for (let i = raw.indexOf('=', start); i >= 0 && i < end; i = raw.indexOf('=', i + 1)) {
    if ((i - 4 >= start && isEximField(raw, i - 4, end)) || (i - 5 >= start && isEximField(raw, i - 5, end))) return true;
  }
  return false;
}
