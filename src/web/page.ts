/**
 * The analyzer page: one HTML file with its script and styles inline, hashed into a Content Security Policy
 * delivered by `<meta http-equiv>` (so it holds when the file is opened from disk or from any static host): no
 * request of any kind (`default-src 'none'`, `connect-src 'none'`), scripts and styles only by hash, the worker
 * only from a `blob:` URL the page makes itself. Assembled at build time from the bundled page and worker scripts.
 * @module
 */
import { createHash } from 'node:crypto';
import { htmlDocument } from '../render/html/page.js';
import { REPORT_CSS } from '../render/html/styles.js';
import { WEB_CSS } from './styles.js';

/** The name the page script reads the worker's source under (declared in app.ts). */
const WORKER_SOURCE_NAME = 'RCVD_WORKER_SOURCE';

/** A CSP hash source (CSP Level 3 §2.3.1) for an inline script or stylesheet. The page is assembled in Node. */
function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's policy for a script and a stylesheet: nothing fetched, the worker from the page's own blob. */
export function analyzerPolicy(script: string, css: string): string {
  return `default-src 'none'; script-src ${cspHash(script)}; style-src ${cspHash(css)}; img-src data:; worker-src blob:; connect-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** `text` as a JavaScript string literal that cannot end a `<script>` element (`<` written as `\u003c`). */
function scriptString(text: string): string {
  return JSON.stringify(text).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

const GRADES = ['all', 'F', 'none', 'C', 'B', 'A', 'unknown', 'internal-only'];

/** The static markup: every control has a label; results are filled in by the script. */
function body(): string {
  const options = GRADES.map((g) => `<option value="${g}">${g === 'all' ? 'all verdicts' : g === 'unknown' ? '? (not stated)' : g}</option>`).join('');
  return `<a class="skip" href="#paste">Skip to the message box</a>
<main id="top">
<header><h1>Received-chain analyzer</h1>
<p class="sub">Paste a header block or a whole message, or choose .eml, .emlx and .mbox files: every hop of every message graded for its TLS, with the evidence. Nothing leaves this page — it makes no request and stores nothing.</p></header>
<section id="input" aria-labelledby="input-h"><h2 id="input-h" class="sr-only">Input</h2>
<form id="paste-form">
<label for="paste">Header block or whole message</label>
<textarea id="paste" rows="10" spellcheck="false" autocomplete="off" autocapitalize="off" aria-describedby="paste-hint"></textarea>
<p class="hint" id="paste-hint">Ctrl+Enter analyses. Only the header block is read.</p>
<div class="row"><button type="submit" class="primary" id="analyze">Analyze</button><button type="button" id="clear">Clear</button></div>
</form>
<div class="drop" id="drop"><label for="files">Or choose files (several at once), or drop them on this box</label>
<input type="file" id="files" multiple accept=".eml,.emlx,.mbox,.mbx,.txt,message/rfc822,application/mbox" aria-describedby="files-hint">
<p class="hint" id="files-hint">.eml, .emlx, mbox. Files are read here, in this tab.</p></div>
</section>
<details class="settings" id="settings-box"><summary>Settings <span class="muted" id="settings-state">(defaults)</span></summary>
<form id="settings">
<label for="policy">Grading policy</label>
<select id="policy"><option value="practical">practical (default)</option><option value="bcp195">bcp195 (RFC 9325 MUST NOTs are F)</option></select>
<label for="trusted">Trusted relays: CIDRs or host names (.example.com = the domain and below)</label>
<input type="text" id="trusted" spellcheck="false" autocomplete="off">
<label for="internal">Internal networks and hosts</label>
<input type="text" id="internal" spellcheck="false" autocomplete="off">
<label for="providers">Mail providers (a JSON array, as for rcvd --providers)</label>
<textarea id="providers" rows="3" spellcheck="false" autocomplete="off"></textarea>
<p class="hint">Settings are kept in this page's address after #, so a link shares them — never a message.</p>
<div class="row"><button type="submit" id="apply">Apply settings</button></div>
<p class="problem" id="settings-problem" role="alert"></p>
</form>
</details>
<div id="work" hidden><label for="progress">Reading</label><div class="row"><progress id="progress" max="1" value="0"></progress><span id="progress-text"></span><button type="button" id="cancel">Cancel</button></div></div>
<p id="status" role="status" aria-live="polite"></p>
<section id="results" hidden aria-labelledby="results-h">
<h2 id="results-h" tabindex="-1">Result</h2>
<div class="row actions"><button type="button" id="dl-json">Download JSON</button><button type="button" id="dl-html">Download HTML report</button></div>
<ul class="notes" id="notes"></ul>
<div id="archive"></div>
<div id="list-box" hidden><h2>Messages</h2><div class="filter"><label for="grade-filter">Show</label><select id="grade-filter">${options}</select></div><div id="list"></div></div>
<div id="detail" tabindex="-1"></div>
</section>
<footer>Grades rate each hop's cryptography as its receiving server wrote it (A best, F broken, none = plaintext, ? = not stated). Received lines can be forged below the first server you trust. This page loads nothing from the network: its Content Security Policy forbids every request.</footer>
</main>`;
}

/** The whole page around the bundled page script `app` and worker script `worker`. */
export function analyzerPage(app: string, worker: string, title = 'Received-chain analyzer'): string {
  const script = `const ${WORKER_SOURCE_NAME}=${scriptString(worker)};\n${app}`;
  // The HTML parser ends a script at `</script` and treats `<!--` specially inside one: neither may occur.
  const lower = script.toLowerCase();
  if (lower.includes('</script') || lower.includes('<!--')) throw new Error('analyzer page: the bundled script contains </script or <!--');
  const css = REPORT_CSS + WEB_CSS;
  return htmlDocument(title, analyzerPolicy(script, css), css, `${body()}\n<script>${script}</script>`);
}
