/**
 * Every rule id a hop's reasons can carry, in one table: its cap under each preset (`null` for a reason that is not a
 * cap) and its message. The presets, the `RuleId` union, the messages and docs/grading.md all come from this table.
 *
 * The first letter says what a rule looks at: `P` protocol version, `K` key exchange, `E` encryption, `M` message
 * authentication, `R` the registry; `OK` an uncapped `A`; `T` what the header states about TLS at all; `S` the hop's
 * scope. This module imports nothing, so the types that name a rule can depend on it from anywhere.
 * @module
 */

/** A cap: the highest letter a hop may keep when the rule applies (`A` = the rule is switched off). */
export type CapGrade = 'A' | 'B' | 'C' | 'F';

/** One row of {@link RULES}. */
interface RuleRow {
  /** The id written into `Reason.rule`. */
  readonly id: string;
  /** The cap under the `practical` preset; `null` when the rule is not a cap. */
  readonly practical: CapGrade | null;
  /** The cap under the `bcp195` preset; `null` when the rule is not a cap. */
  readonly bcp195: CapGrade | null;
  /** The sentence shown to users, or the template that fills it in from the facts that triggered the rule. */
  readonly message: string | ((...args: never[]) => string);
}

/** The rows frozen, each one too: the table is public data. */
function frozen<T extends readonly RuleRow[]>(rows: T): T {
  return Object.freeze(rows.map((r) => Object.freeze(r))) as unknown as T;
}

const OPENSSL_VERSION_TEXT = '"TLSv1/SSLv3" is OpenSSL <= 1.0.2\'s cipher version string, not the negotiated version';

/**
 * The rules table: every rule id, its cap under the `practical` and `bcp195` presets (`null` when not a cap) and its
 * message or message template. Caps first, in the order docs/grading.md lists them (the order of `RULE_IDS`), then the
 * reasons that are not caps. A `practical` cap of `C` is "deprecated, no practical attack on a mail hop"; `bcp195`
 * makes every RFC 9325 MUST NOT an `F`.
 */
