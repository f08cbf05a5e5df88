/**
 * Test helper: a minimal Unicode Outlook archive ([MS-PST]), written from our own header blocks, so the `.pst` tests
 * (and the memory test on a large archive) run on files we make. No writer exists on npm. Not a test file.
 *
 * What is written, after [MS-PST] 2.2 (NDB) and 2.3 (LTP), unencrypted (`NDB_CRYPT_NONE`):
 * - the header with both CRCs (`dwCRCPartial`, `dwCRCFull`), the roots of the two B-trees, `bidNextB`/`bidNextP`;
 * - data blocks (trailer with `cb`, `wSig`, CRC, BID; 64-byte aligned), XBLOCKs for data over 8,176 bytes,
 *   SLBLOCKs for subnode trees, and the node (NBT) and block (BBT) B-trees as 512-byte pages over them;
 * - heap-on-node (one block per heap), BTH (one level), property contexts for the message store, the name-to-id
 *   map, folders, messages and attachments, and table contexts (hierarchy, contents, associated contents,
 *   attachments; 4-byte columns only, up to {@link MAX_TABLE_ROWS} rows, row matrix in a subnode when large);
 * - folders under the root folder (NID 0x122), messages with `PR_MESSAGE_CLASS`, `PR_TRANSPORT_MESSAGE_HEADERS`
 *   (0x007D, PT_UNICODE), an optional filler body, and attachments that are embedded messages (`afEmbeddedMessage`).
 *
 * Not written: allocation maps (`fAMapValid` = 0, which tells Outlook to rebuild them), the density list, search
 * folders and the table templates, recipients tables, and named properties beyond a stub name-to-id map.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** [MS-PST] 2.2.2.8.3.1: data bytes in one block (8 KiB less the 16-byte trailer). */
const BLOCK_DATA_MAX = 8176;
/** [MS-PST] 2.3.1.1: the largest heap allocation. */
const HEAP_ALLOC_MAX = 3580;
/** Strings and binaries up to this size go in the object's heap; larger ones to a subnode of their own. */
const IN_HEAP_MAX = 1024;
/** Rows of one table: the row index is one BTH leaf allocation (8 bytes a row). */
export const MAX_TABLE_ROWS = Math.floor(HEAP_ALLOC_MAX / 8);
const PAGE = 512;
const FIRST_BLOCK_AT = 0x4600;

const NID_MESSAGE_STORE = 0x21;
const NID_NAME_TO_ID_MAP = 0x61;
const NID_ROOT_FOLDER = 0x122;
const NID_ATTACHMENT_TABLE = 0x671;
const NID_TYPE_NORMAL_FOLDER = 0x02;
const NID_TYPE_NORMAL_MESSAGE = 0x04;
const NID_TYPE_ATTACHMENT = 0x05;
const NID_TYPE_HIERARCHY_TABLE = 0x0d;
const NID_TYPE_CONTENTS_TABLE = 0x0e;
const NID_TYPE_ASSOC_CONTENTS_TABLE = 0x0f;
const NID_TYPE_LTP = 0x1f;

const PT_INT32 = 0x0003;
const PT_BOOLEAN = 0x000b;
const PT_OBJECT = 0x000d;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;

const MSGFLAG_READ = 0x01;
const MSGFLAG_HASATTACH = 0x10;
const AFEMBEDDEDMESSAGE = 5;

/** One message of the archive. */
export interface PstItem {
  /** `PR_TRANSPORT_MESSAGE_HEADERS`: the header block; left out when absent (a draft). */
  readonly headers?: string;
  /** `PR_MESSAGE_CLASS` (default `IPM.Note`). */
  readonly messageClass?: string;
  readonly subject?: string;
  /** A `PR_BODY` of this many bytes (UTF-16), in its own subnode: bulk that the reader must not load. */
  readonly bodyBytes?: number;
  /** Attachments that are embedded messages ([MS-PST] 2.4.6.2, `afEmbeddedMessage`), in order. */
  readonly attachments?: readonly PstItem[];
  /**
   * Make the first attachment's embedded message hold an attachment whose object is that same embedded message
   * again (its subnode tree points back to the attachment's own): a loop only a depth limit ends.
   */
  readonly loopingAttachment?: boolean;
  /** Make the first attachment's PidTagAttachDataObject name a subnode that does not exist (a damaged attachment). */
  readonly brokenAttachment?: boolean;
}

/** One folder: its items (a generator is read once, never held), then its sub-folders. */
export interface PstFolder {
  readonly name: string;
  /**
   * Make the folder's property context state, in its heap's page map, a last allocation ending past its block
   * (a damaged HNPAGEMAP): the value it bounds reads past the end of the node's data.
   */
  readonly overrunHeap?: boolean;
  readonly items?: Iterable<PstItem>;
  readonly folders?: readonly PstFolder[];
}

