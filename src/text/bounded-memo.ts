/**
 * The module-level memos' one mechanism (addresses, cipher names, from clauses, registrable domains): text → value, at
 * most a fixed number of entries, keys and string values kept as copies of their own characters (see memoKey).
 * @module
 */
import { memoKey } from './memo-key.js';

/**
 * A bounded memo in two generations: when the young map holds half the entries it becomes the old one, and an old
 * entry met again moves back. What is in use stays, also when an archive's working set is near the bound (a memo
 * cleared when full forgot it all just before it was met again); a flood of distinct keys costs at most two maps of
 * dead entries. `undefined` is never a value: it means "not remembered".
 */
export class BoundedMemo<V> {
  readonly #half: number;
  #young = new Map<string, V>();
  #old = new Map<string, V>();

  /** `maxEntries`: both generations together (at least 2: one entry in each). */
  constructor(maxEntries: number) {
    this.#half = Math.max(1, Math.floor(maxEntries / 2));
  }

  /** The value remembered for `key`, or `undefined`. */
  get(key: string): V | undefined {
    const hit = this.#young.get(key);
    if (hit !== undefined) return hit;
    const old = this.#old.get(key);
    if (old !== undefined) this.#remember(memoKey(key), old);
    return old;
  }

  /**
   * Remember `value` for `key`. The key, and the value when it is a string, are kept as copies of their characters,
   * never the string they were cut from: a memo outlives the message, and a name it got from a header (a registrable
   * domain is a slice of the host name) would keep that message's whole header block alive. A value of another type
   * must hold no such slice itself.
   */
  set(key: string, value: V): void {
    this.#remember(memoKey(key), typeof value === 'string' ? (memoKey(value) as V) : value);
  }

  #remember(key: string, value: V): void {
    if (this.#young.size >= this.#half) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}
