/**
 * The public result shapes. Every field is always present; `null` means "the header does not state it"
 * (never "empty", never a guess). Everything here is plain data: `JSON.stringify` of any result works and is
 * deterministic.
 * @module
 */
import type { RuleId } from './rules.js';

/** Half-open character range `[start, end)` into the string the surrounding object describes. */
export interface Span {
  /** First character, 0-based. */
  readonly start: number;
  /** One past the last character. */
  readonly end: number;
}

/** How bad an issue is: `error` = data we could not read, `warning` = suspicious, `info` = worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Machine-readable issue codes, domain-prefixed (the yaml convention). Adding a code is not a breaking change;
 * renaming one is.
 */
export type IssueCode =
  // header block
  | 'HEADER_NO_END'
  | 'HEADER_BARE_CR'
  | 'HEADER_NUL'
  | 'HEADER_MALFORMED_LINE'
  | 'HEADER_8BIT'
  // Received lexer / clauses
  | 'RECEIVED_EMPTY'
  | 'RECEIVED_UNBALANCED_COMMENT'
  | 'RECEIVED_UNBALANCED_PAREN'
  | 'RECEIVED_UNTERMINATED_QUOTE'
  | 'RECEIVED_UNTERMINATED_LITERAL'
  | 'RECEIVED_UNTERMINATED_ANGLE'
  | 'RECEIVED_DUPLICATE_CLAUSE'
  | 'RECEIVED_UNKNOWN_CLAUSE'
  | 'RECEIVED_NO_DATE'
  | 'RECEIVED_NO_SEMICOLON'
  | 'RECEIVED_CLAUSE_ORDER'
  | 'RECEIVED_FROM_AMBIGUOUS'
  | 'RECEIVED_HELO_LITERAL'
  | 'RECEIVED_CONTROL_CHARS'
  // addresses
  | 'ADDRESS_INVALID'
  | 'ADDRESS_MAPPED_IPV4'
  // dates
  | 'DATE_INVALID'
  | 'DATE_NO_ZONE'
  | 'DATE_UNKNOWN_ZONE'
  | 'DATE_OBSOLETE_ZONE'
  | 'DATE_MILITARY_ZONE'
  | 'DATE_UNKNOWN_OFFSET'
  | 'DATE_TWO_DIGIT_YEAR'
  | 'DATE_THREE_DIGIT_YEAR'
  | 'DATE_OUT_OF_RANGE'
  | 'DATE_WRONG_WEEKDAY'
  | 'DATE_NONSTANDARD'
  // TLS and grading
  | 'TLS_INCONSISTENT'
  | 'TLS_UNKNOWN_CIPHER'
  | 'TLS_UNKNOWN_VERSION'
  | 'TLS_CONFLICTING_EVIDENCE'
  | 'TLS_NULL_CIPHER'
  | 'TLS_CERT_FAILED'
  | 'TLS_UNTRUSTED_STATEMENT' // a TLS statement in text the client chose (HELO, address, ident) or where its MTA never writes one: ignored
  // chain
  | 'CHAIN_DISCONTINUITY'
  | 'CHAIN_NEGATIVE_DELAY'
  | 'CHAIN_LARGE_GAP'
  | 'CHAIN_MISSING_DATE'
  | 'CHAIN_FUTURE_DATE'
  | 'CHAIN_TRUST_INFERRED'
  | 'CHAIN_NO_HOPS'
  | 'UNVERIFIABLE'
  | 'TRACE_IP_MISMATCH'
  | 'TRACE_FOREFRONT_MISMATCH'
  | 'TRACE_TLS_REQUIRED_NO'
  // limits
  | 'LIMIT_HEADER_BYTES'
  | 'LIMIT_RECEIVED_FIELDS'
  | 'LIMIT_FIELD_BYTES'
  | 'LIMIT_TOKENS'
  | 'LIMIT_COMMENTS'
  | 'LIMIT_COMMENT_DEPTH'
  | 'LIMIT_NESTED_DEPTH'
  | 'LIMIT_LINE_LENGTH'
  // I/O (Node adapters)
  | 'IO_UNREADABLE'
  | 'IO_TRUNCATED'
  | 'IO_NOT_A_MESSAGE'
  | 'IO_NESTED_UNPARSEABLE'
  | 'IO_NO_INTERNET_HEADERS';

