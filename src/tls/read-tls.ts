/**
 * `readTls`: every TLS fact a Received value states, from every MTA dialect we know, merged into one `HopTls`.
 * RFC 5321 §4.4 (`With` protocol), RFC 3848 / RFC 6531 (protocol words), RFC 8314 §7 (`tls` clause), plus the
 * vendor comments listed in src/tls/recognisers/. docs/grading.md: "No TLS marker is not plaintext" — a plaintext word
 * counts only when nothing else in the header speaks about TLS.
 * @module
 */
import { lookupCipher } from '../ciphers/lookup.js';
import { issue } from '../issues.js';
import { fold, startsWithLower } from '../received/ascii.js';
import { Place } from '../received/places.js';
import { isAlpha } from '../text/chars.js';
import type { CertificateStatus, HopTls, Issue, Span } from '../types.js';
import type { TlsContext } from './context.js';
import type { TlsFinding } from './finding.js';
import { normaliseTls, type NormalisedTls } from './normalise.js';
import { TLS_RECOGNISERS } from './recognisers/index.js';
import { compareVersions, normaliseTlsVersion } from './version.js';
import { buildHopView, type CommentView, type HopView, type TlsRecogniser } from './view.js';

/** What `readTls` returns: the facts (null = the header says nothing about TLS) and what looked wrong. */
export interface TlsRead {
  readonly tls: HopTls | null;
  /** How `tls`'s version and cipher were read (the suite looked up); null when `tls` is null or a protocol word alone. */
  readonly normalised: NormalisedTls | null;
  readonly issues: Issue[];
}

/**
 * Words that make an unread comment "about TLS": then a plaintext protocol word is not evidence of plaintext.
 * mentionsTls pre-filters on their first letters (t, s, c, e): keep it in step when adding one.
 */
const TLS_HINTS: readonly string[] = ['tls', 'ssl', 'cipher', 'encrypt'];

/** Does a comment hold one of {@link TLS_HINTS} at the start of a word (`TLS`, `SSL:` — not `russell`)? */
function mentionsTls(raw: string, c: CommentView): boolean {
  // Scanned in place with ASCII case folding (what `toLowerCase` would give): no lower-cased copy of the comment.
  const { start, end } = c.inner;
  let afterLetter = false;
  for (let i = start; i < end; i++) {
    const f = fold(raw.charCodeAt(i));
    // Only `t`, `s`, `c`, `e` can start a hint, and only where no letter comes before.
    if (!afterLetter && (f === 0x74 || f === 0x73 || f === 0x63 || f === 0x65)) {
      for (const h of TLS_HINTS) if (startsWithLower(raw, i, end, h)) return true;
    }
    afterLetter = isAlpha(f);
  }
  return false;
}

/**
 * Any of {@link TLS_HINTS} anywhere in the value, in any ASCII case: what a comment mentioning one must contain. (None
 * holds a `k`, the one letter `fold` also reads off a non-ASCII character, U+212A.) Keep it in step with the list.
 */
const ANY_TLS_HINT = /tls|ssl|cipher|encrypt/i;

/**
 * Comments whose words the client chose: the HELO name and addresses and whatever is glued to them, the date's
 * neighbourhood (a trailing `(envelope-from <…>)`), and an envelope-from comment anywhere (`(envelope-from
 * <ssl@example.org>)`). A TLS word there says nothing about the connection.
 */
function quotesClient(raw: string, c: CommentView): boolean {
  if (c.place === Place.client || c.place === Place.date) return true;
  const { start, end } = c.inner;
  return c.lead === 0x65 && (startsWithLower(raw, start, end, 'envelope-from') || startsWithLower(raw, start, end, 'envelope-sender'));
}

function anyMentionsTls(raw: string, comments: readonly CommentView[]): boolean {
  // One native search of the value settles most plaintext hops without walking their comments.
  if (comments.length === 0 || !ANY_TLS_HINT.test(raw)) return false;
  for (let k = 0; k < comments.length; k++) {
    const c = comments[k]!;
    if (!quotesClient(raw, c) && mentionsTls(raw, c)) return true;
  }
  return false;
}

function sameVersion(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const va = normaliseTlsVersion(a).version;
  return va !== null && va === normaliseTlsVersion(b).version;
}

/** Two spellings of one suite (`ECDHE-RSA-AES256-GCM-SHA384` in a comment, the IANA name in the clause) agree. */
function sameCipher(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const ia = lookupCipher(a)?.iana ?? null;
  return ia !== null && ia === (lookupCipher(b)?.iana ?? null);
}

