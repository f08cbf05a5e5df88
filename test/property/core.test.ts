// Properties of every public core function over arbitrary input (fast-check): never throws on any string or byte
// array (full Unicode, lone surrogates, raw bytes, and strings built from our own alphabet of header pieces); the
// result is JSON-serialisable and deterministic; spans stay inside the string they describe and
// `raw.slice(tls.span) === tls.evidence`; the header splitter is lossless (values come back exactly, folding kept).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeMessage, gradeTls, lookupCipher, parseReceived, type Grade } from '../../src/index.js';
import { readHeaderBlock } from '../../src/headers/split.js';
import { lexReceived } from '../../src/received/lex.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { HEADER_PIECES, HOSTILE_CHARS, hopViolations, reportViolations } from '../fuzz/engine.mjs';

const RUNS = { numRuns: 300 };

/** Any UTF-16 code unit, lone surrogates included (what a JS string can hold). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: codeUnit, maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);
/** Strings made of real header pieces and hostile characters: far likelier to reach deep code paths. */
const piecesString = fc.array(fc.constantFrom(...HEADER_PIECES, ...HOSTILE_CHARS), { maxLength: 60 }).map((a) => a.join(''));
const receivedLike = fc.oneof(anyString, piecesString, piecesString.map((s) => `from ${s}`));

const fieldName = fc.oneof(
  fc.constantFrom('Received', 'received', 'X-Received', 'Authentication-Results', 'Received-SPF', 'X-Originating-IP', 'TLS-Required', 'Date', 'Message-ID', 'From', 'Subject', '__proto__', 'constructor'),
  fc.string({ unit: fc.constantFrom(...'abcXYZ-_0.'.split('')), minLength: 1, maxLength: 12 }),
);
/** A value with no line break of its own; folding is added by `folded`. */
const lineText = fc.string({ unit: fc.oneof(codeUnit, fc.constantFrom(...HEADER_PIECES)), maxLength: 80 }).map((s) => s.replace(/[\r\n]/gu, ' '));
const folded = fc.array(lineText, { minLength: 1, maxLength: 4 }).map((parts) =>
  parts.map((p, i) => (i === 0 ? p.trimStart() : p.startsWith(' ') || p.startsWith('\t') ? p : ` ${p}`)).join('\r\n'),
);
const messageText = fc.tuple(fc.array(fc.tuple(fieldName, folded), { maxLength: 8 }), fc.constantFrom('\r\n', '\n'), fc.string({ maxLength: 40 })).map(
  ([fields, eol, body]) => `${fields.map(([n, v]) => `${n}: ${v.split('\r\n').join(eol)}${eol}`).join('')}${eol}${body}`,
);
const anyMessage = fc.oneof(anyString, piecesString, messageText);
const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  messageText.map((s) => new TextEncoder().encode(s)),
  fc.tuple(messageText, fc.uint8Array({ maxLength: 8 }), fc.nat()).map(([s, junk, at]) => {
    const b = new TextEncoder().encode(s);
    const p = at % (b.length + 1);
    return Uint8Array.from([...b.subarray(0, p), ...junk, ...b.subarray(p)]);
  }),
);

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'F', 'none', 'unknown'];

describe('parseReceived', () => {
  it('never throws; spans inside raw; evidence === raw.slice(span); deterministic JSON', () => {
    fc.assert(
      fc.property(receivedLike, (value) => {
        const hop = parseReceived(value);
        expect(hop.raw).toBe(value);
        expect(hopViolations(hop, 0)).toEqual([]);
        expect(GRADES).toContain(hop.security.grade);
        expect(JSON.stringify(parseReceived(value))).toBe(JSON.stringify(hop));
      }),
      RUNS,
    );
  });

  it('the lexer yields ordered, non-overlapping tokens inside the value', () => {
    fc.assert(
      fc.property(receivedLike, (value) => {
        const { tokens } = lexReceived(value, DEFAULT_LIMITS);
        let last = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(value.length);
          last = t.end;
        }
      }),
      RUNS,
    );
  });
});

