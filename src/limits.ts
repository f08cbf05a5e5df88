/**
 * Resource limits. Every byte we read was written by a stranger; each limit says which attack it stops.
 * Exceeding one never throws: the result is partial, `truncated` is set and a `LIMIT_*` issue says which.
 * @module
 */

/** The limits in force; every field is a non-negative integer. */
export interface Limits {
  /** A header block larger than this is cut here (a 2 GB "header" with no blank line must not be read whole). */
  readonly maxHeaderBytes: number;
  /** Received fields read per message (a forged 100,000-hop chain must not cost 100,000 parses). */
  readonly maxReceivedFields: number;
  /** Bytes of one Received value read (a 5 MB single header line is cut, not tokenised). */
  readonly maxFieldBytes: number;
  /** Tokens per Received value (keyword floods such as `from by with id for` × 10⁵). */
  readonly maxTokens: number;
  /** Top-level comments per Received value (rspamd caps at 64 too). */
  readonly maxComments: number;
  /** Nesting depth of `( … )`; deeper parentheses are read as text (200,000 nested `(`). */
  readonly maxCommentDepth: number;
  /** Nested `message/rfc822` depth (a bounce inside a bounce inside …: memory exhaustion). */
  readonly maxNestedDepth: number;
  /** Characters of one header line handed on (one 5 MB line must not reach the trace readers whole). */
  readonly maxLineLength: number;
}

/** 1 MiB: real header blocks are a few KiB; a few hundred KiB for mailing-list monsters. */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** 1,000: real chains stay under 50 hops; loops are cut by MTAs at about 100 (RFC 5321 §6.3). */
export const MAX_RECEIVED_FIELDS = 1000;
/** 32 KiB: real Received values stay under 2 KiB. */
const MAX_FIELD_BYTES = 32 * 1024;
/** 512 tokens: a long real value has about 60. */
const MAX_TOKENS = 512;
/** 64 top-level comments per value. */
const MAX_COMMENTS = 64;
/** 16 levels: real values nest at most 3 deep (Postfix's `(using … (256/256 bits))`). */
const MAX_COMMENT_DEPTH = 16;
/** 10 levels of forwarded/bounced messages. */
export const MAX_NESTED_DEPTH = 10;
/** 16 KiB: RFC 5322 §2.1.1 allows 998 characters; real long lines (unfolded References, DKIM) stay under a few KiB. */
export const MAX_LINE_LENGTH = 16 * 1024;

/**
 * The defaults. Override single limits through the `limits` option; the others keep these values.
 * @example
 * ```ts
 * analyzeMessage(raw, { limits: { maxReceivedFields: 200 } }); // tighter than DEFAULT_LIMITS.maxReceivedFields
 * ```
 */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxHeaderBytes: MAX_HEADER_BYTES,
  maxReceivedFields: MAX_RECEIVED_FIELDS,
  maxFieldBytes: MAX_FIELD_BYTES,
  maxTokens: MAX_TOKENS,
  maxComments: MAX_COMMENTS,
  maxCommentDepth: MAX_COMMENT_DEPTH,
  maxNestedDepth: MAX_NESTED_DEPTH,
  maxLineLength: MAX_LINE_LENGTH,
});

/**
 * Merge user limits over the defaults. A limit that is not a non-negative safe integer throws `TypeError`:
 * a string or NaN would silently disable every `size > limit` check (programmer error, not data).
 */
export function resolveLimits(overrides?: Partial<Limits>): Limits {
  if (overrides === undefined) return DEFAULT_LIMITS;
  if (overrides === null || typeof overrides !== 'object') throw new TypeError('limits must be an object');
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS)) {
    const value = (overrides as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new TypeError(`limits.${key} must be a non-negative integer, got ${String(value)}`);
    }
    out[key] = value;
  }
  for (const key of Object.keys(overrides)) {
    // `in` would accept inherited names (`constructor`, `__proto__`, `toString`) as limits.
    if (!Object.hasOwn(DEFAULT_LIMITS, key)) throw new TypeError(`unknown limit: ${key}`);
  }
  return Object.freeze(out) as unknown as Limits;
}
