// Seeded mutation fuzzer for received-forensics (the remusao/tldts model: an inline mulberry32 PRNG, our own
// fixtures as seeds, an adversarial alphabet of header pieces). Plain JS so that both the vitest run
// (test/fuzz/fuzz.test.ts, against src/) and the long run (test/fuzz/run.mjs, against dist/) share one engine.
// Invariants guarded: no throw on any input; the result is JSON-serialisable and deterministic; every span lies
// inside the string it describes; `hop.raw.slice(tls.span) === tls.evidence`; `hops[i].index === i`.

/** Small fast seeded PRNG (mulberry32): same seed, same cases, on every machine. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces of real Received values and header blocks, plus the punctuation attackers play with. */
export const HEADER_PIECES = Object.freeze([
  'from ', 'by ', 'with ', 'id ', 'for ', 'via ', 'tls ', 'envelope-from ', ' ', '\t', '\r\n\t', '\n ', '\r\n ', '\r',
  '(', ')', '[', ']', '<', '>', '"', '\\', ';', ':', '::', ',', '.', '@', '=', '/',
  'ESMTPS', 'esmtpsa', 'SMTP', 'LMTP', 'HTTP', 'TLSv1', 'TLSv1.2', 'TLS1_3', 'TLSv1/SSLv3', 'SSLv3',
  'version=', 'cipher=', 'bits=', '128/128', '256/256 bits', 'using ', 'with cipher ', 'verify=OK', 'verify=FAIL',
  'RC4-SHA', 'ECDHE-RSA-AES128-GCM-SHA256', 'TLS_AES_256_GCM_SHA384', 'ECDHE_RSA_AES_256_GCM_SHA384', 'DES-CBC3-SHA',
  '[IPv6:', '2001:db8::1', '::ffff:192.0.2.1', '198.51.100.23', '127.0.0.1', '10.0.0.1', 'fe80::1%eth0', ':25',
  'mx.example.net', 'unknown', 'localhost', 'helo=', 'port ', 'Postfix', 'Exim 4.96', 'Microsoft SMTP Server',
  'Tue, 14 Nov 2023 09:12:45 +0100', '(CET)', '-0000', 'GMT', '2023-11-14T08:12:45Z', '31 Feb 2024',
  'Received: ', 'X-Received: ', 'Authentication-Results: ', 'Received-SPF: ', 'TLS-Required: No', 'Subject: ',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
]);

/** Bytes and characters that break naive readers or terminals. */
export const HOSTILE_CHARS = Object.freeze([
  '\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001b[2J', '\u001b]0;pwn\u0007', '\u007f',
  '\u0085', '\u00a0', '\u200b', '\u202e', '\u2066', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\udc00',
  '\ud83d\ude00', 'é', '\u00ff',
]);

/** Characters repeated in "huge runs" (the classic super-linear shapes). */
const RUN_CHARS = Object.freeze(['(', ')', '[', '<', '"', ':', ';', ' ', '\t', '\r\n\t', '\r\n ', 'a', '\\', '[a', '(a', 'from by with id for ', '=', '\u0000']);

const int = (rng, n) => Math.floor(rng() * n);
const pick = (rng, list) => list[int(rng, list.length)];

