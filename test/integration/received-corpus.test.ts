import { describe, expect, it } from 'vitest';
import { parseIp } from '../../src/address/ip.js';
import { parseReceived } from '../../src/index.js';
import type { Hop } from '../../src/types.js';
import { readDevCorpus } from '../support/shared.js';

/*
 * Field accuracy over the real headers of the shared dev corpus (test/support/shared.ts), compared as it defines:
 * hosts case-insensitive without brackets or a trailing dot, IPs canonical, whitespace collapsed in id and date.
 */

const corpus = readDevCorpus();

const host = (s: unknown): string => String(s).toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
const canonIp = (s: unknown): string => {
  const p = parseIp(String(s));
  return p === null ? String(s).toLowerCase() : p.ip;
};
const ws = (s: unknown): string => String(s).replace(/\s+/g, ' ').trim();
const firstNumber = (s: unknown): string => /\d+/.exec(String(s))?.[0] ?? '';
const noAngles = (s: unknown): string => String(s).replace(/[<>]/g, '').toLowerCase().trim();

type Getter = (hop: Hop) => unknown;
const FIELDS: Record<string, { get: Getter; norm: (v: unknown) => string }> = {
  from_helo: { get: (h) => h.from?.helo, norm: host },
  from_rdns: { get: (h) => h.from?.rdns, norm: host },
  from_ip: { get: (h) => h.from?.ip, norm: canonIp },
  by: { get: (h) => h.by?.host, norm: host },
  protocol: { get: (h) => h.protocol, norm: (v) => String(v).toLowerCase() },
  id: { get: (h) => h.id, norm: ws },
  for: { get: (h) => h.for, norm: noAngles },
  date: { get: (h) => h.date?.text, norm: ws },
  tls_version: { get: (h) => h.tls?.versionText, norm: (v) => String(v).toLowerCase() },
  cipher: { get: (h) => h.tls?.cipher, norm: (v) => String(v).toLowerCase() },
  bits: { get: (h) => h.tls?.bits, norm: firstNumber },
  cert_verified: {
    get: (h) => {
      const c = h.tls?.certificate;
      if (c === 'verified') return true;
      if (c === 'failed' || c === 'not-presented' || c === 'not-requested') return false;
      return undefined;
    },
    norm: String,
  },
};

describe.skipIf(corpus === null)('real Received headers (shared dev corpus)', () => {
  it('reaches at least 97% field accuracy', () => {
    const perField = new Map<string, { ok: number; total: number }>();
    const misses: string[] = [];
    let ok = 0;
    let total = 0;
    for (const sample of corpus ?? []) {
      const hop = parseReceived(sample.header);
      for (const [field, want] of Object.entries(sample.expect)) {
        const spec = FIELDS[field];
        if (spec === undefined) continue;
        const got = spec.get(hop);
        const match = got !== undefined && got !== null && spec.norm(got) === spec.norm(want);
        const stat = perField.get(field) ?? { ok: 0, total: 0 };
        stat.total++;
        total++;
        if (match) {
          stat.ok++;
          ok++;
        } else misses.push(`${sample.id} [${sample.mta}] ${field}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
        perField.set(field, stat);
      }
    }
    const lines = [...perField].map(([f, s]) => `${f.padEnd(14)} ${((100 * s.ok) / s.total).toFixed(1).padStart(5)}%  (${s.ok}/${s.total})`);
    console.log(`field accuracy ${((100 * ok) / total).toFixed(2)}% (${ok}/${total})\n${lines.join('\n')}\nmisses:\n${misses.join('\n')}`);
    expect(ok / total).toBeGreaterThanOrEqual(0.97);
  });
});
