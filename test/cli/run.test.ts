/**
 * The CLI driven in-process through `run(argv, io)`: every format, every exit code, colour rules, stdin, shards,
 * nested reports, escape injection and CSV formula neutralisation. Inputs are the bundled synthetic samples and
 * messages written inline here.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvText } from '../../src/render/csv.js';
import { TOOL } from '../../src/render/version.js';
import { runCli } from './io.js';

const SEED = 'fixtures/eml/seed-rc4-gmail.eml';
const TLS13 = 'fixtures/eml/tls13-amavis-lmtp.eml';
const UNKNOWN = 'fixtures/eml/esmtps-only.eml';
const PLAIN = 'fixtures/eml/external-plaintext.eml';
const MBOX = 'fixtures/mbox/mboxrd-three.mbox';
const BOUNCE = 'fixtures/cli/bounce-with-original.eml';

/** Synthetic: every header-derived place we print holds a terminal escape, BEL, CR or a bidi override. */
const HOSTILE = [
  'Received: from =cmd|calc.example (=cmd|calc.example [192.0.2.9])',
  '\tby =2+5.example.net (Postfix) with ESMTP id 4B1; Mon, 6 Jan 2025 10:00:00 +0000',
  'Received: from evil\x1b[2J.example (host\x07.example [198.51.100.1]) by @mx.example.net with ESMTP; Mon, 6 Jan 2025 09:59:00 +0000',
  'Subject: invoice\x1b[2J\x07paid\r more\u202Egpj.exe',
  'Date: Mon, 6 Jan 2025 09:58:00 +0000\x1b]0;owned\x07',
  'From: -attacker@example.org',
  '',
  'body',
  '',
].join('\r\n');