/** Something odd, malformed, truncated or ambiguous. Data problems are issues, never exceptions. */
export interface Issue {
  /** Stable machine-readable code; match on this, never on `message`. */
  readonly code: IssueCode;
  /** How bad it is (see `Severity`). */
  readonly severity: Severity;
  /** Human-readable explanation (wording may change between versions). */
  readonly message: string;
  /** Where in the described string (the hop's `raw`, or the message for message-level issues). */
  readonly span?: Span;
}

/** RFC 6890 special-purpose ranges, as far as a mail forensic needs them. */
export type IpRange =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'documentation'
  | 'unique-local'
  | 'multicast'
  | 'unspecified'
  | 'reserved';

/** The sending side of a hop. `helo` is the client's claim; `rdns`, `ip` are what the receiver saw. */
export interface HopFrom {
  /** The name the client gave in HELO/EHLO (RFC 5321 §4.1.1.1): its own claim, unverified. */
  readonly helo: string | null;
  /** The reverse-DNS name the receiver looked up for the connecting address (the TCP-info comment). */
  readonly rdns: string | null;
  /** Canonical form (IPv6 compressed, no `IPv6:` prefix, no zone, no port); `null` when not stated or ambiguous. */
  readonly ip: string | null;
  /** RFC 6890 class of `ip` (`private`, `loopback`, `public`, …); `null` when there is no `ip`. */
  readonly ipRange: IpRange | null;
  /** The client's source port, when the receiver wrote it (Exim: `[192.0.2.1]:41234`). */
  readonly port: number | null;
  /** RFC 1413 ident user, when the receiver wrote one. */
  readonly ident: string | null;
}

/** The receiving side of a hop: the server that wrote the header. */
export interface HopBy {
  /** The receiving server's name as it wrote it in the `by` clause. */
  readonly host: string | null;
  /** The receiving server's own address, when it wrote one (Exchange does). */
  readonly ip: string | null;
  /** e.g. `Postfix`, `Microsoft SMTP Server`, `Exim 4.96`, `8.14.4/8.14.4`. */
  readonly software: string | null;
}

/** A date as written and, when it is a valid RFC 5322 date-time with a known zone, as a UTC instant. */
export interface HopDate {
  /** As written, line breaks removed; trailing `(envelope-from …)` dropped. */
  readonly text: string;
  /** UTC instant (`YYYY-MM-DDTHH:mm:ss.sssZ`); `null` when the text is not a valid date or has no usable zone. */
  readonly iso: string | null;
  /** The zone offset as written, in minutes east of UTC; `null` when unknown (`-0000`, no zone, unknown name). */
  readonly offsetMinutes: number | null;
}

/** Normalised protocol version. */
export type TlsVersion = 'SSLv2' | 'SSLv3' | 'TLSv1.0' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** What the receiver says about the CLIENT's certificate (the only certificate a Received header can speak of). */
export type CertificateStatus = 'verified' | 'failed' | 'not-presented' | 'not-requested' | 'unknown';

