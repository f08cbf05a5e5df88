/**
 * `readTls`: every TLS fact a Received value states, from every MTA dialect we know, merged into one `HopTls`.
 * RFC 5321 §4.4 (`With` protocol), RFC 3848 / RFC 6531 (protocol words), RFC 8314 §7 (`tls` clause), plus the
 * vendor comments listed in src/tls/recognisers/. GRADING.md: "No TLS marker is not plaintext" — a plaintext word
 * counts only when nothing else in the header speaks about TLS.
 * @module
 */
import { issue } from '../issues.js';
import { fold, startsWithLower } from '../received/ascii.js';
import type { CertificateStatus, HopTls, Issue, Span } from '../types.js';
import type { TlsContext } from './context.js';
import type { TlsFinding } from './finding.js';
import { cachedLookupCipher, normaliseTls, versionFromText } from './normalise.js';
import { TLS_RECOGNISERS } from './recognisers/index.js';
import { buildHopView, type CommentView, type TlsRecogniser } from './view.js';

/** What `readTls` returns: the facts (null = the header says nothing about TLS) and what looked wrong. */
export interface TlsRead {
  readonly tls: HopTls | null;
  readonly issues: Issue[];
}

/**
 * Words that make an unread comment "about TLS": then a plaintext protocol word is not evidence of plaintext.
 * mentionsTls pre-filters on their first letters (t, s, c, e): keep it in step when adding one.
 */
const TLS_HINTS: readonly string[] = ['tls', 'ssl', 'cipher', 'encrypt'];

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

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
    afterLetter = isLetter(f);
  }
  return false;
}

/**
 * Any of {@link TLS_HINTS} anywhere in the value, in any ASCII case: what a comment mentioning one must contain. (None
 * holds a `k`, the one letter `fold` also reads off a non-ASCII character, U+212A.) Keep it in step with the list.
 */
const ANY_TLS_HINT = /tls|ssl|cipher|encrypt/i;

function anyMentionsTls(raw: string, comments: readonly CommentView[]): boolean {
  // One native search of the value settles most plaintext hops without walking their comments.
  if (comments.length === 0 || !ANY_TLS_HINT.test(raw)) return false;
  for (let k = 0; k < comments.length; k++) if (mentionsTls(raw, comments[k]!)) return true;
  return false;
}

function sameVersion(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const va = versionFromText(a);
  return va !== null && va === versionFromText(b);
}

/** Two spellings of one suite (`ECDHE-RSA-AES256-GCM-SHA384` in a comment, the IANA name in the clause) agree. */
function sameCipher(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const ia = cachedLookupCipher(a)?.iana ?? null;
  return ia !== null && ia === (cachedLookupCipher(b)?.iana ?? null);
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
  return { tls, issues };
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

type CommentReader = NonNullable<TlsRecogniser['comment']>;
type HopReader = NonNullable<TlsRecogniser['hop']>;

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

/**
 * The recognisers that read comments, by lead, and those that read the hop, in registry order. Kept for a frozen
 * registry (the built-in one); a list that may still change is sorted again on every call (tests only).
 */
function readersOf(recognisers: readonly TlsRecogniser[]): Readers {
  const cached = readersCache.get(recognisers);
  if (cached !== undefined) return cached;
  const readersFor = (lead: number): CommentReader[] => recognisers.filter((r) => mayClaim(r, lead)).map((r) => r.comment!);
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

/**
 * Read the TLS facts of one Received value. Linear in the value: each comment is split into words at most once and
 * rejected by its first characters by most recognisers. Never throws on data.
 */
export function readTls(ctx: TlsContext, recognisers: readonly TlsRecogniser[] = TLS_RECOGNISERS): TlsRead {
  const hop = buildHopView(ctx);
  const readers = readersOf(recognisers);
  const statements: TlsFinding[] = [];
  // Only the first keyword finding is ever used (the protocol word); no list of them is kept.
  let kw: TlsFinding | null = null;
  // Indexed loops: the readers are called through one megamorphic site, and the iterators of `for…of` around such
  // calls were allocated for every comment of every hop.
  const hopReaders = readers.hop;
  for (let k = 0; k < hop.comments.length; k++) {
    const c = hop.comments[k]!;
    const commentReaders = c.lead >= 0 && c.lead < ASCII_LEADS ? readers.commentByLead[c.lead]! : readers.commentOtherLead;
    for (let r = 0; r < commentReaders.length; r++) {
      const f = commentReaders[r]!(c, hop);
      if (f !== null) {
        statements.push(f);
        break;
      }
    }
  }
  for (let r = 0; r < hopReaders.length; r++) {
    const found = hopReaders[r]!(hop);
    for (let k = 0; k < found.length; k++) {
      const f = found[k]!;
      if (f.kind === 'statement') statements.push(f);
      else kw ??= f;
    }
  }
  if (statements.length > 0) {
    statements.sort((a, b) => a.span.start - b.span.start);
    return mergeStatements(ctx.raw, statements);
  }
  if (kw === null) return { tls: null, issues: [] };
  // "No TLS marker is not plaintext": a plain word next to a TLS-looking comment we could not read says nothing.
  // With no statement at all, no comment was claimed by a recogniser: every comment is an unread one.
  if (kw.encrypted === false && (ctx.tlsClause !== null || anyMentionsTls(ctx.raw, hop.comments))) return { tls: null, issues: [] };
  return { tls: fromKeyword(ctx.raw, kw), issues: [] };
}
