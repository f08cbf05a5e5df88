/**
 * Who wrote each token of a Received value, as far as TLS evidence is concerned (RFC 5321 §4.4 `Stamp`). The
 * receiving MTA writes the stamp, but it copies text the client chose into it: the HELO name (§4.1.1.1), the `for`
 * and envelope-from addresses (§4.1.1.2–3, quoted local parts included) and an ident reply (RFC 1413). A TLS statement
 * is only evidence where the receiver itself put it, so every token gets a {@link Place}: `client` for text the
 * client shaped, else the clause it sits in.
 * @module
 */
import { equalsLower } from './ascii.js';
import { commentEnd, type Token } from './lex.js';
import { endsInClientWords, looksLikeTcpInfo } from './from-comments.js';

/**
 * Where a token sits. `client`: text the client shaped (the HELO name and anything glued to it, the from clause up to
 * the receiver's TCP-info comment, addresses and what is glued to them, the inside of an address left open).
 * `from`: the from clause after the TCP-info comment (Postfix's `(using …)`). The others name the clause.
 */
export const Place = Object.freeze({
  leading: 0,
  client: 1,
  from: 2,
  by: 3,
  via: 4,
  with: 5,
  id: 6,
  for: 7,
  tls: 8,
  envelopeFrom: 9,
  date: 10,
} as const);

/** One of the {@link Place} codes. */
export type Place = (typeof Place)[keyof typeof Place];

/**
 * Tracks `<` and `>` through the tokens of one value with two cursors that only move forward (each character is
 * searched once, natively): a word or comment that opens an address without closing it leaves the address open, and
 * every token up to the one holding its `>` is the client's (`(envelope-from <a)(TLS1.3)(b@example.net>)`).
 */
export class AngleTracker {
  private nextLt: number;
  /** The next `>` at or after the last position looked at; -2 until an address is open (most values never need it). */
  private nextGt = -2;
  private readonly raw: string;
  /** `true` while an address opened by an earlier token has not been closed. */
  open = false;

  constructor(raw: string) {
    this.raw = raw;
    this.nextLt = raw.indexOf('<');
  }

  /** Move past `t`: a word or comment may open or close an address; other tokens hold balanced or quoted text. */
  pass(t: Token): void {
    // No `<` ahead and nothing open: nothing can change any more.
    if (!this.open && (this.nextLt < 0 || this.nextLt >= t.end)) return;
    const raw = this.raw;
    let lastLt = -1;
    while (this.nextLt >= 0 && this.nextLt < t.end) {
      if (this.nextLt >= t.start) lastLt = this.nextLt;
      this.nextLt = raw.indexOf('<', this.nextLt + 1);
    }
    if (t.kind === 'angle') {
      this.open = false;
      return;
    }
    if (t.kind !== 'word' && t.kind !== 'comment') return;
    if (this.nextGt === -2 || (this.nextGt >= 0 && this.nextGt < t.start)) this.nextGt = raw.indexOf('>', t.start);
    let lastGt = -1;
    while (this.nextGt >= 0 && this.nextGt < t.end) {
      lastGt = this.nextGt;
      this.nextGt = raw.indexOf('>', this.nextGt + 1);
    }
    if (lastLt >= 0 || lastGt >= 0) this.open = lastLt > lastGt;
  }
}

/**
 * Refine the places of a from clause (`tokens[start, end)`, every one marked `from`): the name, literals and every
 * comment up to the last TCP-info comment (`(rdns [ip])`, `([ip]:port helo=x)`, `(ip)`, `(HELO x)`) are the client's
 * or describe it; a comment after that is the receiver's unless it is glued to the token before it. With no TCP-info
 * comment at all nothing in the clause can be told apart from the HELO name.
 */
export function refineFromPlaces(raw: string, tokens: readonly Token[], places: Uint8Array, start: number, end: number): void {
  // Only a comment after another one can be the receiver's: with one comment or none the clause is the client's,
  // and nothing needs reading (most from clauses: `from helo (rdns [ip])`).
  let comments = 0;
  for (let i = start; i < end && comments < 2; i++) if (tokens[i]!.kind === 'comment') comments++;
  let boundary = end - 1;
  if (comments > 1) {
    // From the end: the last TCP-info comment decides. Comments already marked as the client's count too (a HELO
    // name that holds TCP-info text moves the boundary on).
    let found = -1;
    for (let i = end - 1; i >= start && found < 0; i--) {
      const t = tokens[i]!;
      if (t.kind === 'comment' && looksLikeTcpInfo(raw, t.start + 1, commentEnd(raw, t))) found = i;
    }
    // With no TCP-info comment nothing tells the HELO name from what follows it; Exim's TCP-info and a `(HELO x)`
    // comment end in the client's words, and neither Exim nor the MTAs that write `(HELO x)` put a TLS comment in
    // their from clause. Either way the whole clause is the client's.
    if (found >= 0 && !endsInClientWords(raw, tokens[found]!.start + 1, commentEnd(raw, tokens[found]!))) boundary = found;
  }
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (i <= boundary || t.kind !== 'comment' || isGlued(tokens, i)) places[i] = Place.client;
  }
}

