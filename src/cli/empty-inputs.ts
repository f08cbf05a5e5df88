/**
 * Which paths named on the command line yielded no message at all: an empty folder, a folder of files that are
 * not mail, an empty file. Printing nothing and exiting 0 would read as "all fine", so the CLI says "no messages
 * found in X" on stderr. A path counts as seen once one message's source is the path itself or
 * lies below it (folders give their files' paths as sources; Outlook archives `archive.pst:/Folder#n`).
 * @module
 */
import { normalize, sep } from 'node:path';

function trimmed(path: string): string {
  const n = normalize(path);
  return n.length > 1 && n.endsWith(sep) ? n.slice(0, -1) : n;
}

/** The named paths not yet seen, narrowed batch by batch. */
export class EmptyInputs {
  readonly #pending = new Map<string, string>();

  /** `paths` as named (`-` = stdin). */
  constructor(paths: readonly string[]) {
    for (const p of paths) this.#pending.set(p, p === '-' ? '-' : trimmed(p));
  }

  /** Mark the paths these message sources come from. Costs nothing once every path was seen. */
  saw(sources: readonly string[]): void {
    if (this.#pending.size === 0) return;
    for (const source of sources) {
      const s = source === '-' ? '-' : trimmed(source);
      for (const [named, key] of this.#pending) {
        // `.` names everything relative below it, which `normalize` writes without the `./`
        if (s === key || (key === '.' && !s.startsWith(sep)) || s.startsWith(key.endsWith(sep) ? key : key + sep) || s.startsWith(`${key}:/`)) this.#pending.delete(named);
      }
      if (this.#pending.size === 0) return;
    }
  }

  /** The paths, as named, that yielded nothing. */
  remaining(): string[] {
    return [...this.#pending.keys()];
  }
}
