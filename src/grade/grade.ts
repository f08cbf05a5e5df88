/**
 * `gradeTls`: the letter for one hop's stated TLS parameters (docs/grading.md).
 * Start at A, apply every cap the policy defines, keep the lowest; each cap applied is one reason.
 * @module
 */
import { lookupCipher } from '../ciphers/lookup.js';
import type { CipherSuite } from '../ciphers/types.js';
import { issue } from '../issues.js';
import type { Grade, Issue, Reason, TlsVersion } from '../types.js';
import { worseGrade } from './order.js';
import { resolvePolicy, type GradingPolicy, type ResolvedPolicy } from './policy.js';
import { reason, type CapRuleId, type MessageArgs } from '../rules.js';
import { compareVersions, impliedVersion, normaliseTlsVersion, NO_VERSION, type NormalisedVersion } from '../tls/version.js';

/** The TLS facts a header stated, in any spelling. Absent, `null`, or of the wrong type = not stated. */
export interface TlsFacts {
  /** As written: `TLSv1`, `TLS1_2`, `TLSv1/SSLv3`, `TLS1.3-PKIX`… */
  readonly version?: string | null;
  /** As written: `RC4-SHA`, `TLS_AES_256_GCM_SHA384`, `ECDHE_RSA_AES_256_GCM_SHA384`… */
  readonly cipher?: string | null;
  /** Effective secret bits as stated (first number of `128/128`). */
  readonly bits?: number | null;
  /** Finite-field DH group size, when stated (overrides one read from the cipher text). */
  readonly dhBits?: number | null;
  /** Server RSA key size (Postfix `server-signature RSA-PSS (2048 bits)`); ignored for ECDSA/ECDH/PSK/anon suites. */
  readonly serverKeyBits?: number | null;
}

/** The grade of one set of TLS facts. */
export interface Grading {
  /** `A`…`F`, or `unknown` when neither version nor a readable cipher was stated. Never `none` (that needs plaintext evidence). */
  readonly grade: Grade;
  /** Every cap applied, worst-first not guaranteed; an uncapped `A` carries one `OK-MODERN` reason. Never empty. */
  readonly reasons: readonly Reason[];
  /** The version graded: as stated, or inferred from the cipher when not stated / ambiguous; `null` when unknown. */
  readonly version: TlsVersion | null;
  /** `true` when `version` comes from the cipher (0x13xx ⇒ TLS 1.3, TLS 1.2-only suite ⇒ TLS 1.2, SSLv2 kind ⇒ SSL 2.0). */
  readonly versionInferred: boolean;
  /** IANA name of the resolved suite; `null` when absent, unresolvable or read only from its parts. */
  readonly cipherIana: string | null;
  /** `TLS_INCONSISTENT`, `TLS_UNKNOWN_CIPHER`, `TLS_UNKNOWN_VERSION`, `TLS_NULL_CIPHER`. */
  readonly issues: readonly Issue[];
}

/** 65,536: larger "bit" counts are not key sizes; treat them as not stated. */
const MAX_STATED_BITS = 65536;

function statedBits(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_STATED_BITS ? value : null;
}

function statedText(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
}

const VERSION_LABEL: Readonly<Record<TlsVersion, string>> = Object.freeze({
  SSLv2: 'SSL 2.0',
  SSLv3: 'SSL 3.0',
  'TLSv1.0': 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
});

/** Can a connection at `stated` have negotiated `suite`? (RFC 8446 §B.4 suites are TLS 1.3-only, and vice versa.) */
function versionAllows(stated: TlsVersion, suite: CipherSuite): boolean {
  const min = suite.minVersion;
  if (min === null) return true;
  if (min === 'SSLv2' || stated === 'SSLv2') return min === stated;
  if (min === 'TLSv1.3' || stated === 'TLSv1.3') return min === stated;
  return compareVersions(stated, min) >= 0;
}

class Caps {
  readonly reasons: Reason[] = [];
  grade: Grade = 'A';
  constructor(private readonly policy: ResolvedPolicy) {}

  apply<R extends CapRuleId>(rule: R, ...args: MessageArgs<R>): void {
    const cap = this.policy.caps[rule];
    if (cap === 'A') return; // switched off by the policy
    this.reasons.push(reason(rule, ...args));
    this.grade = worseGrade(this.grade, cap);
  }
}

const VERSION_RULES: Readonly<Partial<Record<TlsVersion, 'P-SSL2' | 'P-SSL3' | 'P-TLS10' | 'P-TLS11'>>> = Object.freeze({
  SSLv2: 'P-SSL2',
  SSLv3: 'P-SSL3',
  'TLSv1.0': 'P-TLS10',
  'TLSv1.1': 'P-TLS11',
});