/** Merge one field across statements: first stated value wins, a different later value is a conflict. */
function pick<T>(findings: readonly TlsFinding[], get: (f: TlsFinding) => T | null, same: (a: T, b: T) => boolean, what: string, issues: Issue[]): T | null {
  let value: T | null = null;
  for (const f of findings) {
    const v = get(f);
    if (v === null) continue;
    if (value === null) value = v;
    else if (!same(value, v)) {
      issues.push(issue('TLS_CONFLICTING_EVIDENCE', 'warning', `the header states two different TLS ${what}s: ${String(value)} and ${String(v)}; the first is kept`, f.span));
    }
  }
  return value;
}

function mergeStatements(raw: string, statements: readonly TlsFinding[]): TlsRead {
  const issues: Issue[] = [];
  const versionText = pick(statements, (f) => f.versionText, sameVersion, 'version', issues);
  const cipher = pick(statements, (f) => f.cipher, sameCipher, 'cipher', issues);
  const bits = pick(statements, (f) => f.bits, (a, b) => a === b, 'bit count', issues);
  const certificate =
    pick<CertificateStatus>(statements, (f) => (f.certificate === 'unknown' ? null : f.certificate), (a, b) => a === b, 'client-certificate status', issues) ??
    'unknown';
  let group: string | null = null;
  for (const f of statements) if (group === null) group = f.group;
  // The dialect that stated the parameters names the hop; else the first statement.
  const lead = statements.find((f) => f.cipher !== null || f.versionText !== null) ?? statements[0];
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const f of statements) {
    if (f.span.start < start) start = f.span.start;
    if (f.span.end > end) end = f.span.end;
  }
  const span: Span = { start, end };
  const n = normaliseTls(versionText, cipher);
  const tls: HopTls = {
    encrypted: !n.nullCipher,
    version: n.version,
    versionText,
    versionInferred: n.versionInferred,
    cipher,
    cipherIana: n.cipherIana,
    bits,
    certificate,
    group: group ?? n.group,
    dialect: lead?.dialect ?? 'unknown',
    evidence: raw.slice(start, end),
    span,
  };
  return { tls, normalised: n, issues };
}

function fromKeyword(raw: string, f: TlsFinding): HopTls {
  return {
    encrypted: f.encrypted,
    version: null,
    versionText: null,
    versionInferred: false,
    cipher: null,
    cipherIana: null,
    bits: null,
    certificate: 'unknown',
    group: null,
    dialect: f.dialect,
    evidence: raw.slice(f.span.start, f.span.end),
    span: { start: f.span.start, end: f.span.end },
  };
}

type HopReader = NonNullable<TlsRecogniser['hop']>;

/** A comment reader and the places (one bit per {@link Place} code) where its dialect writes what it reads. */
interface CommentReader {
  readonly read: NonNullable<TlsRecogniser['comment']>;
  readonly places: number;
}

/** The recognisers that read comments and those that read the hop, in registry order. */
interface Readers {
  /** Comment readers by the comment's {@link CommentView.lead}: index 0–127 for an ASCII lead. */
  readonly commentByLead: readonly (readonly CommentReader[])[];
  /**
   * Readers of a comment with an empty head or a non-ASCII lead: those that declare no heads, an empty one or one
   * that starts outside ASCII (offering a comment to a reader that then declines it changes nothing).
   */
  readonly commentOtherLead: readonly CommentReader[];
  readonly hop: readonly HopReader[];
}

/** Leads 0–127 get a list of their own; every other lead (and an empty head) shares one. */
const ASCII_LEADS = 128;
const OTHER_LEAD = -1;

const readersCache = new WeakMap<readonly TlsRecogniser[], Readers>();

/** May `r` claim a comment whose head starts with `lead` (an ASCII code, or {@link OTHER_LEAD})? */
function mayClaim(r: TlsRecogniser, lead: number): boolean {
  if (r.comment === undefined) return false;
  if (r.heads === undefined) return true;
  for (const h of r.heads) {
    const first = h.length === 0 ? OTHER_LEAD : h.charCodeAt(0);
    if (first === OTHER_LEAD || (lead === OTHER_LEAD ? first >= ASCII_LEADS : first === lead)) return true;
  }
  return false;
}

/** Places where no MTA writes a TLS statement: a recogniser that lists one of them is ignored there all the same. */
const NEVER_EVIDENCE = (1 << Place.client) | (1 << Place.leading) | (1 << Place.date);