/** TLS facts the receiving server wrote. `null` on the hop = the header says nothing about TLS. */
export interface HopTls {
  /** `true` = encrypted, `false` = positive evidence of plaintext (or TLS with NULL encryption), `null` = not said. */
  readonly encrypted: boolean | null;
  /** Normalised protocol version; `null` when neither stated nor inferable. */
  readonly version: TlsVersion | null;
  /** As written: `TLSv1`, `TLS1_2`, `TLSv1/SSLv3`, `TLS1.3`. */
  readonly versionText: string | null;
  /** `true` when `version` was derived from the cipher (GCM ⇒ ≥ TLS 1.2, 0x13xx ⇒ TLS 1.3). */
  readonly versionInferred: boolean;
  /** As written: `RC4-SHA`, `TLS_AES_256_GCM_SHA384`, `ECDHE_RSA_AES_256_GCM_SHA384`. */
  readonly cipher: string | null;
  /** Normalised IANA name, `null` when the cipher is absent or cannot be resolved. */
  readonly cipherIana: string | null;
  /** Effective secret bits as stated (first number of `128/128`). */
  readonly bits: number | null;
  /** The client certificate check the receiver reported (`verify=OK`, `(No client certificate requested)`, …). */
  readonly certificate: CertificateStatus;
  /** Key-exchange group when stated (`x25519`, `secp384r1`); from Postfix's TLS 1.3 trailer or SChannel `_P384`. */
  readonly group: string | null;
  /** Which recogniser read it: `postfix`, `sendmail`, `exim`, `microsoft`, `protocol-keyword`, … */
  readonly dialect: string;
  /** The exact substring of `raw` that states the TLS facts. */
  readonly evidence: string;
  /** Where `evidence` sits in `raw`. */
  readonly span: Span;
}

/** Letter grade of one hop's cryptography; `none` = known plaintext, `unknown` = not stated. */
export type Grade = 'A' | 'B' | 'C' | 'F' | 'none' | 'unknown';

/** Whether a hop crossed between operators (organisations, or a provider and its customers). */
export type Scope = 'internal' | 'external' | 'unknown';

/**
 * The evidence that decided a hop's scope (docs/scope.md says what each means):
 * internal — `declared` (configured networks/hosts), `local` (no network), `nonglobal` (address not routable on
 * the internet), `by-only` (handoff inside one system), `same-domain` / `same-provider` (receiver-verified rDNS
 * shares the writer's registrable domain or provider), `provider-space` (address in the writer's provider's
 * space), `by-network` (same /24 or /48 as the writer), `provider-handoff` (no address, one domain, not SMTP);
 * external — `submission` (the sender's client reaching its provider), `cross-operator`;
 * unknown — `no-address`.
 */
export type ScopeReason =
  | 'declared'
  | 'local'
  | 'nonglobal'
  | 'by-only'
  | 'same-domain'
  | 'same-provider'
  | 'provider-space'
  | 'by-network'
  | 'provider-handoff'
  | 'submission'
  | 'cross-operator'
  | 'no-address';

/** One cap applied (or one fact that decided the grade), with its rule id (docs/grading.md lists them all). */
export interface Reason {
  /** Rule id, listed in docs/grading.md (`E-RC4`, `P-TLS10`, `OK-MODERN`, `S-EXTERNAL`, …). */
  readonly rule: RuleId;
  /** Human-readable explanation citing the RFC. */
  readonly message: string;
  /** The exact text that justified it, when there is one. */
  readonly evidence?: string;
}

/** The grade of one hop, with the reasons and whether it counts toward the verdict. */
export interface HopSecurity {
  /** The letter for this hop's cryptography (certificate checks never lower it). */
  readonly grade: Grade;
  /** Every cap applied, with its rule id; never empty. */
  readonly reasons: readonly Reason[];
  /** `internal` hops are shown but never count toward the verdict. */
  readonly scope: Scope;
  /** The evidence that decided `scope`; `null` on a hop read alone (`parseReceived`), whose chain is not known. */
  readonly scopeReason: ScopeReason | null;
}

