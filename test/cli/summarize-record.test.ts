/**
 * `rcvd summarize` reads NDJSON that anyone can edit or that an older version wrote: each record line is checked
 * before it is counted or rendered, so a record from before `To:` was read still renders, and a damaged header field
 * is one reported problem, never an exception. Records are made here from our own fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { parseLine } from '../../src/cli/summarize/record.js';
import { reportHtml } from '../../src/render/html/index.js';

const RAW = readFileSync(new URL('../../fixtures/eml/seed-rc4-gmail.eml', import.meta.url));

function recordLine(edit: (headers: Record<string, unknown>) => void): string {
  const report = JSON.parse(JSON.stringify(analyzeMessage(RAW))) as { headers: Record<string, unknown> };
  edit(report.headers);
  return JSON.stringify({ type: 'message', schemaVersion: 1, source: 'a.eml', index: 0, byteOffset: null, report, nested: [] });
}

describe('summarize record lines', () => {
  it('a record written before To was read (no headers.to) is a message, and renders', () => {
    const parsed = parseLine(recordLine((h) => delete h.to));
    expect(parsed.kind).toBe('message');
    if (parsed.kind !== 'message') return;
    const { record } = parsed;
    // Two messages: the archive view, whose weakest-message details render each message's headers.
    const html = reportHtml([0, 1].map((index) => ({ source: record.source, index, report: record.report, nested: 0 })));
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('>from<');
    expect(html).not.toContain('>to<');
  });

  it.each([
    ['subject', 5],
    ['to', { name: 'x' }],
    ['messageId', ['<a@b>']],
    ['from', true],
  ])('headers.%s of the wrong type is a problem, not an exception', (key, value) => {
    const parsed = parseLine(recordLine((h) => (h[key] = value)));
    expect(parsed).toEqual({ kind: 'problem', problem: 'report.headers is malformed' });
  });
});
