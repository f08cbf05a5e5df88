/**
 * Alphabetic time-zone names: the RFC 5322 §4.3 `obs-zone` set, the military letters, and a short fixed table of
 * common non-standard abbreviations whose meaning is not in doubt. Everything else is unknown on purpose.
 * @module
 */

/** How a zone name was classified. */
type ZoneNameClass =
  /** RFC 5322 §4.3 obs-zone with a defined offset: UT, GMT, Z, EST … PDT. */
  | 'obsolete'
  /** RFC 5322 §4.3 military letter: defined wrongly in RFC 822, so "equivalent to -0000". */
  | 'military'
  /** Not in any RFC, but with one meaning in mail practice (CET, JST, UTC …). */
  | 'common'
  /** Used for several different offsets (IST: India, Ireland, Israel): never guessed. */
  | 'ambiguous'
  | 'unknown';

/** A zone name looked up: its class and, when known, its offset in minutes east of UTC. */
export interface ZoneName {
  readonly kind: ZoneNameClass;
  readonly offsetMinutes: number | null;
}

/** RFC 5322 §4.3 obs-zone: "UT" / "GMT" / "EST" / "EDT" / "CST" / "CDT" / "MST" / "MDT" / "PST" / "PDT". */
const OBSOLETE: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

/**
 * Non-standard abbreviations seen in mail whose offset is not in doubt. Deliberately short: MSK changed offset in
 * 2011 and 2014, so a fixed value would be wrong for some years; such names stay unknown.
 */
const COMMON: Readonly<Record<string, number>> = {
  UTC: 0,
  WET: 0,
  WEST: 60,
  BST: 60, // British Summer Time — the only reading in mail practice
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  HST: -600,
  AKST: -540,
  AKDT: -480,
};

/**
 * Abbreviations with several meanings (IST: India/Ireland/Israel, AST: Atlantic/Arabia, SST: Samoa/Singapore,
 * GST: Gulf/South Georgia, NST: Newfoundland/Nepal) or whose offset changed (MSK); named so the issue says why.
 */
const AMBIGUOUS = new Set(['IST', 'AST', 'ADT', 'SST', 'ECT', 'GST', 'MSK', 'NST']);

/** Look up an alphabetic zone (case-insensitive, RFC 5322 §4.3). */
export function lookupZoneName(name: string): ZoneName {
  const upper = name.toUpperCase();
  const obsolete = OBSOLETE[upper];
  if (obsolete !== undefined) return { kind: 'obsolete', offsetMinutes: obsolete };
  if (upper.length === 1 && upper !== 'J') return { kind: 'military', offsetMinutes: null };
  const common = COMMON[upper];
  if (common !== undefined) return { kind: 'common', offsetMinutes: common };
  if (AMBIGUOUS.has(upper)) return { kind: 'ambiguous', offsetMinutes: null };
  return { kind: 'unknown', offsetMinutes: null };
}
