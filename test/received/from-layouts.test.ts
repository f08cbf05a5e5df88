/**
 * The from-clause layout registry against fixtures/dialects.txt: every layout reads some row, and a row labelled
 * `from layout <id>` is read by that layout.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { splitClauses } from '../../src/received/clauses.js';
import { readSingle, readWith } from '../../src/received/fields.js';
import { FROM_LAYOUTS } from '../../src/received/from-layouts.js';
import { layoutHint } from '../../src/received/layout.js';
import { lexReceived } from '../../src/received/lex.js';
import { readFromClause } from '../../src/received/tcp-info.js';
import { readDialectRows } from './dialect-rows.js';

/** The layout readReceived reads a value's from clause with, or undefined when it has no from clause. */
function layoutOf(raw: string): string | null | undefined {
  const { tokens } = lexReceived(raw, DEFAULT_LIMITS);
  const split = splitClauses(raw, tokens);
  const clause = (name: string) => split.clauses.find((c) => c.name === name);
  const from = clause('from');
  if (from === undefined) return undefined;
  const hint = layoutHint(raw, tokens, readWith(raw, clause('with'))?.text ?? null, readSingle(raw, clause('id')) ?? split.trailingId);
  return readFromClause(raw, from.tokens, hint).layout;
}

const rows = readDialectRows().map((r) => ({ ...r, layout: layoutOf(r.header) }));

describe('from-clause layouts', () => {
  it('have distinct ids', () => {
    expect(new Set(FROM_LAYOUTS.map((l) => l.id)).size).toBe(FROM_LAYOUTS.length);
  });

  const source = readFileSync(new URL('../../src/received/from-layouts.ts', import.meta.url), 'utf8');
  it.each(FROM_LAYOUTS.map((l) => l.id))('the example in the doc comment of %s reads with it', (id) => {
    // The last `…` before the entry's id is its example line.
    const close = source.lastIndexOf('`', source.indexOf(`id: '${id}'`));
    const example = source.slice(source.lastIndexOf('`', close - 1) + 1, close);
    expect(example).toMatch(/^from /);
    expect(layoutOf(example)).toBe(id);
  });

  it.each(FROM_LAYOUTS.map((l) => l.id))('%s reads at least one row', (id) => {
    expect(rows.filter((r) => r.layout === id).map((r) => r.label)).not.toEqual([]);
  });

  it.each(rows.filter((r) => r.label.includes('from layout ')).map((r) => [r.label, r] as const))('%s', (_label, r) => {
    expect(r.layout).toBe(/from layout ([\w-]+)/.exec(r.label)![1]);
  });

  it('leaves a from clause with no comment to no layout: nothing says who chose the name', () => {
    const hop = rows.find((r) => r.writer === 'fetchmail')!;
    expect(hop.layout).toBeNull();
  });
});