/** One random edit of `text`; `maxRun` bounds the "huge run" sizes. */
function mutateOnce(rng, text, maxRun, donors) {
  const at = int(rng, text.length + 1);
  const runEnd = Math.min(text.length, at + 1 + int(rng, 64));
  switch (int(rng, 12)) {
    case 0: // insert a run of header pieces
      return text.slice(0, at) + Array.from({ length: 1 + int(rng, 8) }, () => pick(rng, HEADER_PIECES)).join('') + text.slice(at);
    case 1: // delete a run
      return text.slice(0, at) + text.slice(runEnd);
    case 2: // duplicate a run
      return text.slice(0, runEnd) + text.slice(at, runEnd).repeat(1 + int(rng, 4)) + text.slice(runEnd);
    case 3: // control bytes, NUL, ESC, RTL override, lone surrogates
      return text.slice(0, at) + pick(rng, HOSTILE_CHARS) + text.slice(at);
    case 4: // an unpaired quote, paren, bracket or angle
      return text.slice(0, at) + pick(rng, ['"', '(', ')', '[', ']', '<', '>', '\\']) + text.slice(at);
    case 5: { // a huge run of one char
      const size = 1 + int(rng, rng() < 0.2 ? maxRun : Math.min(maxRun, 512));
      const unit = pick(rng, RUN_CHARS);
      return text.slice(0, at) + unit.repeat(Math.max(1, Math.floor(size / unit.length))) + text.slice(at);
    }
    case 6: // change line ends: CRLF ↔ LF ↔ lone CR
      return rng() < 0.5 ? text.split('\r\n').join(pick(rng, ['\n', '\r', '\n\r'])) : text.split('\n').join('\r\n');
    case 7: // fold at a random place (or unfold everything)
      return rng() < 0.7 ? text.slice(0, at) + pick(rng, ['\r\n\t', '\r\n ', '\n ', '\n\t', '\r\n']) + text.slice(at) : text.split(/\r?\n[ \t]/u).join(' ');
    case 8: // splice in a slice of another seed
      if (donors.length === 0) return text;
      {
        const d = pick(rng, donors);
        const s = int(rng, d.length + 1);
        return text.slice(0, at) + d.slice(s, s + 1 + int(rng, 200)) + text.slice(at);
      }
    case 9: // replace one character with a random code unit
      return text.slice(0, at) + String.fromCharCode(int(rng, 0x10000)) + text.slice(at + 1);
    case 10: // truncate
      return text.slice(0, at);
    default: // swap two runs
      {
        const b = int(rng, text.length + 1);
        const [x, y] = at < b ? [at, b] : [b, at];
        const mid = Math.min(y, x + 1 + int(rng, 40));
        return text.slice(0, x) + text.slice(mid, y) + text.slice(x, mid) + text.slice(y);
      }
  }
}

/** 1–4 random edits of `text`. */
export function mutate(rng, text, { maxRun = 4096, donors = [] } = {}) {
  let out = text;
  const edits = 1 + int(rng, 4);
  for (let k = 0; k < edits; k++) out = mutateOnce(rng, out, maxRun, donors);
  return out;
}

/** Random byte edits of `bytes` (invalid UTF-8, 8-bit, NUL), for the Uint8Array entry. */
export function mutateBytes(rng, bytes) {
  const out = Array.from(bytes);
  const edits = 1 + int(rng, 6);
  for (let k = 0; k < edits; k++) {
    const at = int(rng, out.length + 1);
    if (rng() < 0.5) out.splice(at, 0, int(rng, 256));
    else if (at < out.length) out[at] = int(rng, 256);
  }
  return Uint8Array.from(out);
}

/** Build a small message around a Received value (for seeds that are only values). */
export function wrapMessage(receivedValues, body = 'hello\r\n') {
  return `${receivedValues.map((v) => `Received: ${v}\r\n`).join('')}From: a@example.org\r\nSubject: test\r\nDate: Tue, 14 Nov 2023 09:12:50 +0100\r\n\r\n${body}`;
}

function checkSpan(span, length, where, out) {
  if (span === undefined) return;
  if (span === null || typeof span !== 'object' || !Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.start > span.end || span.end > length) {
    out.push(`${where}: span ${JSON.stringify(span)} outside [0, ${length}]`);
  }
}

/** Invariants of one hop; returns the violations (empty = fine). */
export function hopViolations(hop, expectedIndex, where = 'hop') {
  const out = [];
  if (hop.index !== expectedIndex) out.push(`${where}: index ${hop.index} !== ${expectedIndex}`);
  if (typeof hop.raw !== 'string') out.push(`${where}: raw is not a string`);
  const n = typeof hop.raw === 'string' ? hop.raw.length : 0;
  for (const [k, i] of hop.issues.entries()) checkSpan(i.span, n, `${where}.issues[${k}] ${i.code}`, out);
  if (hop.tls !== null) {
    checkSpan(hop.tls.span, n, `${where}.tls`, out);
    if (hop.raw.slice(hop.tls.span.start, hop.tls.span.end) !== hop.tls.evidence) out.push(`${where}: raw.slice(tls.span) !== tls.evidence`);
  }
  for (const [k, r] of hop.security.reasons.entries()) {
    if (typeof r.rule !== 'string' || typeof r.message !== 'string') out.push(`${where}.security.reasons[${k}] malformed`);
  }
  return out;
}

