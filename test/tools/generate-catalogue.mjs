#!/usr/bin/env node
/**
 * Regenerates src/ciphers/catalogue.ts from the IANA cipher-suite registry CSV and the MIT-licensed
 * ciphersuite.info fixtures (OpenSSL and GnuTLS names ↔ code points), found in ../shared/reference beside the checkout.
 *
 * Properties are derived from the IANA name by src/ciphers/derive.ts (the same code the library uses at run time).
 * OpenSSL names come from ciphersuite.info plus our own reading of OpenSSL's naming rules (opensslNames below);
 * the GPL testssl mapping is NOT read here: test/ciphers/reference.test.ts only cross-checks against it.
 *
 * Usage: node test/tools/generate-catalogue.mjs [--check]
 *   --check  exit 1 when the committed file differs from what would be generated.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));
export const REFERENCE_DIR = here('../../../shared/reference/');
const OUT_FILE = here('../../src/ciphers/catalogue.ts');
const DERIVE_TS = here('../../src/ciphers/derive.ts');

// ---------------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------------

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines (the IANA file has all three). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The fixtures are flat Django YAML lists (`- model:`, `pk:`, `fields:` with scalar children): read them line by line. */
export function parseFixture(text) {
  const items = [];
  let cur = null;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('- model:')) {
      cur = { pk: null, fields: {} };
      items.push(cur);
      continue;
    }
    if (cur === null) continue;
    const t = line.trim();
    const colon = t.indexOf(':');
    if (colon < 0) continue;
    const key = t.slice(0, colon);
    let value = t.slice(colon + 1).trim();
    if (value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1).replaceAll("''", "'");
    if (key === 'pk') cur.pk = value;
    else if (key !== 'fields' && value !== '') cur.fields[key] = value;
  }
  return items;
}

const byteHex = (b) => '0x' + b.toString(16).toUpperCase().padStart(2, '0');
/** 0xC030 → "0xC0,0x30"; three-byte SSLv2 kinds (> 0xFFFF) → "0x01,0x00,0x80". */
export function codeString(n) {
  return n > 0xffff
    ? `${byteHex(n >> 16)},${byteHex((n >> 8) & 0xff)},${byteHex(n & 0xff)}`
    : `${byteHex(n >> 8)},${byteHex(n & 0xff)}`;
}
function parseCode(value) {
  const parts = value.split(',');
  if (parts.length !== 2 || parts.some((p) => !/^0x[0-9A-Fa-f]{2}$/.test(p.trim()))) return null;
  return (parseInt(parts[0], 16) << 8) | parseInt(parts[1], 16);
}

export function readIana(dir = REFERENCE_DIR) {
  const rows = parseCsv(readFileSync(dir + 'iana/tls-parameters-4.csv', 'utf8'));
  const header = rows[0];
  const iValue = header.indexOf('Value');
  const iDesc = header.indexOf('Description');
  const iRec = header.indexOf('Recommended');
  const out = [];
  for (const r of rows.slice(1)) {
    const code = parseCode(r[iValue] ?? '');
    const name = (r[iDesc] ?? '').trim();
    if (code === null || !name.startsWith('TLS_')) continue; // ranges, Unassigned, Reserved
    if (name.endsWith('_SCSV')) continue; // signalling values, not suites (RFC 5746, RFC 7507)
    const rec = (r[iRec] ?? '').trim();
    out.push({ code, iana: name, recommended: rec === 'Y' || rec === 'N' || rec === 'D' ? rec : null });
  }
  return out;
}

function readFixtureCodes(file, dir = REFERENCE_DIR) {
  const map = new Map(); // code → names[]
  for (const item of parseFixture(readFileSync(dir + file, 'utf8'))) {
    const { hex_byte_1: b1, hex_byte_2: b2 } = item.fields;
    if (item.pk === null || b1 === undefined || b2 === undefined) continue;
    const code = (parseInt(b1, 16) << 8) | parseInt(b2, 16);
    const list = map.get(code) ?? [];
    list.push(item.pk);
    map.set(code, list);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------------------------
// OpenSSL naming rules (ssl/s3_lib.c / include/openssl/tls1.h conventions), written down from their structure.
// ---------------------------------------------------------------------------------------------------------------

/** OpenSSL name prefix per IANA key-exchange part; `null` = OpenSSL never implemented that family. */
const KX_PREFIX = {
  RSA: '',
  DHE_RSA: 'DHE-RSA-',
  DHE_DSS: 'DHE-DSS-',
  DH_RSA: 'DH-RSA-',
  DH_DSS: 'DH-DSS-',
  DH_anon: 'ADH-',
  ECDHE_RSA: 'ECDHE-RSA-',
  ECDHE_ECDSA: 'ECDHE-ECDSA-',
  ECDH_RSA: 'ECDH-RSA-',
  ECDH_ECDSA: 'ECDH-ECDSA-',
  ECDH_anon: 'AECDH-',
  PSK: 'PSK-',
  DHE_PSK: 'DHE-PSK-',
  PSK_DHE: 'DHE-PSK-',
  RSA_PSK: 'RSA-PSK-',
  ECDHE_PSK: 'ECDHE-PSK-',
  SRP_SHA: 'SRP-',
  SRP_SHA_RSA: 'SRP-RSA-',
  SRP_SHA_DSS: 'SRP-DSS-',
  KRB5: 'KRB5-',
};
const PSK_LIKE = new Set(['PSK', 'DHE_PSK', 'PSK_DHE', 'RSA_PSK', 'ECDHE_PSK']);
/** TLS 1.3 suites OpenSSL (3.x) knows, under their IANA names. */
const OPENSSL_TLS13 = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
  'TLS_SM4_GCM_SM3',
  'TLS_SM4_CCM_SM3',
  'TLS_SHA256_SHA256',
  'TLS_SHA384_SHA384',
]);

