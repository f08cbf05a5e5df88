/**
 * The command line of `rcvd`, read with `node:util` `parseArgs`. Every mistake is a {@link UsageError} (exit 2).
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseCidr } from '../address/cidr.js';
import { MAX_RECEIVED_FIELDS } from '../limits.js';
import { MAX_JOBS } from '../node/scan.js';
import type { ScanShard } from '../node/scan-types.js';
import { FORMATS, type OutputFormatName } from '../render/format.js';
import { sanitize } from '../render/sanitize.js';
import type { Grade } from '../types.js';

/** A mistake on the command line (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The usage error as stderr lines: Node's parser writes hints on lines of their own, each made terminal-safe. */
export function usageLines(error: UsageError, command = 'rcvd'): string {
  return `rcvd: ${error.message.split('\n').map(sanitize).join('\n')}\nTry '${command} --help'.\n`;
}

/** The command line, read and checked. */
export interface CliArgs {
  readonly paths: readonly string[];
  readonly format: OutputFormatName;
  readonly failOn: Grade | null;
  readonly trustedNetworks: readonly string[];
  readonly trustedHosts: readonly string[];
  readonly internalNetworks: readonly string[];
  readonly internalHosts: readonly string[];
  /** `--providers <file.json>`: provider entries to add to or replace in the built-in table; `null` = none. */
  readonly providers: string | null;
  readonly policy: 'practical' | 'bcp195';
  readonly nested: boolean;
  /** Worker threads; `'auto'` = decided from the cores and the size of the input (see `autoJobs`). */
  readonly jobs: number | 'auto';
  readonly shard: ScanShard | null;
  /** `--color` true, `--no-color` false, neither `null` (decide from the terminal and environment). */
  readonly color: boolean | null;
  readonly progress: boolean;
  readonly quiet: boolean;
  /** `--bom`: start CSV output with a UTF-8 byte order mark (for Excel). */
  readonly bom: boolean;
  /** `--report <file>`: also write the HTML report there; `null` = no report. */
  readonly report: string | null;
  /** `--follow-symlinks`: follow symbolic links met inside the folders scanned. */
  readonly followSymlinks: boolean;
  /** `--max-hops <n>`: Received fields read per message (`null` = the library's default). */
  readonly maxHops: number | null;
  readonly help: boolean;
  readonly version: boolean;
}

/** The `--help` text. */
export const USAGE = `Usage: rcvd [options] <path…>
       rcvd web [--port N]   the offline analyzer page on 127.0.0.1 (rcvd web --help)
       rcvd summarize <records.ndjson[.gz]|folder|-…>   the summary and --report rebuilt from the NDJSON
                             of runs or shards, equal to one run (rcvd summarize --help)

Reads raw email (a message, an mbox, a Maildir, a folder of them, a .gz; "-" = stdin) and prints, for every
message, the hop chain its Received headers describe — oldest hop first — with the TLS version and cipher each
receiving server wrote and a grade per hop (A, B, C, F, none = plaintext, unknown = not stated).

Options:
  -f, --format <text|json|ndjson|csv>  output format (default text)
      --fail-on <grade>                exit 1 when a message's verdict is this grade or worse, on the
                                       scale none < F < C < unknown < B < A (any case): --fail-on B
                                       = "everything must be A", --fail-on unknown = "at least B,
                                       and shown"; internal-only never fails (see docs/cli.md)
      --trusted <cidr|host,…>          our relays: their Received lines are believed (repeatable)
      --internal <cidr|host,…>         our networks: hops between them are internal (repeatable); a host
                                       pattern matches a HELO name only when its address confirms it
      --providers <file.json>          mail providers to add to the built-in table, or replace (same id):
                                       a JSON array of { id, name, domains, mailNetworks, wideNetworks }
      --policy <practical|bcp195>      grading policy (default practical; bcp195 = RFC 9325 MUST NOTs are F)
      --nested                         also analyse forwarded/bounced messages inside messages
      --follow-symlinks                follow symbolic links inside the folders scanned (default: not
                                       followed; a link named on the command line is always followed)
      --max-hops <n>                   Received fields read per message (default ${MAX_RECEIVED_FIELDS}); each hop
                                       is about 800 bytes of JSON, so this also bounds the output
  -j, --jobs <n|auto>                  worker threads for the analysis (default 1; at most one per core;
                                       auto = one per core when the input is files of 128 MiB or more)
      --shard <k/n>                    only every n-th message, starting with the k-th (1 ≤ k ≤ n)
      --color, --no-color              force colour on or off (default: on a terminal, NO_COLOR honoured)
      --no-progress                    no progress bar on stderr
      --report <file>                  also write a self-contained HTML report (charts, worst relays, the
                                       200 weakest messages with their hop paths); with -q, only the file.
                                       Written whole at the end (replaced atomically); refused when the path
                                       is a symbolic link, an input, or a file that is not an HTML report
      --bom                            CSV: start with a UTF-8 byte order mark (Excel needs it)
  -q, --quiet                          no progress bar, no warnings on stderr (with --report: no stdout)
  -h, --help                           this help
  -V, --version                        print the version

Exit codes: 0 ran, 1 --fail-on matched, 2 usage or I/O error (a named path that cannot be read is
reported and the others are still scanned), 130 interrupted by SIGINT, 143 by SIGTERM (the output stops
after a whole message and ends with the summary so far; the report is not written).
`;

