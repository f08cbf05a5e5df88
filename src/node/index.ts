/**
 * received-forensics/node: the Node adapters — archive readers (a message, mbox, Maildir, folders, `.gz`, stdin,
 * streams), `analyzeFile`, and `scan`, which streams one report per message and a summary in bounded memory — and
 * the renderers of `rcvd` (text, CSV, JSON, NDJSON, the summary CSV, the HTML report), which decode RFC 2047 words
 * with libmime and so are Node-only.
 * @module received-forensics/node
 */
export { analyzeFile } from './analyze-file.js';
export { readMessages } from './read-messages.js';
export { scan } from './scan.js';
export { analyzeNested } from './nested.js';
export { MAX_MESSAGE_BYTES, MAX_MESSAGE_SCAN_BYTES } from './read-options.js';
export { MAX_PST_BUFFER_BYTES, MAX_PST_FAULTS_IN_A_ROW, MAX_PST_FOLDER_DEPTH, MAX_PST_FOLDER_ITEMS, MAX_PST_FOLDERS, MAX_PST_READS_PER_CALL, MAX_PST_ALLOCATIONS_PER_CALL, MAX_PST_ALLOCATED_BYTES_PER_CALL } from './read-pst.js';
export { MAX_EMBEDDED_MESSAGES, MAX_MSG_FILE_BYTES } from './read-msg.js';
export { MAX_CFB_DIRECTORY_ENTRIES, MAX_CFB_STORAGE_DEPTH } from './cfb-check.js';
export { createOutputFormat } from '../render/formats.js';
export { CSV_COLUMNS } from '../render/csv.js';
export { SCHEMA_VERSION } from '../render/schema-version.js';
export { summaryCsv } from '../render/summary-csv.js';
export { renderHtmlReport } from '../render/html/index.js';

export type { MessageInput } from './read-messages.js';
export type { EmbeddedMessage, MboxVariant, MessageRecord, ReadOptions } from './read-options.js';
export type { NestedParent, NestedReport, NestedResult } from './nested.js';
export type { ScanInput, ScanItem, ScanMessage, ScanOptions, ScanProgress, ScanShard } from './scan-types.js';
export type { CipherTally, GradeCounts, RelayBasis, RelayTally, ScanSummary, YearTally } from '../summary/types.js';
export type { FormatConfig, OutputFormat, OutputFormatName } from '../render/format.js';
export type { GradingSettings, ReportSettings, RunSettings } from '../render/settings.js';
export type { ReportOptions } from '../render/html/index.js';
