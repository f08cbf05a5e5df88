/**
 * Outlook `.pst` and `.ost` archives ([MS-PST]), read with `pst-extractor`, folder by folder and item by item: each
 * item's internet header block is its `PR_TRANSPORT_MESSAGE_HEADERS` property (0x007D, [MS-OXPROPS] 2.1069), and
 * its `source` names its place, `archive.pst:/Inbox/Invoices#17`. A file is read through its descriptor, a page
 * at a time, so memory follows the largest folder's item table, not the archive's size (PSTs reach tens of GB).
 * With `maxEmbeddedDepth`, the messages embedded in an item ([MS-PST] 2.4.6.2) are read for their header blocks too.
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { PSTAttachment, PSTFile as PSTFileClass, PSTFolder, PSTMessage as PSTMessageClass } from 'pst-extractor';
import { issue } from '../issues.js';
import type { Issue } from '../types.js';
import { describeError, faultRecord, streamErrorIssue } from './read-faults.js';
import { fsPath } from './fs-path.js';
import { EmbeddedList, embeddedBlock, headerBlockBytes, NO_HEADERS_MESSAGE } from './read-msg.js';
import type { MessageRecord, ResolvedReadOptions } from './read-options.js';

/**
 * 256 MiB of a `.pst` held in memory when it does not come from a file (stdin, a stream, a `.gz`): random access
 * needs the whole archive, and an endless stream that starts like a PST must not be buffered whole.
 */
export const MAX_PST_BUFFER_BYTES = 256 * 1024 * 1024;
/** 32 folder levels: Outlook's own tree stays far below; a corrupt archive can make a folder its own descendant. */
export const MAX_PST_FOLDER_DEPTH = 32;
/** 100,000 folders per archive: each folder costs a table read; a real mailbox has hundreds. */
export const MAX_PST_FOLDERS = 100_000;
/** 1,000,000 items per folder: a folder's count is a stored number, and a corrupt one must not drive the loop. */
export const MAX_PST_FOLDER_ITEMS = 1_000_000;
/** 1,000 unreadable items in a row end a folder: past them the folder's table is garbage, read at one issue per row. */
export const MAX_PST_FAULTS_IN_A_ROW = 1000;
/**
 * 2,000,000 reads per call into pst-extractor (open, one folder's tables, one item): its B-tree descent has no step
 * limit, and a page pointing to itself would spin forever; the largest real folder table needs a few hundred thousand.
 */
export const MAX_PST_READS_PER_CALL = 2_000_000;
/**
 * 4,000,000 buffers allocated by one call into pst-extractor: a loop that allocates without reading the file (the
 * kind {@link patchNodeStream} closes) ends here. A folder table costs about five a row: 800,000 items in a folder.
 */
export const MAX_PST_ALLOCATIONS_PER_CALL = 4_000_000;
/**
 * 1 GiB allocated in all by one call into pst-extractor: the same kind of loop with a large buffer would zero
 * gigabytes long before {@link MAX_PST_ALLOCATIONS_PER_CALL}; one item or one folder's tables need a small part.
 */
export const MAX_PST_ALLOCATED_BYTES_PER_CALL = 1024 * 1024 * 1024;

const EMPTY = new Uint8Array(0);
const CONSOLE_METHODS = ['log', 'error', 'warn', 'info', 'debug'] as const;

type Alloc = typeof Buffer.alloc;

/** 64 KiB read at once from an archive file: one system call serves the small reads of a whole region. */
const PAGE_BYTES = 64 * 1024;

/**
 * The archive's bytes as pst-extractor reads them. It takes a path (and opens it itself, leaking the descriptor when
 * its constructor throws) or a Buffer it reads with `buffer.copy(target, 0, start, end)` and nothing else. We hand
 * it an empty Buffer whose `copy` reads from our own descriptor (or the bytes in memory): the descriptor is ours to
 * close, the name is opened as bytes, and each read counts against {@link MAX_PST_READS_PER_CALL}. Exported for
 * tests.
 */
export class ArchiveAccess {
  private reads = 0;
  private allocations = 0;
  private allocatedBytes = 0;
  /** Why the current call's last refused read or allocation was refused; `null` when none was. */
  private refused: string | null = null;
  private readonly page = Buffer.allocUnsafe(PAGE_BYTES);
  private pageStart = 0;
  private pageLength = 0;
  readonly view: Buffer;
  /** The archive's size: no buffer pst-extractor allocates while reading it can need more. */
  private readonly size: number;