const MAC_SUFFIX = { SHA: 'SHA', MD5: 'MD5', SHA256: 'SHA256', SHA384: 'SHA384' };

/** The OpenSSL cipher+MAC part for one IANA `_WITH_` tail, or null when OpenSSL has no such suite. */
function opensslTail(kx, tail) {
  const psk = PSK_LIKE.has(kx);
  const srp = kx.startsWith('SRP');
  const parts = tail.split('_');
  const mac = parts.at(-1);
  const lead = parts[0];
  if (lead === 'NULL') return MAC_SUFFIX[mac] ? `NULL-${MAC_SUFFIX[mac]}` : null;
  if (tail === 'RC4_128_MD5' || tail === 'RC4_40_MD5') return 'RC4-MD5';
  if (tail === 'RC4_128_SHA' || tail === 'RC4_40_SHA' || tail === 'RC4_56_SHA') return 'RC4-SHA';
  if (tail === 'RC4_56_MD5') return 'RC4-MD5';
  if (tail.startsWith('RC2_CBC_40_') || tail.startsWith('RC2_CBC_56_') || tail.startsWith('RC2_56_')) return `RC2-CBC-${mac}`;
  if (tail.startsWith('IDEA_CBC_')) return `IDEA-CBC-${mac}`;
  if (tail.startsWith('DES40_CBC_') || tail.startsWith('DES_CBC_40_') || tail.startsWith('DES_CBC_')) return `DES-CBC-${mac}`;
  if (tail.startsWith('3DES_EDE_CBC_')) return psk || srp ? `3DES-EDE-CBC-${mac}` : `DES-CBC3-${mac}`;
  if (tail === 'SEED_CBC_SHA') return 'SEED-SHA';
  if (tail === 'CHACHA20_POLY1305_SHA256') return 'CHACHA20-POLY1305';
  if (lead === 'AES' || lead === 'CAMELLIA' || lead === 'ARIA') {
    const bits = parts[1];
    const mode = parts[2];
    if (mode === 'GCM') return lead === 'CAMELLIA' ? null : `${lead}${bits}-GCM-${mac}`;
    if (mode === 'CCM') {
      if (lead !== 'AES' || (parts.length > 3 && parts.at(-1).startsWith('SHA'))) return null; // RFC 8442 ECDHE_PSK CCM
      return parts[3] === '8' ? `AES${bits}-CCM8` : `AES${bits}-CCM`;
    }
    if (mode === 'CBC') {
      if (lead === 'ARIA') return `ARIA${bits}-CBC-${mac}`;
      if (lead === 'CAMELLIA') return `CAMELLIA${bits}-${mac}`;
      if (srp) return `AES-${bits}-CBC-${mac}`;
      return psk ? `AES${bits}-CBC-${mac}` : `AES${bits}-${mac}`;
    }
  }
  return null;
}

/** Families where OpenSSL (or its forks) shipped an implementation of this cipher; others get no OpenSSL name. */
function opensslImplements(kx, tail) {
  // ARIA-CBC exists only beside RSA/DHE/ECDHE in the implementations that carry it; OpenSSL itself has ARIA-GCM only.
  if (tail.startsWith('ARIA_') && !tail.includes('_GCM_')) return ['RSA', 'DHE_RSA', 'DHE_DSS', 'ECDHE_RSA', 'ECDHE_ECDSA'].includes(kx);
  // Camellia-CBC with SHA-384 was only defined for the ECC and PSK families (RFC 6367).
  if (tail.startsWith('CAMELLIA_') && tail.includes('_CBC_SHA384')) return kx.startsWith('ECDH') || PSK_LIKE.has(kx);
  return true;
}

