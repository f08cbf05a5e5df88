/**
 * The paths named on the command line: each is checked before the scan (one that cannot be opened is reported on
 * stderr and left out, and the run exits 2 at the end), and they are read back from the kernel as bytes when they
 * are not UTF-8 (Node decodes such bytes to U+FFFD, a name no file has).
 * @module
 */
import { constants, readFileSync, type Stats } from 'node:fs';
import { open, opendir, stat } from 'node:fs/promises';
import { fsPath, nameFromBytes } from '../node/fs-path.js';
import { describeError } from '../node/read-faults.js';

/** The calls a check makes; injectable because tests run as root, whom `chmod 000` does not stop. */
export interface PathProbe {
  stat(path: string | Buffer): Promise<Stats>;
  /** Open a regular file for reading and close it again. */
  openFile(path: string | Buffer): Promise<void>;
  /** Open a directory for listing and close it again. */
  openDirectory(path: string | Buffer): Promise<void>;
}

/** The real file system. */
export const NODE_PROBE: PathProbe = {
  stat: (path) => stat(path),
  async openFile(path) {
    await (await open(path, constants.O_RDONLY | constants.O_NONBLOCK)).close();
  },
  async openDirectory(path) {
    await (await opendir(path as string)).close();
  },
};

/**
 * Why the named `path` cannot be read (a one-line description), or `null` when it can. A regular file is opened and
 * a directory listed, so a permission problem shows now; a FIFO or a device is only stat'ed: opening and closing a
 * FIFO would let its writer go on with no reader (SIGPIPE).
 */
export async function pathProblem(path: string, probe: PathProbe = NODE_PROBE): Promise<string | null> {
  const target = fsPath(path);
  try {
    const info = await probe.stat(target);
    if (info.isFile()) await probe.openFile(target);
    else if (info.isDirectory()) await probe.openDirectory(target);
    return null;
  } catch (error) {
    return describeError(error);
  }
}

/** `/proc/self/cmdline`: this process's arguments as the kernel holds them, NUL-terminated; `null` elsewhere. */
function readCommandLine(): Buffer | null {
  try {
    return readFileSync('/proc/self/cmdline');
  } catch {
    return null;
  }
}

/**
 * `argv` (the arguments after the script) with the bytes Node could not decode restored as lone surrogates
 * (`nameFromBytes`), read from the kernel's copy of the command line; `argv` itself when every argument is UTF-8
 * or the kernel's copy does not match it argument for argument.
 */
export function argvWithBytes(argv: readonly string[], commandLine: () => Buffer | null = readCommandLine): string[] {
  if (!argv.some((a) => a.includes('\ufffd'))) return [...argv];
  const raw = commandLine();
  if (raw === null) return [...argv];
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = raw.indexOf(0); i !== -1; i = raw.indexOf(0, start)) {
    parts.push(raw.subarray(start, i));
    start = i + 1;
  }
  if (parts.length < argv.length) return [...argv];
  const ours = parts.slice(parts.length - argv.length);
  // Node's own flags come first in the kernel's copy; the user's arguments are its last ones, if it is unchanged.
  if (!ours.every((bytes, i) => bytes.toString('utf8') === argv[i])) return [...argv];
  return ours.map((bytes) => nameFromBytes(bytes));
}
