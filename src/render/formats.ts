/**
 * Build an output format from its plain-data description.
 * @module
 */
import { colors } from './colors.js';
import { csvFormat } from './csv.js';
import type { FormatConfig, OutputFormat } from './format.js';
import { jsonFormat } from './json.js';
import { ndjsonFormat } from './ndjson.js';
import { textFormat } from './text.js';

/** The format `config` names. */
export function createFormat(config: FormatConfig): OutputFormat {
  switch (config.name) {
    case 'json':
      return jsonFormat(config.settings ?? null);
    case 'ndjson':
      return ndjsonFormat();
    case 'csv':
      return csvFormat(config.bom === true);
    default:
      return textFormat(colors(config.color), config.width);
  }
}
