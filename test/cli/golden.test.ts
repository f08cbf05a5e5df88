/**
 * Golden outputs of `rcvd` on the bundled synthetic samples (fixtures/eml, fixtures/cli, fixtures/mbox,
 * fixtures/maildir), stored under fixtures/golden/. Review a diff there like code: it is what users see.
 * Update after an intended change with `npx vitest run test/cli/golden.test.ts -u`.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './io.js';

const EML = readdirSync(new URL('../../fixtures/eml/', import.meta.url))
  .filter((n) => n.endsWith('.eml'))
  .sort();

function pretty(json: string): string {
  return `${JSON.stringify(JSON.parse(json), null, 2)}\n`;
}

describe('golden: fixtures/eml', () => {
  it.each(EML)('%s (text)', async (name) => {
    const r = await runCli([`fixtures/eml/${name}`]);
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot(`../../fixtures/golden/eml/${name.replace(/\.eml$/, '')}.txt`);
  });

  it.each(EML)('%s (json)', async (name) => {
    const r = await runCli(['-f', 'json', `fixtures/eml/${name}`]);
    await expect(pretty(r.stdout)).toMatchFileSnapshot(`../../fixtures/golden/eml/${name.replace(/\.eml$/, '')}.json`);
  });
});

describe('golden: archives and nested messages', () => {
  it.each([
    ['bounce-nested.txt', ['--nested', 'fixtures/cli/bounce-with-original.eml']],
    ['bounce-nested.csv', ['-f', 'csv', '--nested', 'fixtures/cli/bounce-with-original.eml']],
    ['mboxrd-three.txt', ['fixtures/mbox/mboxrd-three.mbox']],
    ['mboxrd-three.csv', ['-f', 'csv', 'fixtures/mbox/mboxrd-three.mbox']],
    ['mboxrd-three.ndjson', ['-f', 'ndjson', 'fixtures/mbox/mboxrd-three.mbox']],
    ['maildir.txt', ['fixtures/maildir']],
    ['samples.txt', ['fixtures/eml']],
  ])('%s', async (golden, argv) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`../../fixtures/golden/${golden}`);
  });
});
