// The analyzer page's pure parts in Node: settings ⇄ fragment ⇄ analysis options, splitting dropped files into
// messages, the browser stand-in for the encoded-word decoder, and the page shell's policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMimeWords } from '../../src/web/mime-words.js';
import { analyzerPage, analyzerPolicy } from '../../src/web/page.js';
import { analyzeOptionsOf, DEFAULT_SETTINGS, settingsFromFragment, settingsToFragment } from '../../src/web/settings.js';
import { splitMessages } from '../../src/web/split.js';
import { REPO } from '../support/report-inputs.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array, r: { start: number; end: number }): string => new TextDecoder().decode(b.subarray(r.start, r.end));

describe('settings in the fragment', () => {
  it('round-trips, leaves defaults out and ignores what it does not know', () => {
    const s = { policy: 'bcp195' as const, trusted: '192.0.2.0/24, mx.example.net', internal: '.corp.example', providers: '[]' };
    expect(settingsFromFragment(`#${settingsToFragment(s)}`)).toEqual(s);
    expect(settingsToFragment(DEFAULT_SETTINGS)).toBe('');
    expect(settingsFromFragment('#summary')).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromFragment('#policy=evil&x=1')).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromFragment(`#trusted=${'a'.repeat(70_000)}`)).toEqual(DEFAULT_SETTINGS);
  });

  it('becomes the analysis options the CLI would pass, or a one-line problem', () => {
    expect(analyzeOptionsOf({ ...DEFAULT_SETTINGS, trusted: '192.0.2.0/24 mx.example.net', internal: '10.0.0.0/8,.corp.example' })).toEqual({
      options: { policy: 'practical', trustedNetworks: ['192.0.2.0/24'], trustedHosts: ['mx.example.net'], internalNetworks: ['10.0.0.0/8'], internalHosts: ['.corp.example'] },
    });
    expect(analyzeOptionsOf({ ...DEFAULT_SETTINGS, trusted: '10.0.0.0/99' })).toEqual({ problem: 'trusted: not a CIDR block: 10.0.0.0/99' });
    expect(analyzeOptionsOf({ ...DEFAULT_SETTINGS, internal: '<x>' })).toEqual({ problem: 'internal: not a host name: <x>' });
    expect('problem' in analyzeOptionsOf({ ...DEFAULT_SETTINGS, providers: '[{' })).toBe(true);
  });
});

describe('splitting dropped files', () => {
  it('an mbox into its messages, From lines and separator line breaks left out', () => {
    const mbox = readFileSync(join(REPO, 'fixtures', 'mbox', 'mboxrd-three.mbox'));
    const { kind, ranges } = splitMessages('x.mbox', mbox);
    expect(kind).toBe('mbox');
    expect(ranges).toHaveLength(3);
    expect(ranges[0]?.byteOffset).toBe(0);
    for (const r of ranges) expect(text(mbox, r).startsWith('Return-Path:') || text(mbox, r).startsWith('Received:')).toBe(true);
    const crlf = bytes('From a\r\nSubject: 1\r\n\r\nx\r\n\r\nFrom b\r\nSubject: 2\r\n');
    expect(splitMessages('c.mbox', crlf).ranges.map((r) => text(crlf, r))).toEqual(['Subject: 1\r\n\r\nx\r\n', 'Subject: 2\r\n']);
  });

  it('an .emlx by its byte count, anything else as one message', () => {
    const emlx = bytes('11\nSubject: a\n<?xml plist?>');
    const e = splitMessages('m.emlx', emlx);
    expect(e.kind).toBe('emlx');
    expect(text(emlx, e.ranges[0]!)).toBe('Subject: a\n');
    expect(splitMessages('m.eml', bytes('Subject: x\n')).ranges).toEqual([{ start: 0, end: 11, byteOffset: null }]);
    expect(splitMessages('empty.eml', new Uint8Array(0)).ranges).toHaveLength(1);
  });
});

describe('encoded words in the browser', () => {
  it('decodes B and Q words with TextDecoder, joins adjacent words, leaves what it cannot read', () => {
    expect(decodeMimeWords('=?UTF-8?B?w6l0w6k=?= =?ISO-8859-1?Q?caf=E9_noir?= end')).toBe('étécafé noir end');
    expect(decodeMimeWords('=?x-unknown?Q?a?= plain')).toBe('=?x-unknown?Q?a?= plain');
    expect(decodeMimeWords('=?UTF-8?B?')).toBe('=?UTF-8?B?');
    expect(decodeMimeWords(null)).toBeNull();
    expect(decodeMimeWords('=?'.repeat(50_000))).toHaveLength(100_000);
  });
});

describe('the page shell', () => {
  it('hashes its own script and style into a policy that forbids every request', () => {
    const html = analyzerPage('console.log(1)', 'postMessage("</script><!--")');
    const policy = analyzerPolicy(`const RCVD_WORKER_SOURCE=${JSON.stringify('postMessage("</script><!--")').replaceAll('<', '\\u003c')};\nconsole.log(1)`, '');
    expect(policy.split(';')[1]).toBeDefined();
    expect(html).toContain("default-src &#39;none&#39;");
    expect(html).toContain("connect-src &#39;none&#39;");
    expect(html).toContain('worker-src blob:');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('</script><!--');
    expect(() => analyzerPage('x = "</script>"', '')).toThrow(/<\/script/);
  });
});
