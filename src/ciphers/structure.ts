/**
 * Structural reading of a cipher name the catalogue does not know (`ECDHE-RSA-AES512-GCM-SHA384`, a vendor spelling…):
 * recognise the key-exchange, cipher, mode and MAC words and report what they say, `unknown`/`null` for the rest.
 * This is the last resort of `lookupCipher` (docs/grading.md, "Cipher names": the word-by-word last resort); its results are always `partial`.
 * @module
 */
import type { TlsVersion } from '../types.js';
import { isDigit } from '../text/chars.js';
import { PSK_FAMILIES } from './derive.js';
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
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return null;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/** The word turns the key exchange read before it anonymous (`DH-anon`, `ECDH_anon`) and names no authentication. */
const ANON = 1 << 0;
/** The word states a truncated 64-bit AEAD tag (`CCM8`, RFC 6655 §4). */
const TRUNCATED = 1 << 1;
/** The word counts only after an AEAD word: the `8` of `CCM_8`. */
const AFTER_AEAD = 1 << 2;
/** The word's cipher and mode replace those read before it: `DES-CBC3` is 3DES, not DES. */
const REPLACES = 1 << 3;
/** The word's mode applies only when no word before it stated one: a `CBC` after `GCM` does not undo the AEAD. */
const DEFAULT_MODE = 1 << 4;

/** A bulk cipher a word names: the algorithm, its effective key bits, its block size (`null` for stream ciphers). */
interface CipherWord {
  readonly cipher: BulkCipher;
  readonly bits: number | null;
  readonly blockBits: number | null;
  /** The next word, when a number in `[min, max]`, is the key size instead (`AES 256`, `RC4 40`). */
  readonly nextBits?: readonly [min: number, max: number];
}

/** What one word of a cipher name states. Fields left out: the word says nothing about them. */
interface WordMeaning {
  /** Key exchange: `PSK` joins the one before it (`DHE-PSK`); otherwise the first key-exchange word wins. */
  readonly kx?: KeyExchange;
  /** Server authentication; a later word replaces `PSK`, not another algorithm. */
  readonly auth?: Authentication;
  /** Bulk cipher; the first cipher word wins unless the word has {@link REPLACES}. */
  readonly cipher?: CipherWord;
  /** Record mode; AEAD words win over the CBC that OpenSSL names leave implicit. */
  readonly mode?: CipherMode;
  /** Record MAC hash; the last one wins (the first can be a PRF or the `SRP_SHA` marker). */
  readonly mac?: MacAlgorithm;
  /** Export grade, with the key-size ceiling its marker implies (40, or 56 for the `EXP1024` drafts). */
  readonly exportBits?: 40 | 56;
  /** {@link ANON}, {@link TRUNCATED}, {@link AFTER_AEAD}, {@link REPLACES}, {@link DEFAULT_MODE}. */
  readonly flags?: number;
}

const ANY_BITS: readonly [number, number] = [0, Number.POSITIVE_INFINITY];
const AES: CipherWord = { cipher: 'AES', bits: null, blockBits: 128, nextBits: ANY_BITS };
const CAMELLIA: CipherWord = { cipher: 'Camellia', bits: null, blockBits: 128, nextBits: ANY_BITS };
const ARIA: CipherWord = { cipher: 'ARIA', bits: null, blockBits: 128, nextBits: ANY_BITS };
/** `AESGCM`, `AESCCM`: the OpenSSL aliases name no key size, and the word after them is not one. */
const AES_ANY_SIZE: CipherWord = { cipher: 'AES', bits: null, blockBits: 128 };
const TDES: CipherWord = { cipher: '3DES', bits: 112, blockBits: 64 };
const CHACHA20: WordMeaning = { cipher: { cipher: 'ChaCha20', bits: 256, blockBits: null }, mode: 'AEAD' };
const NULL_CIPHER: WordMeaning = { cipher: { cipher: 'NULL', bits: 0, blockBits: null } };
const RC4: WordMeaning = { cipher: { cipher: 'RC4', bits: 128, blockBits: null, nextBits: [1, 256] } };

/**
 * The words of the OpenSSL, IANA, GnuTLS and vendor spellings (upper case), and what each states. Words not listed
 * (curve names, `WITH`, hash sizes of a PRF…) state nothing.
 */
