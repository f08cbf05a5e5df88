// Escaping of header-derived text for the HTML report: table cases we wrote, plus properties over arbitrary strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, esc, MAX_DISPLAY_CHARS, text } from '../../src/render/html/escape.js';

function isControl(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

const DECEPTIVE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

describe('esc', () => {
  it.each([
    ['plain', 'mx.example.net', 'mx.example.net'],
    ['script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['attribute break-out', '"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ['single quotes', "' onmouseover='x", '&#39; onmouseover=&#39;x'],
    ['ampersand before entity text', '&lt;', '&amp;lt;'],
    ['style end tag', '</style>', '&lt;/style&gt;'],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    expect(esc(input)).toBe(expected);
  });
});

describe('clean', () => {
  it.each([
    ['RLO override (Trojan Source)', 'evil\u202Egnp.exe', 'evil⟦U+202E⟧gnp.exe'],
    ['isolates', 'a\u2066b\u2069c', 'a⟦U+2066⟧b⟦U+2069⟧c'],
    ['zero-width space', 'pay\u200Bpal.example', 'pay⟦U+200B⟧pal.example'],
    ['BOM', '\uFEFFx', '⟦U+FEFF⟧x'],
    ['ESC sequence', 'red\u001b[31m', 'red⟦U+001B⟧[31m'],
    ['DEL and C1', 'a\u007fb\u0085c', 'a⟦U+007F⟧b⟦U+0085⟧c'],
    ['folding becomes spaces', 'from a\r\n\tby b', 'from a   by b'],
    ['lone high surrogate', 'a\uD800b', 'a\uFFFDb'],
    ['lone low surrogate', 'a\uDC00b', 'a\uFFFDb'],
    ['astral kept whole', 'mail 📧 ok', 'mail 📧 ok'],
    ['non-ASCII names kept', 'müller.example', 'müller.example'],
  ])('%s', (_label, input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('keeps line breaks in keepLines mode, drops CR', () => {
    expect(clean('a\r\n\tb', 100, true)).toBe('a\n\tb');
  });

  it('cuts at max code points with an ellipsis', () => {
    expect(clean('abcdef', 3)).toBe('abc…');
    expect(clean('📧📧📧📧', 2)).toBe('📧📧…');
    expect(clean('x'.repeat(100_000)).length).toBe(MAX_DISPLAY_CHARS + 1);
  });
});

describe('text', () => {
  it('uses the fallback for null, undefined and empty', () => {
    expect(text(null)).toBe('—');
    expect(text(undefined, 10, '(none)')).toBe('(none)');
    expect(text('')).toBe('—');
  });

  it('never lets markup, quotes or deceptive characters through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const out = text(s, 1000);
        expect(out).not.toMatch(/[<>"']/);
        // every & starts one of our five entities
        expect(out.replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(out).not.toMatch(DECEPTIVE);
        // no C0/C1 control survives
        expect([...out].some(isControl)).toBe(false);
        // no lone surrogate survives
        expect(() => encodeURIComponent(out)).not.toThrow(); // throws URIError on a lone surrogate
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips safe text: unescaping esc gives the input back (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const back = esc(s).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        expect(back).toBe(s);
      }),
    );
  });
});
