/**
 * What every output format provides: a head, one chunk per message, a separator between messages, a tail with the
 * summary. Formatting is pure (strings in, strings out), so a worker thread can format its own batch.
 * @module
 */
import type { ScanMessage } from '../summary/scan-message.js';
import type { ScanSummary } from '../summary/types.js';
import type { RunSettings } from './settings.js';

/** Output formats. */
export type OutputFormatName = 'text' | 'json' | 'ndjson' | 'csv';

/** The output formats' names. */
export const FORMATS: ReadonlySet<string> = new Set(['text', 'json', 'ndjson', 'csv']);

/** One output format. Chunks are complete lines (each ends with a newline). */
export interface OutputFormat {
  /** Written before the first message. */
  head(): string;
  /** One top-level message with its nested reports. */
  message(item: ScanMessage): string;
  /** Written between two messages. */
  readonly separator: string;
  /** Written after the last message. */
  tail(summary: ScanSummary): string;
}

/** Plain-data description of a format (copied to worker threads, which build the same format from it). */
export interface FormatConfig {
  readonly name: OutputFormatName;
  readonly color: boolean;
  /** Columns the text format lays its lines out in (see `textWidth`); other formats ignore it. */
  readonly width?: number;
  /** The settings JSON and NDJSON record (absent = not recorded). */
  readonly settings?: RunSettings;
  /** `--bom`: the CSV starts with a UTF-8 byte order mark, which Excel needs to read UTF-8. */
  readonly bom?: boolean;
}
