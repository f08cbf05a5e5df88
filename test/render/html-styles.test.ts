// The stored CSP hash of the report's stylesheet, recomputed with node:crypto: a style change that forgets the
// hash would make browsers drop the whole stylesheet.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REPORT_CSS, REPORT_CSS_HASH } from '../../src/render/html/styles.js';
import { reportHtml } from '../../src/render/html/index.js';

describe('REPORT_CSS_HASH', () => {
  it('is the SHA-256 of REPORT_CSS', () => {
    const computed = `'sha256-${createHash('sha256').update(REPORT_CSS, 'utf8').digest('base64')}'`;
    expect(REPORT_CSS_HASH, `set REPORT_CSS_HASH in src/report/styles.ts to ${computed}`).toBe(computed);
  });

  it('is the only style source the report allows, and the page carries that stylesheet', () => {
    const html = reportHtml([]);
    expect(html).toContain(`style-src ${REPORT_CSS_HASH.replaceAll("'", '&#39;')};`);
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
  });
});
