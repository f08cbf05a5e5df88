/**
 * The API report: the public surface of the built declarations (dist/index.d.ts, dist/node.d.ts), read with the
 * TypeScript compiler, printed without comments and in a stable order, so chunk names and the bundler's import
 * aliases (`A as AnalyzeOptions`) never show up in a diff. Types that an export mentions but that no entry exports
 * are listed apart: users can see them but cannot name them.
 */
import ts from 'typescript';

/** One entry point's surface. */
export interface EntryReport {
  /** Exported names that exist at run time (functions, constants), sorted. */
  readonly values: readonly string[];
  /** Exported names that are types only, sorted. */
  readonly types: readonly string[];
  /** The declarations, printed: exports first (by name), then reachable unexported types (by name). */
  readonly text: string;
  /** Reachable types that no entry exports. */
  readonly unexported: readonly string[];
  /** Exports whose declaration has no JSDoc comment. */
  readonly undocumented: readonly string[];
  /** Exported functions whose JSDoc has no `@example`. */
  readonly withoutExample: readonly string[];
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The statement to print for a declaration (a variable's whole `declare const` statement). */
function statementOf(declaration: ts.Declaration): ts.Node {
  if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent)) return declaration.parent.parent;
  return declaration;
}

function hasJsDoc(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).length > 0;
}

function hasExample(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'example');
}

function isOurs(declaration: ts.Declaration, distDir: string): boolean {
  return declaration.getSourceFile().fileName.startsWith(distDir);
}

/** Build the report of each entry file (absolute paths of `.d.ts`/`.d.cts` files in `distDir`). */
export function apiReports(entries: readonly string[], distDir: string): EntryReport[] {
  const program = ts.createProgram(entries as string[], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const resolve = (symbol: ts.Symbol): ts.Symbol => ((symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol);

  const exportsOf = (entry: string): ts.Symbol[] => {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (source === undefined || moduleSymbol === undefined) throw new Error(`cannot read ${entry}`);
    return checker.getExportsOfModule(moduleSymbol).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
  // A type exported by any entry can be named by users (the Node entry's reports use the core's `MessageReport`).
  const exportedTargets = new Set(entries.flatMap(exportsOf).map(resolve));

  return entries.map((entry) => {
    const exported = exportsOf(entry);
    const values: string[] = [];
    const types: string[] = [];
    const undocumented: string[] = [];
    const withoutExample: string[] = [];
    const blocks: string[] = [];
    const reachable = new Map<string, ts.Symbol>();

    const collectReferences = (node: ts.Node): void => {
      const visit = (child: ts.Node): void => {
        let name: ts.EntityName | ts.Expression | undefined;
        if (ts.isTypeReferenceNode(child)) name = child.typeName;
        else if (ts.isExpressionWithTypeArguments(child)) name = child.expression;
        else if (ts.isTypeQueryNode(child)) name = child.exprName;
        if (name !== undefined) {
          const symbol = checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.left : name);
          const target = symbol === undefined ? undefined : resolve(symbol);
          if (
            target !== undefined &&
            !exportedTargets.has(target) &&
            (target.flags & ts.SymbolFlags.TypeParameter) === 0 &&
            (target.declarations ?? []).some((d) => isOurs(d, distDir)) &&
            !reachable.has(target.name)
          ) {
            reachable.set(target.name, target);
            for (const d of target.declarations ?? []) collectReferences(d);
          }
        }
        ts.forEachChild(child, visit);
      };
      visit(node);
    };

    const print = (declaration: ts.Declaration): string => printer.printNode(ts.EmitHint.Unspecified, statementOf(declaration), declaration.getSourceFile());

    for (const symbol of exported) {
      const target = resolve(symbol);
      const declarations = target.declarations ?? [];
      const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
      (isValue ? values : types).push(symbol.name);
      const renamed = target.name !== symbol.name && target.name !== 'default' ? ` (declared as ${target.name})` : '';
      const lines = [`// export ${isValue ? 'value' : 'type'} ${symbol.name}${renamed}`];
      for (const declaration of declarations) {
        lines.push(print(declaration));
        collectReferences(declaration);
      }
      blocks.push(lines.join('\n'));
      if (!declarations.some((d) => hasJsDoc(statementOf(d)) || hasJsDoc(d))) undocumented.push(symbol.name);
      if (declarations.some(ts.isFunctionDeclaration) && !declarations.some(hasExample)) withoutExample.push(symbol.name);
    }

    const unexported = [...reachable.keys()].sort();
    for (const name of unexported) {
      const target = reachable.get(name);
      const lines = [`// reachable, NOT exported: ${name}`];
      for (const declaration of target?.declarations ?? []) lines.push(print(declaration));
      blocks.push(lines.join('\n'));
    }
    return { values, types, text: blocks.join('\n\n') + '\n', unexported, undocumented, withoutExample };
  });
}
