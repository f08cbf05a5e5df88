// Properties of the Node entry over arbitrary bytes: `scan()` of any stream (random bytes, mbox-shaped text with
// junk spliced in) never rejects, yields messages in order then one summary that adds up, and every report keeps
// the core invariants. `analyzeFile` likewise on a file holding those bytes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFile, scan, type ScanMessage, type ScanSummary } from '../src/node/index.js';
import { HEADER_PIECES, reportViolations } from './fuzz/engine.mjs';

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
