import { parseIp } from '../address/ip.js';
import { isAlpha, isDigit } from '../text/chars.js';
import type { HopFrom } from '../types.js';
import { commentText, type Token } from './lex.js';
import { withMeaning } from './protocols.js';
import type { FromLayoutHint } from './from-layouts.js';

/*
 * Which MTA family wrote a header, as far as the from clause needs to know: `from X ([ip])` means X is the rDNS
 * name when Exim or IronPort wrote it, and the HELO when Postfix-like software did.
 */

function isUpperWord(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}

function isVersionOnly(raw: string, start: number, end: number): boolean {
  if (end - start < 3 || end - start > 12) return false;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x2e) dots++;
    else if (!isDigit(c)) return false;
  }
  if (dots >= 1 && dots <= 2) return true;
  // Four parts is an IPv4 address unless it cannot be one: InterMail 7 writes `(7.0.030.2)` (a zero-padded part).
  return dots === 3 && parseIp(raw.slice(start, end)) === null;
}

/** Obtuse smtpd's queue ids: `smtpdEDUB8h`. */
function isObtuseId(id: string): boolean {
  return id.length > 5 && id.startsWith('smtpd');
}

/** Exim message ids: `1rAbCd-000XyZ-Qq` (6-6-2) and the 4.97+ form `1tdPyw-00000000CVs-2047` (6-11-4). */
function isEximId(id: string): boolean {
  // The lengths the parts below allow (6-6-2, 6-6-4, 6-11-2, 6-11-4) first: most ids are not Exim's, and those are
  // turned away without being split.
  const n = id.length;
  if (n !== 16 && n !== 18 && n !== 21 && n !== 23) return false;
  const parts = id.split('-');
  if (parts.length !== 3) return false;
  const [a, b, c] = parts as [string, string, string];
  if (a.length !== 6 || (b.length !== 6 && b.length !== 11) || (c.length !== 2 && c.length !== 4)) return false;
  for (const p of parts) for (let i = 0; i < p.length; i++) if (!isAlpha(p.charCodeAt(i)) && !isDigit(p.charCodeAt(i))) return false;
  return true;
}

/** Guess the writer from the protocol word, the id and an `(Exim x.y)` comment. */
export function layoutHint(raw: string, tokens: readonly Token[], protocol: string | null, id: string | null): FromLayoutHint {
  const writer = withMeaning(protocol).writer;
  if (writer === 'microsoft') return 'microsoft';
  if (writer === 'ironport') return 'ironport';
  if (id !== null && isEximId(id)) return 'exim';
  // Obtuse smtpd: `from RDNS(IP) via SMTP by host, id smtpdXXX` — the name is its lookup (the HELO, when it
  // differs, is written `claiming to be "…"`).
  if (id !== null && isObtuseId(id)) return 'obtuse';
  for (const t of tokens) {
    if (t.kind !== 'comment') continue;
    if (raw.startsWith('(Exim ', t.start)) return 'exim';
    // InterMail names its version alone: `by host (6.7.018) id …`
    if (isVersionOnly(raw, t.start + 1, t.end - 1)) return 'intermail';
  }
  // qmail: no queue id, an upper-case protocol word, and always `-0000` (it writes GMT with unknown zone).
  if (id === null && protocol !== null && isUpperWord(protocol) && raw.trimEnd().endsWith('-0000')) return 'qmail';
  return null;
}

/** Symantec NAVGW puts the from clause in a comment: `(from KRYPTIK [70.20.57.51]) by …`. */
export function readCommentedFrom(raw: string, leading: readonly Token[]): HopFrom | null {
  const first = leading[0];
  if (first === undefined || first.kind !== 'comment') return null;
  const text = commentText(raw, first).trim();
  if (!text.toLowerCase().startsWith('from ')) return null;
  const words = text.slice(5).trim().split(' ');
  if (words.length !== 2) return null;
  const [name, literal] = words as [string, string];
  if (!literal.startsWith('[')) return null;
  const addr = parseIp(literal);
  if (addr === null) return null;
  return { helo: name, rdns: null, ip: addr.ip, ipRange: addr.range, port: addr.port, ident: null };
}
