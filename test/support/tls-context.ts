/**
 * Test helper: build a `TlsContext` from a Received value the way `readReceived` does (lexer → clauses → `with`
 * value → `tls` clause), without pulling in the grading step.
 */
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { splitClauses } from '../../src/received/clauses.js';
import { readWith } from '../../src/received/fields.js';
import { lexReceived } from '../../src/received/lex.js';
import type { TlsContext } from '../../src/tls/context.js';

export function tlsContext(raw: string): TlsContext {
  const lexed = lexReceived(raw, DEFAULT_LIMITS);
  const split = splitClauses(raw, lexed.tokens);
  const withValue = readWith(raw, split.clauses.find((c) => c.name === 'with'));
  const tlsClause = split.clauses.find((c) => c.name === 'tls')?.tokens[0] ?? null;
  return {
    raw,
    tokens: lexed.tokens,
    protocol: withValue?.text ?? null,
    protocolSpan: withValue?.span ?? null,
    tlsClause: tlsClause !== null && tlsClause.kind !== 'comment' ? tlsClause : null,
    places: split.places,
  };
}