const WORDS: ReadonlyMap<string, WordMeaning> = new Map<string, WordMeaning>([
  // Key exchange. `EECDH`/`EDH`/`ADH`/`AECDH` are OpenSSL's older names; an anonymous one names no authentication.
  ['ECDHE', { kx: 'ECDHE' }],
  ['EECDH', { kx: 'ECDHE' }],
  ['DHE', { kx: 'DHE' }],
  ['EDH', { kx: 'DHE' }],
  ['ADH', { kx: 'DH_anon' }],
  ['AECDH', { kx: 'ECDH_anon' }],
  ['ECDH', { kx: 'ECDH' }],
  ['DH', { kx: 'DH' }],
  ['PSK', { kx: 'PSK', auth: 'PSK' }],
  ['SRP', { kx: 'SRP' }],
  ['KRB5', { kx: 'KRB5' }],
  ['ANON', { flags: ANON }],
  // Authentication. A leading RSA with nothing before it is RSA key transport (OpenSSL and IANA spell it that way).
  ['RSA', { kx: 'RSA', auth: 'RSA' }],
  ['ECDSA', { auth: 'ECDSA' }],
  ['DSS', { auth: 'DSS' }],
  ['DSA', { auth: 'DSS' }],
  // Export markers.
  ['EXP', { exportBits: 40 }],
  ['EXPORT', { exportBits: 40 }],
  ['EXPORT40', { exportBits: 40 }],
  ['EXP1024', { exportBits: 56 }],
  ['EXPORT1024', { exportBits: 56 }],
  // Block ciphers with 128-bit blocks; `AES128`-style words are read by sizedBlockWord.
  ['AES', { cipher: AES }],
  ['CAMELLIA', { cipher: CAMELLIA }],
  ['ARIA', { cipher: ARIA }],
  ['SEED', { cipher: { cipher: 'SEED', bits: 128, blockBits: 128 } }],
  // OpenSSL cipher-string aliases that fuse cipher and mode (`EECDH+AESGCM`).
  ['AESGCM', { cipher: AES_ANY_SIZE, mode: 'AEAD' }],
  ['AESCCM', { cipher: AES_ANY_SIZE, mode: 'AEAD' }],
  ['AESCCM8', { cipher: AES_ANY_SIZE, mode: 'AEAD', flags: TRUNCATED }],
  // 64-bit blocks (Sweet32) and the broken ciphers. 3DES spellings name it even after a `DES` word.
  ['3DES', { cipher: TDES, flags: REPLACES }],
  ['DES3', { cipher: TDES, flags: REPLACES }],
  ['DESEDE', { cipher: TDES, flags: REPLACES }],
  ['EDE3', { cipher: TDES, flags: REPLACES }],
  ['CBC3', { cipher: TDES, mode: 'CBC', flags: REPLACES }],
  ['DES', { cipher: { cipher: 'DES', bits: 56, blockBits: 64 } }],
  ['DES40', { cipher: { cipher: 'DES', bits: 40, blockBits: 64 } }],
  ['RC2', { cipher: { cipher: 'RC2', bits: 128, blockBits: 64 } }],
  ['IDEA', { cipher: { cipher: 'IDEA', bits: 128, blockBits: 64 } }],
  ['RC4', RC4],
  ['ARCFOUR', RC4],
  ['CHACHA20', CHACHA20],
  ['CHACHA', CHACHA20],
  ['NULL', NULL_CIPHER],
  ['ENULL', NULL_CIPHER],
  ['NONE', NULL_CIPHER],
  // Modes.
  ['GCM', { mode: 'AEAD' }],
  ['CCM', { mode: 'AEAD' }],
  ['POLY1305', { mode: 'AEAD' }],
  ['CCM8', { mode: 'AEAD', flags: TRUNCATED }],
  ['8', { flags: TRUNCATED | AFTER_AEAD }],
  ['CBC', { mode: 'CBC', flags: DEFAULT_MODE }],
  // Record MAC hashes (`SHA` is the IANA `_SHA`: SHA-1).
  ['SHA', { mac: 'SHA1' }],
  ['SHA1', { mac: 'SHA1' }],
  ['SHA256', { mac: 'SHA256' }],
  ['SHA384', { mac: 'SHA384' }],
  ['SHA512', { mac: 'SHA512' }],
  ['MD5', { mac: 'MD5' }],
]);

/** `AES256`, `CAMELLIA128`, `ARIA256`: a 128-bit-block cipher word with its key size fused on. */
const SIZED_BLOCK_CIPHERS: readonly (readonly [string, CipherWord])[] = [
  ['AES', AES],
  ['CAMELLIA', CAMELLIA],
  ['ARIA', ARIA],
];

function sizedBlockWord(w: string): WordMeaning | undefined {
  for (const [prefix, cipher] of SIZED_BLOCK_CIPHERS) {
    const bits = w.length > prefix.length && w.startsWith(prefix) ? smallInt(w.slice(prefix.length)) : null;
    if (bits !== null) return { cipher: { cipher: cipher.cipher, bits, blockBits: cipher.blockBits } };
  }
  return undefined;
}

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
  /** A word named a key exchange, an authentication, an export marker or a cipher. */
  recognised: boolean;
}

/** `PSK` after a key exchange is the PSK variant of it (`DHE-PSK` → `DHE_PSK`, RFC 4279 §3/§4). */
function withPsk(kx: KeyExchange): KeyExchange {
  if (kx === 'DHE') return 'DHE_PSK';
  if (kx === 'ECDHE') return 'ECDHE_PSK';
  if (kx === 'RSA') return 'RSA_PSK';
  return 'PSK';
}