let dir = '';
let hostilePath = '';
let bigMbox = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rcvd-cli-'));
  hostilePath = join(dir, 'hostile.eml');
  await writeFile(hostilePath, HOSTILE);
  // 600 small messages: more than two batches, to see output flushed as it goes
  const parts: string[] = [];
  for (let i = 0; i < 600; i++) {
    parts.push(
      `From sender@example.org Mon Jan  6 10:00:00 2025\n` +
        `Received: from mail.example.org (mail.example.org [192.0.2.10])\n\tby mx.example.net (Postfix) with ESMTPS id M${i}\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits));\n\tMon, 6 Jan 2025 10:00:${String(i % 60).padStart(2, '0')} +0000\n` +
        `Subject: message ${i}\n\nbody ${i}\n\n`,
    );
  }
  bigMbox = join(dir, 'six-hundred.mbox');
  await writeFile(bigMbox, parts.join(''));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('usage, help and version', () => {
  it('--help prints the usage and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: rcvd [options] <path…>');
    expect(r.stdout).toContain('--fail-on');
  });

  it('--version prints the package name and version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`received-forensics ${TOOL.version}\n`);
    expect(TOOL.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    ['no path at all', [], 'no input'],
    ['an unknown option', ['--bogus', SEED], 'bogus'],
    ['an unknown format', ['--format', 'xml', SEED], '--format must be one of'],
    ['a grade that does not exist', ['--fail-on', 'D', SEED], '--fail-on must be one of'],
    ['zero jobs', ['--jobs', '0', SEED], '--jobs'],
    ['a shard past its count', ['--shard', '3/2', SEED], '--shard'],
    ['a shard with no count', ['--shard', '1', SEED], '--shard'],
    ['a CIDR with a bad prefix', ['--trusted', '10.0.0.0/99', SEED], 'not a CIDR'],
    ['a host with a space', ['--internal', 'mx example.net', SEED], 'not a host name'],
    ['an unknown policy', ['--policy', 'lax', SEED], '--policy'],
    ['stdin twice', ['-', '-'], 'more than once'],
  ])('%s exits 2 with a message on stderr', async (_label, argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('a path that does not exist exits 2 and names it; the other paths are still scanned', async () => {
    const r = await runCli([SEED, 'fixtures/eml/no-such-file.eml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-file.eml');
    // the output says what it lacks: an unreadable-message record for the missing path, then the others
    const alone = (await runCli([SEED])).stdout;
    expect(r.stdout).toContain('fixtures/eml/no-such-file.eml\n');
    expect(r.stdout).toContain('IO_UNREADABLE  cannot read it: file vanished or does not exist');
    expect(r.stdout).toContain(alone.slice(alone.indexOf(SEED)));
  });
});

describe('--fail-on', () => {
  it.each([
    // file, threshold, exit: verdicts F (seed), A (tls13), unknown (esmtps-only), none (external-plaintext)
    [SEED, 'none', 0],
    [SEED, 'F', 1],
    [SEED, 'C', 1],
    [SEED, 'unknown', 1],
    [TLS13, 'B', 0],
    [TLS13, 'A', 1],
    [UNKNOWN, 'A', 1],
    // "everything must be A" also fails what cannot be shown
    [UNKNOWN, 'B', 1],
    [UNKNOWN, 'C', 0],
    [UNKNOWN, 'unknown', 1],
    [PLAIN, 'none', 1],
    [PLAIN, 'unknown', 1],
    // any case
    [SEED, 'f', 1],
    [TLS13, 'a', 1],
    [PLAIN, 'NONE', 1],
    [UNKNOWN, 'Unknown', 1],
  ] as const)('%s with --fail-on %s exits %i', async (file, grade, code) => {
    const r = await runCli(['--fail-on', grade, '-f', 'ndjson', file]);
    expect(r.code).toBe(code);
  });

  it('without --fail-on even an F message exits 0', async () => {
    expect((await runCli([SEED])).code).toBe(0);
  });

  it('an archive fails when any one message matches', async () => {
    const r = await runCli(['--fail-on', 'C', '-f', 'csv', TLS13, SEED, MBOX]);
    expect(r.code).toBe(1);
  });
});

describe('formats', () => {
  it('json is one document with schemaVersion, tool, messages and summary', async () => {
    const r = await runCli(['--format', 'json', MBOX, SEED]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; tool: unknown; messages: { type: string; source: string; index: number; report: { hops: unknown[] } }[]; summary: { type: string; messages: number } };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool).toEqual({ name: 'received-forensics', version: TOOL.version });
    expect(doc.messages.map((m) => [m.source, m.index])).toEqual([
      [MBOX, 0],
      [MBOX, 1],
      [MBOX, 2],
      [SEED, 0],
    ]);
    expect(doc.messages.every((m) => m.type === 'message' && Array.isArray(m.report.hops))).toBe(true);
    expect(doc.summary.type).toBe('summary');
    expect(doc.summary.messages).toBe(4);
  });

  it('ndjson: one object per line, messages then a summary, flushed batch by batch', async () => {
    const r = await runCli(['-f', 'ndjson', bigMbox]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(601);
    const objects = lines.map((l) => JSON.parse(l) as { type: string; index?: number; messages?: number });
    expect(objects.slice(0, 600).every((o, i) => o.type === 'message' && o.index === i)).toBe(true);
    expect(objects[600]).toMatchObject({ type: 'summary', messages: 600 });
    expect(r.writes).toBeGreaterThanOrEqual(3); // 600 messages = 3 batches, each written when ready
  });

  it('csv: the header row, then one row per hop, oldest first', async () => {
    const r = await runCli(['-f', 'csv', SEED]);
    const rows = r.stdout.split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    // the first 16 columns keep their places; later ones are appended
    expect(rows[0]).toBe('source,index,hop,date,delay,from_ip,from_host,by,protocol,tls_version,cipher,cipher_iana,bits,grade,scope,reasons,hop_number,date_utc,from_helo,verdict,message_id,subject,from,issues');
    expect(rows.at(-1)).toBe('');
    const body = rows.slice(1, -1);
    expect(body).toHaveLength(4);
    expect(body.map((row) => row.split(',')[2])).toEqual(['3', '2', '1', '0']);
    // hop_number and date_utc, found by their shape (a quoted reasons cell holds commas)
    expect(body.map((row) => /,(\d+),\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/.exec(row)?.[1])).toEqual(['1', '2', '3', '4']);
    // the verdict, the decoded From and a date a spreadsheet reads, on every row
    expect(body.every((row) => row.includes(',F,<20130105182028.5B1D53A0011@www1234.sakura.ne.jp>,'))).toBe(true);
    expect(body[0]).toContain('山田丈店 <info@yamada-shoten.example>');
    expect(body[0]).toContain(',2013-01-05 18:20:28,');
    const rc4 = body.find((row) => row.includes('RC4-SHA')) ?? '';
    expect(rc4).toContain(',TLS_RSA_WITH_RC4_128_SHA,128,F,external,');
  });

  it('text: oldest hop first, UTC times, grades, reasons, internal hops marked, verdict', async () => {
    const r = await runCli([SEED]);
    const lines = r.stdout.split('\n');
    const hopLines = lines.filter((l) => /^ {4}\d {2}/.test(l));
    // Numbered as people count, 1 = the first handover, and printed oldest first.
    expect(hopLines.map((l) => l.trim().slice(0, 1))).toEqual(['1', '2', '3', '4']);
    expect(r.stdout).toContain('hop 1 is the first handover');
    expect(r.stdout).toContain('received (UTC)');
    expect(hopLines[2]).toContain('2013-01-05 18:20:30Z');
    expect(hopLines[2]).toContain('www1234.sakura.ne.jp. [2403:3a00:101:13:133:167:8:98]');
    expect(hopLines[3]).toContain('internal');
    // the local pickup is local, not an unknown grade
    expect(hopLines[0]).toContain('(local) → www1234.sakura.ne.jp  local');
    expect(r.stdout).not.toContain('unknown (nothing stated)');
    expect(r.stdout).toContain('transit 3 seconds');
    expect(r.stdout).toContain('From:    山田丈店 <info@yamada-shoten.example>');
    expect(r.stdout).toContain('E-RC4');
    expect(r.stdout).toMatch(/verdict F — hop 3 /);
    expect(r.stdout).not.toContain('Summary'); // one message: no archive summary
  });

  it('text: a hop number in an issue line is the label of the row it stands under', async () => {
    const r = await runCli(['fixtures/eml/negative-delay.eml', 'fixtures/eml/discontinuous.eml']);
    let row: string | null = null;
    let checked = 0;
    for (const line of r.stdout.split('\n')) {
      const label = /^ {2,4}(\d+) {2}/.exec(line);
      if (label !== null) row = label[1] ?? null;
      // chronological in the finding too: the hop that went back in time is the row it stands under
      const own = /! CHAIN_NEGATIVE_DELAY {2}hop (\d+) /.exec(line);
      if (own !== null) {
        expect(own[1]).toBe(row);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('text: an archive gets a summary with grade counts, ciphers, relays and years', async () => {
    const r = await runCli([MBOX, SEED]);
    expect(r.stdout).toContain('Summary\n');
    expect(r.stdout).toMatch(/messages +4 /);
    expect(r.stdout).toContain('weakest ciphers');
    expect(r.stdout).toMatch(/F +1 +RC4-SHA/);
    expect(r.stdout).toContain('worst sending relays');
    expect(r.stdout).toMatch(/2013 +F 1/);
  });

  it('output is deterministic: two runs give the same bytes', async () => {
    for (const format of ['text', 'json', 'ndjson', 'csv']) {
      const a = await runCli(['-f', format, MBOX, SEED, BOUNCE, '--nested']);
      const b = await runCli(['-f', format, MBOX, SEED, BOUNCE, '--nested']);
      expect(b.stdout).toBe(a.stdout);
    }
  });
});

describe('inputs', () => {
  it('"-" reads stdin; the source is "-"', async () => {
    const { readFile } = await import('node:fs/promises');
    const r = await runCli(['-f', 'ndjson', '-'], { stdin: await readFile(SEED) });
    const first = JSON.parse(r.stdout.split('\n')[0] ?? '') as { source: string; report: { verdict: { grade: string } } };
    expect(first.source).toBe('-');
    expect(first.report.verdict.grade).toBe('F');
  });

  it('a Maildir reads cur/ and new/, never tmp/', async () => {
    const r = await runCli(['-f', 'ndjson', 'fixtures/maildir']);
    const sources = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; source?: string })
      .filter((o) => o.type === 'message')
      .map((o) => o.source ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(2);
    expect(sources.some((s) => s.includes('/tmp/'))).toBe(false);
  });

  it('--shard k/n splits the messages with nothing lost or doubled', async () => {
    const indexes = async (shard: string): Promise<number[]> => {
      const r = await runCli(['-f', 'ndjson', '--shard', shard, bigMbox]);
      return r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; index: number })
        .filter((o) => o.type === 'message')
        .map((o) => o.index);
    };
    const parts = [await indexes('1/3'), await indexes('2/3'), await indexes('3/3')];
    expect(parts.map((p) => p.length)).toEqual([200, 200, 200]);
    expect(parts[1]?.slice(0, 3)).toEqual([1, 4, 7]);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i));
  });

  it('--jobs without a worker script (in-process) gives the same output as one job', async () => {
    const one = await runCli(['-f', 'ndjson', bigMbox]);
    const four = await runCli(['-f', 'ndjson', '--jobs', '4', bigMbox]);
    expect(four.stdout).toBe(one.stdout);
  });

  it('--nested analyses the original inside a bounce and the message forwarded inside that', async () => {
    const r = await runCli(['-f', 'json', '--nested', BOUNCE]);
    const doc = JSON.parse(r.stdout) as { messages: { nested: { parent: unknown; depth: number; position: number; parentPosition: number | null; contentType: string; report: { verdict: { grade: string } } }[] }[]; summary: { nestedMessages: number } };
    const nested = doc.messages[0]?.nested ?? [];
    expect(nested.map((n) => [n.depth, n.position, n.parentPosition, n.contentType, n.report.verdict.grade])).toEqual([
      [1, 0, null, 'message/rfc822', 'internal-only'], // example.com's own submission and relay: one operator
      [2, 1, 0, 'message/rfc822', 'C'],
    ]);
    expect(nested[0]?.parent).toEqual({ source: BOUNCE, index: 0 });
    expect(doc.summary.nestedMessages).toBe(2);
    const without = JSON.parse((await runCli(['-f', 'json', BOUNCE])).stdout) as { messages: { nested: unknown[] }[] };
    expect(without.messages[0]?.nested).toEqual([]);
  });

  it('--trusted and --internal accept CIDRs and host names, comma lists and repeats', async () => {
    const r = await runCli(['-f', 'ndjson', '--internal', '192.0.2.0/24,.example.org', '--internal', '.example.net', '--trusted', 'mx.example.net', '--trusted', '198.51.100.7', MBOX]);
    expect(r.code).toBe(0);
    const first = JSON.parse(r.stdout.split('\n')[0] ?? '') as { report: { hops: { security: { scope: string } }[] } };
    expect(first.report.hops[0]?.security.scope).toBe('internal');
  });
});

