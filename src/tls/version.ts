/**
 * Protocol version spellings → `TlsVersion` (docs/grading.md, "Version spellings"), their order, and the version a
 * cipher suite implies. The one place both the hop reader (src/tls/normalise.ts) and `gradeTls` read versions from,
 * so that a spelling one of them accepts the other accepts too.
 * @module
 */
import type { CipherSuite } from '../ciphers/types.js';
import { isDigit } from '../text/chars.js';
import type { TlsVersion } from '../types.js';

/** 64 chars: real version tokens are under 16 (`TLS1.3-X.509`); longer text is not a version. */
const MAX_VERSION_TEXT_LENGTH = 64;

/** What a version text says. */
export interface NormalisedVersion {
  /** The version, or `null` when the text is not a version or is ambiguous. */
  readonly version: TlsVersion | null;
  /**
   * `true` for `TLSv1/SSLv3`: OpenSSL <= 1.0.2's `SSL_CIPHER_get_version()` string, printed for every SSLv3/TLS cipher.
   * It does not name the negotiated version; infer it from the cipher instead.
   */
  readonly ambiguous: boolean;
}

/** The reading of no version text, or of text that is not a version. */
export const NO_VERSION: NormalisedVersion = Object.freeze({ version: null, ambiguous: false });
const AMBIGUOUS: NormalisedVersion = Object.freeze({ version: null, ambiguous: true });

/** One frozen answer per version: reading a hop's version allocates nothing. */
const READ: Readonly<Record<TlsVersion, NormalisedVersion>> = Object.freeze({
  SSLv2: Object.freeze({ version: 'SSLv2', ambiguous: false }),
  SSLv3: Object.freeze({ version: 'SSLv3', ambiguous: false }),
  'TLSv1.0': Object.freeze({ version: 'TLSv1.0', ambiguous: false }),
  'TLSv1.1': Object.freeze({ version: 'TLSv1.1', ambiguous: false }),
  'TLSv1.2': Object.freeze({ version: 'TLSv1.2', ambiguous: false }),
  'TLSv1.3': Object.freeze({ version: 'TLSv1.3', ambiguous: false }),
});

/** `1`, `1.0`, `1_0`, `1.2-PKIX` after the protocol word → major.minor digits; `null` when no number follows. */
function readNumber(rest: string): string | null {
  let i = 0;
  // `TLSv1`, `TLS-1.0`, `TLS 1.0`, `TLS_1_0`: skip the separator between the word and the number.
  while (i < rest.length && (rest[i] === 'V' || rest[i] === ' ' || rest[i] === '-' || rest[i] === '_')) i++;
  let out = '';
  for (; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (isDigit(c)) out += rest[i];
    else if ((c === 46 || c === 95) && i + 1 < rest.length && isDigit(rest.charCodeAt(i + 1))) out += '.';
    else break; // `-PKIX`, `-X.509`: GnuTLS appends the certificate type; Exim strips it the same way.
  }
  return out === '' ? null : out;
}

function single(text: string): TlsVersion | null {
  let word: 'TLS' | 'SSL';
  let rest: string;
  if (text.startsWith('TLS')) {
    word = 'TLS';
    rest = text.slice(3);
  } else if (text.startsWith('SSL')) {
    word = 'SSL';
    rest = text.slice(3);
  } else return null;
  const read = readNumber(rest);
  if (read === null) return null;
  // CodeTwo's `TLS12`, `TLS13`: major and minor run together, straight after the word (no `v`, no dot).
  const n = read.length === 2 && isDigit(rest.charCodeAt(0)) ? `${read[0]}.${read[1]}` : read;
  if (word === 'SSL') {
    if (n === '2' || n === '2.0') return 'SSLv2';
    if (n === '3' || n === '3.0') return 'SSLv3';
    return null;
  }
  switch (n) {
    case '1':
    case '1.0':
      return 'TLSv1.0';
    case '1.1':
      return 'TLSv1.1';
    case '1.2':
      return 'TLSv1.2';
    case '1.3':
      return 'TLSv1.3';
    default:
      return null;
  }
}

/**
 * Normalise a protocol version as MTAs print it, any case: `TLSv1`, `TLS1_0`, `TLS1.0`, `TLS-1.0`, `TLS 1.0`, `SSLv3`,
 * `SSL3_0`, `SSLv2`, `TLS1.2-PKIX`, `TLS1.3-X.509`, `TLSv1.3`, `TLS12`. `TLSv1/SSLv3` (and any `a/b` of two versions) is
 * ambiguous: `{ version: null, ambiguous: true }`. Anything else: `{ version: null, ambiguous: false }`. Never throws.
 */
export function normaliseTlsVersion(text: string): NormalisedVersion {
  if (typeof text !== 'string') return NO_VERSION;
  const t = text.trim().toUpperCase();
  if (t.length === 0 || t.length > MAX_VERSION_TEXT_LENGTH) return NO_VERSION;
  const slash = t.indexOf('/');
  if (slash >= 0) {
    const a = single(t.slice(0, slash).trim());
    const b = single(t.slice(slash + 1).trim());
    return a !== null && b !== null ? AMBIGUOUS : NO_VERSION;
  }
  const v = single(t);
  return v === null ? NO_VERSION : READ[v];
}

const VERSION_RANK: Readonly<Record<TlsVersion, number>> = Object.freeze({
  SSLv2: 0,
  SSLv3: 1,
  'TLSv1.0': 2,
  'TLSv1.1': 3,
  'TLSv1.2': 4,
  'TLSv1.3': 5,
});

/** Negative when `a` is older than `b`. */
export function compareVersions(a: TlsVersion, b: TlsVersion): number {
  return VERSION_RANK[a] - VERSION_RANK[b];
}

/**
 * The version a suite implies when the header states none (RFC 8446 §B.4: 0x13xx suites are TLS 1.3-only; RFC 5246
 * §6.2.3.3 / RFC 5288: AEAD and SHA-256/384 record MACs need TLS 1.2; SSLv2 cipher kinds exist only in SSL 2.0), or
 * `null` when the suite also runs on older versions: then the header does not say which one was used.
 */
export function impliedVersion(suite: CipherSuite | null): TlsVersion | null {
  if (suite === null) return null;
  if (suite.keyExchange === 'TLS1.3') return 'TLSv1.3';
  const min = suite.minVersion;
  return min === 'TLSv1.3' || min === 'TLSv1.2' || min === 'SSLv2' ? min : null;
}
