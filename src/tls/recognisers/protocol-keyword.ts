// from mx.example.net (mx.example.net [192.0.2.7]) by mail.example.org with ESMTPS id 4AbCdE; Tue, 5 Mar 2024 10:00:00 +0000
/**
 * The `with` protocol words of RFC 3848 §2 and RFC 6531 §3.7.4 (IANA "Mail Transmission Types"), plus the
 * unregistered but common `SMTPS`, `HTTPS`, `IMAPS`, `POP3S`. An `S` word means TLS was negotiated, parameters
 * unknown. A plain SMTP or LMTP word is positive evidence of plaintext ONLY when no TLS statement exists anywhere in
 * the header (`readTls` decides); `A` is authentication, not encryption. `HTTP`, `IMAP`, `POP3` name no SMTP session
 * (webmail, a mail fetcher): like the vendor values (`local`, `mapi`, `REST`, `HTTPREST`, `QMQP`, …) they say nothing
 * about TLS on their own (docs/grading.md rule 6). Microsoft's own words are read in microsoft.ts.
 * @module
 */
import { keyword, NO_FINDINGS } from '../finding.js';
import type { TlsRecogniser } from '../view.js';

const ENCRYPTED: ReadonlySet<string> = new Set([
  'esmtps',
  'esmtpsa',
  'lmtps',
  'lmtpsa',
  'utf8smtps',
  'utf8smtpsa',
  'utf8lmtps',
  'utf8lmtpsa',
  'smtps',
  'https',
  'imaps',
  'pop3s',
]);

const PLAINTEXT: ReadonlySet<string> = new Set([
  'smtp',
  'esmtp',
  'esmtpa',
  'lmtp',
  'lmtpa',
  'utf8smtp',
  'utf8smtpa',
  'utf8lmtp',
  'utf8lmtpa',
]);

/** `true` for an encrypted protocol word, `false` for a plaintext one, `null` for anything else (lower-cased input). */
export function protocolEncryption(lower: string): boolean | null {
  if (ENCRYPTED.has(lower)) return true;
  if (PLAINTEXT.has(lower)) return false;
  return null;
}

/** RFC 3848 / RFC 6531 protocol words. */
export const protocolKeyword: TlsRecogniser = {
  dialect: 'protocol-keyword',
  hop: (hop) => {
    const p = hop.protocolLower;
    const span = hop.ctx.protocolSpan;
    if (p === null || span === null) return NO_FINDINGS;
    const e = protocolEncryption(p);
    return e === null ? NO_FINDINGS : [keyword('protocol-keyword', span, e)];
  },
};
