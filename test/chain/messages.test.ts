// Scope, grades and verdicts over real modern whole messages (Microsoft 365, Gmail, Yahoo, iCloud, mailing lists
// relaying through organisations' own servers, local-only mail), labelled hop by hop by hand. The set lives in the
// shared data folder (test/support/shared.ts; never copied here); the test skips with a message when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../src/address/ip.js';
import { analyzeMessage } from '../../src/analyze.js';
import type { Hop } from '../../src/types.js';
import { SHARED_DIR } from '../support/shared.js';

interface LabelledHop {
  readonly index: number;
  readonly from_ip: string | null;
  readonly by_host: string | null;
  readonly protocol: string | null;
  readonly tls_version: string | null;
  readonly cipher: string | null;
  readonly grade: string;
  readonly scope: string;
  readonly scope_reason?: string;
}

interface LabelledMessage {
  readonly file: string;
  readonly hops: readonly LabelledHop[];
  readonly verdict: string;
}

const LABELS = `${SHARED_DIR}corpus/messages.jsonl`;
const present = existsSync(LABELS);
if (!present) console.log(`chain.messages: ${LABELS} is absent, skipping the labelled-message accuracy test`);

function canonicalIp(text: string | null): string | null {
  if (text === null) return null;
  return parseIp(text)?.ip ?? text.toLowerCase();
}

function host(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

function lower(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : text.toLowerCase();
}

/** Field pairs [expected, actual] for the stated fields of one hop. */
function fieldPairs(l: LabelledHop, h: Hop): [string, string | null, string | null][] {
  const pairs: [string, string | null, string | null][] = [];
  if (l.from_ip !== null) pairs.push(['from_ip', canonicalIp(l.from_ip), canonicalIp(h.from?.ip ?? null)]);
  if (l.by_host !== null) pairs.push(['by_host', host(l.by_host), host(h.by?.host)]);
  if (l.protocol !== null) pairs.push(['protocol', lower(l.protocol), lower(h.protocol)]);
  if (l.tls_version !== null) pairs.push(['tls_version', lower(l.tls_version), lower(h.tls?.versionText)]);
  if (l.cipher !== null) pairs.push(['cipher', lower(l.cipher), lower(h.tls?.cipher)]);
  return pairs;
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;
}

describe.skipIf(!present)('labelled real messages', () => {
  it('reads fields, grades, scopes and verdicts as labelled', () => {
    const labelled = readFileSync(LABELS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LabelledMessage);
    let fields = 0;
    let fieldsOk = 0;
    let grades = 0;
    let gradesOk = 0;
    let scopes = 0;
    let scopesOk = 0;
    let verdicts = 0;
    let verdictsOk = 0;
    const misses: string[] = [];
    for (const m of labelled) {
      const report = analyzeMessage(readFileSync(`${SHARED_DIR}corpus/messages/${m.file}`));
      expect(report.hops.length).toBe(m.hops.length);
      for (const l of m.hops) {
        const h = report.hops[l.index]!;
        for (const [name, want, got] of fieldPairs(l, h)) {
          fields++;
          if (want === got) fieldsOk++;
          else misses.push(`${m.file} hop ${l.index} ${name}: want ${want} got ${got}`);
        }
        if (l.grade !== '?') {
          grades++;
          if (h.security.grade === l.grade) gradesOk++;
          else misses.push(`${m.file} hop ${l.index} grade: want ${l.grade} got ${h.security.grade}`);
        }
        if (l.scope !== '?') {
          scopes++;
          if (h.security.scope === l.scope) scopesOk++;
          else {
            const why = h.security.reasons.at(-1);
            misses.push(`${m.file} hop ${l.index} scope: want ${l.scope} [${l.scope_reason ?? ''}] got ${h.security.scope} (${why?.rule ?? ''}: ${why?.message ?? ''})`);
          }
        }
      }
      if (m.verdict !== '?') {
        verdicts++;
        if (report.verdict.grade === m.verdict) verdictsOk++;
        else misses.push(`${m.file} verdict: want ${m.verdict} got ${report.verdict.grade} (hop ${report.verdict.weakestHop ?? '-'})`);
      }
    }
    console.log(
      [
        `labelled messages: ${labelled.length}`,
        `fields ${pct(fieldsOk, fields)}`,
        `grades ${pct(gradesOk, grades)}`,
        `scopes ${pct(scopesOk, scopes)}`,
        `verdicts ${pct(verdictsOk, verdicts)}`,
        ...misses.map((s) => `  miss: ${s}`),
      ].join('\n'),
    );
    expect(fieldsOk / fields).toBeGreaterThanOrEqual(0.99);
    expect(scopesOk / scopes).toBeGreaterThanOrEqual(0.98);
    expect(verdictsOk / verdicts).toBeGreaterThanOrEqual(0.97);
  });
});
