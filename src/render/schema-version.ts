/**
 * The version of the shapes `--format json` and `--format ndjson` write (and `schema/*.schema.json` describe):
 * the JSON document's `schemaVersion` and the `schemaVersion` of every NDJSON record. New fields do not change it;
 * renaming or removing a field, or changing its meaning, does.
 * @module
 */

/** Version of the JSON and NDJSON document shapes; bumped on any breaking change. */
export const SCHEMA_VERSION = 1;

/** `record` with `schemaVersion` right after its `type`, as every NDJSON record starts. */
export function versioned<T extends { readonly type: string }>(record: T): { readonly type: T['type']; readonly schemaVersion: number } & Omit<T, 'type'> {
  const { type, ...rest } = record;
  return { type, schemaVersion: SCHEMA_VERSION, ...rest };
}