export const RULES = frozen([
  { id: 'P-SSL2', practical: 'F', bcp195: 'F', message: 'SSL 2.0 is prohibited (RFC 6176) and broken' },
  {
    id: 'P-SSL3',
    practical: 'F',
    bcp195: 'F',
    message: 'SSL 3.0 is prohibited (RFC 7568): POODLE breaks its CBC mode, its only other cipher is RC4',
  },
  // RFC 8996 prohibits TLS 1.0 and 1.1, but AES mail hops over them have no practical passive break: C, F under BCP 195.
  { id: 'P-TLS10', practical: 'C', bcp195: 'F', message: 'TLS 1.0 is deprecated and MUST NOT be used (RFC 8996, RFC 9325 §3.1.1)' },
  { id: 'P-TLS11', practical: 'C', bcp195: 'F', message: 'TLS 1.1 is deprecated and MUST NOT be used (RFC 8996, RFC 9325 §3.1.1)' },
  {
    // No version, and a suite that runs on TLS 1.0: the header proves no better than TLS 1.0, so it gets TLS 1.0's cap.
    id: 'P-UNSTATED',
    practical: 'C',
    bcp195: 'F',
    message: (suite: string) =>
      `the version is not stated and ${suite} also runs on TLS 1.0: the header cannot show this hop was better than TLS 1.0`,
  },
  { id: 'K-DHE', practical: 'B', bcp195: 'B', message: 'finite-field DHE key exchange: RFC 9325 §4.1 says SHOULD NOT (group size rarely known)' },
  { id: 'K-RSA', practical: 'B', bcp195: 'B', message: 'static RSA key transport, no forward secrecy: RFC 9325 §4.1 says SHOULD NOT' },
  { id: 'K-STATIC-DH', practical: 'B', bcp195: 'B', message: 'static DH key exchange, no forward secrecy: RFC 9325 §4.1 says SHOULD NOT' },
  {
    id: 'K-STATIC-ECDH',
    practical: 'B',
    bcp195: 'B',
    message: 'static ECDH key exchange, no forward secrecy (RFC 9325 §4.1 prefers ephemeral)',
  },
  {
    // Resists passive reading, authenticates nobody.
    id: 'K-ANON',
    practical: 'C',
    bcp195: 'F',
    message: (what: 'key exchange' | 'authentication') => `anonymous ${what}: the server is not authenticated (RFC 9325 §4.1)`,
  },
  {
    // Plain PSK, Kerberos, GOST key transport.
    id: 'K-NO-FS',
    practical: 'B',
    bcp195: 'B',
    message: (keyExchange: string) => `${keyExchange} key exchange without forward secrecy (RFC 9325 §4.1 MUST prefer FS)`,
  },
  { id: 'K-DH-2048', practical: 'C', bcp195: 'C', message: (bits: number) => `${bits}-bit DH group: RFC 9325 §4.1 wants >= 2048 bits` },
  { id: 'K-DH-1024', practical: 'F', bcp195: 'F', message: (bits: number) => `${bits}-bit DH group: breakable (Logjam); RFC 9325 §4.1 wants >= 2048` },
  { id: 'K-RSA-KEY-2048', practical: 'B', bcp195: 'B', message: (bits: number) => `${bits}-bit server RSA key: RFC 9325 §4.1 wants >= 2048` },
  { id: 'K-RSA-KEY-1024', practical: 'F', bcp195: 'F', message: (bits: number) => `${bits}-bit server RSA key: factorable` },
  { id: 'E-CCM8', practical: 'B', bcp195: 'B', message: 'AES-CCM_8: truncated 64-bit tag, not recommended (RFC 9325 §4.2, IANA N)' },
  {
    id: 'E-CBC',
    practical: 'B',
    bcp195: 'B',
    message: 'CBC mode with HMAC, not AEAD: RFC 9325 §4.2 recommends AEAD suites only (Lucky13 class)',
  },
  {
    // 3DES and the other 64-bit blocks: Sweet32.
    id: 'E-3DES',
    practical: 'C',
    bcp195: 'F',
    message: (cipher: string) =>
      cipher === '3DES'
        ? '3DES: 112-bit security and a 64-bit block (Sweet32); RFC 9325 §4.1 SHOULD NOT < 128 bits'
        : `${cipher}: 64-bit block cipher, vulnerable to Sweet32 (RFC 9325 §4.1)`,
  },
  { id: 'E-RC4', practical: 'F', bcp195: 'F', message: 'RC4 is prohibited (RFC 7465) and has practical plaintext-recovery attacks' },
  { id: 'E-DES', practical: 'F', bcp195: 'F', message: 'single DES (56-bit key) is brute-forceable; RFC 9325 §4.1 MUST NOT < 112 bits' },
  { id: 'E-RC2', practical: 'F', bcp195: 'F', message: 'RC2 is broken; RFC 9325 §4.1 MUST NOT < 112 bits' },
  { id: 'E-EXPORT', practical: 'F', bcp195: 'F', message: 'export-grade suite (40/56-bit keys); RFC 9325 §4.1 MUST NOT < 112 bits' },
  { id: 'E-NULL', practical: 'F', bcp195: 'F', message: 'NULL encryption: TLS without confidentiality (RFC 9325 §4.1 MUST NOT)' },
  {
    id: 'E-BITS-112',
    practical: 'C',
    bcp195: 'F',
    message: (bits: number) => `${bits} effective bits: RFC 9325 §4.1 SHOULD NOT negotiate < 128 bits`,
  },
  { id: 'E-BITS-LOW', practical: 'F', bcp195: 'F', message: (bits: number) => `${bits} effective bits: RFC 9325 §4.1 MUST NOT negotiate < 112 bits` },
  { id: 'M-MD5', practical: 'C', bcp195: 'C', message: 'HMAC-MD5 record MAC: deprecated (RFC 6151)' },
  { id: 'M-NULL', practical: 'F', bcp195: 'F', message: 'no record MAC: the traffic is not integrity-protected' },
  { id: 'R-IANA-D', practical: 'C', bcp195: 'C', message: 'IANA lists this suite as Discouraged (Recommended = D)' },
  {
    // Also the reason (not a cap) beside P-UNKNOWN when neither the version nor the suite can be read.
    id: 'R-UNKNOWN-SUITE',
    practical: 'B',
    bcp195: 'B',
    message: (facts: { readonly cipherStated: boolean; readonly capped: boolean }) =>
      `cipher suite ${facts.cipherStated ? 'could not be identified' : 'not stated'}${facts.capped ? ': forward secrecy and AEAD cannot be shown' : ''}`,
  },
  { id: 'R-PARTIAL-SUITE', practical: 'B', bcp195: 'B', message: 'cipher not in the IANA catalogue; graded from the parts of its name' },

  {
    // `cipherRead`: a suite was read, but names no version either.
    id: 'P-UNKNOWN',
    practical: null,
    bcp195: null,
    message: (facts: { readonly openSslText: boolean; readonly cipherRead: boolean }) =>
      facts.openSslText
        ? `${OPENSSL_VERSION_TEXT}${facts.cipherRead ? '; the cipher does not name one either' : ''}`
        : `protocol version not stated${facts.cipherRead ? ', and the cipher does not name one' : ''}`,
  },
  {
    // `parameters`: what was negotiated (`ECDHE with AES AEAD`); `null` for TLS 1.3.
    id: 'OK-MODERN',
    practical: null,
    bcp195: null,
    message: (parameters: string | null) =>
      parameters === null
        ? 'TLS 1.3 (RFC 8446): forward secrecy and AEAD by design'
        : `${parameters}: forward secrecy and AEAD, as RFC 9325 §4.2 recommends`,
  },
  { id: 'T-NOT-STATED', practical: null, bcp195: null, message: 'the header says nothing about TLS' },
  {
    id: 'T-PARAMETERS-UNKNOWN',
    practical: null,
    bcp195: null,
    message: (evidence: string) => `encrypted (${evidence}), parameters not stated`,
  },
  {
    id: 'T-PLAINTEXT',
    practical: null,
    bcp195: null,
    message: (evidence: string) => `plaintext: "${evidence}" states no TLS and nothing else in the header does`,
  },
  {
    id: 'T-CONFLICT',
    practical: null,
    bcp195: null,
    message: (evidence: string) => `the header contradicts itself about TLS: "${evidence}" states it, the protocol word does not`,
  },
  // Scope: the decision states its evidence in its own sentence (which evidence decided, docs/scope.md).
  { id: 'S-INTERNAL', practical: null, bcp195: null, message: (decided: string) => decided },
  { id: 'S-EXTERNAL', practical: null, bcp195: null, message: (decided: string) => decided },
  { id: 'S-UNKNOWN', practical: null, bcp195: null, message: (decided: string) => decided },
] as const satisfies readonly RuleRow[]);

