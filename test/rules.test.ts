/** The rules table: `reason()` fills each message from the facts its rule takes, and the types keep caps to cap rules. */
import { describe, expect, it } from 'vitest';
import type { GradingPolicy } from '../src/grade/policy.js';
import { CAP_RULES, reason, RULES, SCOPE_RULES, type RuleId } from '../src/rules.js';
import type { Reason } from '../src/types.js';

/** Sample facts for every rule whose message is a template. */
const SAMPLES: Partial<Record<RuleId, readonly unknown[]>> = {
  'P-UNSTATED': ['TLS_RSA_WITH_AES_128_CBC_SHA'],
  'K-ANON': ['key exchange'],
  'K-NO-FS': ['KRB5'],
  'K-DH-2048': [1536],
  'K-DH-1024': [512],
  'K-RSA-KEY-2048': [1024],
  'K-RSA-KEY-1024': [512],
  'E-3DES': ['IDEA'],
  'E-BITS-112': [112],
  'E-BITS-LOW': [40],
  'R-UNKNOWN-SUITE': [{ cipherStated: true, capped: true }],
  'P-UNKNOWN': [{ openSslText: false, cipherRead: true }],
  'OK-MODERN': ['ECDHE with AES AEAD'],
  'T-PARAMETERS-UNKNOWN': ['ESMTPS'],
  'T-PLAINTEXT': ['with ESMTP'],
  'T-CONFLICT': ['(TLS)'],
  'S-INTERNAL': ['the client address is not routable'],
  'S-EXTERNAL': ['a global client address'],
  'S-UNKNOWN': ['no client address'],
};

const build = reason as (rule: RuleId, ...args: readonly unknown[]) => Reason;

describe('reason', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s: a sentence, filled in', (id, row) => {
    const args = SAMPLES[id];
    expect(typeof row.message === 'function', `${id} has sample facts exactly when its message is a template`).toBe(args !== undefined);
    const built = build(id, ...(args ?? []));
    expect(Object.keys(built)).toEqual(['rule', 'message']);
    expect(built.rule).toBe(id);
    expect(built.message.length).toBeGreaterThan(10);
    expect(built.message).not.toMatch(/undefined|null|\[object/);
    for (const arg of args ?? []) if (typeof arg === 'string' || typeof arg === 'number') expect(built.message).toContain(String(arg));
  });

  it('fills the variants a rule has from its facts', () => {
    expect(reason('E-3DES', '3DES').message).toBe('3DES: 112-bit security and a 64-bit block (Sweet32); RFC 9325 §4.1 SHOULD NOT < 128 bits');
    expect(reason('OK-MODERN', null).message).toBe('TLS 1.3 (RFC 8446): forward secrecy and AEAD by design');
    expect(reason('R-UNKNOWN-SUITE', { cipherStated: false, capped: false }).message).toBe('cipher suite not stated');
    expect(reason('P-UNKNOWN', { openSslText: true, cipherRead: false }).message).toContain('"TLSv1/SSLv3"');
  });
});

describe('the rule types', () => {
  it('a policy takes cap rules only; a reason takes any rule', () => {
    // @ts-expect-error OK-MODERN is not a cap
    const policy: GradingPolicy = { name: 'x', caps: { 'OK-MODERN': 'C' } };
    const r: Reason = { rule: 'S-EXTERNAL', message: 'm' };
    // @ts-expect-error not a rule id
    const bad: Reason = { rule: 'X-NOPE', message: 'm' };
    expect([policy.name, r.rule, bad.rule]).toEqual(['x', 'S-EXTERNAL', 'X-NOPE']);
  });

  it('caps are the rows with a cap, and the scope rules are S- and the scope', () => {
    expect(CAP_RULES.every((r) => r.practical !== null && r.bcp195 !== null)).toBe(true);
    expect(CAP_RULES.length).toBe(RULES.filter((r) => r.practical !== null).length);
    expect(SCOPE_RULES).toEqual({ internal: 'S-INTERNAL', external: 'S-EXTERNAL', unknown: 'S-UNKNOWN' });
  });

  it('the table is frozen public data', () => {
    expect(Object.isFrozen(RULES)).toBe(true);
    for (const r of RULES) expect(Object.isFrozen(r), r.id).toBe(true);
  });
});
