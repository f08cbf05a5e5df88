/**
 * The `with` word (RFC 5321 §4.4 `Protocol`) and what it says about a hop, in one table: the TLS readers, the
 * from-clause layout and the scope rules all ask here.
 *
 * Registered words come from the IANA "Mail Transmission Types" registry: `SMTP` and `ESMTP` (RFC 5321), the
 * RFC 3848 §2 suffixes (`S`: TLS was negotiated, `A`: the client authenticated) on ESMTP and LMTP (RFC 2033), and the
 * RFC 6531 §3.7.3 `UTF8` forms. The other rows are words MTAs write without a registration (`SMTPS` for implicit TLS,
 * RFC 8314 §3; webmail's `HTTP`; fetchers' `IMAP`/`POP3`; Exim's `local`; Exchange's `mapi` and its own names).
 * A word that is in no row is read by the RFC 3848 suffix grammar alone (see {@link withMeaning}).
 * @module
 */

/** How the message travelled on this hop, as far as the `with` word tells. */
type WithTransport = 'smtp' | 'lmtp' | 'http' | 'imap' | 'pop3' | 'local' | 'mapi' | 'other' | 'none';

/** The software whose own TLS reader interprets the word (it states TLS its own way), or null for a generic word. */
type WithWriter = 'microsoft' | 'communigate' | 'ironport';

/** What one `with` word says. */
export interface WithMeaning {
  /**
   * TLS as the word alone states it: `true` (RFC 3848 `S`, `SMTPS`), `false` (a plain SMTP or LMTP session — evidence
   * of plaintext only when nothing else in the header speaks of TLS), `null` (the word says nothing about TLS).
   */
  readonly encrypted: boolean | null;
  /** The client authenticated (RFC 3848 `A`; Coremail's `ASMTP`). */
  readonly authenticated: boolean;
  /** `lmtp` and `local` never cross a wide-area network (RFC 2033 §1); `mapi` is Exchange's own mailbox access. */
  readonly transport: WithTransport;
  /** The RFC that put the word in the IANA registry, or null for a word no registry holds. */
  readonly registered: 'RFC 5321' | 'RFC 3848' | 'RFC 6531' | null;
  /** See {@link WithWriter}. */
  readonly writer: WithWriter | null;
}

type Row = readonly [word: string, encrypted: boolean | null, authenticated: boolean, transport: WithTransport, registered: WithMeaning['registered'], writer?: WithWriter];

/** Every word we know, one row each: word (any case), encrypted, authenticated, transport, registry, writer. */
const ROWS: readonly Row[] = [
  ['SMTP', false, false, 'smtp', 'RFC 5321'],
  ['ESMTP', false, false, 'smtp', 'RFC 5321'],
  ['ESMTPA', false, true, 'smtp', 'RFC 3848'],
  ['ESMTPS', true, false, 'smtp', 'RFC 3848'],
  ['ESMTPSA', true, true, 'smtp', 'RFC 3848'],
  ['LMTP', false, false, 'lmtp', 'RFC 3848'],
  ['LMTPA', false, true, 'lmtp', 'RFC 3848'],
  ['LMTPS', true, false, 'lmtp', 'RFC 3848'],
  ['LMTPSA', true, true, 'lmtp', 'RFC 3848'],
  ['UTF8SMTP', false, false, 'smtp', 'RFC 6531'],
  ['UTF8SMTPA', false, true, 'smtp', 'RFC 6531'],
  ['UTF8SMTPS', true, false, 'smtp', 'RFC 6531'],
  ['UTF8SMTPSA', true, true, 'smtp', 'RFC 6531'],
  ['UTF8LMTP', false, false, 'lmtp', 'RFC 6531'],
  ['UTF8LMTPA', false, true, 'lmtp', 'RFC 6531'],
  ['UTF8LMTPS', true, false, 'lmtp', 'RFC 6531'],
  ['UTF8LMTPSA', true, true, 'lmtp', 'RFC 6531'],
  // Implicit TLS (RFC 8314 §3): Google's internal hops, Zoho.
  ['SMTPS', true, false, 'smtp', null],
  // Coremail's authenticated submission.
  ['ASMTP', null, true, 'smtp', null],
  // Webmail and provider APIs: the client's connection, not an SMTP session; HTTPS is TLS all the same.
  ['HTTP', null, false, 'http', null],
  ['HTTPS', true, false, 'http', null],
  ['HTTPREST', null, false, 'http', null],
  ['REST', null, false, 'http', null],
  // Mail fetchers (fetchmail, getmail): the mailbox protocol, not the hop's transfer.
  ['IMAP', null, false, 'imap', null],
  ['IMAPS', true, false, 'imap', null],
  ['POP3', null, false, 'pop3', null],
  ['POP3S', true, false, 'pop3', null],
  // Exim's `with local`: a submission on the writing host.
  ['local', null, false, 'local', null],
  ['QMQP', null, false, 'other', null],
  // Exchange writes its TLS facts whenever it used TLS (src/tls/recognisers/microsoft.ts): without them, plaintext.
  ['Microsoft SMTP Server', false, false, 'smtp', null, 'microsoft'],
  ['Microsoft SMTPSVC', false, false, 'smtp', null, 'microsoft'],
  ['mapi', null, false, 'mapi', null, 'microsoft'],
  // CommuniGate Pro before it wrote RFC 3848 words.
  ['ESMTP-TLS', true, false, 'smtp', null, 'communigate'],
  ['SMTP-TLS', true, false, 'smtp', null, 'communigate'],
];

