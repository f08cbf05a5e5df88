/**
 * `processBatch` hands its output on in pieces (so no batch-sized string is ever built): the pieces, joined by the
 * format's separator, must be exactly the messages' output, and a sink that asks to wait must be waited for.
 * Messages are written here (synthetic Postfix lines), not taken from any corpus.
 */
import { describe, expect, it } from 'vitest';
import { OUTPUT_PIECE_CHARS, processBatch, type BatchPlan, type TextSink } from '../../src/node/scan-batch.js';
import { createOutputFormat } from '../../src/render/formats.js';
import type { MessageRecord } from '../../src/node/read-options.js';

function record(i: number): MessageRecord {
  const raw =
    `Received: from mx${i}.example.org (mx${i}.example.org [192.0.2.${i % 250}])\r\n` +
    `\tby in.example.net (Postfix) with ESMTPS id 4X${i}Q\r\n` +
    `\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\r\n` +
    `\tfor <u${i}@example.net>; Mon, 6 Jan 2025 10:00:${String(i % 60).padStart(2, '0')} +0000\r\n` +
    `Subject: message ${i}\r\n\r\nbody\r\n`;
  return { source: 'batch.mbox', index: i, byteOffset: i * 1000, issues: [], raw: new TextEncoder().encode(raw) };
}

const records = Array.from({ length: 400 }, (_, i) => record(i));

describe.each(['ndjson', 'json', 'csv', 'text'] as const)('processBatch, %s', (name) => {
  const config = { analyze: {}, nested: false, render: { name, color: false }, failOn: 'B' } satisfies BatchPlan;
  const format = createOutputFormat(config.render);
  const batch = (items: readonly MessageRecord[], sink: TextSink) => processBatch(items, config, { format, sink });

  it('streams pieces that join to the whole output, none much over the piece size', async () => {
    const pieces: string[] = [];
    const result = await batch(records, (piece) => {
      pieces.push(piece);
      return undefined;
    });
    const whole: string[] = [];
    for (const r of records) {
      const one: string[] = [];
      await batch([r], (p) => {
        one.push(p);
        return undefined;
      });
      whole.push(one.join(format.separator));
    }
    expect(pieces.join(format.separator)).toBe(whole.join(format.separator));
    expect(pieces.length).toBeGreaterThan(1);
    const longest = Math.max(...whole.map((w) => w.length));
    for (const p of pieces) expect(p.length).toBeLessThan(OUTPUT_PIECE_CHARS + longest + format.separator.length);
    expect(result.facts).toHaveLength(records.length);
    expect(result.failed).toBe(0);
  });

  it('waits for a sink that asks it to', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const done = batch(records, (piece) => {
      events.push(`piece ${piece.length}`);
      return events.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toHaveLength(1); // blocked on the first piece
    release();
    await done;
    expect(events.length).toBeGreaterThan(1);
  });
});