/** One Received header, read. Every field is present; `null` when the header does not state it. */
export interface Hop {
  /** Header order: 0 = topmost Received = the last hop (nearest the recipient). */
  readonly index: number;
  /** The value exactly as found (folding kept), without the `Received:` name. */
  readonly raw: string;
  /** Byte offset of the field's first byte in the message; `null` when parsed on its own. */
  readonly byteOffset: number | null;
  /** The `from` clause: the sending side; `null` when the header has none (e.g. local pickup). */
  readonly from: HopFrom | null;
  /** The `by` clause: the server that wrote this header. */
  readonly by: HopBy | null;
  /** The `via` clause (link type, RFC 5321 §4.4), as written. */
  readonly via: string | null;
  /** The `with` value as written: `ESMTPS`, `esmtpsa`, `SMTP`, `LMTP`, `Microsoft SMTP Server`, … */
  readonly protocol: string | null;
  /** The `id` clause: the receiver's queue id, the key into its logs. */
  readonly id: string | null;
  /** The `for` address(es) as written, without angle brackets. */
  readonly for: string | null;
  /** The envelope sender (`MAIL FROM`) when the receiver wrote it (`(envelope-from <…>)`). */
  readonly envelopeFrom: string | null;
  /** The date after the `;` (RFC 5322 §3.6.7), as written and as a UTC instant. */
  readonly date: HopDate | null;
  /** What the receiver wrote about TLS; `null` = nothing (not the same as plaintext). */
  readonly tls: HopTls | null;
  /** This hop's grade, reasons and scope. */
  readonly security: HopSecurity;
  /** Everything odd about this header, with spans into `raw`. */
  readonly issues: readonly Issue[];
}

/**
 * A message verdict: a grade, or `internal-only` when no hop crossed between operators (every hop internal, or no
 * Received field at all): there was no crossing to protect, which is not the same as not knowing (`unknown`).
 */
export type VerdictGrade = Grade | 'internal-only';

/** The message's verdict: the worst grade over hops that are not internal. */
export interface Verdict {
  /** The worst grade over the non-internal hops; `unknown` never hides a `none` or `F`; `internal-only` when none count. */
  readonly grade: VerdictGrade;
  /** Index (header order) of the hop that set the grade; `null` when no hop counts. */
  readonly weakestHop: number | null;
  /** Hops per grade, over hops that are not internal. */
  readonly counts: Readonly<Record<Grade, number>>;
  /** Hops per grade, internal hops only (shown, never counted in the verdict). */
  readonly internalCounts: Readonly<Record<Grade, number>>;
}

/** One hop on the timeline, oldest first. */
export interface TimelineEntry {
  /** Index of the hop in `MessageReport.hops`. */
  readonly hop: number;
  /** The hop's UTC instant; `null` when its date is missing or invalid. */
  readonly iso: string | null;
  /** Seconds since the previous dated hop; negative values are kept, never clamped. `null` for the first or undated. */
  readonly delaySeconds: number | null;
  /** Share of the total transit time, 0..1 (negative delays excluded); `null` when not computable. */
  readonly share: number | null;
}

/** The hops in chronological order with their delays. */
export interface Timeline {
  /** One entry per hop, oldest first. */
  readonly entries: readonly TimelineEntry[];
  /** Seconds from the oldest to the newest dated hop; `null` with fewer than two dated hops. */
  readonly totalSeconds: number | null;
  /** Clock skew, time travel (negative delays), missing dates, large gaps. */
  readonly anomalies: readonly Issue[];
}

/** Authentication-Results / ARC-Authentication-Results, the parts a trace needs (RFC 8601). */
export interface AuthResultsEvidence {
  /** Which field it came from. */
  readonly header: 'Authentication-Results' | 'ARC-Authentication-Results';
  /** The authserv-id: which server did the checks (RFC 8601 §2.2). */
  readonly authservId: string | null;
  /** The value exactly as found. */
  readonly raw: string;
  /** `smtp.remote-ip` or `client-ip`-like properties when present. */
  readonly remoteIp: string | null;
  /** `smtp.mailfrom`, `smtp.helo`, … as name → value pairs, in order. */
  readonly smtp: readonly (readonly [string, string])[];
  /** `spf=pass`, `dkim=fail`, … as method → result pairs, in order. */
  readonly results: readonly (readonly [string, string])[];
}

