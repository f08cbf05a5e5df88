/**
 * What the summary and the report keep across messages: copies only (a kept slice of a name keeps its message's
 * whole header block alive, checked on the V8 heap), keys of bounded length and number, and details of bounded
 * size whatever a forged header block holds.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { MAX_DETAIL_HOPS, MAX_DETAIL_RAW, MAX_DETAIL_TEXT, MAX_DETAIL_TRACE, ReportAggregator, slimReport } from '../../src/render/html/aggregate.js';
import type { HopFacts, MessageFacts } from '../../src/summary/facts.js';
import { MAX_KEY_CHARS, MAX_SUMMARY_KEYS, OTHER_KEY, SummaryBuilder } from '../../src/summary/summary.js';
import { CUT_MARK } from '../../src/text/kept-copy.js';
import type { MessageReport } from '../../src/types.js';

setFlagsFromString('--expose-gc');
// `gc` from a context created after the flag is set; the flag only adds the function, it changes nothing else.
const gc = runInNewContext('gc') as () => void;

/** Heap bytes still used, after a full GC, by what `fill` keeps reachable (it returns it). */
function retained(fill: () => unknown): number {
  gc();
  const before = getHeapStatistics().used_heap_size;
  const kept = fill();
  gc();
  const grown = getHeapStatistics().used_heap_size - before;
  expect(kept).toBeDefined();
  return grown;
}

const pad = (k: number) => String(k).padStart(8, '0');
/** A 200 KB stand-in for a decoded header block, with one relay name and one cipher name inside. */
const block = (k: number) => `${'x'.repeat(100_000)} uniquerelay${pad(k)}.example NOVEL-CIPHER-${pad(k)} ${'x'.repeat(100_000)}`;
const cutOut = (text: string, word: string, end: string) => text.slice(text.indexOf(word), text.indexOf(end, text.indexOf(word)) + end.length);

function hopFacts(relay: string, cipher: string | null, cipherIana: string | null): HopFacts {
  return { grade: 'B', cipher, cipherIana, relay, basis: 'rdns', year: 2025 };
}

function messageFacts(external: HopFacts[]): MessageFacts {
  return { verdict: 'B', unreadable: false, hops: external.length, internalHops: 0, year: 2025, external, nested: 0, unmatchedDeclared: [] };
}

/** A message whose header block is 200 KB of filler around a new relay, cipher and From domain. */
function bigMessage(k: number): string {
  const filler = `X-Filler: ${'f'.repeat(990)}\r\n`.repeat(200);
  return (
    `Received: from helo${pad(k)}.example (uniquerelay${pad(k)}.example [192.0.2.10])\r\n` +
    `\t(using TLSv1.2 with cipher NOVEL-CIPHER-${pad(k)} (128/128 bits))\r\n` +
    `\tby mx.example.net (Postfix) with ESMTPS id Q${pad(k)}\r\n\tfor <bob@example.net>; Mon, 06 Jan 2025 09:15:02 +0000 (UTC)\r\n` +
    `${filler}From: Sender <a@domain${pad(k)}.example>\r\nSubject: message ${k}\r\n\r\nbody\r\n`
  );
}

