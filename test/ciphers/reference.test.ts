/**
 * Cross-checks the committed catalogue against the reference data in the shared data folder (test/support/shared.ts):
 * the IANA registry (names, code points, Recommended), the ciphersuite.info name fixtures, the GPL testssl mapping
 * (read here only, never shipped) and the Mozilla profiles. Skips cleanly when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allCipherSuites, lookupCipher, lookupCipherByCode } from '../../src/ciphers/lookup.js';
import type { CipherSuite } from '../../src/ciphers/types.js';
import { gradeTls } from '../../src/grade/grade.js';
import { REFERENCE_DIR } from '../support/shared.js';
import { buildRows, parseCsv, parseFixture, renderCatalogue } from '../tools/generate-catalogue.mjs';

const REF = REFERENCE_DIR;
const CATALOGUE = fileURLToPath(new URL('../../src/ciphers/catalogue.ts', import.meta.url));
const haveRef = existsSync(REF + 'iana/tls-parameters-4.csv');
const read = (rel: string): string => readFileSync(REF + rel, 'utf8');

interface TestsslRow {
  code: string;
  openssl: string | null;
  iana: string | null;
  minVersion: string;
  kx: string;
  au: string;
  enc: string;
  encBits: number | null;
  mac: string;
  export: boolean;
}

function readTestssl(): TestsslRow[] {
  const rows: TestsslRow[] = [];
  for (const line of read('testssl/cipher-mapping.txt').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 9 || !f[0]?.startsWith('0x')) continue;
    const [code, , openssl, iana, minVersion, kx, au, enc, mac] = f as [string, string, string, string, string, string, string, string, string];
    const encName = enc.slice(4);
    const paren = encName.indexOf('(');
    rows.push({
      code,
      openssl: openssl === '-' ? null : openssl,
      iana: iana === '-' ? null : iana,
      minVersion,
      kx: kx.slice(3),
      au: au.slice(3),
      enc: paren < 0 ? encName : encName.slice(0, paren),
      encBits: paren < 0 ? null : Number(encName.slice(paren + 1, -1)),
      mac: mac.slice(4),
      export: f[9] === 'export',
    });
  }
  return rows;
}

/** testssl Kx= / Au= / Enc= / Mac= vocabulary → ours. */
function expectedKx(kx: string, au: string): string | null {
  const base = kx.includes('(') ? kx.slice(0, kx.indexOf('(')) : kx;
  if (base === 'ECDH') return au === 'None' ? 'ECDH_anon' : 'ECDHE';
  if (base === 'DH') return au === 'None' ? 'DH_anon' : 'DHE';
  if (base.startsWith('DH/')) return 'DH';
  if (base.startsWith('ECDH/')) return 'ECDH';
  const map: Record<string, string> = {
    RSA: 'RSA',
    PSK: 'PSK',
    DHEPSK: 'DHE_PSK',
    RSAPSK: 'RSA_PSK',
    ECDHEPSK: 'ECDHE_PSK',
    SRP: 'SRP',
    KRB5: 'KRB5',
    any: 'TLS1.3',
    GOST: 'GOST',
    None: 'NULL',
  };
  return map[base] ?? null;
}
function expectedAu(au: string, kx: string): string {
  if (au === 'None') return kx === 'None' ? 'NULL' : 'anon';
  if (au === 'any') return 'TLS1.3';
  if (au.startsWith('GOST')) return 'GOST';
  return au;
}
const ENC: Record<string, [string, string]> = {
  AESGCM: ['AES', 'AEAD'],
  AESCCM: ['AES', 'AEAD'],
  AESCCM8: ['AES', 'AEAD'],
  AES: ['AES', 'CBC'],
  CamelliaGCM: ['Camellia', 'AEAD'],
  Camellia: ['Camellia', 'CBC'],
  ARIAGCM: ['ARIA', 'AEAD'],
  ARIA: ['ARIA', 'CBC'],
  ChaCha20: ['ChaCha20', 'AEAD'],
  '3DES': ['3DES', 'CBC'],
  DES: ['DES', 'CBC'],
  RC4: ['RC4', 'stream'],
  RC2: ['RC2', 'CBC'],
  IDEA: ['IDEA', 'CBC'],
  SEED: ['SEED', 'CBC'],
  None: ['NULL', 'none'],
  SM4GCM: ['SM4', 'AEAD'],
  SM4CCM: ['SM4', 'AEAD'],
};
const MAC: Record<string, string> = { AEAD: 'AEAD', SHA1: 'SHA1', SHA256: 'SHA256', SHA384: 'SHA384', MD5: 'MD5', Null: 'NULL' };