/** Every rule id a reason can carry (`E-RC4`, `P-UNKNOWN`, `OK-MODERN`, `T-PLAINTEXT`, `S-EXTERNAL`, …). */
export type RuleId = (typeof RULES)[number]['id'];

/** A rule id that is a cap: the keys of a policy's `caps`. */
export type CapRuleId = Extract<(typeof RULES)[number], { readonly practical: CapGrade }>['id'];

type Row = (typeof RULES)[number];

/** The id of the scope reason for each scope: `S-` and the scope in capitals. */
export type ScopeRuleId = Extract<RuleId, `S-${string}`>;

/** What the message of rule `R` is filled in from (nothing for a fixed sentence). */
export type MessageArgs<R extends RuleId> = Extract<Row, { readonly id: R }>['message'] extends (...args: infer A) => string ? A : [];

/** A reason as `reason()` builds it: the shape of `Reason` without evidence. */
export interface RuleReason<R extends RuleId = RuleId> {
  /** The rule id. */
  readonly rule: R;
  /** The rule's message, filled in. */
  readonly message: string;
}

type Message = string | ((...args: readonly unknown[]) => string);

const MESSAGES: ReadonlyMap<string, Message> = new Map(RULES.map((r): [string, Message] => [r.id, r.message as Message]));

/**
 * The reason for rule `rule`, its message filled in from `args`.
 * @example
 * ```ts
 * reason('E-BITS-LOW', 40).message; // '40 effective bits: RFC 9325 §4.1 MUST NOT negotiate < 112 bits'
 * ```
 */
export function reason<R extends RuleId>(rule: R, ...args: MessageArgs<R>): RuleReason<R> {
  const message = MESSAGES.get(rule) as Message;
  return { rule, message: typeof message === 'string' ? message : message(...args) };
}

/**
 * `reason(rule, ...args)` with the text that justified it. One object literal, never a spread of another reason: a
 * spread copy can leave V8 a slower, larger object, and every hop keeps its reasons.
 */
export function reasonWithEvidence<R extends RuleId>(evidence: string, rule: R, ...args: MessageArgs<R>): RuleReason<R> & { readonly evidence: string } {
  const message = MESSAGES.get(rule) as Message;
  return { rule, message: typeof message === 'string' ? message : message(...args), evidence };
}

const isCap = (r: Row): r is Extract<Row, { readonly practical: CapGrade }> => r.practical !== null;

/** The cap rows, in table order. */
export const CAP_RULES: readonly Extract<Row, { readonly practical: CapGrade }>[] = Object.freeze(RULES.filter(isCap));

/** The scope rule of each scope, `S-` and the scope in capitals: `{ internal: 'S-INTERNAL', … }`. */
export const SCOPE_RULES: { readonly [R in ScopeRuleId as R extends `S-${infer S}` ? Lowercase<S> : never]: R } = Object.freeze(
  Object.fromEntries(RULES.filter((r) => r.id.startsWith('S-')).map((r) => [r.id.slice(2).toLowerCase(), r.id])),
) as never;
