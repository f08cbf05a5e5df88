/**
 * Properties of a cipher suite read from its IANA-style name (`TLS_<KX>[_EXPORT]_WITH_<CIPHER>_<MAC>`, RFC 5246
 * Appendix A.5; TLS 1.3 `TLS_<AEAD>_<HASH>`, RFC 8446 §B.4). The catalogue generator uses this to write the table, and
 * `lookupCipher` uses it for well-formed names that are not in the table. Plain string scanning, no regex.
 * @module
 */
import type { TlsVersion } from '../types.js';
import type { Authentication, BulkCipher, CipherMode, KeyExchange, MacAlgorithm, SuiteProperties } from './types.js';

/** [family, authentication, forward secrecy] for each key-exchange prefix of an IANA name (upper case). */
type KxInfo = readonly [KeyExchange, Authentication, boolean];

const KX_TABLE: ReadonlyMap<string, KxInfo> = new Map<string, KxInfo>([
  ['NULL', ['NULL', 'NULL', false]],
  ['RSA', ['RSA', 'RSA', false]],
  ['DH_DSS', ['DH', 'DH', false]],
  ['DH_RSA', ['DH', 'DH', false]],
  ['DHE_DSS', ['DHE', 'DSS', true]],
  ['DHE_RSA', ['DHE', 'RSA', true]],
  ['DH_ANON', ['DH_anon', 'anon', true]],
  ['KRB5', ['KRB5', 'KRB5', false]],
  ['PSK', ['PSK', 'PSK', false]],
  ['DHE_PSK', ['DHE_PSK', 'PSK', true]],
  ['PSK_DHE', ['DHE_PSK', 'PSK', true]],
  ['RSA_PSK', ['RSA_PSK', 'RSA', false]],
  ['ECDHE_PSK', ['ECDHE_PSK', 'PSK', true]],
  ['ECDH_ECDSA', ['ECDH', 'ECDH', false]],
  ['ECDH_RSA', ['ECDH', 'ECDH', false]],
  ['ECDHE_ECDSA', ['ECDHE', 'ECDSA', true]],
  ['ECDHE_RSA', ['ECDHE', 'RSA', true]],
  ['ECDH_ANON', ['ECDH_anon', 'anon', true]],
  ['SRP_SHA', ['SRP', 'SRP', true]],
  ['SRP_SHA_RSA', ['SRP', 'RSA', true]],
  ['SRP_SHA_DSS', ['SRP', 'DSS', true]],
  ['ECCPWD', ['ECCPWD', 'ECCPWD', true]],
  ['GOSTR341112_256', ['GOST', 'GOST', false]],
  ['GOSTR341001', ['GOST', 'GOST', false]],
  ['GOSTR341094', ['GOST', 'GOST', false]],
]);

/** One bulk-cipher spelling: [token, cipher, effective bits, mode, block bits, truncated tag, fixed MAC]. */
type CipherInfo = readonly [string, BulkCipher, number, CipherMode, number | null, boolean, MacAlgorithm | null];

function blockFamily(name: 'AES' | 'CAMELLIA' | 'ARIA', cipher: BulkCipher): CipherInfo[] {
  const out: CipherInfo[] = [];
  for (const bits of [128, 256]) {
    // CCM_8 before CCM: the longer token must win.
    out.push([`${name}_${bits}_CCM_8`, cipher, bits, 'AEAD', 128, true, null]);
    out.push([`${name}_${bits}_CCM`, cipher, bits, 'AEAD', 128, false, null]);
    out.push([`${name}_${bits}_GCM`, cipher, bits, 'AEAD', 128, false, null]);
    out.push([`${name}_${bits}_CBC`, cipher, bits, 'CBC', 128, false, null]);
  }
  return out;
}