/** What {@link writePst} wrote. */
export interface PstWritten {
  readonly bytes: number;
  readonly items: number;
  readonly folders: number;
}

// ---------------------------------------------------------------------------------------------------------------
// [MS-PST] 5.3: CRC-32 with the usual reflected polynomial, started at 0 and not inverted.

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/** [MS-PST] 5.3 `ComputeCRC`. */
export function pstCrc(bytes: Uint8Array, crc = 0): number {
  let c = crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

/** [MS-PST] 5.5 `ComputeSig`: the 16-bit signature of a block or page from its file offset and BID. */
function computeSig(ib: number, bid: number): number {
  const x = BigInt(ib) ^ BigInt(bid);
  return Number(((x >> 16n) ^ x) & 0xffffn);
}

const align = (n: number, to: number): number => Math.ceil(n / to) * to;

// ---------------------------------------------------------------------------------------------------------------
// The file: written front to back through a buffer, the header last at offset 0.

class Sink {
  private readonly buffer = Buffer.alloc(4 * 1024 * 1024);
  private used = 0;
  offset: number;

  constructor(
    private readonly fd: number,
    start: number,
  ) {
    this.offset = start;
  }

  write(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) {
      writeSync(this.fd, bytes, 0, bytes.length, this.offset);
    } else {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.offset += bytes.length;
  }

  zeros(n: number): void {
    if (n > 0) this.write(Buffer.alloc(n));
  }

  flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.buffer, 0, this.used, this.offset - this.used);
    this.used = 0;
  }
}

interface NodeEntry {
  readonly nid: number;
  readonly bidData: number;
  readonly bidSub: number;
  readonly parent: number;
}

interface Subnode {
  readonly nid: number;
  readonly bidData: number;
  readonly bidSub: number;
}

/** The NDB layer: blocks, data trees, subnode trees, and at the end the two B-trees and the header. */
class Ndb {
  private nextBlock = 1;
  private nextPage = 1;
  /** BBT leaf entries as parallel arrays: bid, file offset, size. */
  private readonly bids: number[] = [];
  private readonly ibs: number[] = [];
  private readonly cbs: number[] = [];
  readonly nodes: NodeEntry[] = [];
  private readonly crcs = new WeakMap<Uint8Array, number>();
  /** The blocks of data written again and again (filler bodies), cut once so their CRCs are computed once. */
  private readonly pieces = new WeakMap<Uint8Array, Uint8Array[]>();

  constructor(readonly sink: Sink) {}

  /** A BID for a block written later (blocks are found by BID, so the order in the file does not matter). */
  reserve(internal: boolean): number {
    return (this.nextBlock++ << 2) | (internal ? 2 : 0);
  }

  /** One block ([MS-PST] 2.2.2.8): data, padding to 64 bytes, trailer. */
  block(data: Uint8Array, internal = false, bid = this.reserve(internal)): number {
    if (data.length > BLOCK_DATA_MAX) throw new Error(`a block of ${data.length} bytes`);
    const ib = this.sink.offset;
    const size = align(data.length + 16, 64);
    // Identical bulk (filler bodies) is the same Uint8Array: its CRC once.
    let crc = this.crcs.get(data);
    if (crc === undefined) {
      crc = pstCrc(data);
      this.crcs.set(data, crc);
    }
    const trailer = Buffer.alloc(16);
    trailer.writeUInt16LE(data.length, 0);
    trailer.writeUInt16LE(computeSig(ib, bid), 2);
    trailer.writeUInt32LE(crc, 4);
    trailer.writeBigUInt64LE(BigInt(bid), 8);
    this.sink.write(data);
    this.sink.zeros(size - 16 - data.length);
    this.sink.write(trailer);
    this.bids.push(bid);
    this.ibs.push(ib);
    this.cbs.push(data.length);
    return bid;
  }

  /** A data tree ([MS-PST] 2.2.2.8.3.2): one block, or an XBLOCK over blocks of 8,176 bytes. */
  data(bytes: Uint8Array): number {
    if (bytes.length <= BLOCK_DATA_MAX) return this.block(bytes);
    const count = Math.ceil(bytes.length / BLOCK_DATA_MAX);
    if (8 + count * 8 > BLOCK_DATA_MAX) throw new Error('data larger than one XBLOCK holds (no XXBLOCK here)');
    const xblock = Buffer.alloc(8 + count * 8);
    xblock[0] = 0x01; // btype
    xblock[1] = 0x01; // cLevel: XBLOCK
    xblock.writeUInt16LE(count, 2);
    xblock.writeUInt32LE(bytes.length, 4);
    let pieces = this.pieces.get(bytes);
    if (pieces === undefined) {
      pieces = Array.from({ length: count }, (_, i) => bytes.subarray(i * BLOCK_DATA_MAX, (i + 1) * BLOCK_DATA_MAX));
      this.pieces.set(bytes, pieces);
    }
    pieces.forEach((piece, i) => xblock.writeBigUInt64LE(BigInt(this.block(piece)), 8 + i * 8));
    return this.block(xblock, true);
  }

