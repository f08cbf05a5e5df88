/**
 * What fixtures/dialects.txt covers: its rows are compared line by line in test/received/dialects.test.ts, the
 * from-clause layouts in test/received/from-layouts.test.ts, the TLS readers in test/tls/dialects.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../src/index.js';
import { readDialectRows } from './dialect-rows.js';

const rows = readDialectRows();

describe('fixtures/dialects.txt', () => {
  it('holds at least 150 rows from at least 40 writers', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(new Set(rows.map((r) => r.writer)).size).toBeGreaterThanOrEqual(40);
  });

  it('holds each value once', () => {
    expect(new Set(rows.map((r) => r.header)).size).toBe(rows.length);
  });

  it('reads every row into every field somewhere: no field is left untested', () => {
    const seen = new Set<string>();
    for (const r of rows) {
      const hop = parseReceived(r.header);
      for (const [k, v] of Object.entries({ ...hop.from, ...hop.by, via: hop.via, protocol: hop.protocol, id: hop.id, for: hop.for, envelopeFrom: hop.envelopeFrom })) {
        if (v !== null) seen.add(k);
      }
    }
    expect([...seen].sort()).toEqual(['envelopeFrom', 'for', 'helo', 'host', 'id', 'ident', 'ip', 'ipRange', 'port', 'protocol', 'rdns', 'software', 'via']);
  });
});
