/**
 * readTls over the rows of fixtures/dialects.txt (values written by us in each MTA's layout): the TLS reader on its
 * own gives every hop the TLS facts parseReceived reports, and every recogniser reads at least one row. What each
 * row yields is held line by line in test/received/dialects.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../src/index.js';
import { readTls } from '../../src/tls/read-tls.js';
import { TLS_RECOGNISERS } from '../../src/tls/recognisers/index.js';
import { readDialectRows } from '../received/dialect-rows.js';
import { tlsContext } from '../support/tls-context.js';

const rows = readDialectRows();

describe('readTls over fixtures/dialects.txt', () => {
  it('has at least 100 rows that state something about TLS', () => {
    expect(rows.filter((r) => parseReceived(r.header).tls !== null).length).toBeGreaterThanOrEqual(100);
  });

  it.each(rows.map((r) => [r.label, r.header] as const))('%s', (_label, raw) => {
    expect(readTls(tlsContext(raw)).tls).toEqual(parseReceived(raw).tls);
  });

  it.each(TLS_RECOGNISERS.map((r) => [r.dialect, r] as const))('%s reads at least one row on its own', (_dialect, recogniser) => {
    expect(rows.some((r) => readTls(tlsContext(r.header), [recogniser]).tls !== null)).toBe(true);
  });

  it('accepts a custom recogniser list (empty = nothing read)', () => {
    expect(rows.every((r) => readTls(tlsContext(r.header), []).tls === null)).toBe(true);
  });
});
