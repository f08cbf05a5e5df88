import { parseIp } from '../address/ip.js';
import { issue } from '../issues.js';
import type { HopFrom, Issue, IpRange } from '../types.js';
import { commentText, type Token } from './lex.js';

/*
 * The `from` clause (RFC 5321 §4.4 `From-domain`, `TCP-info`) in the layouts real MTAs write:
 *   Postfix, Sendmail, Gmail, Haraka:  from HELO (RDNS [IP])            — the name is the client's claim
 *   Exim:                              from RDNS ([IP]:port helo=HELO)  — the name is the receiver's lookup
 *   qmail, IronPort, ZMailer:          from RDNS (HELO x) (IP)
 *   Microsoft:                         from HELO (IP)
 * Only what the receiver saw (the TCP-info comment) gives `ip`; a name or literal the client sent is `helo`.
 */

/** What one comment of the from clause says about the peer. */
interface CommentFacts {
  kind: 'exim' | 'helo' | 'tcp-info' | 'bare-ip' | 'other';
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

// rDNS slot placeholders: the receiver found no name, so there is no rDNS to report.
const NO_RDNS = new Set(['unknown', 'softdnserr', 'unverified', 'may', 'not', 'verified', 'forged', 'dynamic']);

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
  const parsed = parseIp(t);
  return parsed === null ? null : { ip: parsed.ip, range: parsed.range, port: parsed.port };
}

/** The `[…]` part of a word such as `Verified[1.2.3.4]` or `user@[1.2.3.4]`, if it holds an IP. */
function bracketAddress(word: string): { ip: string; range: IpRange; port: number | null; before: string } | null {
  const open = word.indexOf('[');
  if (open < 0) return null;
  const close = word.indexOf(']', open + 1);
  if (close < 0) return null;
  let end = close + 1;
  // keep a `:port` that follows the bracket
  if (word.charCodeAt(end) === 0x3a) {
    let j = end + 1;
    while (j < word.length && word.charCodeAt(j) >= 0x30 && word.charCodeAt(j) <= 0x39) j++;
    if (j > end + 1) end = j;
  }
  const addr = readAddress(word.slice(open, end));
  return addr === null ? null : { ...addr, before: word.slice(0, open) };
}

function isHeloWord(w: string): boolean {
  const l = lower(w);
  return l === 'helo' || l === 'ehlo' || l === 'lhlo';
}

function classifyComment(text: string): CommentFacts {
  const facts: CommentFacts = { kind: 'other', helo: null, rdns: null, ip: null, ipRange: null, port: null, ident: null };
  const words = splitWords(text);
  const first = words[0];
  if (first === undefined) return facts;

  if (isHeloWord(first)) {
    facts.kind = 'helo';
    const h = words[1];
    facts.helo = h === undefined || h === '' ? null : h;
    return facts;
  }

  let sawAccount = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const lw = lower(w);
    if (lw.startsWith('helo=')) {
      facts.kind = 'exim';
      const h = w.slice(5);
      facts.helo = h === '' ? null : h;
      continue;
    }
    if (lw.startsWith('ident=')) {
      facts.kind = 'exim';
      facts.ident = w.slice(6) || null;
      continue;
    }
    if (lw === 'account') {
      sawAccount = true;
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
    if (facts.ip !== null) continue;
    const bracket = bracketAddress(w);
    if (bracket !== null) {
      facts.ip = bracket.ip;
      facts.ipRange = bracket.range;
      facts.port = bracket.port;
      if (facts.kind === 'other') facts.kind = 'tcp-info';
      const prev = i > 0 ? words[i - 1] : undefined;
      // `user@[1.2.3.4]` (qmail) or `rdns [ip]` / `ident@rdns [ip]` (Postfix, Sendmail)
      if (bracket.before.endsWith('@')) {
        facts.ident = bracket.before.slice(0, -1) || null;
      } else if (bracket.before === '' && prev !== undefined && !sawAccount && i === 1) {
        const at = prev.lastIndexOf('@');
        const host = at >= 0 ? prev.slice(at + 1) : prev;
        if (at > 0) facts.ident = prev.slice(0, at);
        if (!NO_RDNS.has(lower(host)) && readAddress(host) === null && host !== '') facts.rdns = host;
      }
      continue;
    }
    const at = w.lastIndexOf('@');
    if (at > 0) {
      const addr = readAddress(w.slice(at + 1));
      if (addr !== null) {
        facts.ip = addr.ip;
        facts.ipRange = addr.range;
        facts.port = addr.port;
        facts.ident = w.slice(0, at);
        if (facts.kind === 'other') facts.kind = 'tcp-info';
        continue;
      }
    }
    if (words.length === 1 || (i === 0 && words.length === 2 && lower(words[1] as string) === 'verified')) {
      const addr = readAddress(w);
      if (addr !== null) {
        facts.ip = addr.ip;
        facts.ipRange = addr.range;
        facts.port = addr.port;
        if (facts.kind === 'other') facts.kind = w.startsWith('[') ? 'tcp-info' : 'bare-ip';
      }
    }
  }
  return facts;
}

