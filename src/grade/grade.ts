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
import { resolvePolicy, type GradingPolicy, type ResolvedPolicy, type RuleId } from './policy.js';
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

  apply(rule: RuleId, message: string): void {
    const cap = this.policy.caps[rule];
    if (cap === 'A') return; // switched off by the policy
    this.reasons.push({ rule, message });
    this.grade = worseGrade(this.grade, cap);
  }
}

function protocolCaps(caps: Caps, version: TlsVersion): void {
  switch (version) {
    case 'SSLv2':
      caps.apply('P-SSL2', 'SSL 2.0 is prohibited (RFC 6176) and broken');
      break;
    case 'SSLv3':
      caps.apply('P-SSL3', 'SSL 3.0 is prohibited (RFC 7568): POODLE breaks its CBC mode, its only other cipher is RC4');
      break;
    case 'TLSv1.0':
      caps.apply('P-TLS10', 'TLS 1.0 is deprecated and MUST NOT be used (RFC 8996, RFC 9325 §3.1.1)');
      break;
    case 'TLSv1.1':
      caps.apply('P-TLS11', 'TLS 1.1 is deprecated and MUST NOT be used (RFC 8996, RFC 9325 §3.1.1)');
      break;
    default:
      break;
  }
}

function keyExchangeCaps(caps: Caps, s: CipherSuite): void {
  switch (s.keyExchange) {
    case 'DHE':
    case 'DHE_PSK':
      caps.apply('K-DHE', 'finite-field DHE key exchange: RFC 9325 §4.1 says SHOULD NOT (group size rarely known)');
      break;
    case 'RSA':
    case 'RSA_PSK':
      caps.apply('K-RSA', 'static RSA key transport, no forward secrecy: RFC 9325 §4.1 says SHOULD NOT');
      break;
    case 'DH':
      caps.apply('K-STATIC-DH', 'static DH key exchange, no forward secrecy: RFC 9325 §4.1 says SHOULD NOT');
      break;
    case 'ECDH':
      caps.apply('K-STATIC-ECDH', 'static ECDH key exchange, no forward secrecy (RFC 9325 §4.1 prefers ephemeral)');
      break;
    case 'DH_anon':
    case 'ECDH_anon':
      caps.apply('K-ANON', 'anonymous key exchange: the server is not authenticated (RFC 9325 §4.1)');
      break;
    case 'PSK':
    case 'KRB5':
    case 'GOST':
    case 'NULL':
      caps.apply('K-NO-FS', `${s.keyExchange} key exchange without forward secrecy (RFC 9325 §4.1 MUST prefer FS)`);
      break;
    default:
      break;
  }
  if (s.keyExchange !== 'DH_anon' && s.keyExchange !== 'ECDH_anon' && s.authentication === 'anon') {
    caps.apply('K-ANON', 'anonymous authentication: the server is not authenticated (RFC 9325 §4.1)');
  }
}

const FIXED_CIPHER_RULES: ReadonlySet<string> = new Set(['DES', 'RC2', 'RC4', '3DES']);

