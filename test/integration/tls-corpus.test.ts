/**
 * Accuracy of `readTls` over the real headers of the shared dev corpus (test/support/shared.ts; read at test time,
 * never copied). Fields compared as the corpus defines them: `tls_version` vs `versionText` and `cipher` vs `cipher`
 * case-insensitive, `bits` as the first number, `cert_verified` true ⇔ `verified`, false ⇔ failed / not-presented /
 * not-requested. Read through `parseReceived` (the real path) and through `readTls` on a hand-built context (the unit);
 * both must agree. Skips cleanly when the corpus is absent.
 */
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../src/hop/parse-received.js';
import { readTls } from '../../src/tls/read-tls.js';
import type { HopTls } from '../../src/types.js';
import { readDevCorpus } from '../support/shared.js';
import { tlsContext } from '../support/tls-context.js';

const corpus = readDevCorpus();

/** Minimum share of stated fields we must read right, per field. */
const MIN_ACCURACY = 0.97;

type Field = 'tls_version' | 'cipher' | 'bits' | 'cert_verified';

function got(field: Field, tls: HopTls | null): unknown {
  if (tls === null) return undefined;
  switch (field) {
    case 'tls_version':
      return tls.versionText?.toLowerCase();
    case 'cipher':
      return tls.cipher?.toLowerCase();
    case 'bits':
      return tls.bits ?? undefined;
    case 'cert_verified':
      if (tls.certificate === 'verified') return true;
      return tls.certificate === 'unknown' ? undefined : false;
  }
}

function want(field: Field, value: unknown): unknown {
  if (field === 'bits') return Number.parseInt(String(value), 10);
  if (typeof value === 'string') return value.toLowerCase();
  return value;
}

describe.skipIf(corpus === null)('readTls over the shared corpus', () => {
  it(`reads every TLS field at >= ${MIN_ACCURACY * 100}%`, () => {
    const fields: readonly Field[] = ['tls_version', 'cipher', 'bits', 'cert_verified'];
    const stats = new Map<Field, { ok: number; total: number; misses: string[] }>(fields.map((f) => [f, { ok: 0, total: 0, misses: [] }]));
    for (const sample of corpus ?? []) {
      const tls = parseReceived(sample.header).tls;
      if (tls !== null) expect(sample.header.slice(tls.span.start, tls.span.end)).toBe(tls.evidence);
      expect(JSON.stringify(readTls(tlsContext(sample.header)).tls), sample.id).toBe(JSON.stringify(tls));
      for (const f of fields) {
        if (!(f in sample.expect)) continue;
        const s = stats.get(f)!;
        s.total++;
        const w = want(f, sample.expect[f]);
        const g = got(f, tls);
        if (w === g) s.ok++;
        else s.misses.push(`${sample.id} (${sample.mta}): want ${String(w)}, got ${String(g)}`);
      }
    }
    const lines: string[] = [];
    for (const [f, s] of stats) {
      lines.push(`${f}: ${s.ok}/${s.total} = ${s.total === 0 ? '-' : ((100 * s.ok) / s.total).toFixed(1)}%`);
      for (const m of s.misses) lines.push(`  miss ${m}`);
    }
    console.log(`readTls corpus accuracy\n${lines.join('\n')}`);
    for (const [f, s] of stats) {
      expect(s.total, `${f} stated somewhere`).toBeGreaterThan(0);
      expect(s.ok / s.total, `${f} accuracy`).toBeGreaterThanOrEqual(MIN_ACCURACY);
    }
  });

  it('never calls a header with a TLS statement plaintext', () => {
    for (const sample of corpus ?? []) {
      const e = sample.expect;
      if (!('cipher' in e) && !('tls_version' in e)) continue;
      const { tls } = readTls(tlsContext(sample.header));
      expect(tls?.encrypted, sample.id).toBe(true);
    }
  });
});
