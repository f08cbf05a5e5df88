import type { Token } from '../received/lex.js';
import type { Span } from '../types.js';

/**
 * What the TLS recognisers read: the Received value as found and its top-level tokens, plus the clause values the
 * parser already found (RFC 5321 §4.4 `With`, RFC 8314 §7 `tls` clause).
 */
export interface TlsContext {
  /** The Received value exactly as found (folding kept). Spans index into it. */
  readonly raw: string;
  /** Top-level tokens of `raw` (comments are single tokens; their nested content is inside). */
  readonly tokens: readonly Token[];
  /** The `with` value as written (`ESMTPS`, `esmtpsa`, `Microsoft SMTP Server`, `ESMTP/TLS/AES256-SHA`), or null. */
  readonly protocol: string | null;
  readonly protocolSpan: Span | null;
  /** The word after an RFC 8314 `tls` clause keyword (`tls TLS_AES_256_GCM_SHA384`), or null. */
  readonly tlsClause: Token | null;
  /**
   * Who wrote each token, by index into `tokens` (src/received/places.ts): a statement counts only where its dialect's
   * MTA writes it, never in text the client shaped.
   */
  readonly places: Uint8Array;
}
