/**
 * `--format ndjson`: one JSON object per line — `{"type":"message",…}` per message, flushed as it goes, then
 * `{"type":"summary",…}`, which also says which tool and settings made the run (`tool`, `settings`). Hops carry
 * `index` (header order) and `number` (1 = the first handover); see `machineMessage`.
 * @module
 */
import { jsonSafe } from '../sanitize.js';
import { TOOL } from '../version.js';
import type { OutputFormat } from './format.js';
import { machineMessage, type RunSettings } from './machine.js';

/** The NDJSON format; `settings` (absent = not recorded) goes into the summary line. */
export function ndjsonFormat(settings: RunSettings | null = null): OutputFormat {
  return {
    head: () => '',
    message: (item) => `${jsonSafe(JSON.stringify(machineMessage(item)))}\n`,
    separator: '',
    tail: (summary) => `${jsonSafe(JSON.stringify({ ...summary, tool: { name: TOOL.name, version: TOOL.version }, settings }))}\n`,
  };
}