function firstNonNull<T>(values: readonly (T | null)[]): T | null {
  for (const v of values) if (v !== null) return v;
  return null;
}

/**
 * Read the from clause: which name the client claimed (`helo`), what the receiver saw (`rdns`, `ip`, `port`,
 * `ident`). Ambiguity gives `null` plus an issue, never a guess (RFC 5321 §4.4 TCP-info; the mailauth rule).
 */
export function readFromClause(raw: string, tokens: readonly Token[]): FromFacts {
  const issues: Issue[] = [];
  let name: string | null = null;
  let nameToken: Token | null = null;
  const comments: CommentFacts[] = [];
  const literalAddrs: { ip: string; range: IpRange; port: number | null }[] = [];
  let unclosed = false;

  for (const t of tokens) {
    if (t.kind === 'comment') {
      if (raw.charCodeAt(t.end - 1) !== 0x29) unclosed = true;
      comments.push(classifyComment(commentText(raw, t)));
      continue;
    }
    if (nameToken === null && comments.length === 0) {
      nameToken = t;
      name = raw.slice(t.start, t.end);
      continue;
    }
    if (t.kind === 'literal' || t.kind === 'word') {
      // `from localhost [127.0.0.1]` (fetchmail), `from host [(1.2.3.4)]` (Cellopoint)
      const addr = readAddress(raw.slice(t.start, t.end));
      if (addr !== null) literalAddrs.push(addr);
    }
  }

  const nameAddr = name === null ? null : readAddress(name);
  const exim = comments.find((c) => c.kind === 'exim');
  const heloComment = comments.find((c) => c.kind === 'helo');
  const tcpInfo = comments.filter((c) => c.kind === 'tcp-info' || c.kind === 'exim' || c.kind === 'bare-ip' || c.kind === 'helo');
  const seenIps = new Set(tcpInfo.map((c) => c.ip).filter((ip): ip is string => ip !== null));

  let helo: string | null = null;
  let rdns: string | null = null;
  let ip: string | null = null;
  let ipRange: IpRange | null = null;
  let port: number | null = null;
  let ident: string | null = firstNonNull(comments.map((c) => c.ident));
  const commentIp = tcpInfo.find((c) => c.ip !== null) ?? null;

  const nameAsRdns = (): string | null =>
    name === null || nameAddr !== null || NO_RDNS.has(lower(name)) || name.startsWith('[') ? null : name;

  if (exim !== undefined) {
    helo = exim.helo;
    rdns = nameAsRdns();
  } else if (heloComment !== undefined) {
    helo = heloComment.helo;
    rdns = nameAsRdns();
  } else if (commentIp !== null || comments.length > 0) {
    // Postfix/Sendmail `from HELO (RDNS [IP])`, Microsoft `from HELO (IP)`, or a comment we cannot read:
    // either way the name after `from` is what the client said.
    helo = name;
    rdns = firstNonNull(comments.map((c) => c.rdns));
  }

  if (commentIp !== null) {
    ip = commentIp.ip;
    ipRange = commentIp.ipRange;
    port = commentIp.port;
    if (seenIps.size > 1) {
      issues.push(issue('RECEIVED_FROM_AMBIGUOUS', 'warning', `the from clause names ${seenIps.size} different addresses (${[...seenIps].join(', ')}); none is reported`));
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
    if (comments.length === 0 || exim !== undefined || heloComment !== undefined) {
      // Bare `from [1.2.3.4] by …`, or Exim/qmail writing the address where no rDNS name was found.
      ip = nameAddr.ip;
      ipRange = nameAddr.range;
      port = nameAddr.port;
    } else {
      issues.push(issue('RECEIVED_HELO_LITERAL', 'info', `the client greeted with the literal ${String(name)}, and the receiver wrote no address it saw; the literal is not taken as the connecting IP`));
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
