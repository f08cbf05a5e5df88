/**
 * The stamp every NDJSON message record carries as `run`: which settings graded it, which inputs the run read, and
 * which shard of them it was. `rcvd summarize` needs all three to rebuild what one run over all the input would have
 * said: records graded under other settings must not be added up silently, the same part of a run must not be
 * counted twice, and the shards of a run must be read back in the order one run would have met their messages.
 * Digests, not the values, so a record stays small (tens of bytes beside a report of several kilobytes) whatever
 * the length of the `--trusted` lists or the path list.
 * @module
 */
import { createHash } from 'node:crypto';
import type { ScanShard } from '../../node/scan-types.js';
import type { RunStamp } from '../../render/ndjson.js';
import type { CliArgs } from '../args.js';

/**
 * The settings that go into {@link RunStamp.settings}, as the CLI read them, with the `--providers` entries as read
 * (any JSON; `undefined` = the built-in table only).
 */
export type StampedSettings = Pick<CliArgs, 'policy' | 'nested' | 'maxHops' | 'trustedNetworks' | 'trustedHosts' | 'internalNetworks' | 'internalHosts'> & { readonly providers: unknown };

/** 16 hex digits (64 bits) of SHA-256: enough that two different settings never meet by chance in one summary. */
const DIGEST_HEX = 16;

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, DIGEST_HEX);
}

/** The stamp of a run with these settings over these paths. */
export function runStamp(settings: StampedSettings, paths: readonly string[], shard: ScanShard | null): RunStamp {
  // A fixed key order, so the same settings give the same digest whatever order the options came in.
  const canonical = [
    settings.policy,
    settings.nested,
    settings.maxHops,
    // Sets, not lists: `--trusted a,b` and `--trusted b --trusted a` grade alike.
    [...settings.trustedNetworks].sort(),
    [...settings.trustedHosts].sort(),
    [...settings.internalNetworks].sort(),
    [...settings.internalHosts].sort(),
    settings.providers === undefined ? null : settings.providers,
  ];
  return { settings: digest(canonical), inputs: digest(paths), shard: shard === null ? null : { index: shard.index, count: shard.count } };
}