/** Property differences between our row and testssl's, as readable strings. */
function propertyDiffs(ours: CipherSuite, t: TestsslRow): string[] {
  const out: string[] = [];
  const kx = expectedKx(t.kx, t.au);
  if (kx !== null && kx !== ours.keyExchange) out.push(`kx ${ours.keyExchange} ≠ ${t.kx}`);
  const au = expectedAu(t.au, t.kx);
  if (au !== ours.authentication && !(ours.keyExchange === 'TLS1.3' && au === 'TLS1.3')) out.push(`au ${ours.authentication} ≠ ${t.au}`);
  const enc = ENC[t.enc];
  if (enc !== undefined) {
    if (enc[0] !== ours.cipher) out.push(`cipher ${ours.cipher} ≠ ${t.enc}`);
    if (enc[1] !== ours.mode) out.push(`mode ${ours.mode} ≠ ${t.enc}`);
    // testssl prints algorithm bits (3DES 168); ours are effective bits (3DES 112, RFC 9325 §4.1).
    const expectBits = t.enc === '3DES' ? 112 : t.encBits;
    if (expectBits !== null && expectBits !== ours.bits) out.push(`bits ${ours.bits} ≠ ${t.encBits}`);
  }
  if ((t.enc === 'AESCCM8') !== ours.truncatedTag) out.push(`truncatedTag ${ours.truncatedTag}`);
  const mac = MAC[t.mac];
  if (mac !== undefined && mac !== ours.mac) out.push(`mac ${ours.mac} ≠ ${t.mac}`);
  if (t.export !== ours.export) out.push(`export ${ours.export} ≠ ${t.export}`);
  // Only the TLS 1.2 / 1.3 floors matter for inference; OpenSSL's SSLv3-vs-TLSv1 column is an implementation detail.
  const modern = (v: string | null): string => (v === 'TLSv1.3' ? '1.3' : v === 'TLSv1.2' ? '1.2' : 'old');
  if (modern(ours.minVersion) !== modern(t.minVersion)) out.push(`minVersion ${ours.minVersion} ≠ ${t.minVersion}`);
  return out;
}

/**
 * testssl OpenSSL-column names we deliberately do not list: spellings from libraries other than OpenSSL for suites
 * OpenSSL never shipped (ARIA with static/anonymous DH, the ECDH-RSA ARIA irregular name), and testssl's label `NULL`
 * for 0x00,0x00 (in OpenSSL `NULL` is a cipher-string alias, not a suite name; it still grades F structurally).
 */
const OPENSSL_NAME_EXCEPTIONS = new Set([
  'NULL',
  'DH-anon-ARIA128-CBC-SHA256',
  'DH-anon-ARIA256-CBC-SHA384',
  'ECDH-ARIA128-GCM-SHA256',
  'ECDH-ARIA256-GCM-SHA384',
]);