function keyExchangeCaps(caps: Caps, s: CipherSuite): void {
  switch (s.keyExchange) {
    case 'DHE':
    case 'DHE_PSK':
      caps.apply('K-DHE');
      break;
    case 'RSA':
    case 'RSA_PSK':
      caps.apply('K-RSA');
      break;
    case 'DH':
      caps.apply('K-STATIC-DH');
      break;
    case 'ECDH':
      caps.apply('K-STATIC-ECDH');
      break;
    case 'DH_anon':
    case 'ECDH_anon':
      caps.apply('K-ANON', 'key exchange');
      break;
    case 'PSK':
    case 'KRB5':
    case 'GOST':
    case 'NULL':
      caps.apply('K-NO-FS', s.keyExchange);
      break;
    default:
      break;
  }
  if (s.keyExchange !== 'DH_anon' && s.keyExchange !== 'ECDH_anon' && s.authentication === 'anon') caps.apply('K-ANON', 'authentication');
}

const FIXED_CIPHER_RULES: ReadonlySet<string> = new Set(['DES', 'RC2', 'RC4', '3DES']);

/** The caps of the bulk cipher itself: its algorithm, mode and tag. */
function algorithmCaps(caps: Caps, s: CipherSuite, issues: Issue[]): void {
  switch (s.cipher) {
    case 'NULL':
      caps.apply('E-NULL');
      issues.push(issue('TLS_NULL_CIPHER', 'warning', 'TLS without encryption: the suite uses the NULL cipher'));
      break;
    case 'RC4':
      caps.apply('E-RC4');
      break;
    case 'DES':
      caps.apply('E-DES');
      break;
    case 'RC2':
      caps.apply('E-RC2');
      break;
    default:
      if (s.cipher === '3DES' || s.blockBits === 64) caps.apply('E-3DES', s.cipher);
      break;
  }
  if (s.export) caps.apply('E-EXPORT');
  if (s.mode === 'CBC' && s.blockBits === 128) caps.apply('E-CBC');
  if (s.truncatedTag) caps.apply('E-CCM8');
}

/** The caps of the effective key size: the suite's, lowered by the header's `bits` when it states fewer. */
function bitsCaps(caps: Caps, s: CipherSuite, headerBits: number | null): void {
  if (s.cipher === 'NULL') return;
  const tableBits = s.bits;
  const bits = tableBits === null ? headerBits : headerBits === null ? tableBits : Math.min(tableBits, headerBits);
  // The cipher rules already explain DES/RC2/RC4/3DES/export sizes; the bit rules add what the header lowered.
  const lowered = bits !== null && tableBits !== null && bits < tableBits;
  const explained = FIXED_CIPHER_RULES.has(s.cipher) || s.export;
  if (bits === null || !(lowered || !explained)) return;
  if (bits < 112) caps.apply('E-BITS-LOW', bits);
  else if (bits < 128) caps.apply('E-BITS-112', bits);
}

function cipherCaps(caps: Caps, s: CipherSuite, headerBits: number | null, issues: Issue[]): void {
  algorithmCaps(caps, s, issues);
  bitsCaps(caps, s, headerBits);
  if (s.mac === 'MD5') caps.apply('M-MD5');
  if (s.mac === 'NULL') caps.apply('M-NULL');
  if (s.recommended === 'D') caps.apply('R-IANA-D');
}

function keySizeCaps(caps: Caps, s: CipherSuite | null, dhBits: number | null, serverKeyBits: number | null): void {
  if (dhBits !== null) {
    if (dhBits < 1024) caps.apply('K-DH-1024', dhBits);
    else if (dhBits < 2048) caps.apply('K-DH-2048', dhBits);
  }
  const au = s?.authentication;
  const rsaLike = au === undefined || au === 'RSA' || au === 'TLS1.3' || au === 'unknown' || au === 'DH';
  if (serverKeyBits !== null && rsaLike) {
    if (serverKeyBits < 1024) caps.apply('K-RSA-KEY-1024', serverKeyBits);
    else if (serverKeyBits < 2048) caps.apply('K-RSA-KEY-2048', serverKeyBits);
  }
}

function positiveReason(version: TlsVersion | null, s: CipherSuite | null): Reason {
  if (version === 'TLSv1.3' || s?.keyExchange === 'TLS1.3') return reason('OK-MODERN', null);
  return reason('OK-MODERN', s === null ? 'the stated parameters' : `${s.keyExchange} with ${s.cipher} ${s.mode}`);
}

