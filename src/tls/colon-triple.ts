/**
 * The colon-joined `version:cipher:bits[:verified]` word Exim (`$tls_in_cipher`) and OpenSMTPD write inside a comment.
 * Kept apart so both recognisers split it the same way.
 * @module
 */
import { isCipherText, isNumber, isVersionText } from './text.js';

/** The parts of a colon word. */
export interface ColonParts {
  readonly versionText: string;
  readonly cipher: string;
  readonly bits: number | null;
  /** The 4th field (OpenSMTPD's `YES`/`NO`), or null when there are three. */
  readonly fourth: string | null;
}

/** Split `TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256[:NO]`; null unless the shape holds (3 or 4 fields). */
export function splitColonWord(text: string): ColonParts | null {
  const a = text.indexOf(':');
  if (a <= 0) return null;
  const b = text.indexOf(':', a + 1);
  if (b < 0) return null;
  const c = text.indexOf(':', b + 1);
  const versionText = text.slice(0, a);
  const cipher = text.slice(a + 1, b);
  const bitsText = c < 0 ? text.slice(b + 1) : text.slice(b + 1, c);
  const fourth = c < 0 ? null : text.slice(c + 1);
  if (fourth !== null && (fourth.length === 0 || fourth.indexOf(':') >= 0)) return null;
  if (!isVersionText(versionText) || !isCipherText(cipher) || !isNumber(bitsText)) return null;
  return { versionText, cipher, bits: Number(bitsText), fourth };
}
