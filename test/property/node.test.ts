// Properties of the Node entry over arbitrary bytes: `scan()` of any stream (random bytes, mbox-shaped text with
// junk spliced in) never rejects, yields messages in order then one summary that adds up, and every report keeps
// the core invariants. `analyzeFile` likewise on a file holding those bytes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { headerPrefixLength } from '../../src/headers/split.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { headerPrefixBound } from '../../src/node/batch-wire.js';
import { analyzeFile, scan, type ScanMessage, type ScanSummary } from '../../src/node/index.js';
import { HEADER_PIECES, reportViolations } from '../fuzz/engine.mjs';

const dir = mkdtempSync(join(tmpdir(), 'rcvd-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const enc = new TextEncoder();
const mboxish = fc
  .array(
    fc.tuple(
      fc.array(fc.constantFrom(...HEADER_PIECES, '\n', '\r\n', 'From ', '>From ', '\n\n', 'Received: '), { maxLength: 30 }).map((a) => a.join('')),
      fc.uint8Array({ maxLength: 6 }),
    ),
    { maxLength: 5 },
  )
  .map((parts) => Uint8Array.from(parts.flatMap(([text, junk]) => [...enc.encode(`From a@b Tue Nov 14 09:12:45 2023\n${text}\n`), ...junk])));
const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 600 }), mboxish);

describe('scan() over arbitrary bytes', () => {
  it('never rejects; messages in order, then a summary that adds up; reports keep their invariants', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, async (bytes) => {
        const messages: ScanMessage[] = [];
        let summary: ScanSummary | null = null;
        for await (const item of scan(Readable.from([Buffer.from(bytes)]))) {
          if (item.type === 'message') messages.push(item);
          else summary = item;
        }
        expect(summary).not.toBeNull();
        expect(summary!.messages).toBe(messages.length);
        expect(summary!.hops).toBe(messages.reduce((n, m) => n + m.report.hops.length, 0));
        messages.forEach((m, i) => {
          if (i > 0) expect(m.index).toBeGreaterThan(messages[i - 1]!.index);
          // reader issues have no span; the core's spans are checked against the message size
          expect(reportViolations(m.report, bytes.length)).toEqual([]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('analyzeFile on a file of arbitrary bytes never rejects and returns one report per message', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(anyBytes, async (bytes) => {
        const path = join(dir, `f${k++}.eml`);
        writeFileSync(path, bytes);
        const reports = await analyzeFile(path);
        for (const r of reports) expect(reportViolations(r, bytes.length)).toEqual([]);
        expect(JSON.parse(JSON.stringify(reports))).toEqual(reports);
      }),
      { numRuns: 100 },
    );
  });
});

describe('headerPrefixBound (what --jobs sends a worker)', () => {
  // Line ends of every kind, so the native LF LF / CR LF CR LF search meets lone CRs, mixes and blocks with no end.
  const headerish = fc
    .array(fc.constantFrom('a: b', 'Received: from x by y; Tue, 14 Nov 2023 09:12:45 +0000', ' folded', '\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\xe9', 'x'), {
      maxLength: 40,
    })
    .map((a) => Uint8Array.from(Buffer.from(a.join(''), 'latin1')));

  it('is at or past the exact header end and analyses exactly like the whole message', () => {
    fc.assert(
      fc.property(fc.oneof(headerish, fc.uint8Array({ maxLength: 300 })), fc.integer({ min: 1, max: 400 }), (bytes, limit) => {
        const bound = headerPrefixBound(bytes, limit);
        expect(bound).toBeGreaterThanOrEqual(Math.min(headerPrefixLength(bytes, limit), bytes.length));
        expect(bound).toBeLessThanOrEqual(Math.max(limit + 1, headerPrefixLength(bytes, limit)));
        const limits = { ...DEFAULT_LIMITS, maxHeaderBytes: limit };
        expect(analyzeMessage(bytes.subarray(0, bound), { limits })).toEqual(analyzeMessage(bytes, { limits }));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the first LF LF or CR LF CR LF when the block ends that way', () => {
    const lf = new TextEncoder().encode('A: 1\nB: 2\n\nbody\n\nmore');
    expect(headerPrefixBound(lf, 1000)).toBe(11);
    const crlf = new TextEncoder().encode('A: 1\r\nB: 2\r\n\r\nbody\n\nmore');
    expect(headerPrefixBound(crlf, 1000)).toBe(14);
    // A lone-CR block: no pattern, the exact scan answers — also when the body has an LF LF further on.
    const cr = new TextEncoder().encode('A: 1\rB: 2\r\rbody\n\nmore');
    expect(headerPrefixBound(cr, 1000)).toBe(headerPrefixLength(cr, 1000));
    expect(headerPrefixBound(cr, 1000)).toBe(11);
    // A pattern that ends past the limit is not taken.
    expect(headerPrefixBound(lf, 10)).toBe(headerPrefixLength(lf, 10));
  });
});