function cipherCaps(caps: Caps, s: CipherSuite, headerBits: number | null, issues: Issue[]): void {
  switch (s.cipher) {
    case 'NULL':
      caps.apply('E-NULL', 'NULL encryption: TLS without confidentiality (RFC 9325 §4.1 MUST NOT)');
      issues.push(issue('TLS_NULL_CIPHER', 'warning', 'TLS without encryption: the suite uses the NULL cipher'));
      break;
    case 'RC4':
      caps.apply('E-RC4', 'RC4 is prohibited (RFC 7465) and has practical plaintext-recovery attacks');
      break;
    case 'DES':
      caps.apply('E-DES', 'single DES (56-bit key) is brute-forceable; RFC 9325 §4.1 MUST NOT < 112 bits');
      break;
    case 'RC2':
      caps.apply('E-RC2', 'RC2 is broken; RFC 9325 §4.1 MUST NOT < 112 bits');
      break;
    case '3DES':
      caps.apply('E-3DES', '3DES: 112-bit security and a 64-bit block (Sweet32); RFC 9325 §4.1 SHOULD NOT < 128 bits');
      break;
    default:
      if (s.blockBits === 64) caps.apply('E-3DES', `${s.cipher}: 64-bit block cipher, vulnerable to Sweet32 (RFC 9325 §4.1)`);
      break;
  }
  if (s.export) caps.apply('E-EXPORT', 'export-grade suite (40/56-bit keys); RFC 9325 §4.1 MUST NOT < 112 bits');
  if (s.mode === 'CBC' && s.blockBits === 128) {
    caps.apply('E-CBC', 'CBC mode with HMAC, not AEAD: RFC 9325 §4.2 recommends AEAD suites only (Lucky13 class)');
  }
  if (s.truncatedTag) caps.apply('E-CCM8', 'AES-CCM_8: truncated 64-bit tag, not recommended (RFC 9325 §4.2, IANA N)');

  if (s.cipher !== 'NULL') {
    const tableBits = s.bits;
    const bits = tableBits === null ? headerBits : headerBits === null ? tableBits : Math.min(tableBits, headerBits);
    // The cipher rules above already explain DES/RC2/RC4/3DES/export sizes; the bit rules add what the header lowered.
    const lowered = bits !== null && tableBits !== null && bits < tableBits;
    const explained = FIXED_CIPHER_RULES.has(s.cipher) || s.export;
    if (bits !== null && (lowered || !explained)) {
      if (bits < 112) caps.apply('E-BITS-LOW', `${bits} effective bits: RFC 9325 §4.1 MUST NOT negotiate < 112 bits`);
      else if (bits < 128) caps.apply('E-BITS-112', `${bits} effective bits: RFC 9325 §4.1 SHOULD NOT negotiate < 128 bits`);
    }
  }
  if (s.mac === 'MD5') caps.apply('M-MD5', 'HMAC-MD5 record MAC: deprecated (RFC 6151)');
  if (s.mac === 'NULL') caps.apply('M-NULL', 'no record MAC: the traffic is not integrity-protected');
  if (s.recommended === 'D') caps.apply('R-IANA-D', 'IANA lists this suite as Discouraged (Recommended = D)');
}

function keySizeCaps(caps: Caps, s: CipherSuite | null, dhBits: number | null, serverKeyBits: number | null): void {
  if (dhBits !== null) {
    if (dhBits < 1024) caps.apply('K-DH-1024', `${dhBits}-bit DH group: breakable (Logjam); RFC 9325 §4.1 wants >= 2048`);
    else if (dhBits < 2048) caps.apply('K-DH-2048', `${dhBits}-bit DH group: RFC 9325 §4.1 wants >= 2048 bits`);
  }
  const au = s?.authentication;
  const rsaLike = au === undefined || au === 'RSA' || au === 'TLS1.3' || au === 'unknown' || au === 'DH';
  if (serverKeyBits !== null && rsaLike) {
    if (serverKeyBits < 1024) caps.apply('K-RSA-KEY-1024', `${serverKeyBits}-bit server RSA key: factorable`);
    else if (serverKeyBits < 2048) caps.apply('K-RSA-KEY-2048', `${serverKeyBits}-bit server RSA key: RFC 9325 §4.1 wants >= 2048`);
  }
}

