/**
 * `--report <file>`: the path is checked before the scan and the file replaced atomically after it. The HTML is
 * written to a temporary file beside the report (same directory, so same file system) and renamed over it at the
 * end: an interrupted run or a full disk leaves the previous report as it was, never a truncated one. The report
 * path must not be a symbolic link (refused: a rename would replace the link, and writing through it would truncate
 * whatever it points to), an input, or an existing file that is not an HTML report (`rcvd --report *.mbox` names
 * an mbox as the report: refused, not replaced).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsPath } from '../node/fs-path.js';
import { describeError, errorCode } from '../node/read-faults.js';
import { renderHtmlReport, type ArchiveReportData, type ReportOptions } from '../render/html/index.js';
import { sanitize } from '../render/sanitize.js';
import { TOOL } from '../render/version.js';
import { write, type CliIo } from './io.js';
import { readFileHead } from './paths.js';

/** 1,024 bytes looked at to tell an HTML report from anything else before replacing it. */
const SNIFF_BYTES = 1024;

/** What a file that may be replaced starts with (after a BOM and white space), lower-cased. */
const HTML_STARTS = ['<!doctype html', '<html'];

/** `true` for an empty file or one that starts like an HTML document. */
function looksLikeHtml(head: Buffer): boolean {
  let text = head.toString('utf8');
  if (text.startsWith('\ufeff')) text = text.slice(1);
  text = text.trimStart().toLowerCase();
  return text === '' || HTML_STARTS.some((start) => text.startsWith(start));
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** The report file of a run: a temporary file beside it until {@link ReportFile.commit} renames it into place. */
export class ReportFile {
  #handle: FileHandle | null;

  private constructor(
    readonly path: string,
    readonly temporary: string,
    handle: FileHandle,
  ) {
    this.#handle = handle;
  }

  /**
   * Check `path` against the `inputs` (paths named on the command line) and create the temporary file. Returns the
   * report file, or the line that says why it cannot be written (exit 2).
   */
  static async prepare(path: string, inputs: readonly string[]): Promise<ReportFile | string> {
    const shown = sanitize(path);
    const refuse = (why: string): string => `--report ${shown} ${why}`;
    const cannot = (why: string): string => `cannot write the report ${shown}: ${why}`;
    const dir = dirname(path);
    try {
      if (!(await stat(fsPath(dir))).isDirectory()) return cannot(`${sanitize(dir)} is not a directory`);
    } catch (error) {
      const code = errorCode(error);
      return cannot(code === 'ENOENT' || code === 'ENOTDIR' ? `the directory ${sanitize(dir)} does not exist` : `${sanitize(dir)}: ${describeError(error)}`);
    }
    let existing: Stats | null = null;
    try {
      existing = await lstat(fsPath(path));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') return cannot(describeError(error));
    }
    if (existing !== null) {
      if (existing.isSymbolicLink()) return refuse('is a symbolic link: not written through (name the file it points to, or remove the link)');
      if (!existing.isFile()) return refuse('exists and is not a regular file: refusing to replace it');
      for (const input of inputs) {
        if (input === '-') continue;
        const info = await stat(fsPath(input)).catch(() => null);
        if (info !== null && sameFile(info, existing)) return refuse(`is also an input (${sanitize(input)}): refusing to overwrite it`);
      }
      let head: Buffer;
      try {
        head = await readFileHead(fsPath(path), SNIFF_BYTES);
      } catch (error) {
        return cannot(describeError(error));
      }
      if (!looksLikeHtml(head)) return refuse('exists and is not an HTML report: refusing to overwrite it (remove it first, or choose another name)');
    }
    // A dot name: a folder walk skips it, should the report's directory be one of the inputs.
    const temporary = join(dir, `.rcvd-report-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      return new ReportFile(path, temporary, await open(fsPath(temporary), 'wx'));
    } catch (error) {
      return cannot(describeError(error));
    }
  }

  /** Write `html` and rename it over the report; `null` when done, else the line saying why not (the temporary is removed). */
  async commit(html: string): Promise<string | null> {
    const handle = this.#handle;
    if (handle === null) return `cannot write the report ${sanitize(this.path)}: already written or discarded`;
    this.#handle = null;
    try {
      await handle.writeFile(html, 'utf8');
      await handle.datasync();
      await handle.close();
      await rename(fsPath(this.temporary), fsPath(this.path));
      return null;
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(fsPath(this.temporary)).catch(() => undefined);
      return `cannot write the report ${sanitize(this.path)}: ${describeError(error)}`;
    }
  }

  /** Remove the temporary file; the previous report, if any, stays as it was. */
  async discard(): Promise<void> {
    const handle = this.#handle;
    if (handle === null) return;
    this.#handle = null;
    await handle.close().catch(() => undefined);
    await unlink(fsPath(this.temporary)).catch(() => undefined);
  }
}

/**
 * Run `body` with the report file `path` names (`null`: no report), checked and created before anything is read,
 * so a report that cannot be written fails now, not after an hour (exit 2); its temporary file is removed however
 * `body` ends, unless committed.
 */
export async function withReportFile(path: string | null, inputs: readonly string[], io: CliIo, body: (file: ReportFile | null) => Promise<number>): Promise<number> {
  const file = path === null ? null : await ReportFile.prepare(path, inputs);
  if (typeof file === 'string') {
    await write(io.stderr, `rcvd: ${file}\n`);
    return 2;
  }
  try {
    return await body(file);
  } finally {
    await file?.discard();
  }
}

/** Render the report of `data`, stamped with this tool and the time, and commit it; `null` when written, else why not. */
export function commitReport(file: ReportFile, data: ArchiveReportData, settings?: ReportOptions['settings']): Promise<string | null> {
  const options: ReportOptions = { generator: `${TOOL.name} ${TOOL.version}`, generatedAt: new Date().toISOString(), ...(settings === undefined ? {} : { settings }) };
  return file.commit(renderHtmlReport(data, options));
}
