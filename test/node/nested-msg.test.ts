import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { analyzeNested } from '../../src/node/nested.js';
import { scan } from '../../src/node/scan.js';
import type { ScanMessage } from '../../src/node/scan-types.js';
import { collect, tempDir } from './read-helpers.js';
import { writeMsg } from '../support/write-msg.js';

const SEED = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'eml', 'seed-rc4-gmail.eml'));

/** A report sent by a "report phishing" button: a short note with the suspicious item attached as a `.msg`. */
function reportWith(item: Uint8Array, contentType: string, filename: string): Buffer {
  const base64 = Buffer.from(item).toString('base64').replace(/(.{76})/gu, '$1\r\n');
  const text = [
    'Received: from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.net with ESMTPS id r1 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384); Mon, 6 Jan 2025 09:15:02 +0000',
    'From: user@example.org',
    'To: abuse@example.net',
    'Subject: Suspicious message',
    'X-Fixture-Note: synthetic',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Please look at the attached message.',
    '--b1',
    `Content-Type: ${contentType}; name="${filename}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${filename}"`,
    '',
    base64,
    '--b1--',
    '',
  ].join('\r\n');
  return Buffer.from(text, 'latin1');
}

function essence(report: ReturnType<typeof analyzeMessage>): unknown {
  return { hops: report.hops, verdict: report.verdict };
}

let dir = '';
let remove: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ dir, remove } = await tempDir('nested-msg'));
});
afterAll(() => remove());

describe('a .msg attached to a message is read with nested', () => {
  it.each([
    ['application/vnd.ms-outlook', 'suspicious.msg'],
    ['application/octet-stream', 'Suspicious.MSG'],
  ])('as %s named %s: same hops and verdict as the original', async (type, name) => {
    const path = join(dir, 'report.eml');
    await writeFile(path, reportWith(writeMsg(SEED), type, name));
    const items = (await collect(scan(path, { nested: true }))).filter((i): i is ScanMessage => i.type === 'message');
    expect(items).toHaveLength(1);
    const nested = items[0]!.nested;
    expect(nested.map((n) => [n.depth, n.contentType])).toEqual([[1, 'application/vnd.ms-outlook']]);
    expect(essence(nested[0]!.report)).toEqual(essence(analyzeMessage(SEED)));
  });

  it('not without nested', async () => {
    const path = join(dir, 'report-plain.eml');
    await writeFile(path, reportWith(writeMsg(SEED), 'application/vnd.ms-outlook', 'suspicious.msg'));
    const items = (await collect(scan(path))).filter((i): i is ScanMessage => i.type === 'message');
    expect(items[0]!.nested).toEqual([]);
  });

  it('a damaged .msg is a nested report with an issue, the scan goes on', async () => {
    const item = writeMsg(SEED).subarray(0, 700);
    const found = await analyzeNested(reportWith(item, 'application/vnd.ms-outlook', 'cut.msg'), { source: 'r.eml', index: 0 });
    expect(found.nested).toHaveLength(1);
    expect(found.nested[0]!.report.issues[0]!.code).toBe('IO_UNREADABLE');
    expect(found.nested[0]!.report.hops).toEqual([]);
  });

  it('an attached .msg without internet headers says so', async () => {
    const found = await analyzeNested(reportWith(writeMsg(SEED, { withoutHeaders: true }), 'application/vnd.ms-outlook', 'draft.msg'), { source: 'r.eml', index: 0 });
    expect(found.nested[0]!.report.issues[0]!.code).toBe('IO_NO_INTERNET_HEADERS');
  });

  it('other compound files (a .doc) and a .msg name on other bytes are not read as Outlook items', async () => {
    const doc = await analyzeNested(reportWith(writeMsg(SEED), 'application/msword', 'letter.doc'), { source: 'r.eml', index: 0 });
    expect(doc.nested).toEqual([]);
    const text = await analyzeNested(reportWith(Buffer.from('not a compound file'), 'application/octet-stream', 'x.msg'), { source: 'r.eml', index: 0 });
    expect(text.nested).toEqual([]);
    const mislabelled = await analyzeNested(reportWith(writeMsg(SEED, { notAnItem: true }), 'application/vnd.ms-outlook', 'x.msg'), { source: 'r.eml', index: 0 });
    expect(mislabelled.nested).toEqual([]);
  });
});
