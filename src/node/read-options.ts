/**
 * Shapes and limits of the archive readers (`readMessages` and friends).
 * @module
 */
import type { Issue } from '../types.js';

/** One message (or one fault standing in for a message) read from an archive. */
export interface MessageRecord {
  /**
   * The path the message came from (for mbox: the mbox path); `-` for stdin, the `name` option for streams. For an
   * item of an Outlook `.pst`/`.ost`: the archive's path, `:`, the folder path and `#` the item's number in its
   * folder from 0, e.g. `archive.pst:/Inbox/Invoices#17` (`/` and `%` in folder names percent-encoded).
   */
  readonly source: string;
  /**
   * Position of this record within `source`, 0-based, counting every record of that source (mbox: the message
   * number, where junk before the first `From ` line, when there is any, is record 0; a single file: 0; an Outlook
   * archive: the record's number in the whole archive).
   */
  readonly index: number;
  /**
   * Offset of the mbox `From ` line in the (uncompressed) stream (0 for junk before the first one); `null` for
   * single-message files and faults.
   */
  readonly byteOffset: number | null;
  /**
   * The message bytes (mbox: without the `From ` line and the blank line after the message, `>From` unquoted;
   * Outlook `.msg`/`.pst`/`.ost`: the item's internet header block, UTF-8, empty when it has none, with the info
   * issue `IO_NO_INTERNET_HEADERS`); empty when nothing could be read. It may share its `ArrayBuffer` with other data: copy, never transfer it.
   */
  readonly raw: Uint8Array;
  /** `IO_*` issues: unreadable, truncated, not a message. Empty for a clean read. */
  readonly issues: readonly Issue[];
  /**
   * Messages embedded in this Outlook item (attached message objects), depth-first in attachment order; only when
   * `maxEmbeddedDepth` is above 0 and there are any.
   */
  readonly embedded?: readonly EmbeddedMessage[];
}

/**
 * A message embedded in an Outlook item: an attachment that is a message object ([MS-OXMSG] 2.2.2.1 in a `.msg`,
 * [MS-PST] 2.4.6.2 in a `.pst`/`.ost`), how "report phishing" buttons and forwards-as-attachment carry mail.
 */
export interface EmbeddedMessage {
  /**
   * Where it sits: the record's `source`, then `/attachment n` per level (n counts the item's attachments from 1),
   * e.g. `archive.pst:/Inbox/Invoices#17/attachment 2` or `report.msg/attachment 1/attachment 1`.
   */
  readonly source: string;
  /** 1 = attached to the record's item, 2 = attached to a depth-1 embedded message, … */
  readonly depth: number;
  /** Index in `embedded` of the message this one is attached to; `null` when attached to the record's item. */
  readonly parent: number | null;
  /** Its internet header block, as `raw` of an Outlook item (empty, with `IO_NO_INTERNET_HEADERS`, when it has none). */
  readonly raw: Uint8Array;
  /** `IO_*` issues of this embedded message. */
  readonly issues: readonly Issue[];
}

/** How `>From ` lines in an mbox are unquoted (mboxrd: one `>` off any `>…>From `; mboxo: only `>From `). */
export type MboxVariant = 'mboxrd' | 'mboxo' | 'none';

/** Options of `readMessages`; every field is optional. */
export interface ReadOptions {
  /**
   * Bytes kept per message (default {@link MAX_MESSAGE_BYTES}); the message is flagged `IO_TRUNCATED`. A single
   * message (a file, stdin) is not read past them; in an mbox the rest is skipped up to `maxMessageScanBytes`.
   */
  readonly maxMessageBytes?: number;
  /**
   * Bytes of one mbox message read at most while looking for the next `From ` line (default
   * {@link MAX_MESSAGE_SCAN_BYTES}): a message still going on past them ends the input there, with `IO_TRUNCATED`.
   */
  readonly maxMessageScanBytes?: number;
  /** Directory levels descended below the input folder (default 32, `MAX_DIRECTORY_DEPTH`). */
  readonly maxDirectoryDepth?: number;
  /** Entries read per directory (default 2,000,000, `MAX_DIRECTORY_ENTRIES`). */
  readonly maxDirectoryEntries?: number;
  /** `>From` unquoting in mbox files (default `mboxrd`, which also reads mboxo files correctly but for `>>From`). */
  readonly mboxVariant?: MboxVariant;
  /**
   * Files found while walking a folder whose content is not mail (JSON, images, READMEs): `skip` them silently
   * (default) or `report` each as a record with empty `raw` and an `IO_NOT_A_MESSAGE` issue.
   */
  readonly nonMessages?: 'skip' | 'report';
  /** `source` of the records when reading a stream (default `<stream>`). */
  readonly name?: string;
  /**
   * Follow symbolic links met while walking a folder or a Maildir (default `false`: a link planted in a mail folder
   * must not make the scan read `/etc/passwd` or a whole other tree). A path given directly is always followed.
   * Links not followed are skipped in folders (a record with an info issue when `nonMessages` is `report`) and a
   * record with a warning in a Maildir's `cur/` and `new/`.
   */
  readonly followSymlinks?: boolean;
  /**
   * Levels of messages embedded in Outlook items (`.msg`, `.pst`, `.ost`) read into `record.embedded` (default 0:
   * none). `scan` and `rcvd` with `nested` set it to `limits.maxNestedDepth`.
   */
  readonly maxEmbeddedDepth?: number;
}