describe('analyzeMessage', () => {
  it('never throws on strings; invariants hold; deterministic JSON', () => {
    fc.assert(
      fc.property(anyMessage, (input) => {
        const report = analyzeMessage(input);
        expect(reportViolations(report, input.length)).toEqual([]);
        const json = JSON.stringify(report);
        expect(JSON.stringify(JSON.parse(json))).toBe(json);
        expect(JSON.stringify(analyzeMessage(input))).toBe(json);
      }),
      RUNS,
    );
  });

  it('never throws on byte arrays (invalid UTF-8, NUL, 8-bit); invariants hold; deterministic JSON', () => {
    fc.assert(
      fc.property(anyBytes, (input) => {
        const report = analyzeMessage(input);
        expect(reportViolations(report, input.byteLength)).toEqual([]);
        expect(JSON.stringify(analyzeMessage(input.slice()))).toBe(JSON.stringify(report));
      }),
      RUNS,
    );
  });

  it('an ASCII message reads the same as a string and as bytes', () => {
    const ascii = messageText.map((s) => s.replace(/[^\x20-\x7e\r\n\t]/gu, '?'));
    fc.assert(
      fc.property(ascii, (s) => {
        expect(JSON.stringify(analyzeMessage(new TextEncoder().encode(s)))).toBe(JSON.stringify(analyzeMessage(s)));
      }),
      RUNS,
    );
  });

  it('each hop is the Received field as written, in header order', () => {
    const values = fc.array(folded, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(values, (vs) => {
        const clean = vs.map((v) => v.trim()).filter((v) => v !== '');
        const report = analyzeMessage(`${clean.map((v) => `Received: ${v}\r\n`).join('')}\r\n`);
        expect(report.hops.map((h) => h.raw)).toEqual(clean);
      }),
      RUNS,
    );
  });
});

describe('header splitter', () => {
  /** A field value: a first line (maybe empty: the value then starts on the next line) and continuation lines. */
  const value = fc.tuple(lineText.map((s) => s.trim()), fc.array(lineText.map((s) => ` ${s}`), { maxLength: 3 }));
  const name = fieldName.filter((n) => !n.startsWith('From') && !n.includes(':'));

  it('is lossless: each value comes back exactly as written (folding kept), the offset points at the name', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 10 }), fc.constantFrom('\r\n', '\n'), (fs, eol) => {
        const written = fs.map(([n, [first, rest]]) => ({ n, first, rest, v: [first, ...rest].join(eol) }));
        const text = `${written.map((w) => `${w.n}: ${w.v}${eol}`).join('')}${eol}body`;
        const block = readHeaderBlock(text, DEFAULT_LIMITS);
        expect(block.truncated).toBe(false);
        expect(block.fields.map((f) => f.name)).toEqual(written.map((w) => w.n));
        // RFC 5322 §2.2.3: unfolding removes only the CRLF before WSP. A value that starts on the next line loses
        // that leading break (and the blanks around it); every other character is kept.
        const expected = written.map((w) => (w.first === '' ? w.v.replace(/^[\r\n \t]+/u, '') : w.v));
        expect(block.fields.map((f) => f.value)).toEqual(expected);
        // byteOffset counts UTF-8 bytes (what a file offset means), as TextEncoder encodes the string
        const bytes = new TextEncoder().encode(text);
        for (const f of block.fields) expect(new TextDecoder().decode(bytes.subarray(f.byteOffset, f.byteOffset + new TextEncoder().encode(f.name).length))).toBe(f.name);
      }),
      RUNS,
    );
  });

  it('only the wanted fields are returned, the rest of the block is unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 10 }), (fs) => {
        const text = `${fs.map(([n, [first, rest]]) => `${n}: ${[first, ...rest].join('\r\n')}\r\n`).join('')}\r\n`;
        const all = readHeaderBlock(text, DEFAULT_LIMITS).fields;
        const some = readHeaderBlock(text, DEFAULT_LIMITS, new Set(['received'])).fields;
        expect(some).toEqual(all.filter((f) => f.key === 'received'));
      }),
      RUNS,
    );
  });
});

describe('gradeTls', () => {
  const loose = fc.oneof(fc.constant(undefined), fc.constant(null), anyString, fc.constantFrom(...HEADER_PIECES), fc.double(), fc.integer(), fc.anything());
  it('never throws on any facts (wrong types = not stated); a grade and at least one reason; deterministic', () => {
    fc.assert(
      fc.property(fc.record({ version: loose, cipher: loose, bits: loose, dhBits: loose, serverKeyBits: loose }, { requiredKeys: [] }), fc.constantFrom(undefined, 'practical', 'bcp195'), (facts, policy) => {
        const g = gradeTls(facts as Parameters<typeof gradeTls>[0], policy);
        expect(GRADES).toContain(g.grade);
        expect(g.grade).not.toBe('none');
        expect(g.reasons.length).toBeGreaterThan(0);
        expect(JSON.stringify(gradeTls(facts as Parameters<typeof gradeTls>[0], policy))).toBe(JSON.stringify(g));
      }),
      RUNS,
    );
  });
});

describe('lookupCipher', () => {
  it('never throws; null or a suite; deterministic; a catalogued suite finds itself by its IANA name', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, piecesString, fc.constantFrom(...HEADER_PIECES)), (name) => {
        const s = lookupCipher(name);
        expect(JSON.stringify(lookupCipher(name))).toBe(JSON.stringify(s));
        if (s !== null && !s.partial && s.iana !== null) expect(lookupCipher(s.iana)?.iana).toBe(s.iana);
      }),
      RUNS,
    );
  });
});
