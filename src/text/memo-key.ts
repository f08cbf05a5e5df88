/**
 * Strings the module-level memos may keep (their keys, and text inside remembered values).
 * @module
 */

/**
 * `text` as a key a memo may keep: equal to it, without holding on to the string it was cut from. A key is most often
 * a slice of a whole header block, and a memo that kept the slice kept the block: with 2,048 remembered addresses,
 * thousands of header blocks stayed alive, each surviving the young generation only to be promoted. Prefixing one
 * character and slicing it off again makes V8 copy just these characters (a ConsString is flattened before it is
 * sliced); in any engine the result is the same text.
 */
export function memoKey(text: string): string {
  return ` ${text}`.slice(1);
}
