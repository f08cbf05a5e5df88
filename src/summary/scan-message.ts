/**
 * The record a scan yields for each message (what `scan()` gives a caller and what every renderer prints): declared
 * here, below the renderers and the readers, so both can name it.
 * @module
 */
import type { MessageReport } from '../types.js';

/** The top-level message a nested report belongs to. */
export interface NestedParent {
  /** `source` of the top-level message (its path, `-`, or the stream name). */
  readonly source: string;
  /** `index` of the top-level message within its source. */
  readonly index: number;
}

/** One nested message, analysed as its own report and linked to its top-level message. */
export interface NestedReport {
  /** The top-level message this part was found in. */
  readonly parent: NestedParent;
  /** 1 = attached to the top-level message, 2 = attached to a depth-1 nested message, … */
  readonly depth: number;
  /** Order of this report among the nested reports of its top-level message (depth-first, document order). */
  readonly position: number;
  /** `position` of the nested message this one sits in; `null` when it sits directly in the top-level message. */
  readonly parentPosition: number | null;
  /**
   * `message/rfc822`, `message/global` or `text/rfc822-headers` (lower-cased); `application/vnd.ms-outlook` for an
   * attached Outlook `.msg`, analysed from its internet headers.
   */
  readonly contentType: string;
  /**
   * For a message embedded in the Outlook item an archive record was read from (`.msg`, `.pst`, `.ost`): where it
   * sits, e.g. `archive.pst:/Inbox/Invoices#17/attachment 2`. Absent for MIME parts and what they hold.
   */
  readonly source?: string;
  /** The nested message's own report, read from its raw bytes. */
  readonly report: MessageReport;
}

/** One top-level message with its report and, with `nested`, the reports of the messages inside it. */
export interface ScanMessage {
  /** Tells a message item from the final `summary` item. */
  readonly type: 'message';
  /** The input it came from: its path (for mbox: the mbox path), `-` for stdin, the `read.name` option for streams. */
  readonly source: string;
  /** Position within `source`, 0-based (see `MessageRecord.index`). */
  readonly index: number;
  /** Offset of the mbox `From ` line; `null` for single-message files and faults. */
  readonly byteOffset: number | null;
  /** Its reader issues (`IO_*`) and nested-part issues come first in `report.issues`. */
  readonly report: MessageReport;
  /** Nested reports, depth-first in document order; empty without the `nested` option. */
  readonly nested: readonly NestedReport[];
}

