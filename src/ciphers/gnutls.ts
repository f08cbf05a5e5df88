/**
 * GnuTLS spellings → IANA names: the legacy suite names of `gnutls_cipher_suite_get_name()` and the session
 * description Exim builds from `gnutls_session_get_desc()` (docs/grading.md, "Cipher names").
 * @module
 */
import type { TlsVersion } from '../types.js';
import { smallInt } from './structure.js';

/** Key-exchange prefixes of legacy GnuTLS names, longest first (token-aligned). */
const LEGACY_KX: readonly string[] = [
  'ECDHE_ECDSA',
  'ECDHE_RSA',
  'ECDHE_PSK',
  'ECDH_ECDSA',
  'ECDH_RSA',
  'ECDH_ANON',
  'DHE_RSA',
  'DHE_DSS',
  'DHE_PSK',
  'DH_ANON',
  'DH_RSA',
  'DH_DSS',
  'RSA_PSK',
  'SRP_SHA_RSA',
  'SRP_SHA_DSS',
  'SRP_SHA',
  'PSK',
  'RSA',
  'KRB5',
];

function gnutlsCipherToIana(tokens: readonly string[]): string {
  const out: string[] = [];
  for (const t of tokens) out.push(t === 'ARCFOUR' ? 'RC4' : t);
  return out.join('_');
}

/**
 * `ECDHE_RSA_AES_256_GCM_SHA384` / `TLS_RSA_ARCFOUR_128_MD5` → IANA candidates (`TLS_RSA_WITH_RC4_128_MD5`), most
 * likely first. Upper-case input; returns `[]` when the name is not in that shape.
 */
export function legacyGnutlsCandidates(upper: string): string[] {
  const body = upper.startsWith('TLS_') ? upper.slice(4) : upper;
  if (body.includes('_WITH_') || body.includes('__')) return [];
  for (const kx of LEGACY_KX) {
    if (!body.startsWith(kx + '_')) continue;
    const tokens = body.slice(kx.length + 1).split('_');
    const last = tokens[tokens.length - 1];
    if (last === 'SHA1') tokens[tokens.length - 1] = 'SHA';
    const base = `TLS_${kx}_WITH_${gnutlsCipherToIana(tokens)}`;
    // GnuTLS drops the PRF hash of some AEAD suites (`DHE_RSA_CHACHA20_POLY1305`).
    return [base, base + '_SHA256', base + '_SHA384'];
  }
  return [];
}

/** What a GnuTLS session description states, before it is matched against the catalogue. */
export interface SessionDesc {
  /** IANA name candidates, most likely first. */
  readonly candidates: readonly string[];
  /** Key-exchange group, lower case (`x25519`, `secp256r1`, `ffdhe2048`), when stated. */
  readonly group: string | null;
  /** DH prime size when stated (`DHE_RSA_2038`, `FFDHE3072`). */
  readonly dhBits: number | null;
}

/** A GnuTLS cipher group: its IANA cipher part, whether it is AEAD, and its TLS 1.3 suite when it has one. */
interface CipherGroup {
  readonly iana: string;
  readonly aead: boolean;
  readonly tls13: string | null;
}

const aead = (iana: string, tls13: string | null = null): CipherGroup => ({ iana, aead: true, tls13 });
const withMac = (iana: string): CipherGroup => ({ iana, aead: false, tls13: null });

/** The cipher groups of GnuTLS session descriptions (`AES-256-GCM` in Exim's `(AES-256-GCM)`), upper case. */
const CIPHER_GROUPS: ReadonlyMap<string, CipherGroup> = new Map([
  ['AES_128_GCM', aead('AES_128_GCM', 'TLS_AES_128_GCM_SHA256')],
  ['AES_256_GCM', aead('AES_256_GCM', 'TLS_AES_256_GCM_SHA384')],
  ['CHACHA20_POLY1305', aead('CHACHA20_POLY1305', 'TLS_CHACHA20_POLY1305_SHA256')],
  ['AES_128_CCM', aead('AES_128_CCM', 'TLS_AES_128_CCM_SHA256')],
  ['AES_128_CCM_8', aead('AES_128_CCM_8', 'TLS_AES_128_CCM_8_SHA256')],
  ['AES_256_CCM', aead('AES_256_CCM')],
  ['AES_256_CCM_8', aead('AES_256_CCM_8')],
  ['CAMELLIA_128_GCM', aead('CAMELLIA_128_GCM')],
  ['CAMELLIA_256_GCM', aead('CAMELLIA_256_GCM')],
  ['AES_128_CBC', withMac('AES_128_CBC')],
  ['AES_256_CBC', withMac('AES_256_CBC')],
  ['CAMELLIA_128_CBC', withMac('CAMELLIA_128_CBC')],
  ['CAMELLIA_256_CBC', withMac('CAMELLIA_256_CBC')],
  ['3DES_CBC', withMac('3DES_EDE_CBC')],
  ['ARCFOUR_128', withMac('RC4_128')],
  ['ARCFOUR_40', withMac('RC4_40')],
  ['NULL', withMac('NULL')],
]);

function authOfSig(sig: string | null): string | null {
  if (sig === null) return null;
  if (sig.startsWith('RSA')) return 'RSA';
  if (sig.startsWith('ECDSA') || sig.startsWith('ED25519') || sig.startsWith('ED448') || sig.startsWith('EDDSA')) return 'ECDSA';
  if (sig.startsWith('DSA')) return 'DSS';
  return null;
}