function placeMask(places: readonly Place[] | undefined): number {
  let mask = 0;
  for (const p of places ?? []) mask |= 1 << p;
  return mask & ~NEVER_EVIDENCE;
}

/**
 * The recognisers that read comments, by lead, and those that read the hop, in registry order. Kept for a frozen
 * registry (the built-in one); a list that may still change is sorted again on every call (tests only).
 */
function readersOf(recognisers: readonly TlsRecogniser[]): Readers {
  const cached = readersCache.get(recognisers);
  if (cached !== undefined) return cached;
  const readersFor = (lead: number): CommentReader[] =>
    recognisers.filter((r) => mayClaim(r, lead)).map((r) => ({ read: r.comment!, places: placeMask(r.places) }));
  const commentByLead: CommentReader[][] = [];
  for (let lead = 0; lead < ASCII_LEADS; lead++) commentByLead.push(readersFor(lead));
  const readers: Readers = {
    commentByLead,
    commentOtherLead: readersFor(OTHER_LEAD),
    hop: recognisers.flatMap((r) => (r.hop === undefined ? [] : [r.hop])),
  };
  if (Object.isFrozen(recognisers)) readersCache.set(recognisers, readers);
  return readers;
}

/** The first statement found where its dialect never writes one (text the client shaped, a clause of its own). */
interface Untrusted {
  readonly finding: TlsFinding;
  readonly place: Place;
}

/**
 * Offer every comment to the readers that may claim it (by its lead character); a finding counts where its dialect
 * writes it. Returns the first finding that stood anywhere else, or null. Indexed loops: the readers are called
 * through one megamorphic site, and `for…of` around such calls allocates an iterator for every comment of every hop.
 */
function readComments(hop: HopView, readers: Readers, statements: TlsFinding[]): Untrusted | null {
  let untrusted: Untrusted | null = null;
  for (let k = 0; k < hop.comments.length; k++) {
    const c = hop.comments[k]!;
    const commentReaders = c.lead >= 0 && c.lead < ASCII_LEADS ? readers.commentByLead[c.lead]! : readers.commentOtherLead;
    const bit = 1 << c.place;
    let misplaced: TlsFinding | null = null;
    for (let r = 0; r < commentReaders.length; r++) {
      const reader = commentReaders[r]!;
      const f = reader.read(c, hop);
      if (f === null) continue;
      if ((reader.places & bit) !== 0) {
        statements.push(f);
        misplaced = null;
        break;
      }
      // Another dialect may write the same words where this comment stands: keep offering it.
      misplaced ??= f;
    }
    if (misplaced !== null) untrusted ??= { finding: misplaced, place: c.place };
  }
  return untrusted;
}

/** Run the hop readers: statements join `statements`; the first keyword finding (the protocol word) is returned. */
function readHop(hop: HopView, readers: Readers, statements: TlsFinding[]): TlsFinding | null {
  // Only the first keyword finding is ever used; no list of them is kept.
  let kw: TlsFinding | null = null;
  const hopReaders = readers.hop;
  for (let r = 0; r < hopReaders.length; r++) {
    const found = hopReaders[r]!(hop);
    for (let k = 0; k < found.length; k++) {
      const f = found[k]!;
      if (f.kind === 'statement') statements.push(f);
      else kw ??= f;
    }
  }
  return kw;
}

/**
 * The statements merged; when the protocol word says plaintext and this MTA names a TLS session in its protocol word,
 * the two contradict each other and whether the hop was encrypted is unknown.
 */
function fromStatements(hop: HopView, statements: TlsFinding[], kw: TlsFinding | null, issues: Issue[]): TlsRead {
  statements.sort((a, b) => a.span.start - b.span.start);
  const merged = mergeStatements(hop.ctx.raw, statements);
  for (const i of merged.issues) issues.push(i);
  const tls = merged.tls;
  if (tls === null || tls.encrypted !== true || kw === null || kw.encrypted !== false || !marksTlsInProtocol(hop, tls, statements)) return { tls, normalised: merged.normalised, issues };
  issues.push(
    issue(
      'TLS_CONFLICTING_EVIDENCE',
      'warning',
      `the protocol word "${hop.ctx.protocol ?? ''}" says plaintext, yet "${tls.evidence}" states TLS, and this MTA names a TLS session in its protocol word (RFC 3848); whether the hop was encrypted is unknown`,
      kw.span,
    ),
  );
  return { tls: { ...tls, encrypted: null }, normalised: merged.normalised, issues };
}