/** The version and suite a header states, settled, before any cap: what the caps are applied to. */
interface Stated {
  /** The cipher as written; `null` when absent. */
  readonly cipherText: string | null;
  /** The version text was OpenSSL's `TLSv1/SSLv3`, which names no version. */
  readonly openSslText: boolean;
  /** As stated, or inferred from the suite; `null` when neither says. */
  readonly version: TlsVersion | null;
  /** `version` comes from the suite. */
  readonly versionInferred: boolean;
  /** The suite looked up once; `null` when absent or unreadable. */
  readonly suite: CipherSuite | null;
}

function versionIssues(versionText: string | null, norm: NormalisedVersion, issues: Issue[]): void {
  if (versionText !== null && norm.version === null && !norm.ambiguous) {
    issues.push(issue('TLS_UNKNOWN_VERSION', 'warning', `unrecognised protocol version "${versionText.slice(0, 64)}"`));
  }
}

function suiteIssues(cipherText: string | null, suite: CipherSuite | null, issues: Issue[]): void {
  if (cipherText === null) return;
  if (suite === null) {
    issues.push(issue('TLS_UNKNOWN_CIPHER', 'warning', `cipher "${cipherText.slice(0, 64)}" is not a known suite and names no recognisable algorithm`));
  } else if (suite.partial) {
    issues.push(issue('TLS_UNKNOWN_CIPHER', 'info', `cipher "${cipherText.slice(0, 64)}" is not in the catalogue; graded from the parts of its name`));
  }
}

/** The stated version, or the one the suite implies; a stated version the suite cannot run on is an issue (rule 4). */
function settleVersion(stated: TlsVersion | null, suite: CipherSuite | null, cipherText: string | null, issues: Issue[]): Pick<Stated, 'version' | 'versionInferred'> {
  if (stated === null) {
    const implied = impliedVersion(suite);
    return { version: implied, versionInferred: implied !== null };
  }
  if (suite !== null && !versionAllows(stated, suite)) {
    const needs = suite.minVersion === null ? 'another version' : VERSION_LABEL[suite.minVersion];
    issues.push(
      issue(
        'TLS_INCONSISTENT',
        'warning',
        `${VERSION_LABEL[stated]} cannot negotiate ${suite.iana ?? cipherText ?? 'this cipher'} (needs ${needs}); graded with the stated version`,
      ),
    );
  }
  return { version: stated, versionInferred: false };
}

function readStated(facts: ResolvedTlsFacts, issues: Issue[]): Stated {
  const versionText = statedText(facts.versionText);
  const cipherText = statedText(facts.cipherText);
  const { norm, suite } = facts;
  versionIssues(versionText, norm, issues);
  suiteIssues(cipherText, suite, issues);
  return { cipherText, openSslText: norm.ambiguous, suite, ...settleVersion(norm.version, suite, cipherText, issues) };
}

/** Neither a version nor a readable suite: nothing to cap, and nothing to vouch for. */
function ungraded(stated: Stated, issues: Issue[]): Grading {
  const reasons: Reason[] = [
    reason('P-UNKNOWN', { openSslText: stated.openSslText, cipherRead: false }),
    reason('R-UNKNOWN-SUITE', { cipherStated: stated.cipherText !== null, capped: false }),
  ];
  return Object.freeze({ grade: 'unknown', reasons, version: null, versionInferred: false, cipherIana: null, issues });
}

/** Every cap the stated facts meet, in the order the reasons list them. */
function capsOf(caps: Caps, stated: Stated, facts: ResolvedTlsFacts, issues: Issue[]): void {
  const { version, suite, cipherText } = stated;
  const rule = version === null ? undefined : VERSION_RULES[version];
  if (rule !== undefined) caps.apply(rule);
  // docs/grading.md rule 3: no version, and the suite runs on TLS 1.0 too (else it would have implied one): a letter
  // is what the header proves, not the best case it allows.
  else if (version === null && suite !== null) caps.apply('P-UNSTATED', suite.iana ?? cipherText ?? 'the cipher');
  const tls13 = version === 'TLSv1.3' || suite?.keyExchange === 'TLS1.3';
  if (suite === null) {
    // Version known, suite absent or unreadable: the version is a ceiling (TLS 1.3 A, 1.2 B, 1.0/1.1 C, SSL F).
    if (!tls13) caps.apply('R-UNKNOWN-SUITE', { cipherStated: cipherText !== null, capped: true });
  } else {
    if (suite.partial && !tls13) caps.apply('R-PARTIAL-SUITE');
    keyExchangeCaps(caps, suite);
    cipherCaps(caps, suite, statedBits(facts.bits), issues);
  }
  keySizeCaps(caps, suite, statedBits(facts.dhBits) ?? suite?.dhBits ?? null, statedBits(facts.serverKeyBits));
}

