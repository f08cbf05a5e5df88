/**
 * A structural check of a Compound File ([MS-CFB]) before `@kenjiuno/msgreader` reads it. That reader follows
 * sector chains and the directory tree without a step limit: one FAT entry pointing at itself, or a directory
 * entry that is its own sibling, hangs it, and a stream size of 2 GiB in a 1 KiB file allocates 2 GiB. This walk
 * reads the same structures the same way, with every walk bounded, and names the first fault it meets.
 * @module
 */

/** [MS-CFB] 2.2: the eight signature bytes every compound file starts with. */
const CFB_MAGIC: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** 100,000 directory entries: an Outlook item has a few hundred; more is a generated maze, each entry walked. */
export const MAX_CFB_DIRECTORY_ENTRIES = 100_000;
/** 64 nested storages: an attached `.msg` adds two levels; deeper is built to exhaust the reader's recursion. */
export const MAX_CFB_STORAGE_DEPTH = 64;

const HEADER_BYTES = 512;
const END_OF_CHAIN = -2;
const NO_STREAM = -1;
const ENTRY_BYTES = 128;
const MINI_SECTOR_BYTES = 64;
/** [MS-CFB] 2.2: streams smaller than this live in the mini stream. */
const MINI_STREAM_CUTOFF = 4096;
const HEADER_FAT_ENTRIES = 109;
const TYPE_STORAGE = 1;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

/** `true` when `bytes` starts with the [MS-CFB] 2.2 signature (`.msg`, also old Office documents). */
export function hasCfbMagic(bytes: Uint8Array): boolean {
  if (bytes.length < CFB_MAGIC.length) return false;
  for (let i = 0; i < CFB_MAGIC.length; i++) if (bytes[i] !== CFB_MAGIC[i]) return false;
  return true;
}

class Fault extends Error {}

interface Entry {
  readonly type: number;
  readonly left: number;
  readonly right: number;
  readonly child: number;
  readonly start: number;
  readonly size: number;
}

class Compound {
  readonly view: DataView;
  readonly sectorBytes: number;
  readonly perSector: number;
  readonly sectors: number;
  readonly fat: number[] = [];

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const shift = this.view.getUint16(30, true);
    // [MS-CFB] 2.2: sector shift 9 (version 3) or 12 (version 4); the reader treats anything but 12 as 9.
    if (shift !== 9 && shift !== 12) throw new Fault(`sector shift ${shift} (only 9 and 12 exist)`);
    this.sectorBytes = 1 << shift;
    this.perSector = this.sectorBytes / 4;
    this.sectors = Math.max(0, Math.ceil((bytes.length - this.sectorBytes) / this.sectorBytes));
  }

  int(offset: number): number {
    if (offset < 0 || offset + 4 > this.bytes.length) throw new Fault(`a structure at byte ${offset} lies past the end of the file`);
    return this.view.getInt32(offset, true);
  }

  /** A count from the header: negative or more than there are sectors is a lie. */
  count(offset: number, what: string): number {
    const n = this.int(offset);
    if (n < 0 || n > this.sectors) throw new Fault(`${what} ${n} for a file of ${this.sectors} sectors`);
    return n;
  }

  sectorAt(id: number): number {
    return (id + 1) * this.sectorBytes;
  }

  /** The FAT as the reader builds it: the header's 109 entries, then the DIFAT sectors ([MS-CFB] 2.5). */
  readFat(): void {
    const fatSectors = this.count(0x2c, 'FAT sector count');
    for (let i = 0; i < Math.min(fatSectors, HEADER_FAT_ENTRIES); i++) this.fat.push(this.int(0x4c + 4 * i));
    const difatSectors = this.count(0x48, 'DIFAT sector count');
    let remaining = fatSectors - Math.min(fatSectors, HEADER_FAT_ENTRIES);
    let at = this.int(0x44);
    for (let i = 0; i < difatSectors && remaining > 0; i++) {
      this.checkSector(at, 'DIFAT');
      const take = Math.min(remaining, this.perSector - 1);
      for (let j = 0; j < take; j++) {
        const id = this.int(this.sectorAt(at) + 4 * j);
        if (id === NO_STREAM || id === END_OF_CHAIN) break;
        this.fat.push(id);
      }
      remaining -= take;
      at = this.int(this.sectorAt(at) + 4 * (this.perSector - 1));
      if (at === NO_STREAM || at === END_OF_CHAIN) break;
    }
    for (const id of this.fat) this.checkSector(id, 'FAT');
  }

  checkSector(id: number, what: string): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.sectors) throw new Fault(`${what} sector ${id} is outside the file`);
  }

  /** The next sector of a chain through `table` (the FAT, or the mini FAT's sectors), as the reader looks it up. */
  next(id: number, table: readonly number[]): number {
    const holder = table[Math.floor(id / this.perSector)];
    if (holder === undefined) return END_OF_CHAIN;
    return this.int(this.sectorAt(holder) + 4 * (id % this.perSector));
  }

  /** Every sector of a chain; a chain longer than `limit` sectors must visit one twice. */
  chain(start: number, table: readonly number[], limit: number, what: string, inRange: (id: number) => void): number[] {
    const out: number[] = [];
    let id = start;
    while (id !== END_OF_CHAIN) {
      inRange(id);
      if (out.length >= limit) throw new Fault(`the ${what} chain loops (more than ${limit} sectors)`);
      out.push(id);
      id = this.next(id, table);
    }
    return out;
  }
}

