/**
 * One file of records read through in order for `rcvd summarize`: lines that are not records are skipped and
 * reported, a record of another run or schema version refuses the command (unless `--mix`), and the file's summary
 * line, when it has one, is kept to check the file is whole and to read back the run's settings.
 * @module
 */
import { sanitize } from '../../render/sanitize.js';
import { SCHEMA_VERSION } from '../../render/schema-version.js';
import type { GradingSettings } from '../../render/settings.js';
import type { ScanSummary } from '../../summary/types.js';
import { MAX_RECORD_BYTES, readLines, type Line } from './lines.js';
import { describe, type Part } from './parts.js';
import { parseLine, type MessageRecordLine } from './record.js';

/** Reads one part's records in order, reporting what it skips; `next()` is `null` at the end. */
export class PartReader {
  /** Message records read (skipped ones not included). */
  messages = 0;
  /** Lines that were not records and were skipped. */
  skipped = 0;
  /** The last summary line met, with how many message records came before it and the settings it records. */
  summary: { readonly summary: ScanSummary; readonly after: number; readonly settings: GradingSettings | null } | null = null;
  /** Set when a record makes the whole command refused (no output is written then). */
  refusal: string | null = null;
  private lines: AsyncGenerator<Line> | null;
  private readonly peeked: Line[];

  constructor(
    readonly part: Part,
    private readonly mix: boolean,
    private readonly problem: (line: string) => void,
  ) {
    this.lines = part.started?.lines ?? null;
    this.peeked = part.started === null ? [] : [...part.started.peeked];
  }

  private get name(): string {
    return sanitize(this.part.source.name);
  }

  async next(): Promise<MessageRecordLine | null> {
    this.lines ??= readLines(this.part.source.open());
    for (;;) {
      let line = this.peeked.shift();
      if (line === undefined) {
        let next: IteratorResult<Line>;
        try {
          next = await this.lines.next();
        } catch (error) {
          this.problem(`cannot read ${this.name} past line ${this.messages + this.skipped}: ${sanitize(describe(error))}`);
          return null;
        }
        if (next.done === true) return null;
        line = next.value;
      }
      if ('tooLong' in line) {
        this.skipped++;
        this.problem(`${this.name}:${line.number}: a line of ${line.tooLong} bytes, longer than the ${MAX_RECORD_BYTES} a record may be: skipped`);
        continue;
      }
      if (line.text.trim() === '') continue;
      const parsed = parseLine(line.text);
      if (parsed.kind === 'problem') {
        this.skipped++;
        this.problem(`${this.name}:${line.number}: ${sanitize(parsed.problem)}: skipped`);
        continue;
      }
      if (parsed.kind === 'summary') {
        this.summary = { summary: parsed.summary, after: this.messages, settings: parsed.settings };
        continue;
      }
      const record = parsed.record;
      if (!this.mix) {
        const version = record.schemaVersion ?? this.part.schemaVersion;
        const expected = JSON.stringify(this.part.stamp);
        if (version !== null && version !== SCHEMA_VERSION) this.refusal = `${this.name}:${line.number}: a record of schema version ${version}; this rcvd reads version ${SCHEMA_VERSION} (--mix to count it anyway)`;
        else if (JSON.stringify(record.run ?? null) !== expected) this.refusal = `${this.name}:${line.number}: a record of another run or shard than the first in this file (files joined together? name them separately, or --mix)`;
        if (this.refusal !== null) return null;
      }
      this.messages++;
      return record;
    }
  }

  /** Stop reading (closes the file). */
  async close(): Promise<void> {
    await this.lines?.return(undefined).catch(() => undefined);
  }

  /** What the end of the file says about its completeness; `null` when all is as written. */
  endNote(): { readonly problem: boolean; readonly text: string } | null {
    if (this.summary === null) return this.messages === 0 ? null : { problem: false, text: `${this.name}: no summary line at the end: the run that wrote it may have stopped early` };
    const said = this.summary.summary.messages;
    const held = this.summary.after + this.skipped;
    if (said !== held) return { problem: true, text: `${this.name}: its summary line counts ${said} messages, but ${held} records come before it` };
    if (this.summary.after !== this.messages) return { problem: false, text: `${this.name}: records after its summary line (files joined together?)` };
    return null;
  }
}