  /** A subnode tree ([MS-PST] 2.2.2.8.3.3.1): one SLBLOCK sorted by NID; 0 when there is none. */
  subnodes(entries: readonly Subnode[], bid?: number): number {
    if (entries.length === 0) return 0;
    const sorted = [...entries].sort((a, b) => a.nid - b.nid);
    const slblock = Buffer.alloc(8 + sorted.length * 24);
    if (slblock.length > BLOCK_DATA_MAX) throw new Error('more subnodes than one SLBLOCK holds');
    slblock[0] = 0x02; // btype
    slblock[1] = 0x00; // cLevel: SLBLOCK
    slblock.writeUInt16LE(sorted.length, 2);
    sorted.forEach((s, i) => {
      slblock.writeBigUInt64LE(BigInt(s.nid), 8 + i * 24);
      slblock.writeBigUInt64LE(BigInt(s.bidData), 16 + i * 24);
      slblock.writeBigUInt64LE(BigInt(s.bidSub), 24 + i * 24);
    });
    return this.block(slblock, true, bid);
  }

  node(nid: number, bidData: number, bidSub: number, parent: number): void {
    this.nodes.push({ nid, bidData, bidSub, parent });
  }

  /**
   * The B-tree pages ([MS-PST] 2.2.2.7.7): leaves of `perLeaf` entries, then branch levels of 20 (key, BREF)
   * entries up to one root page. Returns the root's BREF.
   */
  private tree(ptype: number, count: number, perLeaf: number, cbEnt: number, writeEntry: (page: Buffer, at: number, i: number) => void, keyOf: (i: number) => number): { bid: number; ib: number } {
    const sink = this.sink;
    const page = (entries: number, cbEntry: number, level: number, fill: (p: Buffer) => void): { bid: number; ib: number } => {
      const p = Buffer.alloc(PAGE);
      fill(p);
      const ib = sink.offset;
      const bid = this.nextPage++ << 2;
      p[488] = entries;
      p[489] = Math.floor(488 / cbEntry);
      p[490] = cbEntry;
      p[491] = level;
      p[496] = ptype;
      p[497] = ptype;
      p.writeUInt16LE(computeSig(ib, bid), 498);
      p.writeUInt32LE(pstCrc(p.subarray(0, 496)), 500);
      p.writeBigUInt64LE(BigInt(bid), 504);
      sink.write(p);
      return { bid, ib };
    };
    let level: { key: number; bid: number; ib: number }[] = [];
    for (let start = 0; start < Math.max(count, 1); start += perLeaf) {
      const n = Math.min(perLeaf, count - start);
      const ref = page(n, cbEnt, 0, (p) => {
        for (let k = 0; k < n; k++) writeEntry(p, k * cbEnt, start + k);
      });
      level.push({ key: count === 0 ? 0 : keyOf(start), ...ref });
    }
    for (let depth = 1; level.length > 1; depth++) {
      const up: typeof level = [];
      for (let start = 0; start < level.length; start += 20) {
        const children = level.slice(start, start + 20);
        const ref = page(children.length, 24, depth, (p) => {
          children.forEach((c, k) => {
            p.writeBigUInt64LE(BigInt(c.key), k * 24);
            p.writeBigUInt64LE(BigInt(c.bid), k * 24 + 8);
            p.writeBigUInt64LE(BigInt(c.ib), k * 24 + 16);
          });
        });
        up.push({ key: children[0]!.key, ...ref });
      }
      level = up;
    }
    return level[0]!;
  }

