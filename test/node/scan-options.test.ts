/**
 * `scan()` passes every analysis option to the analysis: `providers` too (it was dropped once, silently), checked up
 * front with the others. The message is synthetic: a mailer's outbound host handing a message to its own inbound
 * host over its own public network.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ProviderEntry } from '../../src/index.js';
import { scan, type ScanItem, type ScanOptions } from '../../src/node/index.js';

const MESSAGE = [
  'Received: from in1.mailer-mx.example (in1.mailer-mx.example [198.51.100.1]) by mx.example.net (Postfix) with ESMTPS id 1; Tue, 14 May 2024 09:12:05 +0000',
  'Received: from out1.mailer.example (203.0.113.77) by in1.mailer-mx.example (198.51.100.1) with ESMTP id 2; Tue, 14 May 2024 09:12:04 +0000',
  'Subject: providers',
  '',
  'body',
  '',
].join('\r\n');

const MAILER: ProviderEntry = { id: 'mailer', name: 'Mailer', domains: ['mailer.example', 'mailer-mx.example'], mailNetworks: ['203.0.113.0/24'], wideNetworks: [], sources: [] };

async function items(options: ScanOptions): Promise<ScanItem[]> {
  const out: ScanItem[] = [];
  for await (const item of scan(Readable.from([Buffer.from(MESSAGE)]), options)) out.push(item);
  return out;
}

describe('scan options', () => {
  it('providers reach the scope decision', async () => {
    const scopeOf = (list: ScanItem[]) => (list[0]?.type === 'message' ? list[0].report.hops[1]?.security : undefined);
    expect(scopeOf(await items({}))).toMatchObject({ scope: 'external', scopeReason: 'cross-operator' });
    expect(scopeOf(await items({ providers: [MAILER] }))).toMatchObject({ scope: 'internal', scopeReason: 'provider-space' });
  });

  it('invalid providers throw TypeError when scan is called, before anything is read', () => {
    expect(() => scan('no-such-file.mbox', { providers: [{ ...MAILER, mailNetworks: ['1.2.3.4/33'] }] })).toThrow(TypeError);
    expect(() => scan('no-such-file.mbox', { trustedNetworks: ['nonsense'] })).toThrow(/trustedNetworks/);
  });
});