function meaning(row: Row): WithMeaning {
  const [, encrypted, authenticated, transport, registered, writer] = row;
  return Object.freeze({ encrypted, authenticated, transport, registered, writer: writer ?? null });
}

const TABLE: ReadonlyMap<string, WithMeaning> = new Map(ROWS.map((row) => [row[0].toLowerCase(), meaning(row)]));

/** What the absence of a `with` clause says: nothing. */
const NO_WORD: WithMeaning = Object.freeze({ encrypted: null, authenticated: false, transport: 'none', registered: null, writer: null });

/** Longest unlisted word read as an RFC 3848 authenticated form (`UTF8SMTPSA` is 10): longer ones are vendor text. */
const MAX_AUTH_WORD = 12;

/**
 * A word in no row, read by its shape: the RFC 3848 `A` suffix (`smtpa`, `smtpsa`, `lmtpa`, `lmtpsa`) on a short
 * word, an `lmtp` / `http` prefix, `smtp` anywhere; CommuniGate's `…-TLS`, IronPort's `ESMTP/TLS/<cipher>` and
 * Exchange's `Microsoft …` names. Nothing here says plaintext: an unknown word never counts as evidence of it.
 */
function unlisted(p: string): WithMeaning {
  const authenticated = p.length <= MAX_AUTH_WORD && (p.endsWith('smtpa') || p.endsWith('smtpsa') || p.endsWith('lmtpa') || p.endsWith('lmtpsa'));
  const transport: WithTransport =
    p.startsWith('lmtp') || p.startsWith('utf8lmtp') ? 'lmtp' : p.startsWith('http') ? 'http' : p.includes('smtp') ? 'smtp' : 'other';
  let writer: WithWriter | null = null;
  let encrypted: boolean | null = null;
  if (p.endsWith('-tls')) {
    writer = 'communigate';
    encrypted = true;
  } else if (isIronPortWord(p)) {
    writer = 'ironport';
    encrypted = true;
  } else if (p.startsWith('microsoft')) writer = 'microsoft';
  return { encrypted, authenticated, transport, registered: null, writer };
}

/** `…/tls` or `…/tls/<cipher>` (lower-cased). */
function isIronPortWord(p: string): boolean {
  const at = p.indexOf('/tls');
  return at >= 0 && (at + 4 === p.length || p.charCodeAt(at + 4) === 0x2f);
}

/** What the `with` value as written (`ESMTPS`, `esmtpsa`, `Microsoft SMTP Server`; null: no with clause) says. */
export function withMeaning(protocol: string | null): WithMeaning {
  if (protocol === null || protocol === '') return NO_WORD;
  const p = protocol.toLowerCase();
  return TABLE.get(p) ?? unlisted(p);
}

