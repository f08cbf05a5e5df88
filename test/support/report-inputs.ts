// Inputs for the report tests: our synthetic fixtures, the SpamAssassin corpus (npm devDependency; null when
// absent), and hostile messages written here to attack the HTML.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMessage } from '../../src/analyze.js';
import type { ReportMessage } from '../../src/render/html/index.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const EML_DIR = join(REPO, 'fixtures', 'eml');
const CORPUS_DIR = join(REPO, 'node_modules', '@stdlib', 'datasets-spam-assassin', 'data');

/** The bundled sample messages, in name order. */
export function fixtureMessages(): ReportMessage[] {
  return readdirSync(EML_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => ({ source: `fixtures/eml/${f}`, index: 0, report: analyzeMessage(readFileSync(join(EML_DIR, f))) }));
}

/** One bundled sample. */
export function fixtureMessage(name: string): ReportMessage {
  return { source: `fixtures/eml/${name}`, index: 0, report: analyzeMessage(readFileSync(join(EML_DIR, name))) };
}

/** Every corpus message (one raw message per .txt file), or null when the package is not installed. */
export function* corpusMessages(): Generator<ReportMessage> {
  for (const sub of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!sub.isDirectory()) continue;
    const folder = join(CORPUS_DIR, sub.name);
    for (const file of readdirSync(folder).sort()) {
      if (file.endsWith('.txt')) yield { source: `${sub.name}/${file}`, index: 0, report: analyzeMessage(readFileSync(join(folder, file))) };
    }
  }
}

export const HAS_CORPUS = existsSync(CORPUS_DIR);

/** Strings that try to break out of text, attributes, `<style>`, `<title>` and SVG, or to mislead the reader. */
export const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</style><script>alert(2)</script>',
  '</title><script>alert(3)</script>',
  '</text></svg><iframe src="javascript:alert(4)">',
  'javascript:alert(5)',
  '<a href="javascript:alert(6)">click</a>',
  'evil\u202Egnp.exe',
  'admin\u2066@bank\u2069.example',
  'bell\u0007esc\u001b[31mred',
  '&lt;already-escaped&gt; &amp; <!-- comment -->',
  '<![CDATA[ ]]><?xml ?>',
];

/** A message whose every header-derived field carries `payload`. */
export function hostileMessage(payload: string, i: number): string {
  return [
    `Received: from ${payload} (${payload} [192.0.2.${(i % 250) + 1}])`,
    `\t(using TLSv1 with cipher ${payload} (40/128 bits))`,
    `\tby mx.example.net (${payload}) with ${payload} id ${payload}`,
    `\tfor <${payload}@example.net>; Mon, 3 Jun 2024 10:00:0${i % 10} +0000`,
    `Received: from [198.51.100.7] (helo=${payload})`,
    `\tby relay.${payload}.example with esmtp (Exim 4.96)`,
    `\t(envelope-from <x@example.org>); Mon, 3 Jun 2024 09:59:58 +0000`,
    `Authentication-Results: ${payload}; spf=${payload} smtp.mailfrom=${payload}`,
    `TLS-Required: ${payload}`,
    `From: "${payload}" <a@${payload}>`,
    `Subject: ${payload}`,
    `Message-ID: <${payload}@example.org>`,
    `Date: Mon, 3 Jun 2024 09:59:50 +0000`,
    '',
    'body',
    '',
  ].join('\r\n');
}

/** The hostile messages as report inputs (the source name is hostile too). */
export function hostileMessages(): ReportMessage[] {
  return HOSTILE_STRINGS.map((p, i) => ({ source: `${p}.eml`, index: i, report: analyzeMessage(hostileMessage(p, i)) }));
}
