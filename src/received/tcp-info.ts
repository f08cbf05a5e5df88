/**
 * The from clause (RFC 5321 §4.4 `From-domain`, `TCP-info`), read: which name the client claimed, what the receiver
 * saw. One pass over the clause's tokens gathers what it shows (src/received/from-comments.ts reads each comment),
 * the first matching layout of src/received/from-layouts.ts places the names, and the address comes from the
 * receiver's own comment before anything the client wrote. Only what the receiver saw gives `ip`; a name or literal
 * the client sent is `helo`.
 * @module
 */
import { issue } from '../issues.js';
import type { HopFrom, Issue } from '../types.js';
import { equalsLower, includesLower } from './ascii.js';
import { readAddress, readTcpComment, splitCommentWords, type Address, type CommentFacts } from './from-comments.js';
import { FROM_LAYOUTS, type FromClauseView, type FromLayout, type FromLayoutHint } from './from-layouts.js';
import { commentText, type Token } from './lex.js';

/** The from clause, read. `name` is the token after `from` as written, whatever it turns out to be. */
export interface FromFacts {
  readonly from: HopFrom;
  readonly name: string | null;
  /** The id of the layout that placed the names (src/received/from-layouts.ts), or null when none matched. */
  readonly layout: string | null;
  readonly issues: Issue[];
}

/** The view the layouts test, built in one pass over the clause's tokens (see {@link scanClause}). */
class ClauseScan implements FromClauseView {
  name: string | null = null;
  nameAddr: Address | null = null;
  readonly comments: CommentFacts[] = [];
  readonly literalAddrs: Address[] = [];
  readonly plainNames: string[] = [];
  claimed: string | null = null;
  exim: CommentFacts | null = null;
  heloComment: CommentFacts | null = null;
  account: CommentFacts | null = null;
  verified = false;
  commentIp: CommentFacts | null = null;
  readonly hint: FromLayoutHint;
  /** A comment runs to the end of the value: its address cannot be trusted. */
  unclosed = false;
  /** A comment says `forged`: a literal name is not the connecting address. */
  forged = false;

  constructor(hint: FromLayoutHint) {
    this.hint = hint;
  }

  /** Add one comment: its facts, and the first comment of each deciding kind. */
  addComment(c: CommentFacts): void {
    this.comments.push(c);
    if (c.kind === 'exim') this.exim ??= c;
    else if (c.kind === 'helo-comment') this.heloComment ??= c;
    else if (c.kind === 'communigate-account') this.account ??= c;
    else if (c.kind === 'communigate-verified') this.verified = true;
    if (this.commentIp === null && c.ip !== null && c.kind !== 'communigate-account' && c.kind !== 'other') this.commentIp = c;
  }
}

/** One pass over the clause's tokens. */
function scanClause(raw: string, tokens: readonly Token[], hint: FromLayoutHint): ClauseScan {
  const scan = new ClauseScan(hint);
  let named = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'semicolon') continue;
    if (t.kind === 'comment') {
      scanComment(raw, t, scan);
    } else if (!named && scan.comments.length === 0) {
      named = true;
      scan.name = raw.slice(t.start, t.end);
    } else if (equalsLower(raw, t.start, t.end, 'claiming') && k + 3 < tokens.length && tokens[k + 3]!.kind === 'quoted') {
      // Obtuse smtpd: `claiming to be "helo"`
      const q = tokens[k + 3]!;
      scan.claimed = raw.slice(q.start + 1, q.end - 1) || null;
      k += 3;
    } else if (t.kind === 'literal' || t.kind === 'word') {
      // `from localhost [127.0.0.1]` (fetchmail), `from host [(1.2.3.4)]` (Cellopoint), Exim 3 `[1.2.3.4.5678]`
      const addr = readAddress(raw.slice(t.start, t.end));
      if (addr !== null) scan.literalAddrs.push(addr);
    }
  }
  const name = scan.name;
  if (name !== null) {
    scan.name = name.endsWith(',') ? name.slice(0, -1) : name;
    scan.nameAddr = readAddress(scan.name);
  }
  return scan;
}

function scanComment(raw: string, t: Token, scan: ClauseScan): void {
  if (raw.charCodeAt(t.end - 1) !== 0x29) scan.unclosed = true;
  const text = commentText(raw, t);
  if (includesLower(text, 0, text.length, 'forged')) scan.forged = true;
  const words = splitCommentWords(text);
  scan.addComment(readTcpComment(words));
  if (words.length === 1 && readAddress(words[0]!) === null) scan.plainNames.push(words[0]!);
}

