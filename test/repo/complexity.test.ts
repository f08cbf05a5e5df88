/**
 * The complexity budget: eslint fails any function of src/ past 25 paths (eslint.config.js), except where an inline
 * disable says why. Their number only goes down: split one, lower BUDGET.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
/** Functions allowed past the limit today. */
const BUDGET = 6;
const DISABLE = /eslint-disable(?:-next-line|-line)?\s+complexity\b(.*)$/u;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const disables = sources(SRC).flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      const m = DISABLE.exec(line);
      return m === null ? [] : [{ where: `${relative(SRC, file)}:${i + 1}`, line, why: m[1]!.replace(/^\s*--\s*/u, '').trim() }];
    }),
);

describe('complexity budget', () => {
  it(`at most ${BUDGET} functions past the limit`, () => {
    expect(disables.length, disables.map((d) => d.where).join('\n')).toBeLessThanOrEqual(BUDGET);
  });

  it('each exception is for one function and says why', () => {
    for (const d of disables) {
      expect(d.line, d.where).toContain('eslint-disable-next-line complexity');
      expect(d.why.length, `${d.where}: give the reason after --`).toBeGreaterThan(10);
    }
  });

  it('no file turns the rule off wholesale', () => {
    for (const file of sources(SRC)) {
      expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(/eslint-disable(?!-next-line)[^\n]*complexity/u);
    }
  });
});
