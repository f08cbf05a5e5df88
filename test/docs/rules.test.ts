/**
 * docs/grading.md and docs/scope.md against the code: the rule tables of docs/grading.md are the rules table of
 * src/rules.ts (every id, with its cap under each preset, both ways), every rule id the sources write is in that
 * table and every rule of the table is written somewhere, and every `ScopeReason` is explained.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BCP195_POLICY, PRACTICAL_POLICY, RULE_IDS } from '../../src/grade/policy.js';
import { RULES, SCOPE_RULES } from '../../src/rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const grading = readFileSync(join(ROOT, 'docs', 'grading.md'), 'utf8');
const scope = readFileSync(join(ROOT, 'docs', 'scope.md'), 'utf8');

/** Table rows of the section under `heading`: the cells of each `| … |` line after the header and the rule. */
function tableRows(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n## ', start + 1);
  const lines = markdown.slice(start, end === -1 ? undefined : end).split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

const code = (cell: string | undefined): string => (cell ?? '').replace(/^`|`$/g, '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const RULES_FILE = join(ROOT, 'src', 'grade', 'rules.ts');

/** Every quoted literal shaped like a rule id (`'E-RC4'`, `'OK-MODERN'`) in the sources, the rules table aside. */
function quotedRuleIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    if (file === RULES_FILE) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/'((?:OK|[EKMPRST])(?:-[A-Z0-9]{1,20}){1,4})'/g)) ids.add(match[1] ?? '');
  }
  return ids;
}

const capRows = RULES.filter((r) => r.practical !== null);
const scopeIds = new Set<string>(Object.values(SCOPE_RULES));
const otherRows = RULES.filter((r) => r.practical === null && !scopeIds.has(r.id));

describe('docs/grading.md', () => {
  it('lists every cap rule of the rules table, in its order, with its practical and bcp195 caps', () => {
    const rows = tableRows(grading, 'Cap rules').map(([rule, practical, bcp195]) => ({ id: code(rule), practical, bcp195 }));
    expect(rows).toEqual(capRows.map(({ id, practical, bcp195 }) => ({ id, practical, bcp195 })));
  });

  it('lists every other rule of the table, and nothing else', () => {
    expect(otherRows.length).toBeGreaterThan(3);
    const rows = tableRows(grading, 'Reasons that are not caps').map((r) => code(r[0]));
    expect(rows.sort()).toEqual(otherRows.map((r) => r.id).sort());
  });

  it('lists the three scope rules with their scopes', () => {
    const rows = tableRows(grading, 'Scope rules').map((r) => [code(r[0]), code(r[1])]);
    expect(rows).toEqual(Object.entries(SCOPE_RULES).map(([scopeName, rule]) => [rule, scopeName]));
    expect(scopeIds).toEqual(new Set(RULES.filter((r) => r.id.startsWith('S-')).map((r) => r.id)));
  });
});

describe('the rules table', () => {
  it('is where the presets and RULE_IDS come from', () => {
    expect([...RULE_IDS]).toEqual(capRows.map((r) => r.id));
    for (const r of capRows) expect([r.id, PRACTICAL_POLICY.caps[r.id], BCP195_POLICY.caps[r.id]]).toEqual([r.id, r.practical, r.bcp195]);
    expect(Object.keys(PRACTICAL_POLICY.caps)).toEqual([...RULE_IDS]);
  });

  it('holds each id once, and no cap under bcp195 is milder than under practical', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    const order = ['F', 'C', 'B', 'A'];
    for (const r of capRows) expect(order.indexOf(r.bcp195), r.id).toBeLessThanOrEqual(order.indexOf(r.practical));
    for (const r of RULES) expect(r.practical === null, r.id).toBe(r.bcp195 === null);
  });

  it('holds every rule id the sources write, and every rule it holds is written somewhere', () => {
    const written = quotedRuleIds();
    const table = new Set<string>(RULES.map((r) => r.id));
    expect([...written].filter((id) => !table.has(id))).toEqual([]);
    // Scope ids are written through SCOPE_RULES, by scope.
    expect(RULES.map((r) => r.id).filter((id) => !written.has(id) && !scopeIds.has(id))).toEqual([]);
  });
});

describe('every ScopeReason is explained', () => {
  const union = /export type ScopeReason =([^;]+);/.exec(readFileSync(join(ROOT, 'src', 'types.ts'), 'utf8'))?.[1] ?? '';
  const reasons = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1] ?? '');

  it('the union is read', () => {
    expect(reasons).toContain('cross-operator');
  });

  it('in the table of docs/scope.md, in the order of the union', () => {
    const rows = tableRows(scope, 'The evidence, in the order it is tried').map((r) => code(r[0]));
    expect(rows).toEqual(reasons);
  });

  it('in the scopeReason list of docs/grading.md', () => {
    const section = grading.slice(grading.indexOf('`scopeReason` values:'));
    for (const reason of reasons) expect(section, reason).toContain(`\`${reason}\``);
  });
});
