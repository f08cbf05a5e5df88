// In-process scan(): every report of the mbox serialised as NDJSON and dropped, like `rcvd --format ndjson`
// without the CLI. Usage: node test/bench/scan-in-process.mjs corpus.mbox [jobs]
import { scan } from '../../dist/node.js';

const jobs = Number(process.argv[3] ?? 1);
let messages = 0;
let chars = 0;
for await (const item of scan(process.argv[2], { jobs })) {
  if (item.type === 'message') messages++;
  chars += JSON.stringify(item).length;
}
console.log(JSON.stringify({ messages, chars, maxRSS: process.resourceUsage().maxRSS }));
