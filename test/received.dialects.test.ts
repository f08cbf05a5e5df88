import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../src/index.js';

interface Case {
  mta: string;
  header: string;
  expect: Record<string, unknown>;
}

const table = JSON.parse(readFileSync(new URL('../fixtures/received/dialects.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('parseReceived over our dialect fixtures', () => {
  it('covers at least 30 lines from at least 25 dialects', () => {
    expect(table.cases.length).toBeGreaterThanOrEqual(30);
    const families = new Set(table.cases.map((c) => c.mta.split(' (')[0]));
    expect(families.size).toBeGreaterThanOrEqual(25);
  });

  it.each(table.cases)('$mta', (c) => {
    const hop = parseReceived(c.header);
    const e = c.expect;
    const got: Record<string, unknown> = {
      from: hop.from,
      from_helo: hop.from?.helo ?? null,
      from_rdns: hop.from?.rdns ?? null,
      from_ip: hop.from?.ip ?? null,
      from_port: hop.from?.port ?? null,
      from_ident: hop.from?.ident ?? null,
      by: hop.by?.host ?? null,
      by_ip: hop.by?.ip ?? null,
      software: hop.by?.software ?? null,
      protocol: hop.protocol,
      id: hop.id,
      for: hop.for,
      via: hop.via,
      envelopeFrom: hop.envelopeFrom,
      date_iso: hop.date?.iso ?? null,
    };
    for (const [key, want] of Object.entries(e)) {
      if (key === 'tls' || key === 'issues') continue;
      expect(got[key], key).toEqual(want);
    }
    if ('tls' in e) {
      if (e.tls === null) expect(hop.tls).toBeNull();
      else {
        expect(hop.tls).not.toBeNull();
        const t = hop.tls!;
        for (const [key, want] of Object.entries(e.tls as Record<string, unknown>)) {
          expect((t as unknown as Record<string, unknown>)[key], `tls.${key}`).toEqual(want);
        }
        expect(hop.raw.slice(t.span.start, t.span.end)).toBe(t.evidence);
      }
    }
    if (Array.isArray(e.issues)) {
      const codes = hop.issues.map((i) => i.code);
      for (const code of e.issues as string[]) expect(codes).toContain(code);
    }
    expect(() => JSON.stringify(hop)).not.toThrow();
  });
});

describe('Exim is recognised by its message id alone', () => {
  // Synthetic Exim lines (ours) without the `(Exim x.y)` comment: only the id shows the writer, and with it the
  // name after `from` is the receiver's rDNS lookup, not the client's HELO.
  it.each(['1rAbCd-000XyZ-Qq', '1rAbCd-000XyZ-2047', '1tdPyw-00000000CVs-Qq', '1tdPyw-00000000CVs-2047'])('id %s', (id) => {
    const hop = parseReceived(`from host.example ([192.0.2.1]) by mx.example.net with esmtp id ${id}; Tue, 14 Nov 2023 09:12:45 +0100`);
    expect(hop.from).toMatchObject({ rdns: 'host.example', helo: null, ip: '192.0.2.1' });
  });

  it.each(['1rAbCd-000XyZ-Q', '1rAbCd000XyZQq', 'ABCDEF1234'])('not an Exim id: %s', (id) => {
    const hop = parseReceived(`from host.example ([192.0.2.1]) by mx.example.net with esmtp id ${id}; Tue, 14 Nov 2023 09:12:45 +0100`);
    expect(hop.from?.helo).toBe('host.example');
  });
});

describe('clause keywords and the date tail (our own lines)', () => {
  const DATE = 'Tue, 2 Jul 2024 10:00:00 +0000';
  it('reads upper-case keywords like lower-case ones', () => {
    const hop = parseReceived(`FROM a.example (a.example [192.0.2.1]) BY mx.example.net WITH ESMTP ID ABC123 FOR <u@example.net>; ${DATE}`);
    expect([hop.from?.ip, hop.by?.host, hop.protocol, hop.id, hop.for]).toEqual(['192.0.2.1', 'mx.example.net', 'ESMTP', 'ABC123', 'u@example.net']);
  });

  it('reads `envelope-sender` as the envelope-from clause', () => {
    const hop = parseReceived(`from a.example by mx.example.net with SMTP envelope-sender <s@example.org> id X1; ${DATE}`);
    expect([hop.envelopeFrom, hop.id]).toEqual(['s@example.org', 'X1']);
  });

  it("takes Courier's `; date id X` id and keeps the date clean", () => {
    const hop = parseReceived(`from a.example ([192.0.2.1]) by mx.example.net with ESMTP; ${DATE} id 0000ABC.00DEF`);
    expect([hop.id, hop.date?.iso]).toEqual(['0000ABC.00DEF', '2024-07-02T10:00:00.000Z']);
  });

  it('takes no trailing id when the first token after `;` is `id` (that is no date followed by an id)', () => {
    const hop = parseReceived(`from a.example by mx.example.net with ESMTP; id Q1 ${DATE} id Q2`);
    expect(hop.id).toBeNull();
    expect(hop.date?.iso ?? null).toBeNull();
  });
});
