// Seeds for the fuzzer: our own fixtures only (the values of fixtures/dialects.txt, fixtures/eml/*.eml),
// plus messages built from the dialect values so there are whole messages even before the .eml fixtures land.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { wrapMessage } from './engine.mjs';

const root = new URL('../../fixtures/', import.meta.url);

/** `{ values, messages }` read from the repo's fixtures. */
export function loadSeeds() {
  // A value is the one line of a row that is a JSON string.
  const values = readFileSync(new URL('dialects.txt', root), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('"'))
    .map((l) => JSON.parse(l));
  const messages = [];
  const emlDir = new URL('eml/', root);
  if (existsSync(emlDir)) {
    for (const name of readdirSync(emlDir).sort()) {
      if (name.endsWith('.eml')) messages.push(readFileSync(new URL(name, emlDir), 'latin1'));
    }
  }
  // Chains of three consecutive dialect values, so every value also appears inside a message.
  for (let i = 0; i < values.length; i += 3) messages.push(wrapMessage(values.slice(i, i + 3)));
  return { values, messages };
}