describe('SummaryBuilder keeps copies', () => {
  it('of relay and cipher names, never the header blocks they were cut from (V8)', () => {
    const slices = retained(() => Array.from({ length: 200 }, (_, k) => cutOut(block(k), 'uniquerelay', '.example')));
    const builders = [
      // unknown ciphers (keyed by the name as written) and known ones (the name as first written kept beside the IANA name)
      (k: number, b: string) => hopFacts(cutOut(b, 'uniquerelay', '.example'), cutOut(b, 'NOVEL', `${pad(k)}`), null),
      (k: number, b: string) => hopFacts(cutOut(b, 'uniquerelay', '.example'), cutOut(b, 'NOVEL', `${pad(k)}`), cutOut(b, 'CIPHER', `${pad(k)}`)),
    ];
    for (const make of builders) {
      const summary = retained(() => {
        const builder = new SummaryBuilder();
        for (let k = 0; k < 200; k++) builder.add(messageFacts([make(k, block(k))]));
        return builder;
      });
      // 200 slices hold 200 blocks (about 40 MB); 200 relay and cipher rows a few hundred bytes each.
      expect(slices).toBeGreaterThan(20_000_000);
      expect(summary).toBeLessThan(2_000_000);
    }
  });

  it('cuts a key longer than MAX_KEY_CHARS; names alike in their first MAX_KEY_CHARS share its row', () => {
    const builder = new SummaryBuilder();
    const long = 'r'.repeat(40_000);
    builder.add(messageFacts([hopFacts(`${long}a.example`, `${long}A`, null), hopFacts(`${long}b.example`, `${long}B`, null)]));
    const s = builder.result();
    expect(s.worstRelays).toHaveLength(1);
    expect(s.worstRelays[0]?.relay).toBe(`${'r'.repeat(MAX_KEY_CHARS)}${CUT_MARK}`);
    expect(s.worstRelays[0]?.hops).toBe(2);
    expect(s.weakestCiphers).toHaveLength(1);
    expect(s.weakestCiphers[0]?.cipher).toBe(`${'r'.repeat(MAX_KEY_CHARS)}${CUT_MARK}`);
  });

  it('stops growing at MAX_SUMMARY_KEYS: a flood of new names counts under (other) in constant memory', () => {
    const builder = new SummaryBuilder();
    let next = 0;
    const addNames = (count: number): void => {
      for (let end = next + count; next < end; next++) builder.add(messageFacts([hopFacts(`uniquerelay${pad(next)}.example`, `NOVEL-CIPHER-${pad(next)}`, null)]));
    };
    addNames(MAX_SUMMARY_KEYS);
    gc();
    const full = getHeapStatistics().used_heap_size;
    addNames(MAX_SUMMARY_KEYS);
    gc();
    // 50,000 more relay and cipher rows would be about 20 MB.
    expect(getHeapStatistics().used_heap_size - full).toBeLessThan(2_000_000);
    const s = builder.result();
    expect(s.worstRelays.find((r) => r.relay === OTHER_KEY)?.hops).toBe(MAX_SUMMARY_KEYS);
    expect(s.weakestCiphers.find((c) => c.cipher === OTHER_KEY)?.count).toBe(MAX_SUMMARY_KEYS);
  });
});

describe('ReportAggregator keeps copies', () => {
  // Made inside each measure, as the CLI reads them (bytes, decoded into a header block of their own).
  const messages = (count: number) => Array.from({ length: count }, (_, k) => Buffer.from(bigMessage(k)));

  it('of From domains, relays and ciphers, never the header blocks (V8)', () => {
    const domains = retained(() => messages(200).map((m) => analyzeMessage(m).headers.from));
    const aggregated = retained(() => {
      const agg = new ReportAggregator({ maxDetails: 0 });
      for (const m of messages(200)) agg.add({ source: '-', index: 0, report: analyzeMessage(m) });
      return agg;
    });
    // 200 From values hold 200 blocks of 200 KB; the tables hold 200 rows of each kind.
    expect(domains).toBeGreaterThan(20_000_000);
    expect(aggregated).toBeLessThan(3_000_000);
  });

  it('of the weakest messages kept for their detail, never their header blocks (V8)', () => {
    const aggregated = retained(() => {
      const agg = new ReportAggregator({ maxDetails: 200 });
      for (const m of messages(200)) agg.add({ source: '-', index: 0, report: analyzeMessage(m) });
      expect(agg.result().weakest).toHaveLength(200);
      return agg;
    });
    expect(aggregated).toBeLessThan(6_000_000);
  });

  it('stops growing at MAX_SUMMARY_KEYS sending domains', () => {
    const base = analyzeMessage(bigMessage(0));
    const agg = new ReportAggregator({ maxDetails: 0 });
    let next = 0;
    const addDomains = (count: number): void => {
      for (let end = next + count; next < end; next++) agg.add({ source: '-', index: next, report: { ...base, headers: { ...base.headers, from: `a@domain${pad(next)}.example` } } });
    };
    addDomains(MAX_SUMMARY_KEYS);
    gc();
    const full = getHeapStatistics().used_heap_size;
    addDomains(MAX_SUMMARY_KEYS);
    gc();
    expect(getHeapStatistics().used_heap_size - full).toBeLessThan(2_000_000);
    // the cap, and (other)
    expect(agg.result().domainCount).toBe(MAX_SUMMARY_KEYS + 1);
  });
});

