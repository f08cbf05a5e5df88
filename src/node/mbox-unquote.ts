/**
 * Undo the `>From ` quoting mbox writers apply to body lines (RFC 4155 §2, "mboxo" and "mboxrd").
 * @module
 */
import type { MboxVariant } from './read-options.js';

const GT = 0x3e;
const LF = 0x0a;
const QUOTED_FROM = Buffer.from('>From ', 'latin1');

/**
 * Remove one `>` from each quoted `From ` line: mboxrd quotes `>*From ` by adding a `>`, so any run of `>` loses one;
 * mboxo quotes only `From ` (and cannot be undone exactly), so only `>From ` loses it. Returns `raw` itself when
 * nothing is quoted. Linear: each `>` run is walked once, by the occurrence it precedes.
 */
export function unquoteFromLines(raw: Buffer, variant: MboxVariant): Buffer {
  if (variant === 'none') return raw;
  let at = raw.indexOf(QUOTED_FROM);
  if (at === -1) return raw;
  const pieces: Buffer[] = [];
  let copied = 0;
  while (at !== -1) {
    let runStart = at;
    while (runStart > copied && raw[runStart - 1] === GT) runStart--;
    const atLineStart = runStart === 0 || raw[runStart - 1] === LF;
    if (atLineStart && (variant === 'mboxrd' || runStart === at)) {
      pieces.push(raw.subarray(copied, runStart));
      copied = runStart + 1;
    }
    at = raw.indexOf(QUOTED_FROM, at + QUOTED_FROM.length);
  }
  if (pieces.length === 0) return raw;
  pieces.push(raw.subarray(copied));
  return Buffer.concat(pieces);
}