  /** The B-trees, then the header with its CRCs; closes nothing. */
  finish(fd: number): number {
    const sink = this.sink;
    sink.zeros(align(sink.offset, PAGE) - sink.offset);
    // BBT leaf entry ([MS-PST] 2.2.2.7.7.3): BREF, cb, cRef, padding. BIDs were handed out in rising order, but
    // reserved ones are written late: sort.
    const order = this.bids.map((_, i) => i).sort((a, b) => this.bids[a]! - this.bids[b]!);
    const bbt = this.tree(0x80, order.length, 20, 24, (p, at, i) => {
      const k = order[i]!;
      p.writeBigUInt64LE(BigInt(this.bids[k]!), at);
      p.writeBigUInt64LE(BigInt(this.ibs[k]!), at + 8);
      p.writeUInt16LE(this.cbs[k]!, at + 16);
      p.writeUInt16LE(2, at + 18);
    }, (i) => this.bids[order[i]!]!);
    // NBT leaf entry ([MS-PST] 2.2.2.7.7.4): nid, bidData, bidSub, nidParent, padding.
    const nodes = [...this.nodes].sort((a, b) => a.nid - b.nid);
    const nbt = this.tree(0x81, nodes.length, 15, 32, (p, at, i) => {
      const n = nodes[i]!;
      p.writeBigUInt64LE(BigInt(n.nid), at);
      p.writeBigUInt64LE(BigInt(n.bidData), at + 8);
      p.writeBigUInt64LE(BigInt(n.bidSub), at + 16);
      p.writeUInt32LE(n.parent, at + 24);
    }, (i) => nodes[i]!.nid);
    sink.flush();
    const eof = sink.offset;

    // [MS-PST] 2.2.2.6: the Unicode HEADER.
    const h = Buffer.alloc(564);
    h.write('!BDN', 0, 'latin1');
    h.write('SM', 8, 'latin1');
    h.writeUInt16LE(23, 10); // wVer: Unicode
    h.writeUInt16LE(19, 12); // wVerClient
    h[14] = 0x01; // bPlatformCreate
    h[15] = 0x01; // bPlatformAccess
    h.writeBigUInt64LE(BigInt(this.nextPage << 2), 32); // bidNextP
    for (let type = 0; type < 32; type++) h.writeUInt32LE(0x400, 44 + 4 * type); // rgnid: next NID index per type
    h.writeBigUInt64LE(BigInt(eof), 184); // ROOT.ibFileEof
    h.writeBigUInt64LE(BigInt(FIRST_BLOCK_AT - 0x200), 192); // ROOT.ibAMapLast
    h.writeBigUInt64LE(BigInt(nbt.bid), 216);
    h.writeBigUInt64LE(BigInt(nbt.ib), 224);
    h.writeBigUInt64LE(BigInt(bbt.bid), 232);
    h.writeBigUInt64LE(BigInt(bbt.ib), 240);
    h[248] = 0x00; // fAMapValid: INVALID_AMAP (none written)
    h.fill(0xff, 256, 512); // rgbFM, rgbFP: deprecated, all 0xFF
    h[512] = 0x80; // bSentinel
    h[513] = 0x00; // bCryptMethod: NDB_CRYPT_NONE
    h.writeBigUInt64LE(BigInt(this.nextBlock << 2), 516); // bidNextB
    h.writeUInt32LE(pstCrc(h.subarray(8, 8 + 471)), 4); // dwCRCPartial
    h.writeUInt32LE(pstCrc(h.subarray(8, 8 + 516)), 524); // dwCRCFull
    writeSync(fd, h, 0, h.length, 0);
    return eof;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The LTP layer: heap-on-node, BTH, property and table contexts.

/** A heap-on-node in one block ([MS-PST] 2.3.1): HNHDR, allocations, HNPAGEMAP. */
class Heap {
  private readonly items: Uint8Array[] = [];

  /** An allocation; its HID (block 0, 1-based index). */
  alloc(bytes: Uint8Array): number {
    if (bytes.length > HEAP_ALLOC_MAX) throw new Error(`a heap allocation of ${bytes.length} bytes`);
    this.items.push(bytes);
    return this.items.length << 5;
  }

  set(hid: number, bytes: Uint8Array): void {
    this.items[(hid >> 5) - 1] = bytes;
  }

  /** The heap's block; with `overrun`, the page map's last offset points 256 bytes past the block's end. */
  build(clientSig: number, hidUserRoot: number, overrun = false): Buffer {
    const offsets: number[] = [];
    let at = 12;
    for (const item of this.items) {
      offsets.push(at);
      at += item.length;
    }
    offsets.push(at);
    const ibHnpm = align(at, 2);
    const total = ibHnpm + 4 + 2 * offsets.length;
    if (total > BLOCK_DATA_MAX) throw new Error(`a heap of ${total} bytes (one block here)`);
    const out = Buffer.alloc(total);
    out.writeUInt16LE(ibHnpm, 0);
    out[2] = 0xec; // bSig
    out[3] = clientSig;
    out.writeUInt32LE(hidUserRoot, 4);
    this.items.forEach((item, i) => out.set(item, offsets[i]!));
    out.writeUInt16LE(this.items.length, ibHnpm); // cAlloc
    offsets.forEach((o, i) => out.writeUInt16LE(o, ibHnpm + 4 + 2 * i));
    if (overrun) out.writeUInt16LE(at + 256, ibHnpm + 4 + 2 * this.items.length);
    return out;
  }
}

/** A BTH header ([MS-PST] 2.3.2.1) with one level of sorted records. */
function bthHeader(cbKey: number, cbEnt: number, hidRoot: number): Buffer {
  const b = Buffer.alloc(8);
  b[0] = 0xb5;
  b[1] = cbKey;
  b[2] = cbEnt;
  b[3] = 0; // bIdxLevels
  b.writeUInt32LE(hidRoot, 4);
  return b;
}

type PropValue = number | boolean | string | Uint8Array | { readonly objectNid: number; readonly size: number };

interface Prop {
  readonly id: number;
  readonly type: number;
  readonly value: PropValue;
}

/** Subnodes of one object (message, attachment, table), and the next free NID of type LTP among them. */
class Subnodes {
  readonly list: Subnode[] = [];
  private next = 1;

  constructor(readonly ndb: Ndb) {}

  /** Variable-size data: in the heap when small, else a subnode of its own ([MS-PST] 2.3.3.2 HNID). */
  hnid(heap: Heap, bytes: Uint8Array): number {
    if (bytes.length === 0) return 0;
    if (bytes.length <= IN_HEAP_MAX) return heap.alloc(bytes);
    const nid = (this.next++ << 5) | NID_TYPE_LTP;
    this.list.push({ nid, bidData: this.ndb.data(bytes), bidSub: 0 });
    return nid;
  }

  add(sub: Subnode): void {
    this.list.push(sub);
  }

  write(bid?: number): number {
    return this.ndb.subnodes(this.list, bid);
  }
}

/** A property context ([MS-PST] 2.3.3): BTH of (property id → type, value or HNID) as the heap's user root. */
function propertyContext(props: readonly Prop[], subs: Subnodes, overrun = false): Buffer {
  const heap = new Heap();
  const header = heap.alloc(bthHeader(2, 6, 0));
  const sorted = [...props].sort((a, b) => a.id - b.id);
  const records = Buffer.alloc(8 * sorted.length);
  sorted.forEach((p, i) => {
    records.writeUInt16LE(p.id, 8 * i);
    records.writeUInt16LE(p.type, 8 * i + 2);
    records.writeUInt32LE(valueOf(p, heap, subs), 8 * i + 4);
  });
  heap.set(header, bthHeader(2, 6, sorted.length === 0 ? 0 : heap.alloc(records)));
  return heap.build(0xbc, header, overrun);
}

function valueOf(p: Prop, heap: Heap, subs: Subnodes): number {
  const v = p.value;
  switch (p.type) {
    case PT_INT32:
      return (v as number) >>> 0;
    case PT_BOOLEAN:
      return v === true ? 1 : 0;
    case PT_UNICODE:
      return subs.hnid(heap, Buffer.from(v as string, 'utf16le'));
    case PT_BINARY:
      return subs.hnid(heap, v as Uint8Array);
    case PT_OBJECT: {
      // [MS-PST] 2.3.3.5: the heap item holds the subnode's NID and the object's size.
      const o = v as { objectNid: number; size: number };
      const b = Buffer.alloc(8);
      b.writeUInt32LE(o.objectNid, 0);
      b.writeUInt32LE(o.size, 4);
      return heap.alloc(b);
    }
    default:
      throw new Error(`no writer for property type ${p.type}`);
  }
}

/**
 * A table context ([MS-PST] 2.4.4 / 2.3.4) of 4-byte columns: the row index BTH first (HID 0x20, where readers look
 * for a BTH header), TCINFO as the user root, the row matrix in the heap or, when large, in a subnode whose blocks
 * hold whole rows. Row `k`'s first column is its row id (`PidTagLtpRowId`).
 */
function tableContext(columns: readonly { id: number; type: number }[], rows: readonly (readonly number[])[], subs: Subnodes): Buffer {
  if (rows.length > MAX_TABLE_ROWS) throw new Error(`a table of ${rows.length} rows (at most ${MAX_TABLE_ROWS} here)`);
  const cols = columns.length;
  const ceb = Math.ceil(cols / 8);
  const rowBytes = 4 * cols + ceb;
  const heap = new Heap();
  const indexHeader = heap.alloc(bthHeader(4, 4, 0));
  const tcinfo = heap.alloc(Buffer.alloc(22 + 8 * cols));
  // Row index: (dwRowID → row number), sorted by row id.
  const byId = rows.map((r, i) => [r[0]!, i] as const).sort((a, b) => a[0] - b[0]);
  const index = Buffer.alloc(8 * rows.length);
  byId.forEach(([id, i], k) => {
    index.writeUInt32LE(id >>> 0, 8 * k);
    index.writeUInt32LE(i, 8 * k + 4);
  });
  heap.set(indexHeader, bthHeader(4, 4, rows.length === 0 ? 0 : heap.alloc(index)));
  // Row matrix: rows never straddle a block, each full block padded to 8,176 bytes.
  const perBlock = Math.floor(BLOCK_DATA_MAX / rowBytes);
  const blocks = Math.ceil(rows.length / perBlock);
  const matrix = Buffer.alloc(rows.length === 0 ? 0 : (blocks - 1) * BLOCK_DATA_MAX + (rows.length - (blocks - 1) * perBlock) * rowBytes);
  rows.forEach((row, i) => {
    const at = Math.floor(i / perBlock) * BLOCK_DATA_MAX + (i % perBlock) * rowBytes;
    row.forEach((value, c) => matrix.writeUInt32LE(value >>> 0, at + 4 * c));
    for (let c = 0; c < cols; c++) matrix[at + 4 * cols + (c >> 3)]! |= 0x80 >> (c & 7);
  });
  let hnidRows = 0;
  if (matrix.length > 0 && matrix.length <= IN_HEAP_MAX) hnidRows = heap.alloc(matrix);
  else if (matrix.length > 0) {
    const nid = (1 << 5) | NID_TYPE_LTP;
    subs.add({ nid, bidData: subs.ndb.data(matrix), bidSub: 0 });
    hnidRows = nid;
  }
  const info = Buffer.alloc(22 + 8 * cols);
  info[0] = 0x7c; // bType
  info[1] = cols;
  info.writeUInt16LE(4 * cols, 2); // TCI_4b
  info.writeUInt16LE(4 * cols, 4); // TCI_2b
  info.writeUInt16LE(4 * cols, 6); // TCI_1b
  info.writeUInt16LE(rowBytes, 8); // TCI_bm
  info.writeUInt32LE(indexHeader, 10); // hidRowIndex
  info.writeUInt32LE(hnidRows, 14);
  // TCOLDESC, sorted by tag; ibData keeps the row order given (row id first, as [MS-PST] 2.3.4.4.1 wants).
  const order = columns.map((c, i) => ({ ...c, i })).sort((a, b) => ((a.id << 16) | a.type) - ((b.id << 16) | b.type));
  order.forEach((c, k) => {
    info.writeUInt16LE(c.type, 22 + 8 * k);
    info.writeUInt16LE(c.id, 24 + 8 * k);
    info.writeUInt16LE(4 * c.i, 26 + 8 * k);
    info[28 + 8 * k] = 4;
    info[29 + 8 * k] = c.i;
  });
  heap.set(tcinfo, info);
  return heap.build(0x7c, tcinfo);
}

const ROW_ID = { id: 0x67f2, type: PT_INT32 };
const ROW_VER = { id: 0x67f3, type: PT_INT32 };

// ---------------------------------------------------------------------------------------------------------------
// Messaging layer: store, folders, messages, attachments.

class Writer {
  private folderIndex = 0x400;
  private messageIndex = 0x10000;
  items = 0;
  folders = 0;
  private readonly bodies = new Map<number, Buffer>();

  constructor(readonly ndb: Ndb) {}

  /** A message object: its PC and subnode tree (headers, body, attachment table, attachments). */
  message(item: PstItem): { bidData: number; bidSub: number } {
    const subs = new Subnodes(this.ndb);
    const attachments = item.attachments ?? [];
    const props: Prop[] = [
      { id: 0x001a, type: PT_UNICODE, value: item.messageClass ?? 'IPM.Note' },
      { id: 0x0e07, type: PT_INT32, value: MSGFLAG_READ | (attachments.length > 0 ? MSGFLAG_HASATTACH : 0) },
      { id: 0x0e08, type: PT_INT32, value: (item.headers?.length ?? 0) * 2 + (item.bodyBytes ?? 0) },
    ];
    if (item.subject !== undefined) props.push({ id: 0x0037, type: PT_UNICODE, value: item.subject });
    if (item.headers !== undefined) props.push({ id: 0x007d, type: PT_UNICODE, value: item.headers });
    if (item.bodyBytes !== undefined && item.bodyBytes > 0) props.push({ id: 0x1000, type: PT_BINARY, value: this.body(item.bodyBytes) });
    if (attachments.length > 0) {
      const rows: number[][] = [];
      attachments.forEach((inner, k) => {
        const nid = ((k + 1) << 5) | NID_TYPE_ATTACHMENT;
        subs.add({ nid, ...this.attachment(inner, k === 0 && item.loopingAttachment === true, k === 0 && item.brokenAttachment === true) });
        rows.push([nid, 1, AFEMBEDDEDMESSAGE]);
      });
      const tableSubs = new Subnodes(this.ndb);
      const table = tableContext([ROW_ID, ROW_VER, { id: 0x3705, type: PT_INT32 }], rows, tableSubs);
      subs.add({ nid: NID_ATTACHMENT_TABLE, bidData: this.ndb.data(table), bidSub: tableSubs.write() });
    }
    const pc = propertyContext(props, subs);
    return { bidData: this.ndb.data(pc), bidSub: subs.write() };
  }

  /**
   * An attachment object holding an embedded message ([MS-PST] 2.4.6.2): its PC names the message's subnode (in
   * the attachment's own subnode tree) through `PidTagAttachDataObject` (PtypObject).
   */
  private attachment(inner: PstItem, looping: boolean, broken: boolean): { bidData: number; bidSub: number } {
    const subs = new Subnodes(this.ndb);
    const objectNid = (1 << 5) | NID_TYPE_NORMAL_MESSAGE;
    const treeBid = looping ? this.ndb.reserve(true) : undefined;
    const embedded = looping && treeBid !== undefined ? this.loopingMessage(inner, objectNid, treeBid) : this.message(inner);
    subs.add({ nid: objectNid, ...embedded });
    const props: Prop[] = [
      { id: 0x3705, type: PT_INT32, value: AFEMBEDDEDMESSAGE },
      { id: 0x3701, type: PT_OBJECT, value: { objectNid: broken ? objectNid + 0x20 : objectNid, size: 0 } },
      { id: 0x0e20, type: PT_INT32, value: 0 },
      { id: 0x3001, type: PT_UNICODE, value: inner.subject ?? 'message' },
    ];
    const pc = propertyContext(props, subs);
    return { bidData: this.ndb.data(pc), bidSub: subs.write(treeBid) };
  }

  /** An embedded message whose one attachment's subnode tree is `treeBid`: the tree that holds this message. */
  private loopingMessage(inner: PstItem, objectNid: number, treeBid: number): { bidData: number; bidSub: number } {
    const subs = new Subnodes(this.ndb);
    const attachNid = (1 << 5) | NID_TYPE_ATTACHMENT;
    const attachSubs = new Subnodes(this.ndb);
    const attachPc = propertyContext(
      [
        { id: 0x3705, type: PT_INT32, value: AFEMBEDDEDMESSAGE },
        { id: 0x3701, type: PT_OBJECT, value: { objectNid, size: 0 } },
      ],
      attachSubs,
    );
    subs.add({ nid: attachNid, bidData: this.ndb.data(attachPc), bidSub: treeBid });
    const tableSubs = new Subnodes(this.ndb);
    const table = tableContext([ROW_ID, ROW_VER, { id: 0x3705, type: PT_INT32 }], [[attachNid, 1, AFEMBEDDEDMESSAGE]], tableSubs);
    subs.add({ nid: NID_ATTACHMENT_TABLE, bidData: this.ndb.data(table), bidSub: tableSubs.write() });
    const props: Prop[] = [
      { id: 0x001a, type: PT_UNICODE, value: inner.messageClass ?? 'IPM.Note' },
      { id: 0x0e07, type: PT_INT32, value: MSGFLAG_READ | MSGFLAG_HASATTACH },
    ];
    if (inner.headers !== undefined) props.push({ id: 0x007d, type: PT_UNICODE, value: inner.headers });
    const pc = propertyContext(props, subs);
    return { bidData: this.ndb.data(pc), bidSub: subs.write() };
  }

  /** Filler body bytes, one buffer per size (the writer's CRC cache keys on it). */
  private body(size: number): Buffer {
    let b = this.bodies.get(size);
    if (b === undefined) {
      b = Buffer.alloc(size, 'Lorem ipsum dolor sit amet. ', 'utf16le');
      this.bodies.set(size, b);
    }
    return b;
  }

  /** A folder, its messages and sub-folders ([MS-PST] 2.4.4): PC plus hierarchy, contents and FAI tables. */
  folder(spec: PstFolder, nid: number, parent: number): { nid: number; count: number; hasSubfolders: boolean } {
    this.folders++;
    const messages: number[] = [];
    for (const item of spec.items ?? []) {
      if (messages.length >= MAX_TABLE_ROWS) throw new Error(`folder ${spec.name}: at most ${MAX_TABLE_ROWS} items a folder here`);
      const mnid = (this.messageIndex++ << 5) | NID_TYPE_NORMAL_MESSAGE;
      const { bidData, bidSub } = this.message(item);
      this.ndb.node(mnid, bidData, bidSub, nid);
      messages.push(mnid);
      this.items++;
    }
    const children: { nid: number; count: number; hasSubfolders: boolean }[] = [];
    for (const sub of spec.folders ?? []) children.push(this.folder(sub, (this.folderIndex++ << 5) | NID_TYPE_NORMAL_FOLDER, nid));
    const subs = new Subnodes(this.ndb);
    const pc = propertyContext(
      [
        { id: 0x3001, type: PT_UNICODE, value: spec.name },
        { id: 0x3602, type: PT_INT32, value: messages.length },
        { id: 0x3603, type: PT_INT32, value: 0 },
        { id: 0x360a, type: PT_BOOLEAN, value: children.length > 0 },
        { id: 0x3613, type: PT_UNICODE, value: 'IPF.Note' },
      ],
      subs,
      spec.overrunHeap === true,
    );
    this.ndb.node(nid, this.ndb.data(pc), subs.write(), parent);
    const base = nid & ~0x1f;
    const table = (type: number, columns: { id: number; type: number }[], rows: number[][]): void => {
      const tableSubs = new Subnodes(this.ndb);
      const tc = tableContext(columns, rows, tableSubs);
      this.ndb.node(base | type, this.ndb.data(tc), tableSubs.write(), nid);
    };
    table(NID_TYPE_HIERARCHY_TABLE, [ROW_ID, ROW_VER, { id: 0x3602, type: PT_INT32 }, { id: 0x360a, type: PT_BOOLEAN }], children.map((c) => [c.nid, 1, c.count, c.hasSubfolders ? 1 : 0]));
    table(NID_TYPE_CONTENTS_TABLE, [ROW_ID, ROW_VER, { id: 0x0e07, type: PT_INT32 }], messages.map((m) => [m, 1, MSGFLAG_READ]));
    table(NID_TYPE_ASSOC_CONTENTS_TABLE, [ROW_ID, ROW_VER], []);
    return { nid, count: messages.length, hasSubfolders: children.length > 0 };
  }

  /** The message store ([MS-PST] 2.4.3) and the name-to-id map ([MS-PST] 2.4.7), as stubs readers accept. */
  store(): void {
    const entryId = Buffer.alloc(24);
    entryId.writeUInt32LE(NID_ROOT_FOLDER, 20);
    const record = Buffer.from('0123456789abcdef', 'latin1');
    record.copy(entryId, 4);
    let subs = new Subnodes(this.ndb);
    const store = propertyContext(
      [
        { id: 0x0ff9, type: PT_BINARY, value: record }, // PidTagRecordKey
        { id: 0x3001, type: PT_UNICODE, value: 'Test archive' },
        { id: 0x35e0, type: PT_BINARY, value: entryId }, // PidTagIpmSubTreeEntryId
      ],
      subs,
    );
    this.ndb.node(NID_MESSAGE_STORE, this.ndb.data(store), subs.write(), 0);
    subs = new Subnodes(this.ndb);
    const names = propertyContext(
      [
        { id: 0x0001, type: PT_INT32, value: 251 }, // PidTagNameidBucketCount
        { id: 0x0002, type: PT_BINARY, value: Buffer.alloc(16) }, // GUID stream: one (null) GUID
        { id: 0x0003, type: PT_BINARY, value: Buffer.from([0x00, 0x85, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]) }, // one NAMEID
        { id: 0x0004, type: PT_BINARY, value: Buffer.from([0x02, 0x00, 0x00, 0x00, 0x78, 0x00, 0x00, 0x00]) }, // one name: "x"
      ],
      subs,
    );
    this.ndb.node(NID_NAME_TO_ID_MAP, this.ndb.data(names), subs.write(), 0);
  }
}

/**
 * Write an archive to `path`: the root folder (NID 0x122, no items, display name empty) holding `folders`. Items are
 * written as they are produced, so a generator of a million items needs no more memory than the B-tree entries.
 */
export function writePst(path: string, folders: readonly PstFolder[]): PstWritten {
  const fd = openSync(path, 'w');
  try {
    const ndb = new Ndb(new Sink(fd, FIRST_BLOCK_AT));
    const writer = new Writer(ndb);
    writer.store();
    writer.folder({ name: '', folders }, NID_ROOT_FOLDER, NID_ROOT_FOLDER);
    const bytes = ndb.finish(fd);
    return { bytes, items: writer.items, folders: writer.folders - 1 };
  } finally {
    closeSync(fd);
  }
}
