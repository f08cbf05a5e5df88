// `--providers file.json`: the user's provider entries reach the scope decision; a bad file is a usage error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './io.js';
import { PROVIDER_MESSAGE as MESSAGE } from '../support/provider-message.js';


let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rcvd-providers-'));
  await writeFile(join(dir, 'm.eml'), MESSAGE);
  await writeFile(join(dir, 'providers.json'), JSON.stringify([{ id: 'mailer', name: 'Mailer', domains: ['mailer.example', 'mailer-mx.example'], mailNetworks: ['203.0.113.0/24'] }]));
  await writeFile(join(dir, 'broken.json'), '[{ "id": ');
  await writeFile(join(dir, 'invalid.json'), JSON.stringify([{ id: 'x', domains: ['example.org'], mailNetworks: ['1.2.3.4/33'] }]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Line = { type?: string; report?: { hops: { security: { scope: string; scopeReason: string } }[] } };

describe('--providers', () => {
  it('adds a provider whose address space makes its own hop internal', async () => {
    const without = await runCli(['-f', 'ndjson', join(dir, 'm.eml')]);
    const withIt = await runCli(['-f', 'ndjson', '--providers', join(dir, 'providers.json'), join(dir, 'm.eml')]);
    const hop1 = (out: string): { scope: string; scopeReason: string } => (JSON.parse(out.split('\n')[0]!) as Line).report!.hops[1]!.security;
    expect(hop1(without.stdout)).toMatchObject({ scope: 'external', scopeReason: 'cross-operator' });
    expect(hop1(withIt.stdout)).toMatchObject({ scope: 'internal', scopeReason: 'provider-space' });
    expect(withIt.code).toBe(0);
  });
  it.each([
    ['a missing file', 'nope.json', 'cannot read'],
    ['a file that is not JSON', 'broken.json', 'not JSON'],
    ['an entry with a bad block', 'invalid.json', '1.2.3.4/33'],
  ])('%s is a usage error (exit 2, one line on stderr)', async (_label, file, says) => {
    const r = await runCli(['--providers', join(dir, file), join(dir, 'm.eml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(says);
  });
});

describe('declared patterns that match nothing', () => {
  it('are named on stderr and in the summary; the ones that matched are not', async () => {
    const r = await runCli(['-f', 'ndjson', '--internal', '.mailer-mx.example,.nomatch.example', '--trusted', '192.0.2.0/24', join(dir, 'm.eml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('matched nothing in 1 messages: 192.0.2.0/24, .nomatch.example');
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { type: string; unmatchedDeclared: string[] };
    expect(summary).toMatchObject({ type: 'summary', unmatchedDeclared: ['192.0.2.0/24', '.nomatch.example'] });
  });
  it('say nothing when every pattern matched', async () => {
    const r = await runCli(['--internal', '.mailer-mx.example', join(dir, 'm.eml')]);
    expect(r.stderr).not.toContain('matched nothing');
  });
});