describe('colour', () => {
  it.each([
    ['a terminal', { stdoutTTY: true, env: {} }, [], true],
    ['a pipe', { stdoutTTY: false, env: {} }, [], false],
    ['NO_COLOR on a terminal', { stdoutTTY: true, env: { NO_COLOR: '1' } }, [], false],
    ['TERM=dumb', { stdoutTTY: true, env: { TERM: 'dumb' } }, [], false],
    ['--color into a pipe', { stdoutTTY: false, env: { NO_COLOR: '1' } }, ['--color'], true],
    ['--no-color on a terminal', { stdoutTTY: true, env: { FORCE_COLOR: '1' } }, ['--no-color'], false],
    ['FORCE_COLOR into a pipe', { stdoutTTY: false, env: { FORCE_COLOR: '1' } }, [], true],
  ] as const)('%s', async (_label, options, flags, coloured) => {
    const r = await runCli([...flags, SEED], options);
    expect(r.stdout.includes('\x1b[')).toBe(coloured);
    expect(r.stdout).toMatch(/verdict .*F/); // the letter is always there
  });

  it('json never carries colour, even on a terminal', async () => {
    const r = await runCli(['-f', 'json', '--color', SEED], { stdoutTTY: true });
    expect(r.stdout.includes('\x1b[')).toBe(false);
  });

  it('no progress bar when stderr is not a terminal', async () => {
    const r = await runCli([bigMbox], { stderrTTY: false });
    expect(r.stderr).toBe('');
  });
});

