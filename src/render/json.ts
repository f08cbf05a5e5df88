/**
 * `--format json`: one document `{ schemaVersion: 1, tool, settings, messages: [...], summary }`, written as it goes
 * (the messages array is streamed, never held whole). Hops carry `index` (header order) and `number` (1 = the first
 * handover); see `machineMessage`.
 * @module
 */
import { jsonSafe } from './sanitize.js';
import { TOOL } from './version.js';
import type { OutputFormat } from './format.js';
import { machineMessage } from './machine.js';
import type { RunSettings } from './settings.js';
import { SCHEMA_VERSION } from './schema-version.js';

/** The JSON format; `settings` (absent = not recorded) goes into the document's head. */
export function jsonFormat(settings: RunSettings | null = null): OutputFormat {
  return {
    head: () => `{"schemaVersion":${SCHEMA_VERSION},"tool":${JSON.stringify({ name: TOOL.name, version: TOOL.version })},"settings":${jsonSafe(JSON.stringify(settings))},"messages":[\n`,
    message: (item) => jsonSafe(JSON.stringify(machineMessage(item))),
    separator: ',\n',
    tail: (summary) => `\n],"summary":${jsonSafe(JSON.stringify(summary))}}\n`,
  };
}