/** Every string in `value` with the property it sits under. */
function* strings(value: unknown, key: string | undefined = undefined): Generator<[string, string | undefined]> {
  if (typeof value === 'string') yield [value, key];
  else if (Array.isArray(value)) for (const v of value) yield* strings(v, undefined);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, k);
}

describe('a detail of a forged header block', () => {
  // Every field of every hop as long as it can be, and a thousand-odd trace fields: what a detail could copy.
  const long = (tag: string, len: number) => tag.padEnd(len, 'q');
  const lines: string[] = [];
  for (let h = 0; h < 90; h++) {
    lines.push(
      `Received: from ${long('helo', 700)}.example (${long('rdns', 700)}.example [192.0.2.10] ident=${long('id', 500)})\r\n` +
        `\t(using TLSv1 with cipher ${long('RC4-', 120)} (40/128 bits))\r\n` +
        `\tby ${long('by', 700)}.example (${long('Postfix', 300)}) via ${long('via', 300)} with ${long('ESMTPS', 300)} id ${long('I', 700)}\r\n` +
        `\tfor <${long('for', 700)}@example.net>; Mon, 06 Jan 2025 09:15:02 +0000 ${long('(UTC', 400)})\r\n`,
    );
  }
  for (let h = 0; h < 100; h++) {
    lines.push(`X-Received: by ${long('xby', 600)}.example with SMTP id ${long('x', 600)}; Mon, 06 Jan 2025 09:15:02 -0800 (PST)\r\n`);
    lines.push(`Authentication-Results: ${long('mx', 600)}.example; spf=pass smtp.mailfrom=a@example.org\r\n`);
    lines.push(`Received-SPF: pass (${long('spf', 600)}) client-ip=192.0.2.10;\r\n`);
  }
  const raw = `From: ${long('from', 3000)} <a@x.example>\r\nSubject: ${long('subj', 5000)}\r\n${lines.join('')}\r\nbody\r\n`;
  const full = analyzeMessage(raw);
  const { report, omitted } = slimReport(full);

  it('keeps at most MAX_DETAIL_HOPS hops and MAX_DETAIL_TRACE entries per trace list', () => {
    expect(full.truncated).toBe(false);
    expect(full.hops.length).toBeGreaterThan(MAX_DETAIL_HOPS);
    expect(report.hops).toHaveLength(MAX_DETAIL_HOPS);
    expect(omitted).toBe(full.hops.length - MAX_DETAIL_HOPS);
    const lists = (r: MessageReport) => [r.trace.xReceived, r.trace.authenticationResults, r.trace.receivedSpf];
    for (const list of lists(full)) expect(list.length).toBeGreaterThan(MAX_DETAIL_TRACE);
    for (const list of lists(report)) expect(list).toHaveLength(MAX_DETAIL_TRACE);
  });

  it('cuts raw values at MAX_DETAIL_RAW and every other text at MAX_DETAIL_TEXT', () => {
    let cutRaw = 0;
    let cutText = 0;
    for (const [text, key] of strings(report)) {
      const max = key === 'raw' ? MAX_DETAIL_RAW : MAX_DETAIL_TEXT;
      expect(text.length).toBeLessThanOrEqual(max + CUT_MARK.length);
      if (text.length > max) {
        expect(text.endsWith(CUT_MARK)).toBe(true);
        if (key === 'raw') cutRaw++;
        else cutText++;
      }
    }
    expect(cutRaw).toBeGreaterThan(0);
    expect(cutText).toBeGreaterThan(0);
    expect(report.headers.subject).toBe(`${long('subj', MAX_DETAIL_TEXT)}${CUT_MARK}`);
  });

  it('keeps what the view reads of a real message unchanged', () => {
    const real = analyzeMessage(bigMessage(7));
    expect(slimReport(real).report).toEqual(real);
  });
});