/**
 * Grade one hop's TLS parameters under a policy (default `practical`; `bcp195` = every RFC 9325 MUST NOT is F; or a
 * `GradingPolicy` object). Version and cipher may be in any spelling MTAs write (the hop reader's spellings, `TLS12`
 * included). `TLSv1/SSLv3` is treated as no version and the version is inferred from the cipher where it can be; when
 * it stays unknown and the suite also runs on TLS 1.0, the letter is capped at what TLS 1.0 would get (`P-UNSTATED`,
 * docs/grading.md rule 3). A stated version older than the cipher allows is a `TLS_INCONSISTENT` issue and the stated
 * (worse) version is graded (rule 4). Data never throws; a malformed policy throws `TypeError`.
 * @example
 * ```ts
 * gradeTls({ version: 'TLSv1', cipher: 'RC4-SHA' }).grade; // 'F': RC4 is prohibited (RFC 7465)
 * gradeTls({ version: 'TLSv1', cipher: 'DES-CBC3-SHA' }).grade; // 'C' under the default `practical` policy
 * gradeTls({ version: 'TLSv1', cipher: 'DES-CBC3-SHA' }, 'bcp195').grade; // 'F': an RFC 9325 MUST NOT
 * gradeTls({ version: 'TLSv1/SSLv3', cipher: 'AES128-SHA' }).grade; // 'C': no version, and the suite runs on TLS 1.0
 * gradeTls({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA' }, { name: 'cbc-is-c', caps: { 'E-CBC': 'C' } }).grade; // 'C'
 * ```
 */
export function gradeTls(tls: TlsFacts, policy?: 'practical' | 'bcp195' | GradingPolicy | ResolvedPolicy): Grading {
  const facts: Partial<Record<keyof TlsFacts, unknown>> = tls !== null && typeof tls === 'object' ? tls : {};
  const versionText = statedText(facts.version);
  const cipherText = statedText(facts.cipher);
  const norm = versionText === null ? NO_VERSION : normaliseTlsVersion(versionText);
  const suite = cipherText === null ? null : lookupCipher(cipherText, norm.version);
  return gradeResolved({ versionText, norm, cipherText, suite, bits: facts.bits, dhBits: facts.dhBits, serverKeyBits: facts.serverKeyBits }, policy);
}

/**
 * TLS facts already read: the version text as `normaliseTlsVersion` read it and the cipher as `lookupCipher` (hinted
 * with that version) resolved it. The hop reader has both and hands them over as they are.
 */
export interface ResolvedTlsFacts {
  /** The version as written (for messages); blank text counts as not stated. */
  readonly versionText: string | null;
  /** `normaliseTlsVersion(versionText)`, or `NO_VERSION` when there is none. */
  readonly norm: NormalisedVersion;
  /** The cipher as written (for messages); blank text counts as not stated. */
  readonly cipherText: string | null;
  /** `lookupCipher(cipherText, norm.version)`. */
  readonly suite: CipherSuite | null;
  /** As in {@link TlsFacts}; anything but a whole number in 0…65,536 is not stated. */
  readonly bits?: unknown;
  readonly dhBits?: unknown;
  readonly serverKeyBits?: unknown;
}

/**
 * `gradeTls` for facts already normalised (see {@link ResolvedTlsFacts}): the same letter, reasons and issues,
 * without reading the version or looking up the cipher a second time. A malformed policy throws `TypeError`.
 */
export function gradeResolved(facts: ResolvedTlsFacts, policy?: 'practical' | 'bcp195' | GradingPolicy | ResolvedPolicy): Grading {
  const resolved = resolvePolicy(policy);
  const issues: Issue[] = [];
  const stated = readStated(facts, issues);
  const { version, versionInferred, suite } = stated;
  if (version === null && suite === null) return ungraded(stated, issues);

  const caps = new Caps(resolved);
  capsOf(caps, stated, facts, issues);
  const reasons = caps.reasons;
  if (version === null) reasons.unshift(reason('P-UNKNOWN', { openSslText: stated.openSslText, cipherRead: true }));
  if (caps.grade === 'A' && reasons.every((r) => r.rule === 'P-UNKNOWN')) reasons.push(positiveReason(version, suite));
  const cipherIana = suite !== null && !suite.partial ? suite.iana : null;
  return Object.freeze({ grade: caps.grade, reasons, version, versionInferred, cipherIana, issues });
}
