/**
 * What the analyzer's worker does, as a class with no worker API in it (so it can be tested in Node and run on the
 * page's thread if a worker cannot be made): read files into message ranges, analyse each header block, keep a
 * small list entry per message and the archive aggregation, and render HTML for the page. Messages are analysed
 * again from their bytes when shown or exported, so nothing but the list and the aggregation grows with the input.
 * @module
 */
import { analyzeMessage } from '../analyze.js';
import { validateOptions } from '../validate-options.js';
import { jsonFormat } from '../render/json.js';
import type { RunSettings } from '../render/settings.js';
import { TOOL } from '../render/version.js';
import type { AnalyzeOptions } from '../options.js';
import { ReportAggregator, renderHtmlReport } from '../render/html/index.js';
import { keptText } from '../text/kept-copy.js';
import type { MessageReport, VerdictGrade } from '../types.js';
import type { FromWorker, InputFile } from './protocol.js';
import { analyzeOptionsOf, type WebSettings } from './settings.js';
import { splitMessages } from './split.js';
import { archiveSummary, messageDetail, messageList, MAX_LIST_ROWS, type ListEntry } from './view.js';

/**
 * 512 MiB per file: a tab holds the whole file to re-read a message when it is picked; the CLI reads larger
 * archives as a stream. A larger file is skipped with a note.
 */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** 1,000 files per drop: each is a list of ranges; a dropped home folder is a mistake. */
const MAX_FILES = 1000;
/** 200 characters of From and Subject kept per list row (the list shows 60 and 80). */
const MAX_LIST_TEXT = 200;
/** Progress is posted after this many messages at most (and after every file). */
const PROGRESS_EVERY = 500;

interface Stored {
  readonly entry: ListEntry;
  readonly file: number;
  readonly start: number;
  readonly end: number;
  readonly byteOffset: number | null;
}

/** The analyzer's state between requests. */
export class AnalyzerEngine {
  private files: { name: string; bytes: Uint8Array }[] = [];
  private stored: Stored[] = [];
  private aggregator = new ReportAggregator();
  private options: AnalyzeOptions = {};
  private settings: WebSettings | null = null;
  private filter = 'all';
  private offset = 0;
  private selected: number | null = null;

  constructor(private readonly post: (message: FromWorker) => void) {}

