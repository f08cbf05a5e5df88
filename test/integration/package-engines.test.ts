/**
 * `npm ci` on the oldest supported Node gives no EBADENGINE warning: every package in the lock file (dev
 * dependencies included) accepts the lowest Node version our `engines` allows, and the Node running the tests.
 * (eslint-plugin-regexp 3.2+ pulls jsdoc-type-pratt-parser 9, which wants Node ≥ 22.22: it is held at 3.1.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../examples/built.js';

interface Semver {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
}

// semver is npm's own range logic; it is in node_modules through the dev tools (not a dependency of ours).
const semver = createRequire(import.meta.url)('semver') as Semver;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('engines', () => {
  const oldest = semver.minVersion(pkg.engines.node)?.version ?? '';

  it('the package supports Node 20', () => {
    expect(oldest).toMatch(/^20\./);
  });

  it.each([
    ['the oldest supported Node', oldest],
    ['the Node running the tests', process.versions.node],
  ])('every locked package accepts %s (%s)', (_label, version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range !== undefined && !semver.satisfies(version, range) ? [`${path}@${entry.version ?? '?'} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });
});
