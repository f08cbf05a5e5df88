/**
 * The repository stands on its own: no committed text in src/, test/, fixtures/, docs/, the README, CONTRIBUTING or
 * the CHANGELOG points at files outside it (the shared folder beside a checkout, its design and grading notes, its
 * research and reference notes) or at this machine's paths. Tests that read the shared data name its folder once, in
 * test/support/shared.ts; the generators that read the reference data are tools, run by hand, and are let through.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SELF = relative(ROOT, fileURLToPath(import.meta.url)).split(sep).join('/');
/** Where this checkout and the shared data beside it are, as this machine names them: no committed text spells them. */
const HERE = resolve(ROOT);
const SHARED = join(HERE, '..', 'shared');
const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/gu, '\\$&');

const ROOTS = ['src', 'test', 'fixtures', 'docs', 'README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'];

/** What must not appear, each with what it would point at. */
const FORBIDDEN: readonly (readonly [RegExp, string])[] = [
  [/\.\.\/shared\b/u, 'the shared folder beside the checkout'],
  [/(?<![\w./-])shared\/(?:corpus|reference|research)\b/u, 'the shared folder beside the checkout'],
  [/\bDESIGN\.md\b/u, 'the design note outside the repository'],
  [/\bGRADING\.md\b/u, 'the grading note outside the repository (docs/grading.md is ours)'],
  [/(?<![\w./:-])research\//u, 'the research notes'],
  [/\b(?:code-review|aesthetics-ecosystem)\.md\b/u, 'the research notes'],
  [/(?<![\w./:-])reference\//u, 'the reference data'],
  [/\bSOURCES\.md\b/u, 'the provenance note of the reference data'],
  [/(?<![\w/.-])providers\.md\b/u, 'the provider notes (in-repo links say docs/providers.md)'],
  [/\.\.\/providers\.md\b/u, 'the provider notes'],
  [new RegExp(`${escapeRegExp(HERE)}(?:[\\/]|$)`, 'u'), "this machine's path of the checkout"],
  [new RegExp(`${escapeRegExp(SHARED)}(?:[\\/]|$)`, 'u'), "this machine's path of the shared folder"],
];

/**
 * Files let through whole: the generators that read the reference data beside the checkout, and their input (run by
 * hand, never by `npm test`), and this test, which spells the patterns.
 */
const TOOLS = new Set(['test/tools/generate-providers.mjs', 'test/tools/providers-input.mjs', 'test/tools/generate-catalogue.mjs', SELF]);

/** The only lines that name the shared folder: its path constants. */
const SHARED_CONSTANT = { file: 'test/support/shared.ts', line: /^export const [A-Z_]+_DIR = /u };

/** Text files only: binary fixtures (screenshots, Outlook files) hold no references and are skipped. */
const BINARY = /\.(?:png|jpe?g|gif|pst|ost|msg|gz|zip|tgz)$/iu;

function files(path: string): string[] {
  const rel = relative(ROOT, path).split(sep).join('/');
  if (statSync(path).isFile()) return [rel];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' ? [] : files(join(path, e.name))));
}

/** Every forbidden reference in `text` of file `rel`, as `file:line: what`. */
function offences(rel: string, text: string): string[] {
  // docs/ links its sibling pages by bare name: `[providers.md](providers.md)` there is docs/providers.md.
  const rules = rel.startsWith('docs/') ? FORBIDDEN.filter(([re]) => !re.source.includes('(?<![\\w/.-])providers')) : FORBIDDEN;
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (rel === SHARED_CONSTANT.file && SHARED_CONSTANT.line.test(line)) return;
    for (const [re, what] of rules) if (re.test(line)) out.push(`${rel}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
  });
  return out;
}

describe('the repository is self-contained', () => {
  const checked = ROOTS.flatMap((r) => files(join(ROOT, r))).filter((f) => !TOOLS.has(f) && !BINARY.test(f));

  it('reads the committed text files', () => {
    expect(checked).toContain('src/index.ts');
    expect(checked).toContain('README.md');
    expect(checked.length).toBeGreaterThan(200);
  });

  it('no file points outside the repository', () => {
    const found = checked.flatMap((f) => {
      const bytes = readFileSync(join(ROOT, f));
      return bytes.includes(0) ? [] : offences(f, bytes.toString('utf8'));
    });
    expect(found).toEqual([]);
  });

  it.each([
    ['../shared/corpus/x.jsonl', 'src/a.ts'],
    ['see GRADING.md §3', 'test/a.test.ts'],
    ['providers.md §4', 'src/providers/table.ts'],
    ['reference/providers/SOURCES.md', 'README.md'],
    ['research/code-review.md', 'docs/architecture.md'],
  ])('catches %j in %s', (line, file) => {
    expect(offences(file, line)).not.toEqual([]);
  });

  it('catches this machine\'s paths of the checkout and of the shared folder', () => {
    expect(offences('fixtures/golden/x.txt', `ran ${join(HERE, 'dist', 'cli.js')}`)).not.toEqual([]);
    expect(offences('src/a.ts', `${join(SHARED, 'corpus')}`)).not.toEqual([]);
  });

  it.each([
    ['[docs/providers.md](docs/providers.md)', 'README.md'],
    ['[providers.md](providers.md)', 'docs/scope.md'],
    ['docs/grading.md', 'CONTRIBUTING.md'],
    ['https://docs.aws.amazon.com/ses/latest/APIReference/x.html', 'src/providers/table.ts'],
    ['https://gitlab.com/hmailserver/hmailserver/-/work_items/80', 'src/providers/table.ts'],
    ["export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));", 'test/support/shared.ts'],
  ])('lets %j in %s through', (line, file) => {
    expect(offences(file, line)).toEqual([]);
  });
});
