import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withMeaning } from '../../src/received/protocols.js';

/** IANA "Mail Transmission Types": the with words RFC 5321, RFC 3848 and RFC 6531 register. */
const REGISTERED: readonly (readonly [string, string])[] = [
  ['SMTP', 'RFC 5321'],
  ['ESMTP', 'RFC 5321'],
  ...['ESMTPA', 'ESMTPS', 'ESMTPSA', 'LMTP', 'LMTPA', 'LMTPS', 'LMTPSA'].map((w) => [w, 'RFC 3848'] as const),
  ...['UTF8SMTP', 'UTF8SMTPA', 'UTF8SMTPS', 'UTF8SMTPSA', 'UTF8LMTP', 'UTF8LMTPA', 'UTF8LMTPS', 'UTF8LMTPSA'].map((w) => [w, 'RFC 6531'] as const),
];

describe('withMeaning: the registered words', () => {
  it.each(REGISTERED)('%s is registered by %s and read by its RFC 3848 suffixes', (word, rfc) => {
    const m = withMeaning(word);
    expect(m.registered).toBe(rfc);
    const base = word.replace(/^UTF8/, '').replace(/^E/, '');
    // `S` after the SMTP/LMTP stem: TLS; `A` last: authenticated; nothing else says plaintext.
    expect(m.encrypted).toBe(/^[SL]MTPS/.test(base));
    expect(m.authenticated).toBe(word.endsWith('A'));
    expect(m.transport).toBe(base.startsWith('LMTP') ? 'lmtp' : 'smtp');
    expect(m.writer).toBeNull();
  });

  it('reads any case', () => {
    expect(withMeaning('esmtpsa')).toEqual(withMeaning('ESMTPSA'));
    expect(withMeaning('Utf8LmTp')).toEqual(withMeaning('UTF8LMTP'));
  });
});

describe('withMeaning: words no registry holds', () => {
  it.each([
    ['SMTPS', { encrypted: true, authenticated: false, transport: 'smtp', writer: null }],
    ['ASMTP', { encrypted: null, authenticated: true, transport: 'smtp', writer: null }],
    ['HTTP', { encrypted: null, authenticated: false, transport: 'http', writer: null }],
    ['HTTPS', { encrypted: true, authenticated: false, transport: 'http', writer: null }],
    ['REST', { encrypted: null, authenticated: false, transport: 'http', writer: null }],
    ['IMAP', { encrypted: null, authenticated: false, transport: 'imap', writer: null }],
    ['POP3S', { encrypted: true, authenticated: false, transport: 'pop3', writer: null }],
    ['local', { encrypted: null, authenticated: false, transport: 'local', writer: null }],
    ['mapi', { encrypted: null, authenticated: false, transport: 'mapi', writer: 'microsoft' }],
    ['Microsoft SMTP Server', { encrypted: false, authenticated: false, transport: 'smtp', writer: 'microsoft' }],
    ['Microsoft SMTPSVC', { encrypted: false, authenticated: false, transport: 'smtp', writer: 'microsoft' }],
    ['Microsoft Exchange', { encrypted: null, authenticated: false, transport: 'other', writer: 'microsoft' }],
    ['ESMTP-TLS', { encrypted: true, authenticated: false, transport: 'smtp', writer: 'communigate' }],
    ['LMTP-TLS', { encrypted: true, authenticated: false, transport: 'lmtp', writer: 'communigate' }],
    ['ESMTP/TLS/AES256-SHA', { encrypted: true, authenticated: false, transport: 'smtp', writer: 'ironport' }],
    ['ESMTP/TLS', { encrypted: true, authenticated: false, transport: 'smtp', writer: 'ironport' }],
    ['ESMTP/TLSX', { encrypted: null, authenticated: false, transport: 'smtp', writer: null }],
    // Exim's SMTPUTF8 words: authenticated by the RFC 3848 suffix; TLS not read from an unregistered spelling.
    ['utf8esmtpsa', { encrypted: null, authenticated: true, transport: 'smtp', writer: null }],
    ['local-esmtp', { encrypted: null, authenticated: false, transport: 'smtp', writer: null }],
    ['QMQP', { encrypted: null, authenticated: false, transport: 'other', writer: null }],
    ['qmail-scanner-1.20', { encrypted: null, authenticated: false, transport: 'other', writer: null }],
  ] as const)('%s', (word, want) => {
    expect(withMeaning(word)).toMatchObject({ ...want, registered: null });
  });

  it('no with clause says nothing', () => {
    expect(withMeaning(null)).toEqual({ encrypted: null, authenticated: false, transport: 'none', registered: null, writer: null });
    expect(withMeaning('')).toEqual(withMeaning(null));
  });

  it('an authenticated reading needs a short word (vendor text that ends in `smtpa` is not a protocol word)', () => {
    expect(withMeaning('xx-esmtpsa').authenticated).toBe(true);
    expect(withMeaning('vendor-longname-smtpa').authenticated).toBe(false);
  });

  it('never throws, reads any case, and a word in no row never says plaintext', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (w) => {
        const m = withMeaning(w);
        expect(withMeaning(w.toLowerCase())).toEqual(m);
        if (m.registered === null && m.writer === null) expect(m.encrypted).not.toBe(false);
      }),
    );
  });
});
