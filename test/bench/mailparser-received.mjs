// mailparser's simpleParser over every .eml file of a folder, collecting the Received strings only: how long a
// general-purpose parser takes to get to the same fields. Usage: node test/bench/mailparser-received.mjs <eml dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

const dir = process.argv[2];
let messages = 0;
let received = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.eml')) continue;
  const parsed = await simpleParser(readFileSync(join(dir, name)), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const value = parsed.headers.get('received');
  received += value === undefined ? 0 : Array.isArray(value) ? value.length : 1;
  messages++;
}
console.log(JSON.stringify({ messages, received, maxRSS: process.resourceUsage().maxRSS }));