/** OpenSSL names (current first, then historical aliases) for one IANA suite name. */
export function opensslNames(iana) {
  if (!iana.includes('_WITH_')) return OPENSSL_TLS13.has(iana) ? [iana] : [];
  const body = iana.slice(4);
  const at = body.indexOf('_WITH_');
  let kx = body.slice(0, at);
  const tail = body.slice(at + 6);
  let exp = '';
  if (kx.endsWith('_EXPORT1024')) {
    exp = 'EXP1024-';
    kx = kx.slice(0, -'_EXPORT1024'.length);
  } else if (kx.endsWith('_EXPORT')) {
    exp = 'EXP-';
    kx = kx.slice(0, -'_EXPORT'.length);
  }
  const prefix = KX_PREFIX[kx];
  if (prefix === undefined || !opensslImplements(kx, tail)) return [];
  const t = opensslTail(kx, tail);
  if (t === null) return [];
  // Irregular: OpenSSL 1.1.1 spells ECDHE-RSA ARIA-GCM without the "-RSA" (TLS1_TXT_ECDHE_RSA_WITH_ARIA_*).
  const p = tail.startsWith('ARIA_') && tail.includes('_GCM_') && kx === 'ECDHE_RSA' ? 'ECDHE-' : prefix;
  const names = [];
  const isDesFamily = t.startsWith('DES-CBC');
  if ((kx === 'DHE_RSA' || kx === 'DHE_DSS') && isDesFamily && exp !== 'EXP1024-') {
    // OpenSSL < 1.1.0 spelled DHE as EDH for the DES suites; 1.1.0 renamed them to DHE-*.
    const edh = 'EDH-' + p.slice(4);
    names.push(exp + edh + t, exp + p + t);
  } else names.push(exp + p + t);
  return names;
}