/** An address the receiver saw: a comment's facts or an address as read. */
type Peer = Pick<CommentFacts, 'ip' | 'ipRange' | 'port'>;

/**
 * The address the receiver saw: from its own comment (unless the clause names two), else a literal after the name,
 * else the name itself when it is an address (and no comment calls it forged).
 */
function peerAddress(v: ClauseScan, issues: Issue[]): Peer | null {
  const c = v.commentIp;
  if (c !== null) return commentAddress(v, c, issues);
  const first = v.literalAddrs[0];
  if (first !== undefined) return first;
  if (v.nameAddr === null) return null;
  if (v.forged) {
    issues.push(issue('RECEIVED_HELO_LITERAL', 'info', `the client greeted with ${String(v.name)}, the receiver wrote no address it saw and flagged the name as possibly forged; the literal is not taken as the connecting IP`));
    return null;
  }
  // `from [1.2.3.4] by …`, webmail writing the client's address, Exim/qmail writing the address where no rDNS name
  // was found: the receiver saw no TCP-info worth more than this.
  return v.nameAddr;
}

/** The address of the first comment that states one, unless another comment or Exim's name contradicts it. */
function commentAddress(v: ClauseScan, c: CommentFacts, issues: Issue[]): Peer | null {
  // Distinct addresses in first-seen order.
  const seenIps: string[] = [];
  for (const d of v.comments) if (d.ip !== null && d.kind !== 'communigate-account' && d.kind !== 'other' && !seenIps.includes(d.ip)) seenIps.push(d.ip);
  if (seenIps.length > 1) {
    issues.push(issue('RECEIVED_FROM_AMBIGUOUS', 'warning', `the from clause names ${seenIps.length} different addresses (${seenIps.join(', ')}); none is reported`));
    return null;
  }
  if (v.exim !== null && v.nameAddr !== null && v.nameAddr.ip !== c.ip) {
    issues.push(issue('RECEIVED_FROM_AMBIGUOUS', 'warning', `the from clause names ${v.nameAddr.ip} and ${String(c.ip)}; none is reported`));
    return null;
  }
  return c;
}

function firstIdent(comments: readonly CommentFacts[]): string | null {
  for (const c of comments) if (c.ident !== null) return c.ident;
  return null;
}

/** The first layout of the registry that the clause shows, or null (no comment at all). */
function layoutOf(v: FromClauseView): FromLayout | null {
  for (let k = 0; k < FROM_LAYOUTS.length; k++) if (FROM_LAYOUTS[k]!.matches(v)) return FROM_LAYOUTS[k]!;
  return null;
}

/**
 * Read the from clause: which name the client claimed (`helo`), what the receiver saw (`rdns`, `ip`, `port`,
 * `ident`). Ambiguity gives `null` plus an issue, never a guess (RFC 5321 §4.4 TCP-info; the mailauth rule).
 * `hint` names the writer when the rest of the header shows it: Exim and IronPort put the rDNS name after `from`,
 * Microsoft the HELO.
 */
export function readFromClause(raw: string, tokens: readonly Token[], hint: FromLayoutHint = null): FromFacts {
  const issues: Issue[] = [];
  const v = scanClause(raw, tokens, hint);
  const layout = layoutOf(v);
  const names = layout === null ? null : layout.names(v);
  const peer = peerAddress(v, issues);
  const helo = names === null ? null : names.helo;
  const rdns = names === null ? null : names.rdns;
  if (v.unclosed) {
    issues.push(issue('RECEIVED_FROM_AMBIGUOUS', 'warning', 'the from clause has an unclosed comment; its address is not reported'));
    return { from: { helo, rdns, ip: null, ipRange: null, port: null, ident: null }, name: v.name, layout: layout?.id ?? null, issues };
  }
  const ident = firstIdent(v.comments);
  const from: HopFrom =
    peer === null ? { helo, rdns, ip: null, ipRange: null, port: null, ident } : { helo, rdns, ip: peer.ip, ipRange: peer.ipRange, port: peer.port, ident };
  return { from, name: v.name, layout: layout?.id ?? null, issues };
}
