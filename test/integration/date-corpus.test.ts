// Real-world dates from the shared dev corpus (test/support/shared.ts); skipped when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/date/rfc5322.js';
import type { IssueCode } from '../../src/types.js';
import { SHARED_DIR } from '../support/shared.js';

const corpus = `${SHARED_DIR}corpus/received-dev.jsonl`;
const present = existsSync(corpus);

/** The only honest reasons for a real date to have no instant: the text does not say which zone. */
const NO_INSTANT_REASONS: readonly IssueCode[] = ['DATE_NO_ZONE', 'DATE_UNKNOWN_ZONE'];

describe.skipIf(!present)('dates in the dev corpus', () => {
  const dates: string[] = [];
  if (present) {
    for (const line of readFileSync(corpus, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const date = (JSON.parse(line) as { expect?: { date?: unknown } }).expect?.date;
      if (typeof date === 'string') dates.push(date);
    }
  }

  it('reads every date; the ones without an instant lack a usable zone', () => {
    const failures: string[] = [];
    let withIso = 0;
    for (const d of dates) {
      const r = parseDate(d);
      if (r.date.iso !== null) {
        withIso++;
        continue;
      }
      const codes = r.issues.map((i) => i.code);
      failures.push(`${d}  → ${codes.join(', ')}`);
      expect(codes.some((c) => NO_INSTANT_REASONS.includes(c)), d).toBe(true);
    }
    console.log(`corpus dates: ${dates.length}, with an instant: ${withIso}\n  ${failures.join('\n  ')}`);
    expect(dates.length).toBeGreaterThan(100);
    expect(withIso / dates.length).toBeGreaterThan(0.98);
  });

  it('keeps the text as written, whitespace aside', () => {
    for (const d of dates) {
      expect(parseDate(d).date.text.replace(/\s+/g, ' ')).toBe(d.replace(/\s+/g, ' ').trim());
    }
  });
});

if (!present) console.log(`skipped: ${corpus} not found`);