  /** Read and analyse `inputs` with `settings`, posting progress and then one `done` (or a `problem`). */
  async analyze(inputs: readonly InputFile[], settings: WebSettings): Promise<void> {
    const resolved = analyzeOptionsOf(settings);
    if ('problem' in resolved) return this.post({ type: 'problem', message: resolved.problem });
    try {
      // Options are checked once here (an invalid CIDR or provider entry throws: a programmer-level error for the library, a typo here).
      validateOptions(resolved.options);
    } catch (error) {
      return this.post({ type: 'problem', message: error instanceof Error ? error.message : String(error) });
    }
    this.options = resolved.options;
    this.settings = settings;
    this.files = [];
    this.stored = [];
    this.aggregator = new ReportAggregator();
    this.filter = 'all';
    this.offset = 0;
    this.selected = null;
    const notes: string[] = [];
    const taken = inputs.slice(0, MAX_FILES);
    if (inputs.length > taken.length) notes.push(`${inputs.length - taken.length} files past the first ${MAX_FILES} were not read.`);
    let bytesTotal = 0;
    for (const f of taken) bytesTotal += Math.min(f.blob.size, MAX_FILE_BYTES);
    let bytesDone = 0;
    for (const input of taken) {
      if (input.blob.size > MAX_FILE_BYTES) {
        notes.push(`${input.name}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, not read (use the rcvd command line).`);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await input.blob.arrayBuffer());
      } catch (error) {
        notes.push(`${input.name}: cannot be read (${error instanceof Error ? error.message : String(error)}).`);
        continue;
      }
      const fileIndex = this.files.length;
      this.files.push({ name: input.name, bytes });
      const { ranges, truncated } = splitMessages(input.name, bytes);
      if (truncated) notes.push(`${input.name}: only the first ${ranges.length} messages were read.`);
      ranges.forEach((r, index) => {
        const report = this.analyzeRange(fileIndex, r.start, r.end);
        this.aggregator.add({ source: input.name, index, report });
        const h = report.headers;
        const id = this.stored.length;
        const entry: ListEntry = {
          id,
          source: input.name,
          index,
          grade: report.verdict.grade,
          from: h.from === null ? null : keptText(h.from, MAX_LIST_TEXT),
          subject: h.subject === null ? null : keptText(h.subject, MAX_LIST_TEXT),
          date: h.date?.iso ?? null,
          hops: report.hops.length,
        };
        this.stored.push({ entry, file: fileIndex, start: r.start, end: r.end, byteOffset: r.byteOffset });
        if (id % PROGRESS_EVERY === PROGRESS_EVERY - 1) this.post({ type: 'progress', bytesDone: bytesDone + r.end, bytesTotal, messages: this.stored.length });
      });
      bytesDone += bytes.length;
      this.post({ type: 'progress', bytesDone, bytesTotal, messages: this.stored.length });
    }
    const first = this.firstToShow();
    this.selected = first;
    const many = this.stored.length > 1 || this.files.length > 1;
    this.post({
      type: 'done',
      messages: this.stored.length,
      files: this.files.length,
      summaryHtml: many ? archiveSummary(this.aggregator.result(), this.files.length) : '',
      listHtml: many ? this.listHtml() : '',
      detailHtml: first === null ? '<p class="muted">No message was read.</p>' : this.detailHtml(first),
      selected: first,
      notes,
    });
  }

  /** Show message `id` (a list button). */
  select(id: number): void {
    if (!Number.isSafeInteger(id) || id < 0 || id >= this.stored.length) return;
    this.selected = id;
    this.post({ type: 'detail', id, detailHtml: this.detailHtml(id), listHtml: this.listHtml() });
  }

  /** Narrow the list to one verdict (`all` = no filter). */
  setFilter(grade: string): void {
    this.filter = grade;
    this.offset = 0;
    this.post({ type: 'list', listHtml: this.listHtml() });
  }

  /** Show the page of the list that starts at row `offset`. */
  setPage(offset: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0) return;
    this.offset = offset;
    this.post({ type: 'list', listHtml: this.listHtml() });
  }

  /** The JSON document of every message (the CLI's `--format json`), or the HTML report. */
  export(what: 'json' | 'html'): void {
    if (what === 'html') {
      const html = renderHtmlReport(this.aggregator.result(), { generator: `${TOOL.name} ${TOOL.version} (web)` });
      this.post({ type: 'export', what, blob: new Blob([html], { type: 'text/html' }), name: 'rcvd-report.html' });
      return;
    }
    const format = jsonFormat(this.runSettings());
    const parts: string[] = [format.head()];
    this.stored.forEach((s, k) => {
      const report = this.analyzeRange(s.file, s.start, s.end);
      if (k > 0) parts.push(format.separator);
      parts.push(format.message({ type: 'message', source: s.entry.source, index: s.entry.index, byteOffset: s.byteOffset, report, nested: [] }));
    });
    parts.push(format.tail(this.aggregator.result().summary));
    this.post({ type: 'export', what, blob: new Blob(parts, { type: 'application/json' }), name: 'rcvd.json' });
  }

  /** The settings as the CLI's JSON head records them (the page has no --nested, --max-hops, --fail-on or --shard). */
  private runSettings(): RunSettings | null {
    const o = this.options;
    if (this.settings === null) return null;
    return {
      policy: this.settings.policy,
      nested: false,
      maxHops: null,
      trusted: [...(o.trustedNetworks ?? []), ...(o.trustedHosts ?? [])],
      internal: [...(o.internalNetworks ?? []), ...(o.internalHosts ?? [])],
      providers: this.settings.providers.trim() === '' ? null : '(given in the page)',
      failOn: null,
      shard: null,
    };
  }

  private analyzeRange(file: number, start: number, end: number): MessageReport {
    const bytes = this.files[file]?.bytes ?? new Uint8Array(0);
    return analyzeMessage(bytes.subarray(start, end), this.options);
  }

  /** The weakest message first (what an analyst opens first); the only one for a lone message. */
  private firstToShow(): number | null {
    const weakest = this.aggregator.result().weakest[0];
    if (weakest !== undefined) {
      const found = this.stored.find((s) => s.entry.source === weakest.source && s.entry.index === weakest.index);
      if (found !== undefined) return found.entry.id;
    }
    return this.stored.length > 0 ? 0 : null;
  }

  private detailHtml(id: number): string {
    const s = this.stored[id];
    if (s === undefined) return '';
    return messageDetail(this.analyzeRange(s.file, s.start, s.end), s.entry.source, s.entry.index);
  }

  private listHtml(): string {
    const page: ListEntry[] = [];
    let total = 0;
    for (const s of this.stored) {
      if (this.filter !== 'all' && s.entry.grade !== (this.filter as VerdictGrade)) continue;
      if (total >= this.offset && page.length < MAX_LIST_ROWS) page.push(s.entry);
      total++;
    }
    // A filter or a shorter list can leave the offset past the end: show the last page instead.
    if (page.length === 0 && total > 0 && this.offset > 0) {
      this.offset = Math.floor((total - 1) / MAX_LIST_ROWS) * MAX_LIST_ROWS;
      return this.listHtml();
    }
    return messageList(page, total, this.offset, this.selected);
  }
}
