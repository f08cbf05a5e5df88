/**
 * The messages between the page and its worker. Plain data (structured clone); HTML travels as finished strings
 * made by the worker's renderers, never assembled from message text on the page.
 * @module
 */
import type { WebSettings } from './settings.js';

/** A file to read: dropped or chosen (`File`), or the pasted text as one named blob. */
export interface InputFile {
  readonly name: string;
  readonly blob: Blob;
}

/** Page → worker. */
export type ToWorker =
  | { readonly type: 'analyze'; readonly files: readonly InputFile[]; readonly settings: WebSettings }
  | { readonly type: 'select'; readonly id: number }
  | { readonly type: 'filter'; readonly grade: string }
  | { readonly type: 'page'; readonly offset: number }
  | { readonly type: 'export'; readonly what: 'json' | 'html' };

/** Worker → page. */
export type FromWorker =
  | { readonly type: 'progress'; readonly bytesDone: number; readonly bytesTotal: number; readonly messages: number }
  /** The run is done: how many messages, the summary (archives only), the list and the first message's detail. */
  | { readonly type: 'done'; readonly messages: number; readonly files: number; readonly summaryHtml: string; readonly listHtml: string; readonly detailHtml: string; readonly selected: number | null; readonly notes: readonly string[] }
  | { readonly type: 'list'; readonly listHtml: string }
  | { readonly type: 'detail'; readonly id: number; readonly detailHtml: string; readonly listHtml: string }
  | { readonly type: 'export'; readonly what: 'json' | 'html'; readonly blob: Blob; readonly name: string }
  /** The settings could not be used, or a file could not be read: a line for the page to show. */
  | { readonly type: 'problem'; readonly message: string };
