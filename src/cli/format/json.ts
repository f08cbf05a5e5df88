/**
 * `--format json`: one document `{ schemaVersion: 1, tool, messages: [...], summary }`, written as it goes (the
 * messages array is streamed, never held whole).
 * @module
 */
import { jsonSafe } from '../sanitize.js';
import { TOOL } from '../version.js';
import type { OutputFormat } from './format.js';

/** Version of the JSON and NDJSON document shapes; bumped on any breaking change. */
export const SCHEMA_VERSION = 1;

/** The JSON format. */
export function jsonFormat(): OutputFormat {
  return {
    head: () => `{"schemaVersion":${SCHEMA_VERSION},"tool":${JSON.stringify({ name: TOOL.name, version: TOOL.version })},"messages":[\n`,
    message: (item) => jsonSafe(JSON.stringify(item)),
    separator: ',\n',
    tail: (summary) => `\n],"summary":${jsonSafe(JSON.stringify(summary))}}\n`,
  };
}
