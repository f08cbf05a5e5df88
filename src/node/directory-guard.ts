/**
 * Enter each real directory once: symlink loops (`a/loop -> ..`) and two links to the same folder would otherwise
 * read mail forever or count it twice.
 * @module
 */
import { realpath } from 'node:fs/promises';
import { issue } from '../issues.js';
import type { Issue } from '../types.js';
import { fsPath, nameFromBytes } from './fs-path.js';
import { describeError } from './read-faults.js';

/** The outcome of entering a directory: its real path, or the issue that says why it is not entered. */
export type EnterResult = { readonly entered: true; readonly real: string } | { readonly entered: false; readonly issue: Issue };

/** Tracks real paths of directories already read during one walk, and the chain of directories being read. */
export class DirectoryGuard {
  private readonly seen = new Map<string, string>();
  private readonly open = new Set<string>();

  /** Enter `path` unless its real path was entered before (a loop when it is still open, else a duplicate). */
  async enter(path: string): Promise<EnterResult> {
    let real: string;
    try {
      // As bytes: a name that is not UTF-8 must not collide with another one that decodes to the same U+FFFDs.
      real = nameFromBytes(await realpath(fsPath(path), { encoding: 'buffer' }));
    } catch (error) {
      return { entered: false, issue: issue('IO_UNREADABLE', 'error', describeError(error)) };
    }
    const first = this.seen.get(real);
    if (first !== undefined) {
      const message = this.open.has(real)
        ? `symlink loop: this is ${first} again; not followed`
        : `the same directory as ${first}, already read; not read twice`;
      return { entered: false, issue: issue('IO_UNREADABLE', 'warning', message) };
    }
    this.seen.set(real, path);
    this.open.add(real);
    return { entered: true, real };
  }

  /** Leave a directory entered with {@link enter}. */
  leave(real: string): void {
    this.open.delete(real);
  }
}