function readKeyExchange(d: Draft, kx: KeyExchange): void {
  if (kx === 'PSK') d.kx = withPsk(d.kx);
  else if (d.kx === 'unknown') d.kx = kx;
  if (kx === 'DH_anon' || kx === 'ECDH_anon') d.auth = 'anon';
  d.recognised = true;
}

function anonymise(d: Draft): void {
  if (d.kx === 'DH' || d.kx === 'DHE') d.kx = 'DH_anon';
  else if (d.kx === 'ECDH' || d.kx === 'ECDHE') d.kx = 'ECDH_anon';
  d.auth = 'anon';
}

function readCipher(d: Draft, c: CipherWord, replaces: boolean, next: string | undefined): void {
  if (d.cipher !== 'unknown' && !replaces) return;
  const stated = c.nextBits !== undefined && next !== undefined ? smallInt(next) : null;
  const inRange = stated !== null && c.nextBits !== undefined && stated >= c.nextBits[0] && stated <= c.nextBits[1];
  d.cipher = c.cipher;
  d.bits = inRange ? stated : c.bits;
  d.blockBits = c.blockBits;
  d.recognised = true;
}

function readMode(d: Draft, m: WordMeaning, flags: number): void {
  if (m.mode !== undefined && ((flags & DEFAULT_MODE) === 0 || d.mode === 'unknown')) d.mode = m.mode;
  if ((flags & TRUNCATED) !== 0 && ((flags & AFTER_AEAD) === 0 || d.mode === 'AEAD')) {
    d.mode = 'AEAD';
    d.truncated = true;
  }
}

/** Apply what word `w` states to the draft; `next` is the word after it, `seenTls` whether `TLS`/`SSL`/`WITH` came before. */
function readWord(d: Draft, w: string, next: string | undefined, seenTls: boolean): void {
  const m = WORDS.get(w) ?? sizedBlockWord(w);
  if (m === undefined) return;
  const flags = m.flags ?? 0;
  if (m.kx !== undefined) readKeyExchange(d, m.kx);
  if ((flags & ANON) !== 0) anonymise(d);
  if (m.auth !== undefined) {
    if (d.auth === 'unknown' || d.auth === 'PSK') d.auth = m.auth;
    d.recognised = true;
  }
  if (m.exportBits !== undefined) {
    d.exportGrade = true;
    d.exportBits = m.exportBits;
    d.recognised = true;
  }
  if (m.cipher !== undefined) readCipher(d, m.cipher, (flags & REPLACES) !== 0, next);
  readMode(d, m, flags);
  // The first SHA after `TLS` is the SRP `SRP_SHA` marker or a hash name; the last one seen is the record MAC.
  if (m.mac !== undefined && !(seenTls && d.kx === 'SRP' && d.cipher === 'unknown')) d.mac = m.mac;
}

/** Export suites cut RC4/RC2/DES keys to 40 (or, for the EXP1024 drafts, 56) secret bits whatever the name says. */
function exportBits(d: Draft): void {
  if (!d.exportGrade || d.bits === null || d.bits <= d.exportBits) return;
  if (d.cipher === 'RC4' || d.cipher === 'RC2' || d.cipher === 'DES') d.bits = d.exportBits;
}

/** What the words leave unsaid but imply: the mode of a cipher with no mode word, and that AEAD needs no MAC. */
function settleMode(d: Draft): void {
  if (d.mode === 'unknown') {
    if (d.cipher === 'RC4') d.mode = 'stream';
    else if (d.cipher === 'NULL') d.mode = 'none';
    // OpenSSL names leave CBC implicit (`AES128-SHA`), so a block cipher with a MAC and no AEAD word is CBC.
    else if (d.blockBits !== null && d.mac !== 'unknown') d.mode = 'CBC';
  }
  if (d.mode === 'AEAD') d.mac = 'AEAD';
  if (d.cipher === 'NULL' && d.mode !== 'none') d.mode = 'none';
}

/** AEAD, or a SHA-256/384 record MAC outside the PSK families, needs TLS 1.2 (RFC 5246 §A.5). */
function minVersionOf(d: Draft): TlsVersion | null {
  if (d.mode === 'AEAD') return 'TLSv1.2';
  const sha2 = d.mac === 'SHA256' || d.mac === 'SHA384';
  return sha2 && !PSK_FAMILIES.has(d.kx) && d.kx !== 'unknown' ? 'TLSv1.2' : null;
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
    if (w === 'TLS' || w === 'SSL' || w === 'WITH') seenTls = true;
    else readWord(d, w, words[i + 1], seenTls);
  }
  if (!d.recognised || (d.cipher === 'unknown' && d.kx === 'unknown')) return null;
  exportBits(d);
  settleMode(d);
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
    minVersion: minVersionOf(d),
  };
}
