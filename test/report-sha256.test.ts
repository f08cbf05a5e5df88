// Our pure SHA-256 (used for the report's CSP style hash) against Node's crypto.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, cspHash, sha256Bytes } from '../src/render/html/sha256.js';

const nodeSha = (b: Uint8Array): string => createHash('sha256').update(b).digest('base64');

describe('sha256Bytes', () => {
  it.each([
    ['empty', ''],
    ['abc (FIPS 180-4 example)', 'abc'],
    ['55 bytes (padding fits one block)', 'a'.repeat(55)],
    ['56 bytes (padding needs a second block)', 'a'.repeat(56)],
    ['64 bytes', 'b'.repeat(64)],
    ['multi-block', 'The quick brown fox jumps over the lazy dog. '.repeat(40)],
    ['non-ASCII', 'Grüße ⟦U+202E⟧ 📧'],
  ])('%s', (_label, s) => {
    const bytes = new TextEncoder().encode(s);
    expect(base64(sha256Bytes(bytes))).toBe(nodeSha(bytes));
  });

  it('knows the published digest of "abc"', () => {
    expect(Buffer.from(sha256Bytes(new TextEncoder().encode('abc'))).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (b) => {
        expect(base64(sha256Bytes(b))).toBe(nodeSha(b));
      }),
    );
  });
});

describe('base64 and cspHash', () => {
  it.each([
    [[], ''],
    [[0x66], 'Zg=='],
    [[0x66, 0x6f], 'Zm8='],
    [[0x66, 0x6f, 0x6f], 'Zm9v'],
    [[0xff, 0xfe, 0xfd, 0xfc], '//79/A=='],
  ])('base64 %j', (bytes, expected) => {
    expect(base64(new Uint8Array(bytes))).toBe(expected);
  });

  it('formats a CSP hash source', () => {
    expect(cspHash('body{}')).toBe(`'sha256-${createHash('sha256').update('body{}').digest('base64')}'`);
  });
});