/** Invariants of one message report; `inputLength` is the string length or byte length of the input. */
export function reportViolations(report, inputLength) {
  const out = [];
  report.hops.forEach((h, i) => out.push(...hopViolations(h, i, `hops[${i}]`)));
  report.trace.xReceived.forEach((h, i) => out.push(...hopViolations(h, i, `xReceived[${i}]`)));
  for (const [k, i] of report.issues.entries()) checkSpan(i.span, inputLength, `issues[${k}] ${i.code}`, out);
  const w = report.verdict.weakestHop;
  if (w !== null && (!Number.isInteger(w) || w < 0 || w >= report.hops.length)) out.push(`verdict.weakestHop ${w} out of range`);
  // a limit, or a reader that cut the message (IO_TRUNCATED), makes the report partial
  const isLimit = (i) => i.code.startsWith('LIMIT_') || i.code === 'IO_TRUNCATED';
  const hasLimit = report.issues.some(isLimit) || [...report.hops, ...report.trace.xReceived].some((h) => h.issues.some(isLimit));
  if (hasLimit && report.truncated !== true) out.push('a LIMIT_*/IO_TRUNCATED issue without truncated: true');
  if (report.truncated && !hasLimit) out.push('truncated: true without a LIMIT_*/IO_TRUNCATED issue');
  if (!(report.headerBytes >= 0 && report.headerBytes <= Math.max(inputLength * 3, 0) + 3)) out.push(`headerBytes ${report.headerBytes} out of range`);
  return out;
}

/** JSON text of a result, or a violation when it does not serialise or round-trip. */
export function jsonOf(value) {
  const text = JSON.stringify(value);
  if (typeof text !== 'string') throw new Error('result does not serialise to JSON');
  return text;
}

function lengthOf(input) {
  return typeof input === 'string' ? input.length : input.byteLength;
}

/**
 * Run `count` seeded cases. `api` holds `parseReceived` and `analyzeMessage`; `seeds` the fixture values and
 * messages. Never throws on a failing case: failures are collected (with the case number to reproduce them).
 */
export function runFuzz({ api, seeds, seed = 1, count = 1000, maxRun = 4096, only, onCase }) {
  const donors = [...seeds.values, ...seeds.messages];
  const failures = [];
  let slowest = { ms: -1, kind: '', size: 0, case: -1, preview: '' };
  const now = globalThis.performance.now.bind(globalThis.performance);
  const encoder = new TextEncoder();
  for (let c = 0; c < count; c++) {
    if (only !== undefined && c !== only) continue;
    const rng = mulberry32((seed * 0x9e3779b1 + c) >>> 0);
    const roll = rng();
    let kind;
    let input;
    if (roll < 0.4) {
      kind = 'parseReceived';
      input = mutate(rng, pick(rng, seeds.values), { maxRun, donors });
    } else if (roll < 0.85) {
      kind = 'analyzeMessage';
      input = mutate(rng, pick(rng, seeds.messages), { maxRun, donors });
    } else {
      kind = 'analyzeMessage(bytes)';
      input = mutateBytes(rng, encoder.encode(mutate(rng, pick(rng, seeds.messages), { maxRun, donors })));
    }
    let violations = [];
    const t0 = now();
    try {
      const run = () => (kind === 'parseReceived' ? api.parseReceived(input) : api.analyzeMessage(input));
      const first = run();
      const t1 = now();
      const second = run();
      // The faster of two runs: the first one may pay for JIT warm-up or a GC pause.
      const ms = Math.min(t1 - t0, now() - t1);
      const text = jsonOf(first);
      if (jsonOf(second) !== text) violations.push('not deterministic: a second run gave different JSON');
      if (JSON.stringify(JSON.parse(text)) !== text) violations.push('JSON does not round-trip');
      violations.push(...(kind === 'parseReceived' ? hopViolations(first, 0) : reportViolations(first, lengthOf(input))));
      if (ms > slowest.ms) {
        const preview = typeof input === 'string' ? input : new TextDecoder('latin1').decode(input);
        slowest = { ms, kind, size: lengthOf(input), case: c, preview: JSON.stringify(preview.slice(0, 120)) };
      }
    } catch (error) {
      violations = [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
    }
    if (violations.length > 0) failures.push({ case: c, kind, size: lengthOf(input), violations, input });
    if (onCase !== undefined) onCase(c);
  }
  return { count: only === undefined ? count : 1, seed, failures, slowest };
}