  constructor(
    private readonly fd: number | null,
    private readonly bytes: Buffer | null,
  ) {
    this.size = bytes !== null ? bytes.length : fd !== null ? fstatSync(fd).size : 0;
    this.view = Buffer.alloc(0);
    Object.defineProperty(this.view, 'copy', { value: this.copy.bind(this) });
  }

  /** Open a file for random access; not following a link unless `follow` (as the folder walker opened it). */
  static open(path: string, follow: boolean): ArchiveAccess {
    const fd = openSync(fsPath(path), constants.O_RDONLY | (follow ? 0 : constants.O_NOFOLLOW));
    try {
      if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new ArchiveAccess(fd, null);
  }

  private copy(target: Uint8Array, targetStart: number, start: number, end: number): number {
    if (++this.reads > MAX_PST_READS_PER_CALL) throw this.refuse(`more than ${MAX_PST_READS_PER_CALL} reads for one step: a loop in the archive's index (MAX_PST_READS_PER_CALL)`);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) throw new Error(`a read at offset ${start}, outside the file`);
    const length = Math.min(end - start, target.length - targetStart);
    if (length <= 0) return 0;
    if (this.bytes !== null) return this.bytes.copy(target, targetStart, start, start + length);
    if (this.fd === null) return 0;
    if (length > PAGE_BYTES) return readSync(this.fd, target, targetStart, length, start);
    // pst-extractor reads many structures a byte or a few at a time: serve those from one cached page.
    if (start < this.pageStart || start + length > this.pageStart + this.pageLength) {
      this.pageStart = start - (start % PAGE_BYTES);
      this.pageLength = readSync(this.fd, this.page, 0, PAGE_BYTES, this.pageStart);
      if (start + length > this.pageStart + this.pageLength) {
        // A read across the page's end: straight from the file (the page stays as it is).
        return readSync(this.fd, target, targetStart, length, start);
      }
    }
    return this.page.copy(target, targetStart, start - this.pageStart, start - this.pageStart + length);
  }

  /**
   * Run a synchronous call into pst-extractor with a fresh read budget, the console silenced, and `Buffer.alloc`
   * refusing sizes larger than the archive. It prints its diagnostics with `console.log`, and stdout is where our
   * NDJSON goes; it sizes buffers from lengths stored in the file (a 4 GiB XBLOCK total in a 1 MiB file), while
   * every block it reads is in the file and nothing it reads for us is compressed. Safe because the call is
   * synchronous: nothing else runs while the globals are swapped.
   */
  call<T>(call: () => T): T {
    this.reads = 0;
    this.allocations = 0;
    this.allocatedBytes = 0;
    this.refused = null;
    const saved = CONSOLE_METHODS.map((name) => console[name]);
    const alloc = Buffer.alloc;
    const limit = this.size;
    const bounded = (size: number, fill?: string | Uint8Array | number, encoding?: BufferEncoding): Buffer => {
      if (size > limit) throw this.refuse(`a structure claims ${size} bytes in an archive of ${limit}`);
      if (++this.allocations > MAX_PST_ALLOCATIONS_PER_CALL) throw this.refuse(`more than ${MAX_PST_ALLOCATIONS_PER_CALL} buffers for one step: a read that makes no progress (MAX_PST_ALLOCATIONS_PER_CALL)`);
      this.allocatedBytes += size;
      if (this.allocatedBytes > MAX_PST_ALLOCATED_BYTES_PER_CALL) throw this.refuse(`more than ${MAX_PST_ALLOCATED_BYTES_PER_CALL} bytes of buffers for one step: a read that makes no progress (MAX_PST_ALLOCATED_BYTES_PER_CALL)`);
      return alloc(size, fill, encoding);
    };
    for (const name of CONSOLE_METHODS) console[name] = () => undefined;
    Buffer.alloc = bounded as Alloc;
    try {
      return call();
    } finally {
      Buffer.alloc = alloc;
      CONSOLE_METHODS.forEach((name, i) => (console[name] = saved[i] as (typeof console)[typeof name]));
    }
  }

  /**
   * {@link call}, throwing also when a read or an allocation was refused during it and pst-extractor caught the
   * error itself: its string getters turn any error into `''`, which would read as an item without headers.
   */
  strict<T>(call: () => T): T {
    const result = this.call(call);
    if (this.refused !== null) throw new Error(this.refused);
    return result;
  }