/** Signature names only TLS 1.3 uses (the curve is bound to the scheme there, RFC 8446 §4.2.3). */
function tls13Signature(sig: string | null): boolean {
  return sig !== null && (sig.startsWith('RSA_PSS') || sig.startsWith('ECDSA_SECP') || sig.startsWith('ED25519') || sig.startsWith('ED448'));
}

/** The key-exchange group of a description (`ECDHE_X25519`, `DHE_RSA_2038`): the IANA key-exchange part and its facts. */
interface KeyExchangeGroup {
  /** `ECDHE`, `DHE` (the authentication comes later), or a complete IANA part (`ECDHE_PSK`, `RSA`, `DH_ANON`). */
  readonly kx: string;
  /** `RSA`, `ECDSA`, `DSS` when the group names it. */
  readonly auth: string | null;
  readonly group: string | null;
  readonly dhBits: number | null;
}

const kxOnly = (kx: string): KeyExchangeGroup => ({ kx, auth: null, group: null, dhBits: null });

/** `ECDHE_PSK`, `ECDHE_RSA`, `ECDHE_X25519`, `ECDHE_SECP256R1`. */
function ecdheGroup(tokens: readonly string[]): KeyExchangeGroup {
  const second = tokens[1];
  if (second === 'PSK') return kxOnly('ECDHE_PSK');
  if (second === 'RSA' || second === 'ECDSA') return { kx: 'ECDHE', auth: second, group: null, dhBits: null };
  return { kx: 'ECDHE', auth: null, group: second === undefined ? null : tokens.slice(1).join('_').toLowerCase(), dhBits: null };
}

/** `DHE_PSK`, `DHE_RSA_2038` (the prime size), `DHE_FFDHE3072`. */
function dheGroup(tokens: readonly string[]): KeyExchangeGroup {
  const second = tokens[1];
  if (second === 'PSK') return kxOnly('DHE_PSK');
  if (second === 'RSA' || second === 'DSS') {
    return { kx: 'DHE', auth: second, group: null, dhBits: tokens[2] === undefined ? null : smallInt(tokens[2]) };
  }
  if (second !== undefined && second.startsWith('FFDHE')) {
    return { kx: 'DHE', auth: null, group: second.toLowerCase(), dhBits: smallInt(second.slice(5)) };
  }
  return kxOnly('DHE');
}

function keyExchangeGroup(text: string): KeyExchangeGroup | null {
  const tokens = text.split('_');
  const [head, second] = tokens;
  if (head === 'ECDHE') return ecdheGroup(tokens);
  if (head === 'DHE') return dheGroup(tokens);
  if (head === 'RSA') return kxOnly(second === 'PSK' ? 'RSA_PSK' : 'RSA');
  if (head === 'PSK') return kxOnly('PSK');
  const pair = head === 'ANON' ? second : second === 'ANON' ? head : undefined;
  if (pair === 'DH') return kxOnly('DH_ANON');
  if (pair === 'ECDH') return kxOnly('ECDH_ANON');
  return null;
}

/** The groups after the key exchange: the signature before the cipher, the cipher, and the MAC after it. */
function readCipherGroups(groups: readonly string[]): { sig: string | null; cipher: CipherGroup; mac: string | null } | null {
  let sig: string | null = null;
  let cipher: CipherGroup | null = null;
  let mac: string | null = null;
  for (const g of groups.slice(1)) {
    if (cipher === null) {
      cipher = CIPHER_GROUPS.get(g) ?? null;
      if (cipher === null && sig === null) sig = g;
    } else if (mac === null) mac = g;
  }
  return cipher === null ? null : { sig, cipher, mac };
}

/** IANA candidates of a TLS 1.2-style composition: `TLS_<kx>_WITH_<cipher>[_<MAC or PRF hash>]`. */
function tls12Candidates(kx: KeyExchangeGroup, auth: string | null, cipher: CipherGroup, macName: string | null): string[] {
  const kxPart = kx.kx === 'ECDHE' || kx.kx === 'DHE' ? (auth === null ? null : `${kx.kx}_${auth}`) : kx.kx;
  if (kxPart === null) return [];
  const base = `TLS_${kxPart}_WITH_${cipher.iana}`;
  if (cipher.aead) return [base, base + '_SHA256', base + '_SHA384'];
  const m = macName === 'SHA1' ? 'SHA' : macName;
  return m === null ? [] : [`${base}_${m}`];
}

/**
 * Parse `ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM`, `ECDHE_SECP256R1__RSA_SHA512__AES_256_CBC__SHA384`,
 * `DHE_RSA_2038__AES_256_CBC__SHA1` (upper case). `versionHint` decides TLS 1.3 vs 1.2 composition when known;
 * without it an AEAD description with a TLS 1.3-only signature scheme is read as TLS 1.3. Returns null when not this form.
 */
export function parseSessionDesc(upper: string, versionHint: TlsVersion | null): SessionDesc | null {
  const groups = upper.split('__').filter((g) => g.length > 0);
  if (groups.length < 2) return null;
  const kx = keyExchangeGroup(groups[0] ?? '');
  if (kx === null) return null;
  const rest = readCipherGroups(groups);
  if (rest === null) return null;
  const { group, dhBits } = kx;
  const { sig, cipher, mac } = rest;
  const tls13 = cipher.tls13;
  if (tls13 !== null && mac === null && (versionHint === 'TLSv1.3' || (versionHint === null && tls13Signature(sig)))) {
    return { candidates: [tls13], group, dhBits };
  }
  return { candidates: tls12Candidates(kx, kx.auth ?? authOfSig(sig), cipher, mac), group, dhBits };
}