describe.skipIf(!haveRef)('catalogue vs the reference data', () => {
  it('the committed catalogue is what the generator produces', async () => {
    const rows = await buildRows(REF);
    expect(readFileSync(CATALOGUE, 'utf8')).toBe(renderCatalogue(rows));
  });

  it('has every IANA suite with its code point, name and Recommended value', () => {
    const csv = parseCsv(read('iana/tls-parameters-4.csv'));
    const header = csv[0] ?? [];
    const [iv, id, ir] = ['Value', 'Description', 'Recommended'].map((h) => header.indexOf(h)) as [number, number, number];
    let count = 0;
    const problems: string[] = [];
    for (const r of csv.slice(1)) {
      const value = (r[iv] ?? '').trim();
      const name = (r[id] ?? '').trim();
      if (!name.startsWith('TLS_') || value.includes('-') || name.endsWith('_SCSV')) continue;
      count++;
      const s = lookupCipherByCode(value);
      if (s === null) problems.push(`${value} ${name} missing`);
      else {
        if (s.iana !== name) problems.push(`${value}: ${s.iana} ≠ ${name}`);
        if (s.recommended !== (r[ir] ?? '').trim()) problems.push(`${value}: recommended ${s.recommended} ≠ ${r[ir]}`);
        if (lookupCipher(name)?.code !== value) problems.push(`${name} does not resolve to ${value}`);
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(340);
    // 24 Y and 26 D rows in the IANA registry copy read above.
    expect(allCipherSuites().filter((s) => s.recommended === 'Y')).toHaveLength(24);
    expect(allCipherSuites().filter((s) => s.recommended === 'D')).toHaveLength(26);
  });

  it('resolves every ciphersuite.info OpenSSL and GnuTLS name to its code point', () => {
    const problems: string[] = [];
    for (const file of ['ciphersuite.info/02_openssl_ciphers.yaml', 'ciphersuite.info/03_gnutls_ciphers.yaml']) {
      for (const item of parseFixture(read(file))) {
        if (item.pk === null) continue;
        const b1 = item.fields['hex_byte_1'] ?? '';
        const b2 = item.fields['hex_byte_2'] ?? '';
        const code = `0x${b1.slice(2).toUpperCase()},0x${b2.slice(2).toUpperCase()}`;
        const forms = file.includes('gnutls') ? [item.pk, item.pk.slice(4), item.pk.toLowerCase()] : [item.pk, item.pk.toLowerCase()];
        for (const form of forms) {
          const s = lookupCipher(form);
          if (s?.code !== code || s.partial) problems.push(`${form} → ${s?.code ?? 'null'} (want ${code})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('resolves every testssl OpenSSL name (two-byte rows) to the same code point', () => {
    const problems: string[] = [];
    const exceptions: string[] = [];
    let checked = 0;
    for (const t of readTestssl()) {
      if (t.openssl === null || t.code.split(',').length !== 2) continue;
      if (OPENSSL_NAME_EXCEPTIONS.has(t.openssl)) {
        exceptions.push(t.openssl);
        continue;
      }
      if (lookupCipherByCode(t.code) === null) continue; // not a suite we carry (GOST drafts, vendor codes)
      const s = lookupCipher(t.openssl);
      if (s === null || s.partial || s.code !== t.code) problems.push(`${t.openssl}: ${s?.code ?? 'null'} ≠ ${t.code}`);
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(250);
    // Every exception must still be needed: each one resolves only structurally (partial) or not at all.
    for (const name of exceptions) expect(lookupCipher(name)?.partial ?? true, name).toBe(true);
    expect(exceptions.length).toBe(OPENSSL_NAME_EXCEPTIONS.size);
  });

  it('resolves the SSLv2 cipher kinds by their SSL_CK_ names', () => {
    const problems: string[] = [];
    for (const t of readTestssl()) {
      if (t.code.split(',').length !== 3 || t.iana === null) continue;
      const s = lookupCipher(t.iana);
      if (s === null || s.partial) continue; // we carry the seven kinds of the SSLv2 spec, not vendor extensions
      if (s.code !== t.code || s.minVersion !== 'SSLv2') problems.push(`${t.iana}: ${s.code}`);
    }
    expect(problems).toEqual([]);
    expect(lookupCipher('SSL_CK_DES_192_EDE3_CBC_WITH_MD5')?.code).toBe('0x07,0x00,0xC0');
  });

  it('agrees with testssl on Kx, Au, Enc, bits, Mac, export and the TLS 1.2/1.3 floor', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const t of readTestssl()) {
      if (t.iana === null || t.code.split(',').length !== 2) continue;
      const ours = lookupCipherByCode(t.code);
      if (ours === null) continue;
      checked++;
      const diffs = propertyDiffs(ours, t);
      if (diffs.length > 0) problems.push(`${t.code} ${t.iana}: ${diffs.join('; ')}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('grades Mozilla "intermediate" (6.0) A and the suites only "old" (5.8) allows below A', () => {
    const g60 = JSON.parse(read('mozilla/guidelines-6.0.json')) as {
      configurations: Record<string, { ciphers: { openssl: string[]; iana: string[] }; ciphersuites: string[] }>;
    };
    const inter = g60.configurations['intermediate'];
    expect(inter).toBeDefined();
    for (const name of [...(inter?.ciphers.openssl ?? []), ...(inter?.ciphers.iana ?? [])]) {
      expect(gradeTls({ version: 'TLSv1.2', cipher: name }).grade, name).toBe('A');
    }
    for (const name of inter?.ciphersuites ?? []) expect(gradeTls({ version: 'TLSv1.3', cipher: name }).grade, name).toBe('A');
    const g58 = JSON.parse(read('mozilla/guidelines-5.8.json')) as typeof g60;
    const interNames = new Set(inter?.ciphers.openssl ?? []);
    const oldOnly = (g58.configurations['old']?.ciphers.openssl ?? []).filter((n) => !interNames.has(n));
    expect(oldOnly.length).toBeGreaterThan(5);
    for (const name of oldOnly) {
      const g = gradeTls({ version: 'TLSv1.2', cipher: name });
      expect(['B', 'C'], name).toContain(g.grade);
      expect(g.cipherIana, name).not.toBeNull();
    }
  });
});
