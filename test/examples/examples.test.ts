/**
 * The runnable examples in this folder, run as a user would: `node` on the file, importing the BUILT package by its
 * name (`received-forensics` resolves through package.json `exports`, self-reference), and `tsc` on the TypeScript
 * examples under `moduleResolution: node16` (ESM and CJS sides) and `bundler` (browser, no Node types).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, ensureBuilt, ROOT, run } from './built.js';

const EXAMPLES = join(ROOT, 'test', 'examples');
const MBOX = join(ROOT, 'fixtures', 'mbox', 'mboxrd-three.mbox');
const RC4_MESSAGE = join(ROOT, 'fixtures', 'eml', 'seed-rc4-gmail.eml');

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

async function example(file: string, args: readonly string[] = [], input?: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [join(EXAMPLES, file), ...args], input === undefined ? {} : { input });
  return stdout.trimEnd().split('\n');
}

function parseLines(lines: readonly string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JavaScript examples against the built package', () => {
  it('esm.mjs: hops oldest first, RC4 hop graded F and named as the weakest', async () => {
    expect(await example('esm.mjs')).toEqual([
      'sender.example.com -> mail.example.org: F (TLSv1.0 TLS_RSA_WITH_RC4_128_SHA)',
      'mail.example.org -> mx.example.net: A (TLSv1.3 TLS_AES_256_GCM_SHA384)',
      'verdict: F, weakest hop: 1',
    ]);
  });

  it('cjs.cjs: require() of both entries, gradeTls, lookupCipher and analyzeFile', async () => {
    expect(await example('cjs.cjs', [RC4_MESSAGE])).toEqual([
      'B',
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      '<20130105182028.5B1D53A0011@www1234.sakura.ne.jp>: F',
    ]);
  });

  it('grade-header.mjs: one header string, then the policy alone (practical vs bcp195)', async () => {
    const [hop, practical, strict] = await example('grade-header.mjs');
    expect(JSON.parse(hop ?? '')).toEqual({
      from: '203.0.113.9',
      by: 'mx.example.net',
      version: 'TLSv1.2',
      cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      grade: 'A',
      rules: ['OK-MODERN'],
      date: '2024-07-02T08:00:00.000Z',
    });
    expect([practical, strict]).toEqual(['C', 'F']);
  });

  it('grade-header.mjs: a header given on the command line (the RC4 line of the design notes)', async () => {
    const value =
      'from www1234.sakura.ne.jp (www1234.sakura.ne.jp. [2403:3a00:101:13:133:167:8:98])\r\n' +
      '        by mx.google.com with ESMTPS id a1si123456pbc.12.2013.01.05.10.20.30\r\n' +
      '        for <someone@example.net>\r\n        (version=TLSv1 cipher=RC4-SHA bits=128/128);\r\n' +
      '        Sat, 05 Jan 2013 10:20:30 -0800 (PST)';
    const [hop] = await example('grade-header.mjs', [value]);
    expect(JSON.parse(hop ?? '')).toMatchObject({
      from: '2403:3a00:101:13:133:167:8:98',
      version: 'TLSv1.0',
      cipher: 'TLS_RSA_WITH_RC4_128_SHA',
      grade: 'F',
      date: '2013-01-05T18:20:30.000Z',
    });
  });

  it('mbox-to-ndjson.mjs: one line per message with its mbox offset, then the summary', async () => {
    const lines = parseLines(await example('mbox-to-ndjson.mjs', [MBOX]));
    expect(lines.slice(0, 3).map((l) => [l.index, l.offset, l.verdict, l.hops])).toEqual([
      [0, 0, 'A', 1],
      [1, 716, 'A', 1],
      [2, 1320, 'A', 1],
    ]);
    expect(lines[3]).toMatchObject({ type: 'summary', messages: 3, hops: 3 });
    expect(lines).toHaveLength(4);
  });

  it('mbox-to-ndjson.mjs: the same archive on stdin gives the same lines (source "-")', async () => {
    const fromPath = parseLines(await example('mbox-to-ndjson.mjs', [MBOX]));
    const fromStdin = parseLines(await example('mbox-to-ndjson.mjs', [], readFileSync(MBOX, 'latin1')));
    expect(fromStdin.map((l) => ({ ...l, source: null }))).toEqual(fromPath.map((l) => ({ ...l, source: null })));
    expect(fromStdin[0]?.source).toBe('-');
  });

  it('trust-and-policy.mjs: our relay is internal, the partner hop is graded by the custom policy, below is unverifiable', async () => {
    expect(await example('trust-and-policy.mjs')).toEqual([
      '#0 mx1.example.net: A internal',
      '#1 relay2.example.net: C external',
      '#2 gw.partner.example: none internal UNVERIFIABLE',
      'verdict: C',
    ]);
  });
});

describe('TypeScript examples type-check against the built declarations', () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  it.concurrent.each([
    ['node16 (ESM .ts and CJS .cts, with @types/node)', 'node16'],
    ['bundler (browser lib, no @types/node, declarations checked: the core types need nothing from Node)', 'bundler'],
  ])('%s', async (_label, project) => {
    const result = await run(process.execPath, [tsc, '-p', join(EXAMPLES, 'ts', project), '--pretty', 'false']).catch(
      (error: unknown) => ({ stdout: String(error), stderr: '' }),
    );
    expect(result.stdout).toBe('');
  });
});
