/**
 * The one place where TLS facts as written become normalised ones: version text → `TlsVersion`, cipher → the suite
 * and its IANA name, version inferred from the suite when not stated (docs/grading.md, "Version spellings",
 * docs/grading.md rule 3). Everything else in src/tls keeps text as written. The grader is handed what this found
 * (src/hop/grade-hop.ts), so a hop's version is read and its cipher looked up once.
 * @module
 */
import { lookupCipher } from '../ciphers/lookup.js';
import type { CipherSuite } from '../ciphers/types.js';
import type { TlsVersion } from '../types.js';
import { impliedVersion, normaliseTlsVersion, NO_VERSION, type NormalisedVersion } from './version.js';

/** What normalisation adds to the facts as written. */
export interface NormalisedTls {
  /** What the version text says by itself (before inference from the suite). */
  readonly stated: NormalisedVersion;
  /** The cipher as looked up (with the stated version as the hint), or null when absent or unreadable. */
  readonly suite: CipherSuite | null;
  readonly version: TlsVersion | null;
  readonly versionInferred: boolean;
  readonly cipherIana: string | null;
  /** Group the cipher spelling states (SChannel `_P384`, GnuTLS `ECDHE_X25519`), or null. */
  readonly group: string | null;
  /** `true` when the suite encrypts nothing (RFC 5246 §6.2.3 NULL cipher). */
  readonly nullCipher: boolean;
}

/**
 * Normalise version and cipher as written. The cipher goes to `lookupCipher` (whose memo is the only one: the same
 * few dozen suites recur across millions of hops). Never throws; unknown input gives nulls.
 */
export function normaliseTls(versionText: string | null, cipher: string | null): NormalisedTls {
  const stated = versionText === null ? NO_VERSION : normaliseTlsVersion(versionText);
  const suite = cipher === null ? null : lookupCipher(cipher, stated.version);
  let version = stated.version;
  let versionInferred = false;
  if (version === null && suite !== null) {
    version = impliedVersion(suite);
    versionInferred = version !== null;
  }
  return {
    stated,
    suite,
    version,
    versionInferred,
    cipherIana: suite === null || suite.partial ? null : suite.iana,
    group: suite?.group ?? null,
    nullCipher: suite !== null && suite.cipher === 'NULL',
  };
}
