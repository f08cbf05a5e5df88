/**
 * Grading policies: which letter each cap rule imposes. A policy is plain data so users can write their own; the two
 * presets are the `practical` and `bcp195` columns of the rules table (./rules.ts, listed in docs/grading.md).
 * @module
 */
import { CAP_RULES, type CapGrade, type CapRuleId } from '../rules.js';

export type { CapGrade, CapRuleId, RuleId } from '../rules.js';

/** Every cap rule id `gradeTls` can apply, in the order docs/grading.md lists them. */
export const RULE_IDS: readonly CapRuleId[] = Object.freeze(CAP_RULES.map((r) => r.id));

/** A grading policy: a name and the cap per rule. Rules a custom policy leaves out keep the `base` preset's cap. */
export interface GradingPolicy {
  /** Shown in outputs that name the policy (`practical`, `bcp195`, or yours). */
  readonly name: string;
  /** Preset the `caps` override; default `practical`. `none` = start with every rule switched off. */
  readonly base?: 'practical' | 'bcp195' | 'none';
  /** The cap per rule id (`A`, `B`, `C` or `F`) that this policy changes. */
  readonly caps: Partial<Record<CapRuleId, CapGrade>>;
}

/** A policy with every rule filled in (what `resolvePolicy` returns). */
export interface ResolvedPolicy {
  /** The policy's name. */
  readonly name: string;
  /** The cap of every rule id. */
  readonly caps: Readonly<Record<CapRuleId, CapGrade>>;
}

function capsOf(preset: 'practical' | 'bcp195'): Readonly<Record<CapRuleId, CapGrade>> {
  return Object.freeze(Object.fromEntries(CAP_RULES.map((r) => [r.id, r[preset]])) as Record<CapRuleId, CapGrade>);
}

const PRACTICAL_CAPS = capsOf('practical');

/** The default policy (docs/grading.md): C for deprecated-without-practical-break, F for broken. */
export const PRACTICAL_POLICY: ResolvedPolicy = Object.freeze({ name: 'practical', caps: PRACTICAL_CAPS });

/** Strict preset: every RFC 9325 (BCP 195) MUST NOT is F, including TLS 1.0/1.1, < 128-bit ciphers and anonymous DH. */
export const BCP195_POLICY: ResolvedPolicy = Object.freeze({ name: 'bcp195', caps: capsOf('bcp195') });

const NO_CAPS: Readonly<Record<CapRuleId, CapGrade>> = Object.freeze(
  Object.fromEntries(RULE_IDS.map((r) => [r, 'A'])) as Record<CapRuleId, CapGrade>,
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
  let baseCaps: Readonly<Record<CapRuleId, CapGrade>>;
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
  const resolved: ResolvedPolicy = Object.freeze({ name: p.name, caps: Object.freeze(caps) as Record<CapRuleId, CapGrade> });
  RESOLVED.add(resolved);
  return resolved;
}

/** Policies returned by {@link resolvePolicy}: frozen, so they can be handed back as they are. */
const RESOLVED = new WeakSet<object>();
