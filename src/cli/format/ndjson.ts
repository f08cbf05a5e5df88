/**
 * `--format ndjson`: one JSON object per line — `{"type":"message",…}` per message, flushed as it goes, then
 * `{"type":"summary",…}`. Hops carry `index` (header order) and `number` (1 = the first handover); see
 * `machineMessage`. The run's settings are not repeated in the summary line: every record's `run` stamp holds
 * their digest, and `rcvd summarize` gives the same summary line as one run.
 * @module
 */
import { jsonSafe } from '../sanitize.js';
import type { OutputFormat } from './format.js';
import { SCHEMA_VERSION, versioned } from './schema-version.js';
import { machineMessage } from './machine.js';

/** The NDJSON format. */
export function ndjsonFormat(): OutputFormat {
  return {
    head: () => '',
    message: (item) => `${jsonSafe(JSON.stringify({ type: item.type, schemaVersion: SCHEMA_VERSION, ...machineMessage(item) }))}\n`,
    separator: '',
    tail: (summary) => `${jsonSafe(JSON.stringify(versioned(summary)))}\n`,
  };
}