/** Bulk-cipher tokens after `_WITH_` (or after `TLS_` for TLS 1.3), longest first where one prefixes another. */
const CIPHERS: readonly CipherInfo[] = [
  ['NULL', 'NULL', 0, 'none', null, false, null],
  ['RC4_128', 'RC4', 128, 'stream', null, false, null],
  ['RC4_64', 'RC4', 64, 'stream', null, false, null],
  ['RC4_56', 'RC4', 56, 'stream', null, false, null],
  ['RC4_40', 'RC4', 40, 'stream', null, false, null],
  ['RC2_CBC_128', 'RC2', 128, 'CBC', 64, false, null],
  ['RC2_CBC_56', 'RC2', 56, 'CBC', 64, false, null],
  ['RC2_CBC_40', 'RC2', 40, 'CBC', 64, false, null],
  ['RC2_56', 'RC2', 56, 'CBC', 64, false, null],
  ['IDEA_CBC', 'IDEA', 128, 'CBC', 64, false, null],
  ['DES40_CBC', 'DES', 40, 'CBC', 64, false, null],
  ['DES_CBC_40', 'DES', 40, 'CBC', 64, false, null],
  ['DES_CBC', 'DES', 56, 'CBC', 64, false, null],
  ['3DES_EDE_CBC', '3DES', 112, 'CBC', 64, false, null],
  ...blockFamily('AES', 'AES'),
  ...blockFamily('CAMELLIA', 'Camellia'),
  ...blockFamily('ARIA', 'ARIA'),
  ['SEED_CBC', 'SEED', 128, 'CBC', 128, false, null],
  ['CHACHA20_POLY1305', 'ChaCha20', 256, 'AEAD', null, false, null],
  ['SM4_GCM', 'SM4', 128, 'AEAD', 128, false, null],
  ['SM4_CCM', 'SM4', 128, 'AEAD', 128, false, null],
  ['AEGIS_256', 'AEGIS', 256, 'AEAD', null, false, null],
  ['AEGIS_128L', 'AEGIS', 128, 'AEAD', null, false, null],
  ['ASCONAEAD128', 'ASCON', 128, 'AEAD', null, false, null],
  ['KUZNYECHIK_CTR_OMAC', 'Kuznyechik', 256, 'stream', 128, false, 'GOST'],
  ['MAGMA_CTR_OMAC', 'Magma', 256, 'stream', 64, false, 'GOST'],
  ['28147_CNT_IMIT', 'GOST28147', 256, 'stream', 64, false, 'GOST'],
  ['KUZNYECHIK_MGM_L', 'Kuznyechik', 256, 'AEAD', 128, false, null],
  ['KUZNYECHIK_MGM_S', 'Kuznyechik', 256, 'AEAD', 128, false, null],
  ['MAGMA_MGM_L', 'Magma', 256, 'AEAD', 64, false, null],
  ['MAGMA_MGM_S', 'Magma', 256, 'AEAD', 64, false, null],
];

/** HMAC / PRF hash tokens at the end of a name. */
const MACS: ReadonlyMap<string, MacAlgorithm> = new Map<string, MacAlgorithm>([
  ['SHA', 'SHA1'],
  ['SHA1', 'SHA1'],
  ['SHA256', 'SHA256'],
  ['SHA384', 'SHA384'],
  ['SHA512', 'SHA512'],
  ['MD5', 'MD5'],
  ['SM3', 'SM3'],
  ['NULL', 'NULL'],
  ['ASCONHASH256', 'SHA256'],
  ['GOSTR3411', 'GOST'],
]);

/** Integrity-only TLS 1.3 suites (RFC 9150): no cipher, the hash is both PRF and MAC. */
const INTEGRITY_ONLY: ReadonlySet<string> = new Set(['SHA256_SHA256', 'SHA384_SHA384']);

/** The PSK key exchanges (RFC 4279, RFC 5489): their SHA-256/384 suites run from TLS 1.0 (RFC 5487 §3.2). */
export const PSK_FAMILIES: ReadonlySet<KeyExchange> = new Set<KeyExchange>(['PSK', 'DHE_PSK', 'ECDHE_PSK', 'RSA_PSK']);

function findCipher(rest: string): { info: CipherInfo; tail: string } | null {
  for (const info of CIPHERS) {
    const token = info[0];
    if (rest === token) return { info, tail: '' };
    if (rest.length > token.length && rest.startsWith(token) && rest.charCodeAt(token.length) === 95 /* _ */) {
      return { info, tail: rest.slice(token.length + 1) };
    }
  }
  return null;
}

function minVersionFor(kx: KeyExchange, mode: CipherMode, mac: MacAlgorithm): TlsVersion {
  if (kx === 'TLS1.3') return 'TLSv1.3';
  // AEAD records and SHA-2 PRFs exist only from TLS 1.2 (RFC 5246 §6.2.3.3, RFC 5288 §4); RFC 5487/5489 let the
  // PSK families use HMAC-SHA256/384 from TLS 1.0.
  if (mode === 'AEAD') return 'TLSv1.2';
  if ((mac === 'SHA256' || mac === 'SHA384') && !PSK_FAMILIES.has(kx)) return 'TLSv1.2';
  if (kx === 'GOST' && mac === 'GOST') return 'TLSv1.2';
  if (PSK_FAMILIES.has(kx) && (mac === 'SHA256' || mac === 'SHA384')) return 'TLSv1.0';
  // ECC/PSK/SRP suites are defined for TLS, but OpenSSL 1.0.x negotiated them over SSLv3 too, and Postfix logged
  // "SSLv3 with cipher ECDHE-RSA-AES256-SHA": a TLS 1.0 floor would flag real headers as inconsistent.
  return 'SSLv3';
}