  private refuse(why: string): Error {
    this.refused = why;
    return new Error(why);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The two classes of pst-extractor this module constructs. */
interface Extractor {
  readonly PSTFile: typeof PSTFileClass;
  readonly PSTMessage: typeof PSTMessageClass;
}

let extractor: Promise<Extractor> | null = null;
/** Archives being read now: pst-extractor's map of named properties is one static for all of them. */
let openArchives = 0;

/**
 * Empty pst-extractor's static map of named properties once no archive is open: it keeps every name of every
 * archive read in the process, and an archive can declare a million names of its own.
 */
function forgetNamedProperties(PSTFile: unknown): void {
  const maps = (PSTFile as { nodeMap?: Record<string, unknown> } | undefined)?.nodeMap;
  if (maps === undefined) return;
  for (const value of Object.values(maps)) if (value instanceof Map) value.clear();
}

/** pst-extractor's item stream, as far as its read loop goes. */
interface NodeStream {
  readFromOffset(output: Buffer, offset: number, length: number): number;
  readCompletely(target: Buffer): void;
}

/**
 * Make pst-extractor's item stream fail at its end instead of spinning. Its `readCompletely` loops until the buffer
 * is full, and its end-of-stream test compares two `Long` objects with `==` (never true), so an item whose blocks
 * hold less than its stated length reads nothing for ever, without touching the file. A read that brings nothing
 * ends the call instead. Exported for tests.
 */
export function patchNodeStream(prototype: NodeStream): void {
  prototype.readCompletely = function readCompletely(this: NodeStream, target: Buffer): void {
    for (let offset = 0; offset < target.length; ) {
      const read = this.readFromOffset(target, offset, target.length - offset);
      if (!(read > 0)) throw new Error('an item stream that ends before its stated length');
      offset += read;
    }
  };
}

/** The class of pst-extractor's item stream, whose prototype {@link patchNodeStream} mends; `null` if not found. */
function nodeStreamPrototype(m: unknown): NodeStream | null {
  const mod = m as { PSTNodeInputStream?: { prototype?: unknown }; default?: { PSTNodeInputStream?: { prototype?: unknown } } };
  const proto = (mod.PSTNodeInputStream ?? mod.default?.PSTNodeInputStream)?.prototype as Partial<NodeStream> | undefined;
  return typeof proto?.readFromOffset === 'function' && typeof proto.readCompletely === 'function' ? (proto as NodeStream) : null;
}

/**
 * pst-extractor, loaded on first use (runs without any archive never pay for it), with its item stream mended. If a
 * later version moves the stream's module, reading goes on unmended: the allocation budgets still end the loop.
 */
function loadExtractor(): Promise<Extractor> {
  extractor ??= Promise.all([import('pst-extractor'), import('pst-extractor/dist/PSTNodeInputStream.class.js').catch(() => null)]).then(([m, streamModule]: [unknown, unknown]) => {
    const mod = m as { PSTFile?: unknown; PSTMessage?: unknown; default?: { PSTFile?: unknown; PSTMessage?: unknown } };
    const PSTFile = mod.PSTFile ?? mod.default?.PSTFile;
    const PSTMessage = mod.PSTMessage ?? mod.default?.PSTMessage;
    if (typeof PSTFile !== 'function' || typeof PSTMessage !== 'function') throw new TypeError('pst-extractor has no PSTFile or PSTMessage export');
    const stream = nodeStreamPrototype(streamModule);
    if (stream !== null) patchNodeStream(stream);
    return { PSTFile: PSTFile as typeof PSTFileClass, PSTMessage: PSTMessage as typeof PSTMessageClass };
  });
  return extractor;
}

/** A folder name as one path segment: `/` and `%` percent-encoded so the path splits back unambiguously. */
function segment(name: string): string {
  let out = '';
  for (const ch of name) out += ch === '/' ? '%2F' : ch === '%' ? '%25' : ch;
  return out;
}

interface Walk {
  readonly access: ArchiveAccess;
  readonly PSTMessage: typeof PSTMessageClass;
  readonly source: string;
  readonly options: ResolvedReadOptions;
  /** Records yielded so far: the `index` of the next one. */
  index: number;
  folders: number;
  readonly seen: Set<string>;
}

/** [MS-OXPROPS] PidTagAttachMethod value of an attachment that is a message object. */
const AFEMBEDDEDMESSAGE = 5;
/** [MS-OXPROPS] PidTagAttachDataObject (0x3701) as pst-extractor keys it; PtypObject (0x000D). */
const ATTACH_DATA_OBJECT = 0x3701;
const PT_OBJECT = 0x000d;

/** The parts of pst-extractor's objects an embedded message is read through (fields its typings leave out). */
interface AttachmentInside {
  readonly pstFile: PSTFileClass;
  readonly pstTableItems: Map<number, { entryValueType: number; data: Buffer }> | null;
  readonly localDescriptorItems: Map<number, { subNodeOffsetIndexIdentifier: number }> | null;
  readonly pstTableBC: { constructor: new (stream: unknown) => unknown; pstNodeInputStream: { constructor: new (file: PSTFileClass, item: unknown) => unknown } } | null;
}

/**
 * The message object of an attachment whose method is `afEmbeddedMessage` ([MS-PST] 2.4.6.2: PidTagAttachDataObject
 * names a subnode of the attachment holding the message's property context); `null` for any other attachment.
 * pst-extractor's own `embeddedPSTMessage` needs the attachment's node, which its attachments never have, so the
 * object is opened here with the classes of the attachment's own table and stream.
 */
function embeddedMessage(PSTMessage: typeof PSTMessageClass, attachment: PSTAttachment): PSTMessageClass | null {
  if (attachment.attachMethod !== AFEMBEDDEDMESSAGE) return null;
  const inside = attachment as unknown as AttachmentInside;
  const value = inside.pstTableItems?.get(ATTACH_DATA_OBJECT);
  if (value === undefined || value.entryValueType !== PT_OBJECT || value.data.length < 4) throw new Error('an embedded message without its object');
  const subnode = inside.localDescriptorItems?.get(value.data.readUInt32LE(0));
  const table = inside.pstTableBC;
  if (subnode === undefined || table === null) throw new Error('an embedded message whose object is missing');
  const Stream = table.pstNodeInputStream.constructor;
  const properties = new table.constructor(new Stream(inside.pstFile, subnode));
  const file = inside.pstFile as unknown as { getOffsetIndexNode(bid: number): unknown; getPSTDescriptorItems(stream: unknown): Map<number, unknown> };
  const subnodes = subnode.subNodeOffsetIndexIdentifier > 0 ? file.getPSTDescriptorItems(new Stream(inside.pstFile, file.getOffsetIndexNode(subnode.subNodeOffsetIndexIdentifier))) : new Map();
  return new PSTMessage(inside.pstFile, undefined as never, properties as never, subnodes as never);
}

/**
 * The messages embedded in one item, depth-first in attachment order, each named `item/attachment n`. Every read
 * is its own bounded call; a message embedded in itself (a subnode tree that points back up) ends at the depth limit.
 */
function pstEmbedded(w: Walk, item: PSTMessageClass, where: string, found: EmbeddedList, depth: number, parent: number | null): void {
  let count: number;
  try {
    count = w.access.call(() => (item.hasAttachments ? item.numberOfAttachments : 0));
  } catch {
    count = 0;
  }
  for (let i = 0; i < count; i++) {
    if (found.full) {
      found.admits(depth);
      return;
    }
    const place = `${where}/attachment ${i + 1}`;
    let inner: PSTMessageClass | null;
    try {
      inner = w.access.call(() => embeddedMessage(w.PSTMessage, item.getAttachment(i)));
    } catch (error) {
      if (found.admits(depth)) found.add({ source: place, depth, parent, raw: EMPTY, issues: [issue('IO_UNREADABLE', 'error', `damaged attachment in the Outlook archive: ${message(error)}`)] });
      continue;
    }
    if (inner === null || !found.admits(depth)) continue;
    const embedded = inner;
    let block: { raw: Uint8Array; issues: Issue[] };
    try {
      block = embeddedBlock(w.access.strict(() => embedded.transportMessageHeaders), found.budget);
    } catch (error) {
      block = { raw: EMPTY, issues: [issue('IO_UNREADABLE', 'error', `damaged embedded message in the Outlook archive: ${message(error)}`)] };
    }
    const at = found.add({ source: place, depth, parent, ...block });
    pstEmbedded(w, embedded, place, found, depth + 1, at);
  }
}

/** The record of one item: its header block, or the reason it has none; with its embedded messages when asked. */
function itemRecord(w: Walk, where: string, item: unknown): MessageRecord {
  let text: unknown;
  try {
    text = w.access.strict(() => (item as { transportMessageHeaders?: unknown }).transportMessageHeaders);
  } catch (error) {
    return faultRecord(where, w.index, issue('IO_UNREADABLE', 'error', `damaged item in the Outlook archive: ${message(error)}`));
  }
  let record: MessageRecord;
  if (typeof text !== 'string' || text.trim() === '') {
    record = { source: where, index: w.index, byteOffset: null, raw: EMPTY, issues: [issue('IO_NO_INTERNET_HEADERS', 'info', NO_HEADERS_MESSAGE)] };
  } else {
    const found = headerBlockBytes(text, w.options.maxMessageBytes);
    record = { source: where, index: w.index, byteOffset: null, raw: found.raw, issues: found.issues };
  }
  if (w.options.maxEmbeddedDepth === 0 || !(item instanceof w.PSTMessage)) return record;
  const found = new EmbeddedList(w.options.maxEmbeddedDepth, w.options.maxMessageBytes);
  pstEmbedded(w, item, where, found, 1, null);
  if (found.list.length === 0 && found.issues.length === 0) return record;
  return { ...record, issues: [...record.issues, ...found.issues], ...(found.list.length === 0 ? {} : { embedded: found.list }) };
}

/** The items of one folder, in the folder's own order; `#n` counts from 0 within the folder. */
function* folderItems(w: Walk, folder: PSTFolder, path: string): Generator<MessageRecord> {
  const cursor = folder as unknown as { currentEmailIndex: number };
  let faultsInARow = 0;
  for (let n = 0; n < MAX_PST_FOLDER_ITEMS; ) {
    let child: unknown;
    try {
      child = w.access.call(() => {
        folder.moveChildCursorTo(n);
        return folder.getNextChild() as unknown;
      });
    } catch (error) {
      yield faultRecord(`${w.source}:${path}#${n}`, w.index++, issue('IO_UNREADABLE', 'error', `damaged item in the Outlook archive: ${message(error)}`));
      if (++faultsInARow >= MAX_PST_FAULTS_IN_A_ROW) {
        yield faultRecord(`${w.source}:${path}`, w.index++, issue('IO_TRUNCATED', 'error', `${MAX_PST_FAULTS_IN_A_ROW} unreadable items in a row: the rest of the folder is not read (MAX_PST_FAULTS_IN_A_ROW)`));
        return;
      }
      n++;
      continue;
    }
    if (child === null || child === undefined) return;
    // The reader skips items it cannot load and hands over the next one: the skipped ones are faults.
    const at = Number.isSafeInteger(cursor.currentEmailIndex) ? cursor.currentEmailIndex - 1 : n;
    for (; n < at && n < MAX_PST_FOLDER_ITEMS; n++) {
      yield faultRecord(`${w.source}:${path}#${n}`, w.index++, issue('IO_UNREADABLE', 'error', 'damaged item in the Outlook archive: it could not be loaded'));
    }
    faultsInARow = 0;
    yield itemRecord(w, `${w.source}:${path}#${n}`, child);
    w.index++;
    n++;
  }
  yield faultRecord(`${w.source}:${path}`, w.index++, issue('IO_TRUNCATED', 'warning', `more than ${MAX_PST_FOLDER_ITEMS} items: the rest of the folder is not read (MAX_PST_FOLDER_ITEMS)`));
}

/** Depth first, items of a folder before its sub-folders, each folder once (by its node id). */
function* walkFolder(w: Walk, folder: PSTFolder, path: string, depth: number): Generator<MessageRecord> {
  yield* folderItems(w, folder, path === '' ? '/' : path);
  let subfolders: (PSTFolder | undefined)[];
  try {
    subfolders = w.access.call(() => (folder.hasSubfolders ? folder.getSubFolders() : []));
  } catch (error) {
    yield faultRecord(`${w.source}:${path === '' ? '/' : path}`, w.index++, issue('IO_UNREADABLE', 'error', `sub-folders could not be read: ${message(error)}`));
    return;
  }
  for (let i = 0; i < subfolders.length; i++) {
    const sub = subfolders[i];
    // Each folder keeps its item table once read: let go of a sibling before the next, so memory holds the tables
    // of one branch, not of every folder seen.
    subfolders[i] = undefined;
    if (sub === undefined) continue;
    let id: string;
    let name: string;
    try {
      ({ id, name } = w.access.call(() => ({ id: sub.descriptorNodeId.toString(), name: sub.displayName })));
    } catch (error) {
      yield faultRecord(`${w.source}:${path}/?`, w.index++, issue('IO_UNREADABLE', 'error', `damaged folder: ${message(error)}`));
      continue;
    }
    const subPath = `${path}/${segment(name)}`;
    if (w.seen.has(id)) {
      yield faultRecord(`${w.source}:${subPath}`, w.index++, issue('IO_UNREADABLE', 'error', 'a folder that contains itself (a loop in the folder tree): read once'));
      continue;
    }
    if (depth + 1 > MAX_PST_FOLDER_DEPTH || w.folders >= MAX_PST_FOLDERS) {
      const limit = depth + 1 > MAX_PST_FOLDER_DEPTH ? `folders nested deeper than ${MAX_PST_FOLDER_DEPTH} (MAX_PST_FOLDER_DEPTH)` : `more than ${MAX_PST_FOLDERS} folders (MAX_PST_FOLDERS)`;
      yield faultRecord(`${w.source}:${subPath}`, w.index++, issue('IO_TRUNCATED', 'warning', `${limit}: not read`));
      continue;
    }
    w.seen.add(id);
    w.folders++;
    yield* walkFolder(w, sub, subPath, depth + 1);
  }
}

/**
 * Every item of a `.pst` or `.ost` ([MS-PST]; unencrypted or "compressible"-encoded) as a record: `raw` = its
 * internet header block, `source` = `file:/Folder/Sub#n`, `index` counting the archive's records from 0. Items
 * without internet headers carry an info `IO_NO_INTERNET_HEADERS`; damaged items, folders and files an `IO_*`
 * error on their own record. With `maxEmbeddedDepth`, a record also carries the messages embedded in its item
 * (`record.embedded`, named `file:/Folder#n/attachment k`). `target` is a path (read by random access; a link is
 * followed only when `follow`) or the whole archive in memory.
 */
export async function* readPst(target: string | Buffer, source: string, options: ResolvedReadOptions, follow = true): AsyncGenerator<MessageRecord> {
  let access: ArchiveAccess;
  try {
    access = typeof target === 'string' ? ArchiveAccess.open(target, follow) : new ArchiveAccess(null, target);
  } catch (error) {
    yield faultRecord(source, 0, issue('IO_UNREADABLE', 'error', describeError(error)));
    return;
  }
  let PSTFile: typeof PSTFileClass | undefined;
  openArchives++;
  try {
    let root: PSTFolder;
    let classes: Extractor;
    try {
      classes = await loadExtractor();
      PSTFile = classes.PSTFile;
      const Reader = PSTFile;
      root = access.call(() => new Reader(access.view).getRootFolder());
    } catch (error) {
      yield faultRecord(source, 0, issue('IO_UNREADABLE', 'error', `unreadable Outlook archive (.pst/.ost): ${message(error)}`));
      return;
    }
    const w: Walk = { access, PSTMessage: classes.PSTMessage, source, options, index: 0, folders: 1, seen: new Set() };
    for (const record of walkFolder(w, root, '', 0)) yield record;
    if (w.index === 0) yield faultRecord(source, 0, issue('IO_NO_INTERNET_HEADERS', 'info', 'an Outlook archive without any item'));
  } finally {
    access.close();
    if (--openArchives === 0) forgetNamedProperties(PSTFile);
  }
}

/** The whole archive from a stream (stdin, a `.gz`), up to {@link MAX_PST_BUFFER_BYTES}; a record with an issue otherwise. */
export async function bufferArchive(chunks: AsyncIterable<Uint8Array>, source: string): Promise<Buffer | MessageRecord> {
  const parts: Uint8Array[] = [];
  let total = 0;
  let found: Issue | null = null;
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      if (total > MAX_PST_BUFFER_BYTES) {
        found = issue('IO_UNREADABLE', 'error', `an Outlook archive read from a stream or .gz must fit in ${MAX_PST_BUFFER_BYTES} bytes (MAX_PST_BUFFER_BYTES); give its path instead`);
        break;
      }
      parts.push(chunk);
    }
  } catch (error) {
    found = streamErrorIssue(error, total);
  }
  if (found !== null) return faultRecord(source, 0, found);
  return Buffer.concat(parts, total);
}
