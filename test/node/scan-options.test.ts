/**
 * `scan()` passes every analysis option to the analysis: `providers` too (it was dropped once, silently), checked up
 * front with the others. The message is synthetic: a mailer's outbound host handing a message to its own inbound
 * host over its own public network.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ProviderEntry } from '../../src/index.js';
import { scan, type ScanItem, type ScanOptions } from '../../src/node/index.js';
import { PROVIDER_MESSAGE as MESSAGE } from '../support/provider-message.js';


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