describe('hostile headers', () => {
  const RAW_CONTROLS = ['\x1b[2J', '\x1b]0;', '\x07', '\u202e'];

  it.each(['text', 'csv'])('%s output carries no raw control or bidi character from the headers', async (format) => {
    const r = await runCli(['-f', format, '--no-color', hostilePath]);
    for (const bad of RAW_CONTROLS) expect(r.stdout.includes(bad)).toBe(false);
    // eslint-disable-next-line no-control-regex -- the point of the test
    expect(/[\x00-\x08\v\f\x0e-\x1f\x7f-\x9f]/.test(r.stdout)).toBe(false);
    const withoutLineEnds = format === 'csv' ? r.stdout.replaceAll('\r\n', '\n') : r.stdout;
    expect(withoutLineEnds.includes('\r')).toBe(false);
  });

  it('text shows them as visible escapes', async () => {
    const r = await runCli(['--color', hostilePath]);
    expect(r.stdout).toContain('invoice\\e[2J\\x07paid');
    expect(r.stdout).toContain('\\u202egpj.exe');
    expect(r.stdout).toContain('host\\x07.example [198.51.100.1] (helo evil\\e[2J.example)');
    expect(r.stdout.includes('\x1b[2J')).toBe(false);
  });

  it('json and ndjson escape them as \\u sequences (same data once parsed)', async () => {
    for (const format of ['json', 'ndjson']) {
      const r = await runCli(['-f', format, hostilePath]);
      expect(r.stdout.includes('\u202e')).toBe(false);
      expect(r.stdout.includes('\x1b')).toBe(false);
      expect(r.stdout).toContain('\\u202e');
      const first = format === 'json' ? (JSON.parse(r.stdout) as { messages: { report: { headers: { subject: string } } }[] }).messages[0] : (JSON.parse(r.stdout.split('\n')[0] ?? '') as { report: { headers: { subject: string } } });
      expect(first?.report.headers.subject).toContain('\u202egpj.exe');
    }
  });

  it('csv cells that a spreadsheet would run as formulas start with a quote', async () => {
    const r = await runCli(['-f', 'csv', hostilePath]);
    const cells = r.stdout
      .split('\r\n')
      .slice(1, -1)
      .flatMap((row) => row.split(','));
    expect(cells.some((c) => c.startsWith("'=2+5.example.net"))).toBe(true);
    expect(cells.some((c) => c.startsWith("'=cmd|calc.example"))).toBe(true);
    expect(cells.some((c) => c.startsWith("'@mx.example.net"))).toBe(true);
    expect(cells.filter((c) => /^[=+@\t\r]/.test(c))).toEqual([]);
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\\tx"],
    ['\rx', "'\\rx"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
    ['', ''],
    [null, ''],
  ])('csvText(%j) = %j', (input, expected) => {
    expect(csvText(input)).toBe(expected);
  });
});
