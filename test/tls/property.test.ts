/** Hostile input: readTls and gradeHop never throw, and evidence is always the exact text its span covers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeHop } from '../../src/hop/grade-hop.js';
import { readTls } from '../../src/tls/read-tls.js';
import { tlsContext } from '../support/tls-context.js';

/** Pieces real TLS comments are made of, so random strings actually reach the recognisers' deeper paths. */
const PIECES = [
  '(', ')', ' ', '\r\n\t', ':', ',', '=', '"', 'using', 'with', 'cipher', 'TLSv1.2', 'TLS1_3', 'TLSv1/SSLv3', 'TLS', 'SSL',
  'ECDHE-RSA-AES256-GCM-SHA384', 'TLS_AES_256_GCM_SHA384', 'NULL-SHA', '256/256', 'bits', 'version=', 'cipher=',
  'bits=', 'verify=OK', 'encrypted', 'ESMTPS', 'ESMTP', 'with', 'by', 'tls', 'STARTTLS', 'TLS:', 'AUTH:', '168bits',
  'key-exchange', 'X25519', 'server-signature', 'RSA-PSS', '(No client certificate requested)', 'Client CN', '(verified OK)',
  'ESMTP/TLS/', 'Microsoft SMTP Server', 'over TLS secured channel', 'Google Transport Security', '(TLS1.3)', ':NO', ';',
];

const received = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((a) => a.join(' ')),
);

describe('readTls properties', () => {
  it('never throws; evidence === raw.slice(span); gradeHop never throws', () => {
    fc.assert(
      fc.property(received, (raw) => {
        const read = readTls(tlsContext(raw));
        const { tls, issues } = read;
        expect(Array.isArray(issues)).toBe(true);
        if (tls !== null) {
          expect(raw.slice(tls.span.start, tls.span.end)).toBe(tls.evidence);
          expect(tls.span.start).toBeLessThanOrEqual(tls.span.end);
          expect(tls.evidence.length).toBeGreaterThan(0);
        }
        const g = gradeHop(read);
        expect(g.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(received, (raw) => {
        expect(JSON.stringify(readTls(tlsContext(raw)))).toBe(JSON.stringify(readTls(tlsContext(raw))));
      }),
      { numRuns: 300 },
    );
  });
});