function assemble(
  kx: KxInfo,
  exportGrade: boolean,
  info: CipherInfo,
  tail: string,
  tls13: boolean,
): SuiteProperties | null {
  const [, cipher, bits, mode, blockBits, truncatedTag, fixedMac] = info;
  let macTail = tail;
  // Pre-RFC 7905 ChaCha20 draft suites carry an `_OLD` marker in the testssl/OpenSSL spelling.
  if (macTail.endsWith('_OLD')) macTail = macTail.slice(0, -4);
  let mac: MacAlgorithm;
  if (fixedMac !== null) {
    if (macTail !== '') return null;
    mac = fixedMac;
  } else if (mode === 'AEAD') {
    // The trailing hash of an AEAD suite is the PRF hash, not a record MAC.
    if (macTail !== '' && !MACS.has(macTail)) return null;
    mac = 'AEAD';
  } else {
    const m = MACS.get(macTail);
    if (m === undefined) return null;
    mac = m;
  }
  const keyExchange = kx[0];
  // MGM suites are TLS 1.3 suites that still spell the GOST signature in front of `_WITH_` (RFC 9367).
  const isTls13 = tls13 || (keyExchange === 'GOST' && mode === 'AEAD');
  return {
    keyExchange: isTls13 ? 'TLS1.3' : keyExchange,
    authentication: isTls13 ? 'TLS1.3' : kx[1],
    forwardSecrecy: isTls13 ? true : kx[2],
    cipher,
    mode,
    bits,
    blockBits,
    truncatedTag,
    mac,
    export: exportGrade,
    minVersion: minVersionFor(isTls13 ? 'TLS1.3' : keyExchange, mode, mac),
  };
}

const TLS13_KX: KxInfo = ['TLS1.3', 'TLS1.3', true];

/** SSLv2 cipher kinds, `SSL_CK_<CIPHER>_WITH_<MAC>` (draft-hickman-netscape-ssl-00): RSA key exchange, SSLv2 only. */
function deriveSsl2(upper: string): SuiteProperties | null {
  const body = upper.slice('SSL_CK_'.length);
  const at = body.indexOf('_WITH_');
  if (at <= 0) return null;
  let c = body.slice(0, at);
  const macName = body.slice(at + 6);
  let exportGrade = false;
  const exp = c.indexOf('_EXPORT40');
  if (exp >= 0) {
    exportGrade = true;
    c = c.slice(0, exp) + c.slice(exp + '_EXPORT40'.length);
  }
  let info: CipherInfo | null = null;
  if (c === 'RC4_128') info = ['', 'RC4', exportGrade ? 40 : 128, 'stream', null, false, null];
  else if (c === 'RC4_64') info = ['', 'RC4', 64, 'stream', null, false, null];
  else if (c === 'RC2_128_CBC') info = ['', 'RC2', exportGrade ? 40 : 128, 'CBC', 64, false, null];
  else if (c === 'IDEA_128_CBC') info = ['', 'IDEA', 128, 'CBC', 64, false, null];
  else if (c === 'DES_64_CBC') info = ['', 'DES', 56, 'CBC', 64, false, null];
  else if (c === 'DES_192_EDE3_CBC') info = ['', '3DES', 112, 'CBC', 64, false, null];
  const mac = MACS.get(macName);
  if (info === null || mac === undefined) return null;
  return {
    keyExchange: 'RSA',
    authentication: 'RSA',
    forwardSecrecy: false,
    cipher: info[1],
    mode: info[3],
    bits: info[2],
    blockBits: info[4],
    truncatedTag: false,
    mac,
    export: exportGrade,
    minVersion: 'SSLv2',
  };
}

/**
 * Read the properties of an IANA-style suite name (case-insensitive; `SSL_` prefix accepted as the legacy SChannel/JSSE
 * spelling, `SSL_CK_` as SSLv2 kinds). Returns `null` when the name is not a well-formed suite name, including the
 * signalling values `TLS_EMPTY_RENEGOTIATION_INFO_SCSV` (RFC 5746) and `TLS_FALLBACK_SCSV` (RFC 7507).
 */
export function deriveFromIanaName(name: string): SuiteProperties | null {
  const upper = name.toUpperCase();
  if (upper.startsWith('SSL_CK_')) return deriveSsl2(upper);
  if (!upper.startsWith('TLS_') && !upper.startsWith('SSL_')) return null;
  const body = upper.slice(4);
  const at = body.indexOf('_WITH_');
  if (at < 0) {
    if (INTEGRITY_ONLY.has(body)) {
      const mac = MACS.get(body.slice(0, 6)) ?? 'unknown';
      return assemble(TLS13_KX, false, ['', 'NULL', 0, 'none', null, false, mac], '', true);
    }
    const found = findCipher(body);
    if (found === null || found.info[3] !== 'AEAD') return null;
    return assemble(TLS13_KX, false, found.info, found.tail, true);
  }
  let kxName = body.slice(0, at);
  let exportGrade = false;
  for (const marker of ['_EXPORT1024', '_EXPORT']) {
    if (kxName.endsWith(marker)) {
      exportGrade = true;
      kxName = kxName.slice(0, -marker.length);
      break;
    }
  }
  const kx = KX_TABLE.get(kxName);
  if (kx === undefined) return null;
  const found = findCipher(body.slice(at + 6));
  if (found === null) return null;
  return assemble(kx, exportGrade, found.info, found.tail, false);
}
