/**
 * Build an output format from its plain-data description.
 * @module
 */
import { colors } from './colors.js';
import { csvFormat } from './csv.js';
import type { FormatConfig, OutputFormat } from './format.js';
import { jsonFormat } from './json.js';
import { ndjsonFormat } from './ndjson.js';
import { gradingSettings } from './settings.js';
import { textFormat } from './text.js';

/**
 * The output format `config` names, as `rcvd --format` writes it: `head()`, then `message(item)` per scanned message
 * with `separator` between two, then `tail(summary)`.
 * @example
 * ```ts
 * import { createOutputFormat, scan } from 'received-forensics/node';
 * const csv = createOutputFormat({ name: 'csv', color: false });
 * let out = csv.head();
 * for await (const item of scan('inbox.mbox')) out += item.type === 'message' ? csv.message(item) : csv.tail(item);
 * ```
 */
export function createOutputFormat(config: FormatConfig): OutputFormat {
  switch (config.name) {
    case 'json':
      return jsonFormat(config.settings ?? null);
    case 'ndjson':
      return ndjsonFormat(config.settings === undefined ? null : gradingSettings(config.settings));
    case 'csv':
      return csvFormat(config.bom === true);
    default:
      return textFormat(colors(config.color), config.width);
  }
}