/** `--fail-on` values by their lower-case spelling: `a` and `A` are the same grade. */
const FAIL_ON: Readonly<Record<string, Grade>> = { a: 'A', b: 'B', c: 'C', f: 'F', none: 'none', unknown: 'unknown' };

/** A `--fail-on` value in any case (`b` = `B`); `null` when absent. Throws {@link UsageError} on anything else. */
export function parseFailOn(text: string | undefined): Grade | null {
  if (text === undefined) return null;
  const grade = FAIL_ON[text.trim().toLowerCase()];
  if (grade === undefined) throw new UsageError(`--fail-on must be one of A, B, C, F, none, unknown (any case); got ${text}`);
  return grade;
}

function splitList(values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    for (const part of v.split(',')) {
      const t = part.trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}

/** CIDRs and IP addresses go to the network list, everything else is a host name (`.example.com` = the domain and below). */
function networksAndHosts(option: string, values: readonly string[] | undefined): { networks: string[]; hosts: string[] } {
  const networks: string[] = [];
  const hosts: string[] = [];
  for (const item of splitList(values)) {
    if (parseCidr(item) !== null) networks.push(item);
    else if (item.includes('/')) throw new UsageError(`--${option}: not a CIDR block: ${item}`);
    else if (/[\s,;()<>[\]@]/.test(item)) throw new UsageError(`--${option}: not a host name: ${item}`);
    else hosts.push(item);
  }
  return { networks, hosts };
}

function parseJobs(text: string | undefined): number | 'auto' {
  if (text === undefined) return 1;
  if (text === 'auto') return 'auto';
  const n = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_JOBS) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, or auto; got ${text}`);
  return n;
}

/** 1,000,000 hops per message at most on the command line: far past any real chain, and a safe integer. */
const MAX_HOPS_OPTION = 1_000_000;

function parseMaxHops(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= MAX_HOPS_OPTION)) throw new UsageError(`--max-hops must be a whole number from 1 to ${MAX_HOPS_OPTION}; got ${text}`);
  return n;
}

function parseShard(text: string | undefined): ScanShard | null {
  if (text === undefined) return null;
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(text);
  const index = m === null ? Number.NaN : Number(m[1]);
  const count = m === null ? Number.NaN : Number(m[2]);
  if (!(count >= 1 && index >= 1 && index <= count)) throw new UsageError('--shard must be k/n with 1 ≤ k ≤ n, e.g. 2/8');
  return { index, count };
}

/** `--format`: one of the output formats (default text), for `rcvd` and `rcvd summarize` alike. */
export function parseFormat(value: string | undefined): OutputFormatName {
  return oneOf('format', value, FORMATS, 'text');
}

/** `node:util` `parseArgs` in strict mode with positionals and `--no-` options; its mistakes as {@link UsageError}. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, allowNegative: true, strict: true, options });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: ReadonlySet<string>, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.has(value)) throw new UsageError(`--${option} must be one of ${[...allowed].join(', ')}; got ${value}`);
  return value as T;
}

/** Read `argv` (without `node` and the script). Throws {@link UsageError} on any mistake. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const parsed = parseOptions(argv, {
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    trusted: { type: 'string', multiple: true },
    internal: { type: 'string', multiple: true },
    providers: { type: 'string' },
    policy: { type: 'string' },
    nested: { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
    shard: { type: 'string' },
    color: { type: 'boolean' },
    progress: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    bom: { type: 'boolean' },
    report: { type: 'string' },
    'follow-symlinks': { type: 'boolean' },
    'max-hops': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
  });
  const v = parsed.values;
  const help = v.help === true;
  const version = v.version === true;
  const trusted = networksAndHosts('trusted', v.trusted);
  const internal = networksAndHosts('internal', v.internal);
  const args: CliArgs = {
    paths: parsed.positionals,
    format: parseFormat(v.format),
    failOn: parseFailOn(v['fail-on']),
    trustedNetworks: trusted.networks,
    trustedHosts: trusted.hosts,
    internalNetworks: internal.networks,
    internalHosts: internal.hosts,
    providers: v.providers ?? null,
    policy: oneOf('policy', v.policy, new Set(['practical', 'bcp195']), 'practical'),
    nested: v.nested === true,
    jobs: parseJobs(v.jobs),
    shard: parseShard(v.shard),
    color: v.color ?? null,
    progress: v.progress !== false && v.quiet !== true,
    quiet: v.quiet === true,
    bom: v.bom === true,
    report: v.report ?? null,
    followSymlinks: v['follow-symlinks'] === true,
    maxHops: parseMaxHops(v['max-hops']),
    help,
    version,
  };
  if (args.report === '') throw new UsageError('--report needs a file name');
  if (!help && !version && args.paths.length === 0) throw new UsageError('no input: give a path, or "-" for stdin');
  return args;
}
