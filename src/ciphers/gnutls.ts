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

/** GnuTLS cipher group → [IANA cipher part, AEAD, TLS 1.3 suite name]. */
function cipherGroup(g: string): readonly [string, boolean, string | null] | null {
  switch (g) {
    case 'AES_128_GCM':
      return ['AES_128_GCM', true, 'TLS_AES_128_GCM_SHA256'];
    case 'AES_256_GCM':
      return ['AES_256_GCM', true, 'TLS_AES_256_GCM_SHA384'];
    case 'CHACHA20_POLY1305':
      return ['CHACHA20_POLY1305', true, 'TLS_CHACHA20_POLY1305_SHA256'];
    case 'AES_128_CCM':
      return ['AES_128_CCM', true, 'TLS_AES_128_CCM_SHA256'];
    case 'AES_128_CCM_8':
      return ['AES_128_CCM_8', true, 'TLS_AES_128_CCM_8_SHA256'];
    case 'AES_256_CCM':
      return ['AES_256_CCM', true, null];
    case 'AES_256_CCM_8':
      return ['AES_256_CCM_8', true, null];
    case 'CAMELLIA_128_GCM':
      return ['CAMELLIA_128_GCM', true, null];
    case 'CAMELLIA_256_GCM':
      return ['CAMELLIA_256_GCM', true, null];
    case 'AES_128_CBC':
    case 'AES_256_CBC':
    case 'CAMELLIA_128_CBC':
    case 'CAMELLIA_256_CBC':
      return [g, false, null];
    case '3DES_CBC':
      return ['3DES_EDE_CBC', false, null];
    case 'ARCFOUR_128':
      return ['RC4_128', false, null];
    case 'ARCFOUR_40':
      return ['RC4_40', false, null];
    case 'NULL':
      return ['NULL', false, null];
    default:
      return null;
  }
}

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

/**
 * Parse `ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM`, `ECDHE_SECP256R1__RSA_SHA512__AES_256_CBC__SHA384`,
 * `DHE_RSA_2038__AES_256_CBC__SHA1` (upper case). `versionHint` decides TLS 1.3 vs 1.2 composition when known;
 * without it an AEAD description with a TLS 1.3-only signature scheme is read as TLS 1.3. Returns null when not this form.
 */
export function parseSessionDesc(upper: string, versionHint: TlsVersion | null): SessionDesc | null {
  const groups = upper.split('__').filter((g) => g.length > 0);
  if (groups.length < 2) return null;
  const kxTokens = (groups[0] ?? '').split('_');
  let kx: string | null = null;
  let auth: string | null = null;
  let group: string | null = null;
  let dhBits: number | null = null;
  const head = kxTokens[0];
  const second = kxTokens[1];
  if (head === 'ECDHE') {
    if (second === 'PSK') kx = 'ECDHE_PSK';
    else {
      kx = 'ECDHE';
      if (second === 'RSA' || second === 'ECDSA') auth = second;
      else if (second !== undefined) group = kxTokens.slice(1).join('_').toLowerCase();
    }
  } else if (head === 'DHE') {
    kx = 'DHE';
    if (second === 'PSK') kx = 'DHE_PSK';
    else if (second === 'RSA' || second === 'DSS') {
      auth = second;
      const bits = kxTokens[2] !== undefined ? smallInt(kxTokens[2]) : null;
      if (bits !== null) dhBits = bits;
    } else if (second !== undefined && second.startsWith('FFDHE')) {
      group = second.toLowerCase();
      dhBits = smallInt(second.slice(5));
    }
  } else if (head === 'RSA') kx = second === 'PSK' ? 'RSA_PSK' : 'RSA';
  else if (head === 'PSK') kx = 'PSK';
  else if ((head === 'ANON' && second === 'DH') || (head === 'DH' && second === 'ANON')) kx = 'DH_ANON';
  else if ((head === 'ANON' && second === 'ECDH') || (head === 'ECDH' && second === 'ANON')) kx = 'ECDH_ANON';
  if (kx === null) return null;

  let sig: string | null = null;
  let cipher: readonly [string, boolean, string | null] | null = null;
  let mac: string | null = null;
  for (let i = 1; i < groups.length; i++) {
    const g = groups[i] ?? '';
    if (cipher === null) {
      const c = cipherGroup(g);
      if (c !== null) cipher = c;
      else if (sig === null) sig = g;
    } else if (mac === null) mac = g;
  }
  if (cipher === null) return null;
  if (auth === null) auth = authOfSig(sig);

  const [cipherName, aead, tls13Name] = cipher;
  const asTls13 =
    tls13Name !== null &&
    mac === null &&
    (versionHint === 'TLSv1.3' || (versionHint === null && tls13Signature(sig)));
  if (asTls13) return { candidates: [tls13Name], group, dhBits };

  const kxPart = kx === 'ECDHE' || kx === 'DHE' ? (auth === null ? null : `${kx}_${auth}`) : kx;
  if (kxPart === null) return { candidates: [], group, dhBits };
  const base = `TLS_${kxPart}_WITH_${cipherName}`;
  let candidates: string[];
  if (aead) candidates = [base, base + '_SHA256', base + '_SHA384'];
  else {
    const m = mac === 'SHA1' ? 'SHA' : mac;
    candidates = m === null ? [] : [`${base}_${m}`];
  }
  return { candidates, group, dhBits };
}
