/**
 * `toHop`: the public `Hop` (docs/output.md), built once from a read hop and its scope. The one place that writes a
 * hop's keys, in the order JSON output shows them.
 * @module
 */
import type { Hop, Issue, Reason, Scope, ScopeReason } from '../types.js';
import type { HopRead } from './read-hop.js';

/**
 * The hop as published. `reasons` are the grade's with the scope reason after them (the grade's alone when the scope
 * is not known); `issues` are the read's with the chain's after them. Arrays are taken, not copied.
 */
export function toHop(read: HopRead, scope: Scope, scopeReason: ScopeReason | null, reasons: readonly Reason[], issues: Issue[]): Hop {
  return {
    index: read.index,
    raw: read.raw,
    byteOffset: read.byteOffset,
    from: read.from,
    by: read.by,
    via: read.via,
    protocol: read.protocol,
    id: read.id,
    for: read.for,
    envelopeFrom: read.envelopeFrom,
    date: read.date,
    tls: read.tls,
    security: { grade: read.grade, reasons, scope, scopeReason },
    issues,
  };
}
