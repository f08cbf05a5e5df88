/**
 * The settings of a run as a person reads them: what the JSON head, the NDJSON summary line and the HTML report say
 * about how their grades were made, so a file handed on says how it was graded.
 * @module
 */

/** The settings that decide grades and counts (what a run stamp's `settings` digest covers), as given. */
export interface GradingSettings {
  /** The grading policy's name. */
  readonly policy: string;
  /** Nested messages were analysed too. */
  readonly nested: boolean;
  /** Received fields read per message; `null` = the library's default. */
  readonly maxHops: number | null;
  /** Trusted networks and host patterns, as given. */
  readonly trusted: readonly string[];
  /** Internal networks and host patterns, as given. */
  readonly internal: readonly string[];
  /** The providers file as named; `null` = the built-in table only. */
  readonly providers: string | null;
}

/** The grading settings alone, in their fixed order (what the NDJSON summary line records). */
export function gradingSettings(s: GradingSettings): GradingSettings {
  return { policy: s.policy, nested: s.nested, maxHops: s.maxHops, trusted: s.trusted, internal: s.internal, providers: s.providers };
}

/** `value` when it has the shape of {@link GradingSettings} (read back from a file anyone can edit), else `null`. */
export function readGradingSettings(value: unknown): GradingSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Record<string, unknown>;
  const texts = (v: unknown): boolean => Array.isArray(v) && v.every((t) => typeof t === 'string');
  const ok =
    typeof s.policy === 'string' &&
    typeof s.nested === 'boolean' &&
    (s.maxHops === null || typeof s.maxHops === 'number') &&
    texts(s.trusted) &&
    texts(s.internal) &&
    (s.providers === null || typeof s.providers === 'string');
  return ok ? gradingSettings(s as unknown as GradingSettings) : null;
}

/** The settings an HTML report prints: the grading settings and the shard (`k/n`, `null` = the whole run). */
export interface ReportSettings extends GradingSettings {
  readonly shard: string | null;
}

/** The settings a report of a run with `settings` prints. */
export function reportSettings(settings: ReportSettings): ReportSettings {
  return { ...gradingSettings(settings), shard: settings.shard };
}

/** The settings a JSON document records: the report's, and `--fail-on` (`null` = none). */
export interface RunSettings extends ReportSettings {
  readonly failOn: string | null;
}
