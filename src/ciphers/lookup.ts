/**
 * `lookupCipher`: any spelling of a cipher suite a Received header may carry → the IANA suite and its properties
 * (docs/grading.md, "Cipher names"). Map lookups on upper-cased names; no regex.
 * @module
 */
import type { TlsVersion } from '../types.js';
import { deriveFromIanaName } from './derive.js';
import { legacyGnutlsCandidates, parseSessionDesc } from './gnutls.js';
import { describeStructurally } from './structure.js';
import { catalogue } from './table.js';
import type { CipherSuite, SuiteProperties } from './types.js';
import { BoundedMemo } from '../text/bounded-memo.js';

/** 128 chars: the longest real suite name is ~50; a megabyte "cipher" must not be upper-cased and tokenised. */
export const MAX_CIPHER_NAME_LENGTH = 128;

/** 512 entries: memo of non-exact spellings; a flood of distinct garbage names must not grow memory without bound. */
const MAX_LOOKUP_CACHE = 512;

/** Resolved non-exact spellings (results are frozen and deterministic, so sharing them is safe). */
const cache = new BoundedMemo<CipherSuite | null>(MAX_LOOKUP_CACHE);

/** SChannel (Windows before 10) appends the ECDHE curve to the IANA name. */
const SCHANNEL_CURVES: readonly (readonly [string, string])[] = [
  ['_P256', 'secp256r1'],
  ['_P384', 'secp384r1'],
  ['_P521', 'secp521r1'],
];

function withFacts(suite: CipherSuite, group: string | null, dhBits: number | null): CipherSuite {
  if (group === null && dhBits === null) return suite;
  return Object.freeze({ ...suite, group, dhBits });
}

function partialSuite(props: SuiteProperties, group: string | null, dhBits: number | null): CipherSuite {
  return Object.freeze({
    iana: null,
    code: null,
    openssl: Object.freeze([]) as readonly string[],
    gnutls: null,
    ...props,
    recommended: null,
    group,
    dhBits,
    partial: true,
  });
}

/**
 * Spellings no naming rule derives: BoringSSL's TLS 1.3 names (Gmail, Cloudflare), and old GnuTLS RC4 names that
 * leave out the key size (`RSA_ARCFOUR_MD5`, Exim builds of the 2000s).
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['AEAD-AES128-GCM-SHA256', 'TLS_AES_128_GCM_SHA256'],
  ['AEAD-AES256-GCM-SHA384', 'TLS_AES_256_GCM_SHA384'],
  ['AEAD-CHACHA20-POLY1305-SHA256', 'TLS_CHACHA20_POLY1305_SHA256'],
  ['RSA_ARCFOUR_MD5', 'TLS_RSA_WITH_RC4_128_MD5'],
  ['RSA_ARCFOUR_SHA1', 'TLS_RSA_WITH_RC4_128_SHA'],
  ['RSA_ARCFOUR_SHA', 'TLS_RSA_WITH_RC4_128_SHA'],
]);

/** Exact spellings and the prefix rewrites that keep the rest of the name intact. */
function resolveExact(upper: string): CipherSuite | null {
  const { byName } = catalogue();
  const hit = byName.get(upper);
  if (hit !== undefined) return hit;
  const alias = ALIASES.get(upper);
  if (alias !== undefined) return byName.get(alias) ?? null;
  // Legacy SChannel/JSSE `SSL_RSA_WITH_…` and Stalwart's `TLS13_AES_256_GCM_SHA384`.
  if (upper.startsWith('SSL_') && !upper.startsWith('SSL_CK_')) return byName.get('TLS_' + upper.slice(4)) ?? null;
  if (upper.startsWith('TLS13_')) return byName.get('TLS_' + upper.slice(6)) ?? null;
  return null;
}

function firstKnown(candidates: readonly string[]): CipherSuite | null {
  const { byName } = catalogue();
  for (const c of candidates) {
    const hit = byName.get(c);
    if (hit !== undefined) return hit;
  }
  return null;
}

