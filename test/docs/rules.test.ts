/**
 * docs/grading.md and docs/scope.md against the code: every rule id the code can write is documented, every id
 * documented exists, the cap columns are the presets' caps, and every `ScopeReason` is explained.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCOPE_RULES } from '../../src/chain/scope.js';
import { BCP195_POLICY, PRACTICAL_POLICY, RULE_IDS } from '../../src/grade/policy.js';

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

/** Every literal rule id the sources write into a reason: `rule: 'X-…'`. */
function writtenRuleIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\brule: '([A-Z]{1,3}(?:-[A-Z0-9]{1,20}){1,4})'/g)) ids.add(match[1] ?? '');
  }
  return ids;
}

describe('docs/grading.md', () => {
  it('lists every cap rule of RULE_IDS once, with the practical and bcp195 caps of the presets', () => {
    const rows = tableRows(grading, 'Cap rules');
    expect(rows.map((r) => code(r[0]))).toEqual([...RULE_IDS]);
    for (const [rule, practical, bcp195] of rows) {
      const id = code(rule) as (typeof RULE_IDS)[number];
      expect({ id, practical, bcp195 }).toEqual({ id, practical: PRACTICAL_POLICY.caps[id], bcp195: BCP195_POLICY.caps[id] });
    }
  });

  it('lists every other rule id the code writes into reasons, and nothing else', () => {
    const caps = new Set<string>(RULE_IDS);
    const scopes = new Set<string>(Object.values(SCOPE_RULES));
    const written = [...writtenRuleIds()].filter((id) => !caps.has(id) && !scopes.has(id)).sort();
    expect(written.length).toBeGreaterThan(3);
    expect(tableRows(grading, 'Reasons that are not caps').map((r) => code(r[0])).sort()).toEqual(written);
  });

  it('lists the three scope rules with their scopes', () => {
    const rows = tableRows(grading, 'Scope rules').map((r) => [code(r[0]), code(r[1])]);
    expect(rows).toEqual(Object.entries(SCOPE_RULES).map(([scopeName, rule]) => [rule, scopeName]));
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
