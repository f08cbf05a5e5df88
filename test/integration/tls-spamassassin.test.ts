import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/index.js';
import { spamAssassinDir } from '../support/shared.js';

/*
 * The real corpus has 259 Sendmail hops that negotiated TLS in 2002, written with OpenSSL's cipher-version string:
 * `(version=TLSv1/SSLv3 cipher=EDH-DSS-DES-CBC3-SHA bits=168/168 verify=…)`. Each must be found, resolved to its
 * IANA name, and graded C for 3DES (Sweet32) — not "TLS 1.0", since `TLSv1/SSLv3` says nothing about the version.
 */

const dir = spamAssassinDir();

describe.skipIf(dir === null)('Sendmail TLS hops of the SpamAssassin corpus', () => {
  it('finds all 259, resolves them to IANA names and grades them C for 3DES', () => {
    const byCipher = new Map<string, number>();
    const other = new Map<string, number>();
    let tlsHops = 0;
    for (const group of readdirSync(dir!)) {
      if (group.includes('.')) continue;
      for (const name of readdirSync(`${dir!}${group}`)) {
        if (!name.endsWith('.txt')) continue;
        const report = analyzeMessage(readFileSync(`${dir!}${group}/${name}`));
        for (const hop of report.hops) {
          const t = hop.tls;
          if (t === null || t.cipher === null) continue;
          other.set(`${t.dialect} ${t.versionText} ${t.cipher} ${hop.security.grade}`, (other.get(`${t.dialect} ${t.versionText} ${t.cipher} ${hop.security.grade}`) ?? 0) + 1);
          if (!t.evidence.startsWith('(version=')) continue;
          tlsHops++;
          expect(t.versionText).toBe('TLSv1/SSLv3');
          expect(t.version).toBeNull();
          expect(t.encrypted).toBe(true);
          expect(hop.security.grade).toBe('C');
          expect(hop.security.reasons.map((r) => r.rule)).toContain('E-3DES');
          expect(hop.security.reasons.map((r) => r.rule)).not.toContain('P-TLS10');
          expect(hop.raw.slice(t.span.start, t.span.end)).toBe(t.evidence);
          const key = `${t.cipher} → ${String(t.cipherIana)}`;
          byCipher.set(key, (byCipher.get(key) ?? 0) + 1);
        }
      }
    }
    console.log([...other].map(([k, n]) => `${n} × ${k}`).join('\n'));
    console.log([...byCipher].map(([k, n]) => `${n} × ${k}`).join('\n'));
    expect(tlsHops).toBe(259);
    expect(Object.fromEntries(byCipher)).toEqual({
      'EDH-DSS-DES-CBC3-SHA → TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA': 244,
      'EDH-RSA-DES-CBC3-SHA → TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA': 15,
    });
  });
});