function positiveReason(version: TlsVersion | null, s: CipherSuite | null): Reason {
  if (version === 'TLSv1.3' || s?.keyExchange === 'TLS1.3') {
    return { rule: 'OK-MODERN', message: 'TLS 1.3 (RFC 8446): forward secrecy and AEAD by design' };
  }
  const what = s === null ? 'the stated parameters' : `${s.keyExchange} with ${s.cipher} ${s.mode}`;
  return { rule: 'OK-MODERN', message: `${what}: forward secrecy and AEAD, as RFC 9325 §4.2 recommends` };
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
 * with that version) resolved it. The hop reader has both (src/tls/normalise.ts) and hands them over as they are.
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
  const versionText = statedText(facts.versionText);
  const cipherText = statedText(facts.cipherText);
  const { norm, suite } = facts;
  const issues: Issue[] = [];

  if (versionText !== null && norm.version === null && !norm.ambiguous) {
    issues.push(issue('TLS_UNKNOWN_VERSION', 'warning', `unrecognised protocol version "${versionText.slice(0, 64)}"`));
  }
  const cipherIana = suite !== null && !suite.partial ? suite.iana : null;
  if (cipherText !== null && (suite === null || suite.partial)) {
    issues.push(
      issue(
        'TLS_UNKNOWN_CIPHER',
        suite === null ? 'warning' : 'info',
        suite === null
          ? `cipher "${cipherText.slice(0, 64)}" is not a known suite and names no recognisable algorithm`
          : `cipher "${cipherText.slice(0, 64)}" is not in the catalogue; graded from the parts of its name`,
      ),
    );
  }

  let version = norm.version;
  let versionInferred = false;
  const implied = impliedVersion(suite);
  if (version === null && implied !== null) {
    version = implied;
    versionInferred = true;
  } else if (version !== null && suite !== null && !versionAllows(version, suite)) {
    issues.push(
      issue(
        'TLS_INCONSISTENT',
        'warning',
        `${VERSION_LABEL[version]} cannot negotiate ${suite.iana ?? cipherText ?? 'this cipher'} (needs ${
          suite.minVersion === null ? 'another version' : VERSION_LABEL[suite.minVersion]
        }); graded with the stated version`,
      ),
    );
  }

  const caps = new Caps(resolved);
  if (version === null && suite === null) {
    const reasons: Reason[] = [
      {
        rule: 'P-UNKNOWN',
        message: norm.ambiguous
          ? '"TLSv1/SSLv3" is OpenSSL <= 1.0.2\'s cipher version string, not the negotiated version'
          : 'protocol version not stated',
      },
    ];
    if (cipherText !== null) reasons.push({ rule: 'R-UNKNOWN-SUITE', message: 'cipher suite could not be identified' });
    else reasons.push({ rule: 'R-UNKNOWN-SUITE', message: 'cipher suite not stated' });
    return Object.freeze({ grade: 'unknown', reasons, version: null, versionInferred: false, cipherIana: null, issues });
  }

  if (version !== null) protocolCaps(caps, version);
  else if (suite !== null) {
    // docs/grading.md rule 3: the suite runs on TLS 1.0 too (else impliedVersion would have named a version), and a letter
    // is what the header proves, not the best case it allows.
    caps.apply(
      'P-UNSTATED',
      `the version is not stated and ${suite.iana ?? cipherText ?? 'the cipher'} also runs on TLS 1.0: the header cannot show this hop was better than TLS 1.0`,
    );
  }
  const tls13 = version === 'TLSv1.3' || suite?.keyExchange === 'TLS1.3';
  if (suite === null) {
    // Version known, suite absent or unreadable: the version is a ceiling (TLS 1.3 A, 1.2 B, 1.0/1.1 C, SSL F).
    if (!tls13) {
      caps.apply(
        'R-UNKNOWN-SUITE',
        cipherText === null
          ? 'cipher suite not stated: forward secrecy and AEAD cannot be shown'
          : 'cipher suite could not be identified: forward secrecy and AEAD cannot be shown',
      );
    }
  } else {
    if (suite.partial && !tls13) caps.apply('R-PARTIAL-SUITE', 'cipher not in the IANA catalogue; graded from the parts of its name');
    keyExchangeCaps(caps, suite);
    cipherCaps(caps, suite, statedBits(facts.bits), issues);
  }
  keySizeCaps(caps, suite, statedBits(facts.dhBits) ?? suite?.dhBits ?? null, statedBits(facts.serverKeyBits));

  const reasons = caps.reasons;
  if (version === null) {
    reasons.unshift({
      rule: 'P-UNKNOWN',
      message: norm.ambiguous
        ? '"TLSv1/SSLv3" is OpenSSL <= 1.0.2\'s cipher version string, not the negotiated version; the cipher does not name one either'
        : 'protocol version not stated, and the cipher does not name one',
    });
  }
  if (caps.grade === 'A' && caps.reasons.every((r) => r.rule === 'P-UNKNOWN')) reasons.push(positiveReason(version, suite));
  return Object.freeze({ grade: caps.grade, reasons, version, versionInferred, cipherIana, issues });
}
