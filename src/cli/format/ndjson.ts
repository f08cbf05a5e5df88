/**
 * `--format ndjson`: one JSON object per line — `{"type":"message",…}` per message, flushed as it goes, then
 * `{"type":"summary",…}`.
 * @module
 */
import { jsonSafe } from '../sanitize.js';
import type { OutputFormat } from './format.js';

/** The NDJSON format. */
export function ndjsonFormat(): OutputFormat {
  return {
    head: () => '',
    message: (item) => `${jsonSafe(JSON.stringify(item))}\n`,
    separator: '',
    tail: (summary) => `${jsonSafe(JSON.stringify(summary))}\n`,
  };
}
