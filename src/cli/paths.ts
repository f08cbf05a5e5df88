/**
 * The paths named on the command line: each is checked before the scan (one that cannot be opened, or that is a tar
 * or zip export, is reported on stderr and left out, and the run exits 2 at the end), and they are read back from the kernel as bytes when they
 * are not UTF-8 (Node decodes such bytes to U+FFFD, a name no file has).
 * @module
 */
import { constants, readFileSync, type Stats } from 'node:fs';
import { open, opendir, stat } from 'node:fs/promises';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { fsPath, nameFromBytes } from '../node/fs-path.js';
import { describeError } from '../node/read-faults.js';

/** The calls a check makes; injectable because tests run as root, whom `chmod 000` does not stop. */
export interface PathProbe {
  stat(path: string | Buffer): Promise<Stats>;
  /** Open a regular file for reading and close it again. */
  openFile(path: string | Buffer): Promise<void>;
  /** Open a directory for listing and close it again. */
  openDirectory(path: string | Buffer): Promise<void>;
  /** Up to `bytes` bytes from the start of a regular file (absent: archives are not looked for). */
  readHead?(path: string | Buffer, bytes: number): Promise<Uint8Array>;
}

/** 4 KiB read from a named file to tell a tar or zip export from mail: a tar header is the first 512 bytes. */
const ARCHIVE_SNIFF_BYTES = 4096;
/** 4 MiB inflated from a gzip file's first bytes at most: deflate expands about 1000:1, and a bomb must stop. */
const MAX_SNIFF_INFLATED = 4 * 1024 * 1024;
/** Where a POSIX tar header says `ustar` (POSIX.1-1988 and GNU tar both write it there). */
const TAR_MAGIC_OFFSET = 257;

function startsWith(bytes: Uint8Array, at: number, magic: readonly number[]): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/**
 * `tar` or `zip` when `head` (a file's first bytes, gzip-compressed or not) starts an archive of those kinds, else
 * `null`. These are not read (yet): read as one message they gave a single `IO_NOT_A_MESSAGE`, which hid the mail
 * inside. A gzip stream is inflated as far as the bytes go (a sync flush accepts a cut stream).
 */
function archiveKind(head: Uint8Array): 'tar' | 'zip' | null {
  let bytes = head;
  if (startsWith(bytes, 0, [0x1f, 0x8b])) {
    try {
      bytes = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: MAX_SNIFF_INFLATED });
    } catch {
      return null;
    }
  }
  if (startsWith(bytes, 0, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, 0, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, TAR_MAGIC_OFFSET, [0x75, 0x73, 0x74, 0x61, 0x72])) return 'tar';
  return null;
}

/** What to tell the user about an archive named on the command line. */
function archiveAdvice(kind: 'tar' | 'zip'): string {
  return kind === 'tar'
    ? 'a tar archive, which rcvd does not read: unpack it (tar -xf) and name the folder it gives'
    : 'a zip archive, which rcvd does not read: unpack it (unzip) and name the folder it gives';
}

/** Up to `bytes` bytes from the start of the file at `path` (opened without waiting: a FIFO does not block). */
export async function readFileHead(path: string | Buffer, bytes: number): Promise<Buffer> {
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** The real file system. */
const NODE_PROBE: PathProbe = {
  stat: (path) => stat(path),
  async openFile(path) {
    await (await open(path, constants.O_RDONLY | constants.O_NONBLOCK)).close();
  },
  async openDirectory(path) {
    await (await opendir(path as string)).close();
  },
  readHead: readFileHead,
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
    if (info.isFile()) {
      await probe.openFile(target);
      const kind = probe.readHead === undefined ? null : archiveKind(await probe.readHead(target, ARCHIVE_SNIFF_BYTES));
      if (kind !== null) return archiveAdvice(kind);
    }
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