/**
 * Refine the places of an address clause (`for`, envelope-from): the addresses are the client's, and so is a comment
 * glued to one on either side (`for list(TLS1.3)@example.org`, `for (TLS1.3)list@example.org`); a comment standing
 * apart is the receiver's (Gmail's `for <a@example.com> (version=…)`).
 */
export function refineAddressPlaces(tokens: readonly Token[], places: Uint8Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    if (places[i] === Place.client) continue;
    if (tokens[i]!.kind !== 'comment' || isGlued(tokens, i) || (i + 1 < end && isGlued(tokens, i + 1))) places[i] = Place.client;
  }
}

/** Does token `i` start where the one before it ends (no space between: one piece of text the client sent)? */
function isGlued(tokens: readonly Token[], i: number): boolean {
  return i > 0 && tokens[i - 1]!.end === tokens[i]!.start;
}


/**
 * Where the client's words end when it put clause keywords into them. Postfix joins HELO arguments with spaces
 * (`EHLO x with ESMTPS` reads as clauses before the receiver's TCP-info comment), and a HELO name or ident reply that
 * closes Exim's TCP-info or a `(HELO x)` comment early (`helo=x) with esmtps (TLS1.3) (`) puts whole clauses after it.
 * The receiver writes its `by` last (the last `by`, not qmail-scanner's `by uid N`). Returns the index of the last
 * token of the client's words when keywords before the receiver's `by` are the client's, or -1: the token before the
 * receiver's TCP-info comment, or before its `by` when the client's words close a comment of the receiver's. A value
 * that holds a `;` there is another case — a whole stamp pasted in front of another — and is read as it is written.
 * `keywordAt` lists the keyword tokens the first reading found, in order; `places` is what it made of them (a `by`
 * keyword's place is {@link Place.by}).
 */
export function heloZoneEnd(raw: string, tokens: readonly Token[], fromAt: number, keywordAt: readonly number[], places: Uint8Array): number {
  const f = keywordAt.indexOf(fromAt);
  if (f < 0) return -1;
  let by = -1;
  for (let k = keywordAt.length - 1; k > f && by < 0; k--) if (places[keywordAt[k]!] === Place.by && !isUidBy(raw, tokens, keywordAt[k]!)) by = k;
  // The usual `from … by …`: no keyword between `from` and the receiver's `by`, so none can be the client's.
  if (by <= f + 1) return -1;
  const byAt = keywordAt[by]!;
  const firstAt = keywordAt[f + 1]!;
  for (let j = fromAt + 1; j < byAt; j++) if (tokens[j]!.kind === 'semicolon') return -1;
  // Exim's TCP-info and `(HELO x)` end in the client's words, and the receiver's own `by` follows them: a keyword in
  // between broke out of the comment.
  for (let j = fromAt + 1; j < firstAt; j++) {
    const t = tokens[j]!;
    if (t.kind === 'comment' && endsInClientWords(raw, t.start + 1, commentEnd(raw, t))) return byAt - 1;
  }
  const tcpInfo = receiverTcpInfo(raw, tokens, firstAt, byAt);
  return tcpInfo < 0 ? -1 : tcpInfo - 1;
}

/**
 * Back from the receiver's `by` over its comments (and Obtuse smtpd's `via SMTP` and `claiming to be "x"`) to its
 * TCP-info comment, after `firstAt`: its index, or -1. Keywords before that comment were the HELO name's words.
 */
function receiverTcpInfo(raw: string, tokens: readonly Token[], firstAt: number, byAt: number): number {
  for (let j = byAt - 1; j > firstAt; j--) {
    const t = tokens[j]!;
    if (t.kind === 'comment') {
      if (looksLikeTcpInfo(raw, t.start + 1, commentEnd(raw, t))) return j;
      continue;
    }
    if (j - 1 > firstAt && isWord(raw, tokens[j - 1]!, 'via')) {
      j--;
      continue;
    }
    const claim = claimingStart(raw, tokens, j);
    if (claim <= firstAt) return -1;
    j = claim;
  }
  return -1;
}

/** Where Obtuse smtpd's `[,] claiming to be "x"` that ends at token `end` starts, or -1. */
function claimingStart(raw: string, tokens: readonly Token[], end: number): number {
  const at = end - 3;
  if (at < 0 || tokens[end]!.kind !== 'quoted' || !isWord(raw, tokens[at]!, 'claiming')) return -1;
  if (!isWord(raw, tokens[at + 1]!, 'to') || !isWord(raw, tokens[at + 2]!, 'be')) return -1;
  return at > 0 && isWord(raw, tokens[at - 1]!, ',') ? at - 1 : at;
}

/** Is `t` the word `word` (lower-case ASCII), in any case? */
function isWord(raw: string, t: Token, word: string): boolean {
  return t.kind === 'word' && equalsLower(raw, t.start, t.end, word);
}

/** qmail-scanner's `by uid 502`: a second `by` that names no host. */
function isUidBy(raw: string, tokens: readonly Token[], at: number): boolean {
  const next = tokens[at + 1];
  return next !== undefined && isWord(raw, next, 'uid');
}