/**
 * Read the TLS facts of one Received value. Linear in the value: each comment is split into words at most once and
 * rejected by its first characters by most recognisers. Never throws on data.
 */
export function readTls(ctx: TlsContext, recognisers: readonly TlsRecogniser[] = TLS_RECOGNISERS): TlsRead {
  const hop = buildHopView(ctx);
  const readers = readersOf(recognisers);
  const statements: TlsFinding[] = [];
  const untrusted = readComments(hop, readers, statements);
  const kw = readHop(hop, readers, statements);
  const issues: Issue[] = untrusted === null ? [] : [untrustedIssue(untrusted.finding, untrusted.place)];
  if (statements.length > 0) return fromStatements(hop, statements, kw, issues);
  if (kw === null) return { tls: null, normalised: null, issues };
  // "No TLS marker is not plaintext": a plain word next to a TLS-looking comment we could not read says nothing.
  // With no statement at all, no comment was claimed by a recogniser: every comment is an unread one.
  if (kw.encrypted === false && (ctx.tlsClause !== null || anyMentionsTls(ctx.raw, hop.comments))) return { tls: null, normalised: null, issues };
  return { tls: fromKeyword(ctx.raw, kw), normalised: null, issues };
}

function untrustedIssue(f: TlsFinding, place: Place): Issue {
  const where =
    place === Place.client
      ? 'in text the client chose (its HELO name, an address or an ident reply, or something glued to one)'
      : `where ${f.dialect} never writes one (${placeName(place)})`;
  return issue('TLS_UNTRUSTED_STATEMENT', 'warning', `a TLS statement stands ${where}: it is not the receiver's and is ignored`, f.span);
}

function placeName(place: Place): string {
  switch (place) {
    case Place.leading:
      return 'before the first clause';
    case Place.from:
      return 'the from clause';
    case Place.by:
      return 'the by clause';
    case Place.via:
      return 'the via clause';
    case Place.with:
      return 'the with clause';
    case Place.id:
      return 'the id clause';
    case Place.for:
      return 'the for clause';
    case Place.tls:
      return 'the tls clause';
    case Place.envelopeFrom:
      return 'the envelope-from clause';
    case Place.date:
      return 'after the date';
    default:
      return 'text the client chose';
  }
}

/**
 * A software comment of the receiver (`by host (Postfix)`, `(Haraka/3.0)`, Exim's `(Exim 4.98)` after its with or tls
 * clause) names `name`: one outside text the client shaped.
 */
function writerSays(hop: HopView, name: string): boolean {
  for (const c of hop.comments) if (c.place !== Place.client && c.place !== Place.date && c.headStartsWith(name)) return true;
  return false;
}

/** TLS 1.1 and later need OpenSSL 1.0.1 (2012): years after Postfix and Exim began writing RFC 3848 protocol words. */
const MODERN_FLOOR = 'TLSv1.1';

/**
 * Does the MTA that wrote this hop put a TLS session into its protocol word (RFC 3848 `ESMTPS`), so that a plain
 * `with ESMTP` beside a TLS statement is a contradiction? Only for writers known to do so always: Haraka, OpenSMTPD,
 * mox, Stalwart, Google; Postfix and Exim when the statement is of an era after they adopted RFC 3848 (a TLS 1.1+
 * version, or Exim's RFC 8314 `tls` clause). sendmail, Proofpoint, Mimecast, qmail, Courier, Mailgun and gateways
 * write a plain word with TLS comments to this day: for them the comment is the only TLS evidence.
 */
function marksTlsInProtocol(hop: HopView, tls: HopTls, statements: readonly TlsFinding[]): boolean {
  for (const f of statements) if (f.dialect === 'opensmtpd' || f.dialect === 'mox' || f.dialect === 'stalwart') return true;
  const h = hop.byHost;
  if (h !== null && (h.endsWith('.google.com') || h.endsWith('.gmail.com'))) return true;
  if (writerSays(hop, 'haraka') || writerSays(hop, 'opensmtpd') || writerSays(hop, 'mox ') || writerSays(hop, 'stalwart')) return true;
  if (!writerSays(hop, 'postfix') && !writerSays(hop, 'exim ')) return false;
  if (hop.ctx.tlsClause !== null) return true;
  return tls.version !== null && !tls.versionInferred && compareVersions(tls.version, MODERN_FLOOR) >= 0;
}