/** Microsoft's `X-Forefront-Antispam-Report`: what Exchange Online Protection recorded about the connection. */
export interface ForefrontEvidence {
  /** The value exactly as found. */
  readonly raw: string;
  /** `CIP:`, the connecting address EOP saw, canonical; `null` when absent or not an address. */
  readonly connectingIp: string | null;
  /** `DIR:`, inbound (`INB`), outbound (`OUT`) or internal to the organisation (`INT`); `null` when absent. */
  readonly direction: 'INB' | 'OUT' | 'INT' | null;
  /** `H:`, the client's HELO name as EOP recorded it. */
  readonly helo: string | null;
  /** `PTR:`, the reverse-DNS name of `CIP`. */
  readonly ptr: string | null;
  /** `CTRY:`, the country of `CIP`. */
  readonly country: string | null;
}

/** Other trace evidence in the header block, beside the hops, never mixed into them. */
export interface TraceEvidence {
  /** Google's `X-Received` fields, parsed like Received. */
  readonly xReceived: readonly Hop[];
  /** `Authentication-Results` and `ARC-Authentication-Results` fields, in header order. */
  readonly authenticationResults: readonly AuthResultsEvidence[];
  /** `Received-SPF` fields (RFC 7208 §9.1): the value, the result keyword and `client-ip`. */
  readonly receivedSpf: readonly {
    /** The value exactly as found. */
    readonly raw: string;
    /** The result keyword (`pass`, `fail`, `softfail`, …), lower-cased; `null` when absent. */
    readonly result: string | null;
    /** The `client-ip=` address; `null` when absent or not an address. */
    readonly clientIp: string | null;
  }[];
  /** `X-Originating-IP` fields (webmail submitters): the value and the address in it. */
  readonly originatingIp: readonly {
    /** The value exactly as found. */
    readonly raw: string;
    /** The address in it; `null` when it holds none. */
    readonly ip: string | null;
  }[];
  /** RFC 8689 `TLS-Required:` value as written; `null` when absent. */
  readonly tlsRequired: string | null;
  /** `X-Forefront-Antispam-Report` fields in header order (the topmost is the recipient organisation's). */
  readonly forefront: readonly ForefrontEvidence[];
}

/** A few message identifiers for summaries and reports (raw text, never decoded guesses). */
export interface MessageHeaders {
  /** The `Date:` field, read like a hop date. */
  readonly date: HopDate | null;
  /** The `Message-ID:` value as written. */
  readonly messageId: string | null;
  /** The `From:` value as written (encoded words not decoded). */
  readonly from: string | null;
  /** The first `To:` value as written (encoded words not decoded; RFC 5322 §3.6.3). */
  readonly to: string | null;
  /** The `Subject:` value as written (encoded words not decoded). */
  readonly subject: string | null;
}

/** Everything `analyzeMessage` reads from one message. */
export interface MessageReport {
  /** Received fields only, in header order (`hops[i].index === i`). */
  readonly hops: readonly Hop[];
  /** The worst grade over the hops that crossed between organisations. */
  readonly verdict: Verdict;
  /** The hops in time order, with delays and anomalies. */
  readonly timeline: Timeline;
  /** The other trace evidence, beside the hops. */
  readonly trace: TraceEvidence;
  /** Date, Message-ID, From and Subject, for listing the message. */
  readonly headers: MessageHeaders;
  /** Message-level issues (header block, chain, limits, reader `IO_*`). */
  readonly issues: readonly Issue[];
  /** `true` when a limit cut the reading short (a `LIMIT_*` issue says which) or the reader cut the message (`IO_TRUNCATED`). */
  readonly truncated: boolean;
  /** Byte length of the header block (including the blank line that ends it). */
  readonly headerBytes: number;
  /**
   * The declared networks and host patterns (trusted and internal, as given) that matched nothing in this message:
   * no hop's client or writer address, verified client name, writer name, or HELO name its address confirms. Empty
   * when none were given. A scan reports the ones no message matched.
   */
  readonly unmatchedDeclared: readonly string[];
}
