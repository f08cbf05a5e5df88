/**
 * Grading policies: which letter each cap rule imposes. A policy is plain data so users can write their own.
 * Every rule id, with its cap under each preset, is listed in docs/grading.md.
 * @module
 */

/** A cap: the highest letter a hop may keep when the rule applies (`A` = the rule is switched off). */
export type CapGrade = 'A' | 'B' | 'C' | 'F';

/** Every cap rule id `gradeTls` can apply. */
export const RULE_IDS = Object.freeze([
  'P-SSL2',
  'P-SSL3',
  'P-TLS10',
  'P-TLS11',
  'P-UNSTATED',
  'K-DHE',
  'K-RSA',
  'K-STATIC-DH',
  'K-STATIC-ECDH',
  'K-ANON',
  'K-NO-FS',
  'K-DH-2048',
  'K-DH-1024',
  'K-RSA-KEY-2048',
  'K-RSA-KEY-1024',
  'E-CCM8',
  'E-CBC',
  'E-3DES',
  'E-RC4',
  'E-DES',
  'E-RC2',
  'E-EXPORT',
  'E-NULL',
  'E-BITS-112',
  'E-BITS-LOW',
  'M-MD5',
  'M-NULL',
  'R-IANA-D',
  'R-UNKNOWN-SUITE',
  'R-PARTIAL-SUITE',
] as const);

/** A cap rule id (see `RULE_IDS`). Informational reasons (`P-UNKNOWN`, `OK-MODERN`) are not caps and not listed. */
export type RuleId = (typeof RULE_IDS)[number];

/** A grading policy: a name and the cap per rule. Rules a custom policy leaves out keep the `base` preset's cap. */
export interface GradingPolicy {
  /** Shown in outputs that name the policy (`practical`, `bcp195`, or yours). */
  readonly name: string;
  /** Preset the `caps` override; default `practical`. `none` = start with every rule switched off. */
  readonly base?: 'practical' | 'bcp195' | 'none';
  /** The cap per rule id (`A`, `B`, `C` or `F`) that this policy changes. */
  readonly caps: Partial<Record<RuleId, CapGrade>>;
}

/** A policy with every rule filled in (what `resolvePolicy` returns). */
export interface ResolvedPolicy {
  /** The policy's name. */
  readonly name: string;
  /** The cap of every rule id. */
  readonly caps: Readonly<Record<RuleId, CapGrade>>;
}

const PRACTICAL_CAPS: Readonly<Record<RuleId, CapGrade>> = Object.freeze({
  'P-SSL2': 'F', // RFC 6176
  'P-SSL3': 'F', // RFC 7568
  'P-TLS10': 'C', // RFC 8996: prohibited, no practical passive break of AES mail hops
  'P-TLS11': 'C',
  'P-UNSTATED': 'C', // docs/grading.md: no version, a suite that runs on TLS 1.0 — proven no better than TLS 1.0
  'K-DHE': 'B', // RFC 9325 §4.1 SHOULD NOT (group size rarely stated)
  'K-RSA': 'B', // RFC 9325 §4.1 SHOULD NOT: no forward secrecy
  'K-STATIC-DH': 'B',
  'K-STATIC-ECDH': 'B',
  'K-ANON': 'C', // resists passive reading, cannot authenticate
  'K-NO-FS': 'B', // plain PSK, Kerberos, GOST key transport: no forward secrecy
  'K-DH-2048': 'C', // RFC 9325 §4.1: DH groups of at least 2048 bits
  'K-DH-1024': 'F', // Logjam territory
  'K-RSA-KEY-2048': 'B', // RFC 9325 §4.1 / SSL Labs 2014
  'K-RSA-KEY-1024': 'F',
  'E-CCM8': 'B', // RFC 9325 §4.2 does not recommend the 64-bit tag; IANA N
  'E-CBC': 'B', // RFC 9325 §4.2 recommends AEAD only; Lucky13/BEAST class
  'E-3DES': 'C', // RFC 9325 §4.1 SHOULD NOT < 128 bits; Sweet32 (64-bit block)
  'E-RC4': 'F', // RFC 7465
  'E-DES': 'F', // RFC 9325 §4.1 MUST NOT < 112 bits
  'E-RC2': 'F',
  'E-EXPORT': 'F',
  'E-NULL': 'F', // RFC 9325 §4.1 MUST NOT NULL encryption
  'E-BITS-112': 'C',
  'E-BITS-LOW': 'F',
  'M-MD5': 'C',
  'M-NULL': 'F',
  'R-IANA-D': 'C', // IANA Recommended = D (discouraged)
  'R-UNKNOWN-SUITE': 'B', // TLS <= 1.2 with a suite we cannot read: FS and AEAD not shown
  'R-PARTIAL-SUITE': 'B', // suite read from its parts only
});

