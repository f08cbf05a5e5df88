/**
 * Structural reading of a cipher name the catalogue does not know (`ECDHE-RSA-AES512-GCM-SHA384`, a vendor spelling…):
 * recognise the key-exchange, cipher, mode and MAC words and report what they say, `unknown`/`null` for the rest.
 * This is the last resort of `lookupCipher` (docs/grading.md, "Cipher names": the word-by-word last resort); its results are always `partial`.
 * @module
 */
import type { TlsVersion } from '../types.js';
import type { Authentication, BulkCipher, CipherMode, KeyExchange, MacAlgorithm, SuiteProperties } from './types.js';

/** Split on the separators vendors use (`-`, `_`, space, `/`, `:`, `.`, `+`); upper-case input expected. */
function tokenize(upper: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= upper.length; i++) {
    const c = i < upper.length ? upper.charCodeAt(i) : 45;
    // - _ space / : . +
    if (c === 45 || c === 95 || c === 32 || c === 47 || c === 58 || c === 46 || c === 43) {
      if (i > start) out.push(upper.slice(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** Non-negative integer of at most 6 digits, else null (a 10⁶-digit "bits" value is not a number we trust). */
export function smallInt(text: string): number | null {
  if (text.length === 0 || text.length > 6) return null;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n;
}

const KX_WORDS: ReadonlyMap<string, KeyExchange> = new Map<string, KeyExchange>([
  ['ECDHE', 'ECDHE'],
  ['EECDH', 'ECDHE'],
  ['DHE', 'DHE'],
  ['EDH', 'DHE'],
  ['ADH', 'DH_anon'],
  ['AECDH', 'ECDH_anon'],
  ['ECDH', 'ECDH'],
  ['DH', 'DH'],
  ['PSK', 'PSK'],
  ['SRP', 'SRP'],
  ['KRB5', 'KRB5'],
]);

const AUTH_WORDS: ReadonlyMap<string, Authentication> = new Map<string, Authentication>([
  ['RSA', 'RSA'],
  ['ECDSA', 'ECDSA'],
  ['DSS', 'DSS'],
  ['DSA', 'DSS'],
]);

const BLOCK_128: ReadonlyMap<string, BulkCipher> = new Map<string, BulkCipher>([
  ['AES', 'AES'],
  ['CAMELLIA', 'Camellia'],
  ['ARIA', 'ARIA'],
]);

const MAC_WORDS: ReadonlyMap<string, MacAlgorithm> = new Map<string, MacAlgorithm>([
  ['SHA', 'SHA1'],
  ['SHA1', 'SHA1'],
  ['SHA256', 'SHA256'],
  ['SHA384', 'SHA384'],
  ['SHA512', 'SHA512'],
  ['MD5', 'MD5'],
]);

const FS_KX: ReadonlySet<KeyExchange> = new Set<KeyExchange>(['ECDHE', 'DHE', 'DH_anon', 'ECDH_anon', 'DHE_PSK', 'ECDHE_PSK', 'SRP', 'TLS1.3']);

interface Draft {
  kx: KeyExchange;
  auth: Authentication;
  cipher: BulkCipher;
  bits: number | null;
  blockBits: number | null;
  mode: CipherMode;
  truncated: boolean;
  mac: MacAlgorithm;
  exportGrade: boolean;
  /** Key-size ceiling of the export marker: 40 for `EXP`/`EXPORT`(40), 56 for the `EXP1024` drafts. */
  exportBits: number;
  recognised: boolean;
}

function setCipher(d: Draft, cipher: BulkCipher, bits: number | null, blockBits: number | null): void {
  if (d.cipher !== 'unknown') return;
  d.cipher = cipher;
  d.bits = bits;
  d.blockBits = blockBits;
  d.recognised = true;
}

/** `AES256` → 256 for a word that is a known prefix followed by digits; null otherwise. */
function suffixBits(word: string, prefix: string): number | null {
  return word.length > prefix.length && word.startsWith(prefix) ? smallInt(word.slice(prefix.length)) : null;
}

function readWord(d: Draft, w: string, next: string | undefined, seenTls: boolean): void {
  const kx = KX_WORDS.get(w);
  if (kx !== undefined) {
    if (kx === 'PSK') {
      d.kx = d.kx === 'DHE' ? 'DHE_PSK' : d.kx === 'ECDHE' ? 'ECDHE_PSK' : d.kx === 'RSA' ? 'RSA_PSK' : 'PSK';
      if (d.auth === 'unknown') d.auth = 'PSK';
    } else if (d.kx === 'unknown') d.kx = kx;
    if (kx === 'DH_anon' || kx === 'ECDH_anon') d.auth = 'anon';
    d.recognised = true;
    return;
  }
  if (w === 'ANON') {
    if (d.kx === 'DH' || d.kx === 'DHE') d.kx = 'DH_anon';
    else if (d.kx === 'ECDH' || d.kx === 'ECDHE') d.kx = 'ECDH_anon';
    d.auth = 'anon';
    return;
  }
  const au = AUTH_WORDS.get(w);
  if (au !== undefined) {
    // A leading RSA with nothing before it is RSA key transport (OpenSSL and IANA spell it that way).
    if (d.kx === 'unknown' && w === 'RSA') d.kx = 'RSA';
    if (d.auth === 'unknown' || d.auth === 'PSK') d.auth = au;
    d.recognised = true;
    return;
  }
  if (w === 'EXP' || w === 'EXPORT' || w === 'EXP1024' || w === 'EXPORT1024' || w === 'EXPORT40') {
    d.exportGrade = true;
    d.exportBits = w.endsWith('1024') ? 56 : 40;
    d.recognised = true;
    return;
  }
  // OpenSSL cipher-string aliases that fuse cipher and mode (`EECDH+AESGCM`).
  if (w === 'AESGCM' || w === 'AESCCM' || w === 'AESCCM8') {
    setCipher(d, 'AES', null, 128);
    d.mode = 'AEAD';
    if (w === 'AESCCM8') d.truncated = true;
    return;
  }
  for (const [prefix, cipher] of BLOCK_128) {
    if (w === prefix) {
      setCipher(d, cipher, next !== undefined ? smallInt(next) : null, 128);
      return;
    }
    const b = suffixBits(w, prefix);
    if (b !== null) {
      setCipher(d, cipher, b, 128);
      return;
    }
  }
  if (w === 'CHACHA20' || w === 'CHACHA') {
    setCipher(d, 'ChaCha20', 256, null);
    d.mode = 'AEAD';
    return;
  }
  if (w === 'POLY1305') {
    d.mode = 'AEAD';
    return;
  }
  if (w === '3DES' || w === 'DES3' || w === 'CBC3' || w === 'DESEDE' || w === 'EDE3') {
    d.cipher = '3DES';
    d.bits = 112;
    d.blockBits = 64;
    d.recognised = true;
    if (w === 'CBC3') d.mode = 'CBC';
    return;
  }
  if (w === 'DES' || w === 'DES40') {
    setCipher(d, 'DES', w === 'DES40' ? 40 : 56, 64);
    return;
  }
  if (w === 'RC4' || w === 'ARCFOUR') {
    const b = next !== undefined ? smallInt(next) : null;
    setCipher(d, 'RC4', b !== null && b > 0 && b <= 256 ? b : 128, null);
    return;
  }
  if (w === 'RC2') {
    setCipher(d, 'RC2', 128, 64);
    return;
  }
  if (w === 'IDEA') {
    setCipher(d, 'IDEA', 128, 64);
    return;
  }
  if (w === 'SEED') {
    setCipher(d, 'SEED', 128, 128);
    return;
  }
  if (w === 'NULL' || w === 'ENULL' || w === 'NONE') {
    setCipher(d, 'NULL', 0, null);
    return;
  }
  if (w === 'GCM' || w === 'CCM') {
    d.mode = 'AEAD';
    return;
  }
  if (w === 'CCM8' || (w === '8' && d.mode === 'AEAD')) {
    d.mode = 'AEAD';
    d.truncated = true;
    return;
  }
  if (w === 'CBC') {
    if (d.mode === 'unknown') d.mode = 'CBC';
    return;
  }
  const mac = MAC_WORDS.get(w);
  // The first SHA after `TLS` is the SRP `SRP_SHA` marker or a hash name; the last one seen is the record MAC.
  if (mac !== undefined && !(seenTls && d.kx === 'SRP' && d.cipher === 'unknown')) d.mac = mac;
}

/** Export suites cut RC4/RC2/DES keys to 40 (or, for the EXP1024 drafts, 56) secret bits whatever the name says. */
function exportBits(d: Draft): void {
  if (!d.exportGrade || d.bits === null || d.bits <= d.exportBits) return;
  if (d.cipher === 'RC4' || d.cipher === 'RC2' || d.cipher === 'DES') d.bits = d.exportBits;
}

/**
 * Read the properties a name's words state. Returns `null` when neither a key exchange nor a cipher word is present
 * (then the name says nothing we can grade).
 */
export function describeStructurally(upper: string): SuiteProperties | null {
  const words = tokenize(upper);
  const d: Draft = {
    kx: 'unknown',
    auth: 'unknown',
    cipher: 'unknown',
    bits: null,
    blockBits: null,
    mode: 'unknown',
    truncated: false,
    mac: 'unknown',
    exportGrade: false,
    exportBits: 40,
    recognised: false,
  };
  let seenTls = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === 'TLS' || w === 'SSL' || w === 'WITH') {
      seenTls = true;
      continue;
    }
    readWord(d, w, words[i + 1], seenTls);
  }
  if (!d.recognised || (d.cipher === 'unknown' && d.kx === 'unknown')) return null;
  exportBits(d);
  if (d.mode === 'unknown') {
    if (d.cipher === 'RC4') d.mode = 'stream';
    else if (d.cipher === 'NULL') d.mode = 'none';
    // OpenSSL names leave CBC implicit (`AES128-SHA`), so a block cipher with a MAC and no AEAD word is CBC.
    else if (d.blockBits !== null && d.mac !== 'unknown') d.mode = 'CBC';
  }
  if (d.mode === 'AEAD') d.mac = 'AEAD';
  if (d.cipher === 'NULL' && d.mode !== 'none') d.mode = 'none';
  let minVersion: TlsVersion | null = null;
  const pskFamily = d.kx === 'PSK' || d.kx === 'DHE_PSK' || d.kx === 'ECDHE_PSK' || d.kx === 'RSA_PSK';
  if (d.mode === 'AEAD' || ((d.mac === 'SHA256' || d.mac === 'SHA384') && !pskFamily && d.kx !== 'unknown')) minVersion = 'TLSv1.2';
  return {
    keyExchange: d.kx,
    authentication: d.auth,
    forwardSecrecy: d.kx === 'unknown' ? null : FS_KX.has(d.kx),
    cipher: d.cipher,
    mode: d.mode,
    bits: d.bits,
    blockBits: d.blockBits,
    truncatedTag: d.truncated,
    mac: d.mac,
    export: d.exportGrade,
    minVersion,
  };
}
