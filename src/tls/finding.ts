import type { CertificateStatus, Span } from '../types.js';

/**
 * What one recogniser read from one place in a Received value. `statement` findings come from a TLS comment or
 * clause (they win); `keyword` findings come from the `with` protocol word alone (RFC 3848), used only when no
 * statement exists.
 */
export interface TlsFinding {
  readonly dialect: string;
  readonly kind: 'statement' | 'keyword';
  /** `true` = says encrypted, `false` = says plaintext, `null` = does not say. */
  readonly encrypted: boolean | null;
  readonly versionText: string | null;
  readonly cipher: string | null;
  readonly bits: number | null;
  readonly certificate: CertificateStatus;
  readonly group: string | null;
  /** The text in `raw` that states these facts. */
  readonly span: Span;
}

/** What a hop reader returns when it finds nothing: one shared frozen array, not a new one per hop and reader. */
export const NO_FINDINGS: readonly TlsFinding[] = Object.freeze([]);

/** The facts a finding may state; everything omitted is "not stated". */
export interface FindingFacts {
  readonly encrypted?: boolean | null;
  readonly versionText?: string | null;
  readonly cipher?: string | null;
  readonly bits?: number | null;
  readonly certificate?: CertificateStatus;
  readonly group?: string | null;
}

/** A statement (TLS comment or clause): encrypted unless the facts say otherwise. */
export function statement(dialect: string, span: Span, facts: FindingFacts): TlsFinding {
  return {
    dialect,
    kind: 'statement',
    encrypted: facts.encrypted === undefined ? true : facts.encrypted,
    versionText: facts.versionText ?? null,
    cipher: facts.cipher ?? null,
    bits: facts.bits ?? null,
    certificate: facts.certificate ?? 'unknown',
    group: facts.group ?? null,
    span: { start: span.start, end: span.end },
  };
}

/** A protocol-word finding: encryption only, parameters unknown. */
export function keyword(dialect: string, span: Span, encrypted: boolean): TlsFinding {
  return {
    dialect,
    kind: 'keyword',
    encrypted,
    versionText: null,
    cipher: null,
    bits: null,
    certificate: 'unknown',
    group: null,
    span: { start: span.start, end: span.end },
  };
}
