/**
 * Expands the compact catalogue rows into frozen `CipherSuite` objects and the name/code indexes, once, on first use.
 * @module
 */
import { SUITE_ROWS, type SuiteRow } from './catalogue.js';
import type { CipherSuite } from './types.js';

/** The indexes over the catalogue; keys are upper case. */
export interface CatalogueIndex {
  /** Every suite, in code-point order. */
  readonly suites: readonly CipherSuite[];
  /** Code point string (`0xC0,0x30`) → suite. */
  readonly byCode: ReadonlyMap<string, CipherSuite>;
  /** IANA, OpenSSL and GnuTLS spellings (GnuTLS with and without `TLS_`), upper case → suite. */
  readonly byName: ReadonlyMap<string, CipherSuite>;
}

const hex = (b: number): string => '0x' + b.toString(16).toUpperCase().padStart(2, '0');

/** 0xC030 → `0xC0,0x30`; values above 0xFFFF are three-byte SSLv2 kinds. */
function formatCode(n: number): string {
  return n > 0xffff ? `${hex(n >> 16)},${hex((n >> 8) & 0xff)},${hex(n & 0xff)}` : `${hex(n >> 8)},${hex(n & 0xff)}`;
}

/** Row flag (the generator's `flags` column): an export-grade suite. */
const EXPORT = 1;
/** Row flag: a truncated 64-bit AEAD tag (`CCM_8`). */
const TRUNCATED_TAG = 2;
/** Row flag: ephemeral key exchange, forward secrecy. */
const FORWARD_SECRECY = 4;

function expand(row: SuiteRow): CipherSuite {
  const [code, iana, rec, kx, au, cipher, mode, bits, blockBits, mac, minVersion, flags, openssl, gnutls] = row;
  return Object.freeze({
    iana,
    code: formatCode(code),
    openssl: Object.freeze(openssl === '' ? [] : openssl.split(' ')),
    gnutls: gnutls === '' ? null : gnutls,
    keyExchange: kx,
    authentication: au,
    forwardSecrecy: (flags & FORWARD_SECRECY) !== 0,
    cipher,
    mode,
    bits,
    blockBits: blockBits === 0 ? null : blockBits,
    truncatedTag: (flags & TRUNCATED_TAG) !== 0,
    mac,
    export: (flags & EXPORT) !== 0,
    minVersion,
    recommended: rec === '' ? null : rec,
    group: null,
    dhBits: null,
    partial: false,
  });
}

let index: CatalogueIndex | null = null;

/** The catalogue indexes, built on the first call (a few hundred rows; the cost is paid once per process). */
export function catalogue(): CatalogueIndex {
  if (index !== null) return index;
  const suites = SUITE_ROWS.map(expand);
  const byCode = new Map<string, CipherSuite>();
  const byName = new Map<string, CipherSuite>();
  // First writer wins: rows are in code order, so a two-byte TLS suite keeps an OpenSSL name it shares with an SSLv2 kind.
  const put = (name: string, suite: CipherSuite): void => {
    const key = name.toUpperCase();
    if (!byName.has(key)) byName.set(key, suite);
  };
  for (const s of suites) {
    if (s.code !== null) byCode.set(s.code, s);
    if (s.iana !== null) put(s.iana, s);
  }
  for (const s of suites) {
    for (const n of s.openssl) put(n, s);
    if (s.gnutls !== null) {
      put(s.gnutls, s);
      if (s.gnutls.startsWith('TLS_')) put(s.gnutls.slice(4), s);
    }
  }
  index = { suites, byCode, byName };
  return index;
}
