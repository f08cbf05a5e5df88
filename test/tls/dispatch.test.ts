/**
 * Comments reach only the recognisers that can claim them (by the first character of their head). These tests hold
 * each recogniser to the `heads` it declares, and the dispatch to what offering every comment to every recogniser
 * finds: on our dialect fixtures, on mutations of them and on random comment soup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTls } from '../../src/tls/read-tls.js';
import { TLS_RECOGNISERS } from '../../src/tls/recognisers/index.js';
import { buildHopView, type TlsRecogniser } from '../../src/tls/view.js';
import { readDialectRows } from '../received/dialect-rows.js';
import { tlsContext } from '../support/tls-context.js';

const FIXTURES: string[] = readDialectRows().map((r) => r.header);

/** Comments each dialect writes, in several spellings, plus leads that lower-case to something else (U+212A → k). */
const COMMENTS = [
  '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))', '(No client certificate requested)', '(Client CN "a (b", Issuer "c" (verified OK))',
  '(client did not present a certificate)', '(using TLS: TLSv1.2, ECDHE-RSA-AES256-GCM-SHA384)', '(using STARTTLS)', '(TLS)', '(TLS12)', '(TLS1.3)',
  '(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384)', '(version=TLSv1/SSLv3 cipher=EDH-DSS-DES-CBC3-SHA bits=168/168 verify=NO)',
  '(cipher=AES-256-GCM)', '(Google Transport Security)', '(TLSv1:DHE-RSA-AES256-SHA:256)', '(Cipher TLS1.3:TLS_AES_256_GCM_SHA384:256)',
  '(tls_cipher TLS-1.0:RSA_AES_256_CBC_SHA1:256)', '(TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256:NO)', '(TLS: TLSv1.2,256bits,ECDHE-RSA-AES256-GCM-SHA384)',
  '(AUTH: LOGIN a, TLS: TLSv1.2,256bits,AES256-SHA)', '(DHE-RSA-AES256-SHA encrypted)', '(RC4-SHA encrypted, authenticated)', '(Cellopoint E-mail Firewall v4.1 with TLSv1.2 AES256-SHA 256)',
  '(Generic MTA with TLSv1.2 AES256-SHA 256)', '(TLSv1.3 TLS_AES_128_GCM_SHA256)', '(SSL)', '(Haraka/3.0.3)', '(CommuniGate Pro SMTP 6.3)', '(localhost [127.0.0.1])',
  '(Postfix)', '(8.11.6/8.11.6)', '( \r\n\t using TLSv1.2 with cipher AES256-SHA (256/256 bits))', '(  VERSION=TLSv1.2 CIPHER=AES256-SHA)', '(\u212Asl)', '(\u0130ssl)',
  '(\u00e9tls)', '()', '(   )', '(\r\n\t)',
];

const value = fc.oneof(
  fc.constantFrom(...FIXTURES),
  fc
    .tuple(fc.constantFrom(...FIXTURES), fc.nat(), fc.constantFrom(...COMMENTS))
    .map(([v, at, c]) => `${v.slice(0, at % (v.length + 1))} ${c} ${v.slice(at % (v.length + 1))}`),
  fc.array(fc.oneof(fc.constantFrom(...COMMENTS), fc.constantFrom('from', 'by', 'with', 'ESMTPS', 'ESMTP', 'mx.google.com', 'id', ';', ' ')), { maxLength: 12 }).map((a) => a.join(' ')),
  fc.array(fc.oneof(fc.constantFrom(...COMMENTS), fc.string({ maxLength: 8 })), { maxLength: 10 }).map((a) => `by h.example ${a.join(' ')}`),
);

/** The registry with no heads declared: every comment is offered to every comment reader, as before the dispatch. */
const UNDISPATCHED: readonly TlsRecogniser[] = TLS_RECOGNISERS.map(({ heads: _heads, ...rest }) => rest);

describe('comment dispatch by head', () => {
  it('declares heads in lower case, none empty', () => {
    for (const r of TLS_RECOGNISERS) {
      for (const h of r.heads ?? []) {
        expect(h.length, r.dialect).toBeGreaterThan(0);
        expect(h, r.dialect).toBe(h.toLowerCase());
      }
    }
    // The one recogniser that reads any comment (by its end) is the reason the lists are never empty.
    expect(TLS_RECOGNISERS.filter((r) => r.comment !== undefined && r.heads === undefined).map((r) => r.dialect)).toEqual(['qmail']);
  });

  it('lead is the first code of head, or -1 for an empty head', () => {
    fc.assert(
      fc.property(value, (raw) => {
        for (const c of buildHopView(tlsContext(raw)).comments) expect(c.lead).toBe(c.head.length === 0 ? -1 : c.head.charCodeAt(0));
      }),
      { numRuns: 2000 },
    );
  });

  it('a comment reader claims no comment whose head starts with none of its heads', () => {
    let checked = 0;
    fc.assert(
      fc.property(value, (raw) => {
        const hop = buildHopView(tlsContext(raw));
        for (const c of hop.comments) {
          for (const r of TLS_RECOGNISERS) {
            if (r.comment === undefined || r.heads === undefined || r.heads.some((h) => c.head.startsWith(h))) continue;
            checked++;
            expect(r.comment(c, hop), `${r.dialect} on ${c.head}`).toBeNull();
          }
        }
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThan(10_000);
  });

  it('finds what offering every comment to every reader finds', () => {
    const dialects = new Set<string>();
    fc.assert(
      fc.property(value, (raw) => {
        const ctx = tlsContext(raw);
        const dispatched = readTls(ctx);
        expect(JSON.stringify(dispatched)).toBe(JSON.stringify(readTls(ctx, UNDISPATCHED)));
        if (dispatched.tls !== null) dialects.add(dispatched.tls.dialect);
      }),
      { numRuns: 5000 },
    );
    // The inputs reach the comment dialects, not only the protocol keyword.
    for (const d of ['postfix', 'sendmail', 'microsoft', 'gmail', 'exim', 'courier', 'qmail', 'opensmtpd', 'mox', 'cellopoint', 'coremail', 'using-tls-list', 'tmda', 'haraka']) {
      expect(dialects, d).toContain(d);
    }
  });
});
