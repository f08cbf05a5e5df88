// `rcvd --report <file>`: the HTML report written beside the normal output (or instead of it with -q), a lone
// message as the message view, an unwritable path as exit 2 before any scanning.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/io.js';
import { EML_DIR } from '../support/report-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'rcvd-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sections = (html: string): number => html.split('<section class="message"').length - 1;

describe('rcvd --report', () => {
  it('writes the archive report and keeps stdout as it was', async () => {
    const out = join(dir, 'archive.html');
    const plain = await runCli(['--no-progress', EML_DIR]);
    const withReport = await runCli(['--no-progress', '--report', out, EML_DIR]);
    expect(withReport.code).toBe(plain.code);
    expect(withReport.stdout).toBe(plain.stdout);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('id="summary"');
    expect(sections(html)).toBe(8);
    expect(html).toMatch(/made by received-forensics \d/);
  });

  it('with -q writes only the file', async () => {
    const out = join(dir, 'quiet.html');
    const r = await runCli(['-q', '--report', out, EML_DIR]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(sections(readFileSync(out, 'utf8'))).toBe(8);
  });

  it('a single message gets the message view', async () => {
    const out = join(dir, 'one.html');
    const r = await runCli(['-q', '--report', out, join(EML_DIR, 'seed-rc4-gmail.eml')]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('id="summary"');
    expect(html).toContain('class="hop-path"');
    expect(html).toContain('RC4-SHA');
  });

  it('keeps --fail-on working beside the report', async () => {
    const r = await runCli(['-q', '--fail-on', 'F', '--report', join(dir, 'fail.html'), join(EML_DIR, 'seed-rc4-gmail.eml')]);
    expect(r.code).toBe(1);
  });

  it('an unwritable report path is exit 2 before scanning', async () => {
    const r = await runCli(['--no-progress', '--report', join(dir, 'no', 'such', 'dir', 'r.html'), EML_DIR]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the report/);
    expect(r.stdout).toBe('');
  });

  it('an empty file name is a usage error; --help documents the option', async () => {
    expect((await runCli(['--report', '', EML_DIR])).code).toBe(2);
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('--report <file>');
  });
});