/** Suites outside the IANA registry that mail logs still show: SSLv2 kinds, 56-bit export drafts, pre-RFC ChaCha20. */
export const EXTRA_ROWS = [
  // SSLv2 cipher kinds (draft-hickman-netscape-ssl-00 §C.4); the OpenSSL names collide with TLS ones except where listed.
  { code: 0x010080, iana: 'SSL_CK_RC4_128_WITH_MD5', openssl: ['RC4-MD5'] },
  { code: 0x020080, iana: 'SSL_CK_RC4_128_EXPORT40_WITH_MD5', openssl: ['EXP-RC4-MD5'] },
  { code: 0x030080, iana: 'SSL_CK_RC2_128_CBC_WITH_MD5', openssl: ['RC2-CBC-MD5'] },
  { code: 0x040080, iana: 'SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5', openssl: ['EXP-RC2-CBC-MD5'] },
  { code: 0x050080, iana: 'SSL_CK_IDEA_128_CBC_WITH_MD5', openssl: ['IDEA-CBC-MD5'] },
  { code: 0x060040, iana: 'SSL_CK_DES_64_CBC_WITH_MD5', openssl: ['DES-CBC-MD5'] },
  { code: 0x0700c0, iana: 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5', openssl: ['DES-CBC3-MD5'] },
  // draft-ietf-tls-56-bit-ciphersuites-01 (never registered; IANA reserves 0x00,0x60-66).
  { code: 0x0060, iana: 'TLS_RSA_EXPORT1024_WITH_RC4_56_MD5', openssl: null },
  { code: 0x0061, iana: 'TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5', openssl: ['EXP1024-RC2-CBC-MD5'] },
  { code: 0x0062, iana: 'TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA', openssl: null },
  { code: 0x0063, iana: 'TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA', openssl: ['EXP1024-DHE-DSS-DES-CBC-SHA'] },
  { code: 0x0064, iana: 'TLS_RSA_EXPORT1024_WITH_RC4_56_SHA', openssl: null },
  { code: 0x0065, iana: 'TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA', openssl: ['EXP1024-DHE-DSS-RC4-SHA'] },
  { code: 0x0066, iana: 'TLS_DHE_DSS_WITH_RC4_128_SHA', openssl: null },
  // draft-agl-tls-chacha20poly1305-04 code points, shipped by BoringSSL/Chrome/CloudFlare-patched OpenSSL before RFC 7905.
  { code: 0xcc13, iana: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD', openssl: ['ECDHE-RSA-CHACHA20-POLY1305-OLD'] },
  { code: 0xcc14, iana: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD', openssl: ['ECDHE-ECDSA-CHACHA20-POLY1305-OLD'] },
  { code: 0xcc15, iana: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD', openssl: ['DHE-RSA-CHACHA20-POLY1305-OLD'] },
];

/** GnuTLS spells its TLS 1.3 suites like IANA (lib/algorithms/ciphersuites.c). */
const GNUTLS_TLS13 = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
]);

// ---------------------------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------------------------

async function loadDerive() {
  const out = await build({ entryPoints: [DERIVE_TS], bundle: true, format: 'esm', write: false, platform: 'neutral', logLevel: 'silent' });
  const js = out.outputFiles[0].text;
  return import('data:text/javascript;base64,' + Buffer.from(js).toString('base64'));
}

const uniq = (list) => [...new Set(list)];

/** Build the rows (also used by the tests to check the committed file is current). */
export async function buildRows(dir = REFERENCE_DIR) {
  const { deriveFromIanaName } = await loadDerive();
  const iana = readIana(dir);
  const opensslByCode = readFixtureCodes('ciphersuite.info/02_openssl_ciphers.yaml', dir);
  const gnutlsByCode = readFixtureCodes('ciphersuite.info/03_gnutls_ciphers.yaml', dir);
  const rows = [];
  const seen = new Set();
  const add = (code, name, recommended, openssl, gnutls) => {
    const props = deriveFromIanaName(name);
    if (props === null) throw new Error(`cannot derive properties of ${name}`);
    if (seen.has(code)) throw new Error(`duplicate code ${codeString(code)}`);
    seen.add(code);
    rows.push({ code, iana: name, recommended, props, openssl, gnutls });
  };
  for (const s of iana) {
    const fromFixture = (opensslByCode.get(s.code) ?? []).filter((n) => n !== s.iana || OPENSSL_TLS13.has(n));
    const openssl = uniq([...opensslNames(s.iana), ...fromFixture]);
    let gnutls = (gnutlsByCode.get(s.code) ?? [])[0] ?? null;
    if (gnutls === null && GNUTLS_TLS13.has(s.iana)) gnutls = s.iana;
    add(s.code, s.iana, s.recommended, openssl, gnutls);
  }
  for (const x of EXTRA_ROWS) {
    if (seen.has(x.code)) continue; // registered since: the registry wins
    add(x.code, x.iana, null, x.openssl ?? opensslNames(x.iana), null);
  }
  rows.sort((a, b) => a.code - b.code);
  return rows;
}

const q = (s) => `'${s}'`;

export function renderCatalogue(rows) {
  const lines = rows.map((r) => {
    const p = r.props;
    const flags = (p.export ? 1 : 0) | (p.truncatedTag ? 2 : 0) | (p.forwardSecrecy ? 4 : 0);
    return (
      `  [0x${r.code.toString(16).toUpperCase().padStart(4, '0')}, ${q(r.iana)}, ${r.recommended === null ? "''" : q(r.recommended)}, ` +
      `${q(p.keyExchange)}, ${q(p.authentication)}, ${q(p.cipher)}, ${q(p.mode)}, ${p.bits}, ${p.blockBits ?? 0}, ` +
      `${q(p.mac)}, ${q(p.minVersion)}, ${flags}, ${q(r.openssl.join(' '))}, ${r.gnutls === null ? "''" : q(r.gnutls)}],`
    );
  });
  return `/**
 * The cipher-suite catalogue. GENERATED by test/tools/generate-catalogue.mjs from the IANA TLS Cipher Suites
 * registry and the ciphersuite.info name fixtures (MIT); do not edit by hand. Properties are derived from the IANA
 * name by src/ciphers/derive.ts. One compact row per suite keeps the bundle small; src/ciphers/table.ts expands them.
 * @module
 */
import type { Authentication, BulkCipher, CipherMode, IanaRecommended, KeyExchange, MacAlgorithm } from './types.js';
import type { TlsVersion } from '../types.js';

/**
 * One suite: [code (two bytes; three for SSLv2 kinds), IANA name, IANA Recommended ('' = not registered),
 * key exchange, authentication, cipher, mode, effective bits, block bits (0 = stream/none), MAC, min version,
 * flags (1 export, 2 truncated tag, 4 forward secrecy), OpenSSL names (space-separated), GnuTLS name ('' = none)].
 */
export type SuiteRow = readonly [
  number,
  string,
  IanaRecommended | '',
  KeyExchange,
  Authentication,
  BulkCipher,
  CipherMode,
  number,
  number,
  MacAlgorithm,
  TlsVersion,
  number,
  string,
  string,
];

/** Every IANA suite (signalling values excluded) plus the unregistered ones mail headers still show. */
export const SUITE_ROWS: readonly SuiteRow[] = [
${lines.join('\n')}
];
`;
}

async function main() {
  if (!existsSync(REFERENCE_DIR)) {
    console.error(`reference data not found at ${REFERENCE_DIR}`);
    process.exit(2);
  }
  const text = renderCatalogue(await buildRows());
  if (process.argv.includes('--check')) {
    const current = existsSync(OUT_FILE) ? readFileSync(OUT_FILE, 'utf8') : '';
    if (current !== text) {
      console.error('src/ciphers/catalogue.ts is out of date; run node test/tools/generate-catalogue.mjs');
      process.exit(1);
    }
    return;
  }
  writeFileSync(OUT_FILE, text);
  console.log(`wrote ${OUT_FILE}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
