/**
 * The renderers' packages that are loaded when first needed rather than when the package is imported: loading
 * picocolors touches `process.stdout` (a side effect importing must not have), and libmime with its charset tables
 * costs about 90 ms that a run over plain-ASCII headers should not pay. One module, so each stays a plain
 * `createRequire(import.meta.url)('name')` call in the build, where the package checks find it.
 * @module
 */
import { createRequire } from 'node:module';
import type { createColors } from 'picocolors';

/** picocolors' `createColors`. */
export function loadPicocolors(): { createColors: typeof createColors } {
  return createRequire(import.meta.url)('picocolors') as { createColors: typeof createColors };
}

/** libmime's RFC 2047 decoder. */
export function loadLibmime(): { decodeWords: (value: string) => string } {
  return createRequire(import.meta.url)('libmime') as { decodeWords: (value: string) => string };
}
