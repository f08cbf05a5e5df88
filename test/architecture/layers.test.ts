/**
 * The layers of `src/`, in pipeline order, held against every import: a file imports its own layer and the layers
 * below it, never one above or a peer (docs/architecture.md, "Layers", documents the same table; a test below keeps
 * the two equal). The imports are read with the TypeScript parser the build already uses: static imports, `export …
 * from`, `import type`, `import('…')` types and dynamic imports alike.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

/**
 * The layers, lowest first. Peers share a row: they import none of each other. `model` is the result types, issue
 * helper and limits at the top of `src/`; `options`, `analyze` and `entry` are `src/options.ts`, `src/analyze.ts`
 * and `src/index.ts`; `render` is every output renderer (`src/report/`, `src/render/`, `src/cli/format/`).
 */
const LAYERS: readonly (readonly string[])[] = [
  ['text'],
  ['model'],
  ['address', 'date', 'headers', 'ciphers'],
  ['providers'],
  ['received'],
  ['tls'],
  ['grade'],
  ['options'],
  ['hop'],
  ['chain'],
  ['analyze'],
  ['summary'],
  ['render'],
  ['entry'],
  ['node', 'web'],
  ['cli'],
];

/** Files at the top of `src/` and their layer. */
const TOP_FILES: Readonly<Record<string, string>> = {
  'types.ts': 'model',
  'issues.ts': 'model',
  'limits.ts': 'model',
  'rules.ts': 'model',
  'options.ts': 'options',
  'analyze.ts': 'analyze',
  'validate-options.ts': 'analyze',
  'index.ts': 'entry',
};

/** Folders whose layer is not their name. */
const FOLDER_LAYER: Readonly<Record<string, string>> = { report: 'render', render: 'render' };

/**
 * Imports that break the order today, each with why and where it is going. The target is a file (relative to
 * `src/`), so a new import of the same kind is still caught. An exception no import uses any more fails the test:
 * delete it then.
 */
const EXCEPTIONS: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [
];

/** Layer cycles the exceptions above still make (sorted names). None may appear beyond these. */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

const RANK = new Map<string, number>(LAYERS.flatMap((row, rank) => row.map((name) => [name, rank] as const)));

/** The layer of a path relative to `src/` (`/`-separated), or null when the table does not place it. */
function layerOf(path: string): string | null {
  const parts = path.split('/');
  if (parts.length === 1) return TOP_FILES[parts[0]!] ?? null;
  if (parts[0] === 'cli' && parts[1] === 'format') return 'render';
  const name = FOLDER_LAYER[parts[0]!] ?? parts[0]!;
  return RANK.has(name) ? name : null;
}

/** May a file of layer `from` import one of layer `to`? Its own layer and any in an earlier row. */
function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  const a = RANK.get(from);
  const b = RANK.get(to);
  return a !== undefined && b !== undefined && b < a;
}

interface Edge {
  readonly file: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier one file names: imports, re-exports, `import type`, `import('…')` in types and code. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg !== undefined && ts.isStringLiteral(arg)) out.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** The imports of `src/` that cross from one layer into another, plus the files and targets the table cannot place. */
function crossings(): { edges: Edge[]; unplaced: string[] } {
  const edges: Edge[] = [];
  const unplaced: string[] = [];
  for (const abs of sourceFiles(SRC)) {
    const file = toPosix(relative(SRC, abs));
    const from = layerOf(file);
    if (from === null) unplaced.push(file);
    for (const spec of specifiers(abs)) {
      if (!spec.startsWith('.')) continue;
      const target = toPosix(relative(SRC, join(dirname(abs), spec))).replace(/\.js$/, '.ts');
      if (target.startsWith('..')) continue; // package.json and the like: not a layer
      const to = layerOf(target);
      if (to === null) unplaced.push(`${target} (imported by ${file})`);
      if (from !== null && to !== null && from !== to) edges.push({ file, target, from, to });
    }
  }
  return { edges, unplaced };
}

const { edges, unplaced } = crossings();

const isException = (e: Edge): boolean => EXCEPTIONS.some((x) => x.from === e.from && x.to === e.target);

/** Strongly connected groups of more than one layer (Tarjan), each sorted. */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}

describe('layers', () => {
  it('the table places every file of src/ and every file imported', () => {
    expect(unplaced).toEqual([]);
  });

  it('the scanner sees the imports (the hop layer reads received, tls and grade)', () => {
    const seen = new Set(edges.map((e) => `${e.from} → ${e.to}`));
    for (const e of ['hop → received', 'hop → tls', 'hop → grade', 'chain → hop', 'tls → received', 'entry → hop']) expect(seen).toContain(e);
    expect(edges.some((e) => e.file === 'cli/version.ts')).toBe(false);
  });

  it('the order: no import from a higher layer or a peer, beyond the named exceptions', () => {
    const wrong = edges.filter((e) => !allowed(e.from, e.to) && !isException(e)).map((e) => `${e.file} (${e.from}) imports ${e.target} (${e.to})`);
    expect(wrong).toEqual([]);
  });

  it('received/ returns fields only: it imports none of tls/, grade/, hop/, chain/', () => {
    const up = edges.filter((e) => e.from === 'received' && ['tls', 'grade', 'hop', 'chain'].includes(e.to));
    expect(up).toEqual([]);
  });

  it.each(EXCEPTIONS.map((x) => [`${x.from} → ${x.to}`, x] as const))('exception %s is still needed (else delete it)', (_name, x) => {
    expect(edges.some((e) => e.from === x.from && e.target === x.to && !allowed(e.from, e.to))).toBe(true);
  });

  it('no cycles between layers beyond the known ones', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      if (!graph.has(e.from)) graph.set(e.from, new Set());
      graph.get(e.from)!.add(e.to);
    }
    expect(cycles(graph)).toEqual(KNOWN_CYCLES.map((c) => [...c].sort()));
  });

  it('allowed() is the table: lower layers only', () => {
    expect(allowed('tls', 'received')).toBe(true);
    expect(allowed('received', 'tls')).toBe(false);
    expect(allowed('grade', 'tls')).toBe(true);
    expect(allowed('hop', 'grade')).toBe(true);
    expect(allowed('chain', 'hop')).toBe(true);
    expect(allowed('hop', 'chain')).toBe(false);
    expect(allowed('address', 'date')).toBe(false);
    expect(allowed('node', 'web')).toBe(false);
    expect(allowed('render', 'summary')).toBe(true);
  });

  it('cycles() finds a loop of layers and only that', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
  });
});

describe('docs/architecture.md', () => {
  it('documents the same layers in the same order', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const start = doc.indexOf('\n## Layers\n');
    expect(start, 'a "## Layers" section').toBeGreaterThanOrEqual(0);
    const end = doc.indexOf('\n## ', start + 1);
    const rows = doc
      .slice(start, end === -1 ? undefined : end)
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .slice(2)
      .map((l) => (l.split('|')[2] ?? '').match(/`[^`]+`/g)?.map((c) => c.slice(1, -1)) ?? []);
    expect(rows).toEqual(LAYERS);
  });
});