/** {@link ReadOptions} with every default filled in. */
export interface ResolvedReadOptions {
  readonly maxMessageBytes: number;
  readonly maxMessageScanBytes: number;
  readonly maxDirectoryDepth: number;
  readonly maxDirectoryEntries: number;
  readonly mboxVariant: MboxVariant;
  readonly nonMessages: 'skip' | 'report';
  readonly name: string;
  readonly followSymlinks: boolean;
  readonly maxEmbeddedDepth: number;
}

/** 8 MiB kept per message: a 2 GB mbox with no second `From ` line must not be buffered whole; headers fit easily. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/**
 * 1 GiB read of one mbox message at most: `/dev/zero`-like input after a `From ` line would otherwise be scanned
 * forever for the next separator; real messages with attachments stay under a few hundred MB.
 */
export const MAX_MESSAGE_SCAN_BYTES = 1024 * 1024 * 1024;
/** 32 directory levels: deeper trees are generated (or a bind-mount maze), not filed mail. */
const MAX_DIRECTORY_DEPTH = 32;
/** 2,000,000 names per directory: each pass over a larger one re-reads all its names (a real Maildir has well under a million). */
const MAX_DIRECTORY_ENTRIES = 2_000_000;
/** 1,000 bytes for an mbox `From ` line (RFC 5322 §2.1.1 caps lines at 998): longer lines are body, never separators. */
export const MAX_FROM_LINE_BYTES = 1000;
/** 1 MiB read per system call: large enough for ~150 MB/s, small enough that a window copy stays cheap. */
export const READ_CHUNK_BYTES = 1024 * 1024;
/** 4 KiB looked at to tell gzip, mbox, a message and other files apart. */
export const DETECT_BYTES = 4096;

const DEFAULTS: ResolvedReadOptions = Object.freeze({
  maxMessageBytes: MAX_MESSAGE_BYTES,
  maxMessageScanBytes: MAX_MESSAGE_SCAN_BYTES,
  maxDirectoryDepth: MAX_DIRECTORY_DEPTH,
  maxDirectoryEntries: MAX_DIRECTORY_ENTRIES,
  mboxVariant: 'mboxrd',
  nonMessages: 'skip',
  name: '<stream>',
  followSymlinks: false,
  maxEmbeddedDepth: 0,
});

function checkCount(options: ReadOptions, key: 'maxMessageBytes' | 'maxMessageScanBytes' | 'maxDirectoryDepth' | 'maxDirectoryEntries' | 'maxEmbeddedDepth'): void {
  const value: unknown = options[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`options.${key} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Fill in defaults; an invalid option throws `TypeError` (a programmer error, never data). */
export function resolveReadOptions(options?: ReadOptions): ResolvedReadOptions {
  if (options === undefined) return DEFAULTS;
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  checkCount(options, 'maxMessageBytes');
  checkCount(options, 'maxMessageScanBytes');
  checkCount(options, 'maxDirectoryDepth');
  checkCount(options, 'maxDirectoryEntries');
  checkCount(options, 'maxEmbeddedDepth');
  const { mboxVariant, nonMessages, name, followSymlinks } = options;
  if (mboxVariant !== undefined && mboxVariant !== 'mboxrd' && mboxVariant !== 'mboxo' && mboxVariant !== 'none') {
    throw new TypeError(`options.mboxVariant must be 'mboxrd', 'mboxo' or 'none', got ${String(mboxVariant)}`);
  }
  if (nonMessages !== undefined && nonMessages !== 'skip' && nonMessages !== 'report') {
    throw new TypeError(`options.nonMessages must be 'skip' or 'report', got ${String(nonMessages)}`);
  }
  if (name !== undefined && typeof name !== 'string') throw new TypeError('options.name must be a string');
  if (followSymlinks !== undefined && typeof followSymlinks !== 'boolean') throw new TypeError('options.followSymlinks must be a boolean');
  return Object.freeze({
    maxMessageBytes: options.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
    maxMessageScanBytes: options.maxMessageScanBytes ?? DEFAULTS.maxMessageScanBytes,
    maxDirectoryDepth: options.maxDirectoryDepth ?? DEFAULTS.maxDirectoryDepth,
    maxDirectoryEntries: options.maxDirectoryEntries ?? DEFAULTS.maxDirectoryEntries,
    mboxVariant: mboxVariant ?? DEFAULTS.mboxVariant,
    nonMessages: nonMessages ?? DEFAULTS.nonMessages,
    name: name ?? DEFAULTS.name,
    followSymlinks: followSymlinks ?? DEFAULTS.followSymlinks,
    maxEmbeddedDepth: options.maxEmbeddedDepth ?? DEFAULTS.maxEmbeddedDepth,
  });
}
