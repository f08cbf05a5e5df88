/**
 * The module-level memos' one mechanism (addresses, cipher names, from clauses): text → value, at most a fixed number
 * of entries, keys kept as copies of their own characters (see memoKey).
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

  /** Remember `value` for `key` (a copy of the key's characters is kept, never the string it was cut from). */
  set(key: string, value: V): void {
    this.#remember(memoKey(key), value);
  }

  #remember(key: string, value: V): void {
    if (this.#young.size >= this.#half) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}
