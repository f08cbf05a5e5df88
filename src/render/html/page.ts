/**
 * The page shell: doctype, a Content Security Policy that allows nothing but our own hashed stylesheet and `data:`
 * images (CSP Level 3 §6.1; delivered by `<meta http-equiv>`, HTML §4.2.5.3, so it holds when opened from disk),
 * no referrer, no scripts, no network.
 * @module
 */
import { esc } from './escape.js';
import { svgDefs } from './palette.js';
import { REPORT_CSS, REPORT_CSS_HASH } from './styles.js';

/** The policy: no fetch of any kind, no script, no base or form target; only our stylesheet by hash. */
function contentSecurityPolicy(): string {
  return `default-src 'none'; style-src ${REPORT_CSS_HASH}; img-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * A whole HTML document: the head every page of ours has (`policy` as its Content Security Policy, no referrer,
 * `css` as its one stylesheet), the gradient definitions, then `body` (markup, already escaped); `title` is plain text.
 */
export function htmlDocument(title: string, policy: string, css: string, body: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${esc(policy)}">\n` +
    '<meta name="referrer" content="no-referrer">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="color-scheme" content="light">\n' +
    `<title>${esc(title)}</title>\n<style>${css}</style>\n</head>\n<body>\n${svgDefs()}\n${body}\n</body>\n</html>\n`
  );
}

/** The report's document around `bodyHtml` (already escaped); `title` is plain text. */
export function page(title: string, bodyHtml: string): string {
  return htmlDocument(title, contentSecurityPolicy(), REPORT_CSS, `<main id="top">\n${bodyHtml}\n</main>`);
}
