// ReDoS check: every regular expression in src/ (literals and `new RegExp(...)`/`RegExp(...)` calls, found with the
// TypeScript compiler's own scanner, so strings, comments and template literals cannot confuse it) goes through
// recheck (https://makenowjust-labs.github.io/recheck/), which decides by automata theory or fuzzing whether an
// attacker string can make it backtrack super-linearly. `vulnerable` fails the test. A RegExp built from a
// non-literal pattern cannot be checked: it fails too, unless listed in DYNAMIC_ALLOWED with the reason it is safe.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

interface Pattern {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

/** `file:line` → why a RegExp built at run time cannot be attacked. Empty on purpose; add with care. */
const DYNAMIC_ALLOWED: Readonly<Record<string, string>> = {};

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function collect(files: readonly (readonly [string, string])[]): { patterns: Pattern[]; dynamic: string[] } {
  const patterns: Pattern[] = [];
  const dynamic: string[] = [];
  for (const [file, text] of files) {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${relative(SRC, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const text = node.text;
        const slash = text.lastIndexOf('/');
        patterns.push({ where: where(node), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [src, flags] = node.arguments ?? [];
        const literal = (n: ts.Expression | undefined): string | null => (n !== undefined && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null);
        const s = literal(src);
        const f = flags === undefined ? '' : literal(flags);
        if (s === null || f === null) dynamic.push(where(node));
        else patterns.push({ where: where(node), source: s, flags: f });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { patterns, dynamic };
}

const { patterns, dynamic } = collect(listTs(SRC).map((f) => [f, readFileSync(f, 'utf8')] as const));

describe('regular expressions in src/ are safe from ReDoS (recheck)', () => {
  it('the collector sees the files (sanity: src/ has TypeScript files)', () => {
    expect(listTs(SRC).length).toBeGreaterThan(10);
  });

  it('the collector finds regexes in code only, not in strings, comments or templates', () => {
    const snippet = [
      "const a = '/(x+)+/'; // /(y+)+/",
      '/* /(z+)+/ */ const b = `/(w+)+/${1}`;',
      'const c = /ab+c/giu; const d = x / 2 / 3;',
      "const e = new RegExp('[a-z]+', 'i'); const f = RegExp(userInput);",
    ].join('\n');
    const got = collect([[join(SRC, 'snippet.ts'), snippet]]);
    expect(got.patterns.map((p) => `/${p.source}/${p.flags}`)).toEqual(['/ab+c/giu', '/[a-z]+/i']);
    expect(got.dynamic).toEqual(['snippet.ts:4']);
  });

  it('recheck works here (offline) and flags a classic exponential pattern', async () => {
    expect((await check('^(a+)+$', '', { timeout: 10_000 })).status).toBe('vulnerable');
    expect((await check('^[a-z]+@[a-z]+$', '', { timeout: 10_000 })).status).toBe('safe');
  }, 60_000);

  it('no RegExp is built from a pattern that is not a literal (unless allowed with a reason)', () => {
    expect(dynamic.filter((w) => DYNAMIC_ALLOWED[w] === undefined)).toEqual([]);
  });

  it.runIf(patterns.length > 0)(
    `none of the ${patterns.length} patterns is vulnerable`,
    async () => {
      const vulnerable: string[] = [];
      const unknown: string[] = [];
      for (const p of patterns) {
        const result = await check(p.source, p.flags, { timeout: 10_000 });
        if (result.status === 'vulnerable') vulnerable.push(`${p.where} /${p.source}/${p.flags}: ${result.complexity.summary}, attack ${JSON.stringify(result.attack.pattern)}`);
        else if (result.status === 'unknown') unknown.push(`${p.where} /${p.source}/${p.flags}: ${result.error.kind}`);
      }
      if (unknown.length > 0) console.warn(`recheck could not decide ${unknown.length} pattern(s):\n${unknown.join('\n')}`);
      console.log(`recheck: ${patterns.length} patterns checked, ${vulnerable.length} vulnerable, ${unknown.length} undecided`);
      expect(vulnerable).toEqual([]);
    },
    300_000,
  );
});
