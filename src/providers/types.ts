/**
 * The shape of one mail provider's knowledge: its host-name families and two kinds of address space. See
 * `lookup.ts` for how the spaces are meant to be used and `table.ts` for the built-in entries.
 * @module
 */

/** Where one part of an entry came from. */
export interface ProviderSource {
  /** Which part: `domains`, `mailNetworks`, `wideNetworks` or `note`, with a few words on what was taken. */
  readonly part: string;
  /** The upstream source: URL or `owner/repo:path`, with its version or commit. */
  readonly source: string;
  /** ISO date (`2026-08-11`) of the data, with a version when the source has one; `undated` when it has none. */
  readonly date: string;
}

/** One mail provider: the names its own hosts carry and the addresses they send from. */
export interface ProviderEntry {
  /** Stable identifier (`microsoft`, `google`, …): lower-case letters, digits, `-`, `_` or `.`. */
  readonly id: string;
  /** Human-readable name (`Microsoft 365 / Exchange Online / Outlook.com`). */
  readonly name: string;
  /**
   * Domains of the provider's mail host families (`outlook.com`, `1e100.net`, `pphosted.com`): a host name equal to
   * one, or ending in `.` plus one, belongs to the provider. Lower case, no trailing dot, never a public suffix.
   */
  readonly domains: readonly string[];
  /**
   * Published (or snapshotted and attributable) ranges the provider's mail servers send and relay from. Enough on
   * their own when the `by` host is the same provider's.
   */
  readonly mailNetworks: readonly string[];
  /**
   * The provider's wider address space, where its cloud customers live too, and stale snapshots nothing current
   * confirms. Counts only together with a client name in `domains` and a `by` host of the same provider.
   */
  readonly wideNetworks: readonly string[];
  /** Where each part came from. */
  readonly sources: readonly ProviderSource[];
}
