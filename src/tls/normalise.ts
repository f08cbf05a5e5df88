/**
 * The one place where TLS facts as written become normalised ones: version text → `TlsVersion`, cipher → IANA name,
 * version inferred from the cipher when not stated (docs/grading.md, "Version spellings",
 * docs/grading.md rule 3). Everything else in src/tls keeps text as written.
 * @module
 */
import { lookupCipher } from '../ciphers/lookup.js';
import type { CipherSuite } from '../ciphers/types.js';
import { impliedVersion, normaliseTlsVersion } from '../grade/version.js';
import type { TlsVersion } from '../types.js';
import { BoundedMemo } from '../text/bounded-memo.js';

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

/**
 * `TLSv1` / `TLS1_2` / `TLS-1.0` / `TLS1.2-PKIX` / `TLS12` → `TlsVersion`; `TLSv1/SSLv3` (OpenSSL ≤ 1.0.2's cipher
 * version string), bare `TLS`/`SSL` and anything unknown → null (the version must then come from the cipher). The
 * grader's own reading (`normaliseTlsVersion`), so a hop and `gradeTls` never disagree on a spelling.
 */
export function versionFromText(text: string | null): TlsVersion | null {
  return text === null ? null : normaliseTlsVersion(text).version;
}

/**
 * 512 names: the same few dozen suites recur across millions of hops, so lookups are memoised; a flood of distinct
 * attacker-written names only ever costs two maps of dead entries, never unbounded memory.
 */
const MAX_CACHED_NAMES = 512;
const cache = new BoundedMemo<CipherSuite | null>(MAX_CACHED_NAMES);

/** `lookupCipher` with a bounded memo keyed on the name as written (and the version hint it depends on). */
export function cachedLookupCipher(name: string, versionHint: TlsVersion | null = null): CipherSuite | null {
  const key = versionHint === null ? name : `${versionHint} ${name}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const suite = lookupCipher(name, versionHint);
  cache.set(key, suite);
  return suite;
}

/** Normalise version and cipher as written. Never throws; unknown input gives nulls. */
export function normaliseTls(versionText: string | null, cipher: string | null): NormalisedTls {
  const stated = versionFromText(versionText);
  const suite = cipher === null ? null : cachedLookupCipher(cipher, stated);
  let version = stated;
  let versionInferred = false;
  if (version === null && suite !== null) {
    version = impliedVersion(suite);
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