/** The default policy (docs/grading.md): C for deprecated-without-practical-break, F for broken. */
export const PRACTICAL_POLICY: ResolvedPolicy = Object.freeze({ name: 'practical', caps: PRACTICAL_CAPS });

/** Strict preset: every RFC 9325 (BCP 195) MUST NOT is F, including TLS 1.0/1.1, < 128-bit ciphers and anonymous DH. */
export const BCP195_POLICY: ResolvedPolicy = Object.freeze({
  name: 'bcp195',
  caps: Object.freeze({
    ...PRACTICAL_CAPS,
    'P-TLS10': 'F', // RFC 8996 §2 MUST NOT
    'P-TLS11': 'F', // RFC 8996 §3 MUST NOT
    'P-UNSTATED': 'F', // cannot be shown to be better than TLS 1.0, which RFC 8996 §2 prohibits
    'E-3DES': 'F',
    'E-BITS-112': 'F',
    'K-ANON': 'F',
  } satisfies Record<RuleId, CapGrade>),
});

const NO_CAPS: Readonly<Record<RuleId, CapGrade>> = Object.freeze(
  Object.fromEntries(RULE_IDS.map((r) => [r, 'A'])) as Record<RuleId, CapGrade>,
);

const RULE_SET: ReadonlySet<string> = new Set<string>(RULE_IDS);
const CAP_SET: ReadonlySet<string> = new Set<string>(['A', 'B', 'C', 'F']);

/**
 * Turn a policy argument into a complete policy: `undefined` → `practical`; `'practical'` / `'bcp195'` → the preset;
 * a `GradingPolicy` object → its caps over its `base` preset. A malformed policy (unknown preset, unknown rule id, a cap
 * that is not A/B/C/F, missing name) throws `TypeError`: it is a programmer error, and a typo must not silently
 * switch a rule off.
 */
export function resolvePolicy(policy?: 'practical' | 'bcp195' | GradingPolicy | ResolvedPolicy): ResolvedPolicy {
  if (policy === undefined || policy === 'practical') return PRACTICAL_POLICY;
  if (policy === 'bcp195') return BCP195_POLICY;
  if (policy === PRACTICAL_POLICY) return PRACTICAL_POLICY;
  if (policy === BCP195_POLICY) return BCP195_POLICY;
  // A policy this function made (frozen) needs no second validation: analyzeMessage resolves once, hops reuse it.
  if (typeof policy === 'object' && policy !== null && RESOLVED.has(policy)) return policy as ResolvedPolicy;
  if (policy === null || typeof policy !== 'object') {
    throw new TypeError(`policy must be 'practical', 'bcp195' or a policy object, got ${String(policy)}`);
  }
  const p = policy as { name?: unknown; base?: unknown; caps?: unknown };
  if (typeof p.name !== 'string' || p.name.length === 0) throw new TypeError('policy.name must be a non-empty string');
  const base = p.base ?? 'practical';
  let baseCaps: Readonly<Record<RuleId, CapGrade>>;
  if (base === 'practical') baseCaps = PRACTICAL_CAPS;
  else if (base === 'bcp195') baseCaps = BCP195_POLICY.caps;
  else if (base === 'none') baseCaps = NO_CAPS;
  else throw new TypeError(`policy.base must be 'practical', 'bcp195' or 'none', got ${String(base)}`);
  if (p.caps === null || typeof p.caps !== 'object' || Array.isArray(p.caps)) {
    throw new TypeError('policy.caps must be an object of rule id → A/B/C/F');
  }
  const caps: Record<string, CapGrade> = { ...baseCaps };
  for (const [rule, cap] of Object.entries(p.caps)) {
    if (!RULE_SET.has(rule)) throw new TypeError(`policy.caps: unknown rule id ${rule}`);
    if (typeof cap !== 'string' || !CAP_SET.has(cap)) throw new TypeError(`policy.caps.${rule} must be A, B, C or F, got ${String(cap)}`);
    caps[rule] = cap as CapGrade;
  }
  const resolved: ResolvedPolicy = Object.freeze({ name: p.name, caps: Object.freeze(caps) as Record<RuleId, CapGrade> });
  RESOLVED.add(resolved);
  return resolved;
}

/** Policies returned by {@link resolvePolicy}: frozen, so they can be handed back as they are. */
const RESOLVED = new WeakSet<object>();
