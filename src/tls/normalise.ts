/**
 * The one place where TLS facts as written become normalised ones: version text → `TlsVersion`, cipher → IANA name,
 * version inferred from the cipher when not stated (research/tls-grading.md §(d) "Version normalisation",
 * GRADING.md rule 3). Everything else in src/tls keeps text as written.
 * @module
 */
import { lookupCipher } from '../ciphers/lookup.js';
import type { CipherSuite } from '../ciphers/types.js';
import type { TlsVersion } from '../types.js';

/** What normalisation adds to the facts as written. */
export interface NormalisedTls {
  readonly version: TlsVersion | null;
  readonly versionInferred: boolean;
  readonly cipherIana: string | null;
  /** Group the cipher spelling states (SChannel `_P384`, GnuTLS `ECDHE_X25519`), or null. */
  readonly group: string | null;
  /** `true` when the suite encrypts nothing (RFC 5246 §6.2.3 NULL cipher). */
  readonly nullCipher: boolean;
}

const VERSIONS: ReadonlyMap<string, TlsVersion> = new Map([
  ['SSL2', 'SSLv2'],
  ['SSL2.0', 'SSLv2'],
  ['SSL3', 'SSLv3'],
  ['SSL3.0', 'SSLv3'],
  ['TLS1', 'TLSv1.0'],
  ['TLS1.0', 'TLSv1.0'],
  ['TLS10', 'TLSv1.0'],
  ['TLS1.1', 'TLSv1.1'],
  ['TLS11', 'TLSv1.1'],
  ['TLS1.2', 'TLSv1.2'],
  ['TLS12', 'TLSv1.2'],
  ['TLS1.3', 'TLSv1.3'],
  ['TLS13', 'TLSv1.3'],
]);

/** Longest version text worth normalising. */
const MAX_VERSION_TEXT = 24;

/**
 * `TLSv1` / `TLS1_2` / `TLS-1.0` / `TLS1.2-PKIX` / `TLS12` → `TlsVersion`; `TLSv1/SSLv3` (OpenSSL ≤ 1.0.2's cipher
 * version string), bare `TLS`/`SSL` and anything unknown → null (the version must then come from the cipher).
 */
export function versionFromText(text: string | null): TlsVersion | null {
  if (text === null || text.length === 0 || text.length > MAX_VERSION_TEXT) return null;
  let key = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === 'v' || c === 'V' || c === ' ') continue;
    // `-` before a digit is a separator (`TLS-1.0`); after the number it starts GnuTLS's cert-type suffix.
    if (c === '-') {
      if (i === 3) continue;
      break;
    }
    key += c === '_' ? '.' : c.toUpperCase();
  }
  return VERSIONS.get(key) ?? null;
}

function inferFromSuite(suite: CipherSuite): TlsVersion | null {
  if (suite.keyExchange === 'TLS1.3' || suite.minVersion === 'TLSv1.3') return 'TLSv1.3';
  if (suite.minVersion === 'TLSv1.2') return 'TLSv1.2';
  return null;
}

/** Normalise version and cipher as written. Never throws; unknown input gives nulls. */
export function normaliseTls(versionText: string | null, cipher: string | null): NormalisedTls {
  const stated = versionFromText(versionText);
  const suite = cipher === null ? null : lookupCipher(cipher, stated);
  let version = stated;
  let versionInferred = false;
  if (version === null && suite !== null) {
    version = inferFromSuite(suite);
    versionInferred = version !== null;
  }
  return {
    version,
    versionInferred,
    cipherIana: suite === null || suite.partial ? null : suite.iana,
    group: suite?.group ?? null,
    nullCipher: suite !== null && suite.cipher === 'NULL',
  };
}