/** Properties of the first candidate that is a well-formed suite name (for spellings the catalogue does not have). */
function firstDerivable(candidates: readonly string[]): SuiteProperties | null {
  for (const c of candidates) {
    const p = deriveFromIanaName(c);
    if (p !== null) return p;
  }
  return null;
}

function resolve(upper: string, versionHint: TlsVersion | null): CipherSuite | null {
  const exact = resolveExact(upper);
  if (exact !== null) return exact;

  for (const [suffix, group] of SCHANNEL_CURVES) {
    if (upper.length > suffix.length && upper.endsWith(suffix)) {
      const base = resolveExact(upper.slice(0, -suffix.length));
      if (base !== null) return withFacts(base, group, null);
    }
  }

  if (upper.includes('__')) {
    const desc = parseSessionDesc(upper, versionHint);
    if (desc !== null) {
      const hit = firstKnown(desc.candidates);
      if (hit !== null) return withFacts(hit, desc.group, desc.dhBits);
      const props = firstDerivable(desc.candidates) ?? describeStructurally(upper);
      return props === null ? null : partialSuite(props, desc.group, desc.dhBits);
    }
  }

  const gnutls = legacyGnutlsCandidates(upper);
  const viaGnutls = firstKnown(gnutls);
  if (viaGnutls !== null) return viaGnutls;

  // A well-formed IANA-style name that is not registered (a draft, a typo'd MAC) still states its parts.
  const iana = upper.startsWith('SSL_') && !upper.startsWith('SSL_CK_') ? 'TLS_' + upper.slice(4) : upper;
  const derived = deriveFromIanaName(iana) ?? firstDerivable(gnutls) ?? describeStructurally(upper);
  return derived === null ? null : partialSuite(derived, null, null);
}

/**
 * Resolve any spelling of a cipher suite, case-insensitively: IANA (`TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`), OpenSSL
 * (`ECDHE-RSA-AES256-GCM-SHA384`, `EDH-DSS-DES-CBC3-SHA`, `…-OLD`), legacy `SSL_` prefixes, SChannel `_P256/_P384/_P521`
 * (group kept), legacy GnuTLS (`RSA_ARCFOUR_128_MD5`), Exim's GnuTLS session description
 * (`ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM`, DH bits kept), Stalwart `TLS13_…` and TLS 1.3 names (RFC 8446 §B.4).
 *
 * A name not in the catalogue is read from its parts and returned with `partial: true`; `null` means nothing in the name
 * could be recognised (or it is empty / longer than `MAX_CIPHER_NAME_LENGTH`). `versionHint` (the negotiated version,
 * when known) only decides between TLS 1.3 and 1.2 for GnuTLS session descriptions, which do not say. Never throws.
 * @example
 * ```ts
 * lookupCipher('ECDHE-RSA-AES256-GCM-SHA384')?.iana; // 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' (OpenSSL spelling)
 * lookupCipher('TLS_ECDHE_RSA_AES_256_GCM_SHA384')?.forwardSecrecy; // true (GnuTLS spelling)
 * lookupCipher('RC4-SHA')?.cipher; // 'RC4'
 * lookupCipher('nonsense'); // null
 * ```
 */
export function lookupCipher(name: string, versionHint?: TlsVersion | null): CipherSuite | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_CIPHER_NAME_LENGTH) return null;
  const upper = trimmed.toUpperCase();
  const exact = catalogue().byName.get(upper);
  if (exact !== undefined) return exact;
  const hint = versionHint ?? null;
  const key = hint === null ? upper : `${upper}\u0000${hint}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const result = resolve(upper, hint);
  cache.set(key, result);
  return result;
}

/** The catalogue suite with this code point (`0xC0,0x30`, upper-case hex as IANA writes it), or `null`. */
export function lookupCipherByCode(code: string): CipherSuite | null {
  if (typeof code !== 'string' || code.length > 16) return null;
  return catalogue().byCode.get(code.trim().toUpperCase().replaceAll('0X', '0x')) ?? null;
}

/** Every catalogue suite, in code-point order (frozen objects). */
export function allCipherSuites(): readonly CipherSuite[] {
  return catalogue().suites;
}
