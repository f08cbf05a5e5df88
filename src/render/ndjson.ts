/**
 * `--format ndjson`: one JSON object per line — `{"type":"message",…}` per message, flushed as it goes, then
 * `{"type":"summary",…}`. Hops carry `index` (header order) and `number` (1 = the first handover); see
 * `machineMessage`. Every message record's `run` stamp holds a digest of the run's settings; the summary line
 * holds them readable, as `rcvd summarize` gives them back from the summary lines it reads.
 * @module
 */
import { jsonSafe } from './sanitize.js';
import type { OutputFormat } from './format.js';
import { SCHEMA_VERSION, versioned } from './schema-version.js';
import { machineMessage } from './machine.js';
import type { GradingSettings } from './settings.js';
import { TOOL } from './version.js';

/**
 * What every NDJSON message record says about the run that made it, as `run` (plain data: copied to worker threads):
 * `rcvd summarize` merges and checks by it. Digests, so a record stays small whatever the settings' length.
 */
export interface RunStamp {
  /** Digest of everything that changes a grade or a count: policy, `--nested`, `--max-hops`, `--trusted`/`--internal`, `--providers`. */
  readonly settings: string;
  /** Digest of the paths named on the command line, in order: shards of one run name the same ones. */
  readonly inputs: string;
  /** `--shard k/n`, or `null` for a whole run. */
  readonly shard: { readonly index: number; readonly count: number } | null;
}

/**
 * The NDJSON format; the summary line records the tool and `settings` (the grading settings, readable; `null` =
 * not known), so a file handed on says how it was graded.
 */
export function ndjsonFormat(settings: GradingSettings | null = null): OutputFormat {
  const tool = { name: TOOL.name, version: TOOL.version };
  return {
    head: () => '',
    message: (item) => `${jsonSafe(JSON.stringify({ type: item.type, schemaVersion: SCHEMA_VERSION, ...machineMessage(item) }))}\n`,
    separator: '',
    tail: (summary) => {
      const { type, schemaVersion, ...counts } = versioned(summary);
      return `${jsonSafe(JSON.stringify({ type, schemaVersion, tool, settings, ...counts }))}\n`;
    },
  };
}