function readEntries(file: Compound): Entry[] {
  const start = file.int(0x30);
  const chain = file.chain(start, file.fat, file.sectors, 'directory', (id) => file.checkSector(id, 'directory'));
  const entries: Entry[] = [];
  for (const sector of chain) {
    for (let k = 0; k < file.sectorBytes / ENTRY_BYTES; k++) {
      if (entries.length >= MAX_CFB_DIRECTORY_ENTRIES) throw new Fault(`more than ${MAX_CFB_DIRECTORY_ENTRIES} directory entries`);
      const at = file.sectorAt(sector) + k * ENTRY_BYTES;
      const type = file.bytes[at + 0x42] ?? 0;
      const known = type === TYPE_STORAGE || type === TYPE_STREAM || type === TYPE_ROOT;
      entries.push(
        known
          ? { type, left: file.int(at + 0x44), right: file.int(at + 0x48), child: file.int(at + 0x4c), start: file.int(at + 0x74), size: file.int(at + 0x78) }
          : { type, left: NO_STREAM, right: NO_STREAM, child: NO_STREAM, start: 0, size: 0 },
      );
    }
  }
  return entries;
}

/** Every entry reachable from the root, each at most once ([MS-CFB] 2.6.4: the trees are acyclic). */
function reachable(entries: readonly Entry[]): Entry[] {
  const seen = new Set<number>([0]);
  const out: Entry[] = [];
  const storages: { index: number; depth: number }[] = [{ index: 0, depth: 0 }];
  for (let s = storages.pop(); s !== undefined; s = storages.pop()) {
    const storage = entries[s.index];
    if (storage === undefined || storage.child === NO_STREAM) continue;
    if (s.depth >= MAX_CFB_STORAGE_DEPTH) throw new Fault(`storages nested deeper than ${MAX_CFB_STORAGE_DEPTH} levels`);
    const pending = [storage.child];
    for (let i = pending.pop(); i !== undefined; i = pending.pop()) {
      const entry = entries[i];
      if (entry === undefined) throw new Fault(`directory entry ${i} does not exist`);
      if (seen.has(i)) throw new Fault(`directory entry ${i} is reached twice (a loop in the directory tree)`);
      seen.add(i);
      out.push(entry);
      if (entry.type === TYPE_STORAGE) storages.push({ index: i, depth: s.depth + 1 });
      if (entry.left !== NO_STREAM) pending.push(entry.left);
      if (entry.right !== NO_STREAM) pending.push(entry.right);
    }
  }
  return out;
}

/**
 * `null` when `bytes` is a compound file ([MS-CFB]) whose FAT, DIFAT, mini FAT, directory chain, directory tree
 * and stream chains all end inside the file without a loop; otherwise why not, in a few words. Linear in the file
 * size; never throws.
 */
export function checkCompoundFile(bytes: Uint8Array): string | null {
  if (bytes.length < HEADER_BYTES || !hasCfbMagic(bytes)) return 'no compound-file header';
  try {
    const file = new Compound(bytes);
    file.readFat();
    const entries = readEntries(file);
    const root = entries[0];
    if (root === undefined || root.type !== TYPE_ROOT) return 'the first directory entry is not the root';
    // A negative start ends the reader's walk at once (no mini stream); any other start is followed, whatever the size.
    const ministream = root.start < 0 ? [] : file.chain(root.start, file.fat, file.sectors, 'mini stream', (id) => file.checkSector(id, 'mini stream'));
    // The reader takes up to "mini FAT sector count" sectors of the mini FAT chain, stopping at sector 0.
    const miniFatCount = file.count(0x40, 'mini FAT sector count');
    const miniFat: number[] = [];
    let at = file.int(0x3c);
    for (let i = 0; i < miniFatCount && at !== 0 && at !== END_OF_CHAIN; i++) {
      file.checkSector(at, 'mini FAT');
      miniFat.push(at);
      at = file.next(at, file.fat);
    }
    const miniSectors = (ministream.length * file.sectorBytes) / MINI_SECTOR_BYTES;
    for (const entry of reachable(entries)) {
      if (entry.type !== TYPE_STREAM || entry.size === 0) continue;
      if (entry.size < 0 || entry.size > bytes.length) return `a stream claims ${entry.size >>> 0} bytes in a file of ${bytes.length}`;
      if (entry.size < MINI_STREAM_CUTOFF) {
        file.chain(entry.start, miniFat, miniSectors, 'mini stream', (id) => {
          if (!Number.isInteger(id) || id < 0 || id >= miniSectors) throw new Fault(`mini sector ${id} is outside the mini stream`);
        });
      } else {
        // The reader follows the FAT for exactly ceil(size / sector) sectors: each must be in the file.
        let id = entry.start;
        for (let n = Math.ceil(entry.size / file.sectorBytes); n > 0; n--) {
          file.checkSector(id, 'stream');
          id = file.next(id, file.fat);
        }
      }
    }
    return null;
  } catch (error) {
    if (error instanceof Fault) return error.message;
    return `unreadable compound file: ${error instanceof Error ? error.message : String(error)}`;
  }
}
