/**
 * Test helper: a minimal Outlook `.msg` ([MS-OXMSG] on [MS-CFB]) written from an `.eml`, so the `.msg` tests run on
 * our own fixtures. The item holds the header block as `PR_TRANSPORT_MESSAGE_HEADERS` (`__substg1.0_007D001F`,
 * UTF-16LE), a message class, and the property stream header Outlook writes for a top-level message; attachments are
 * files or embedded messages ([MS-OXMSG] 2.2.2.1: an `__substg1.0_3701000D` storage holding the message, which may
 * hold attachments in turn). Not a test file.
 */
import CFB from 'cfb';

/** The header block of a raw message (up to and including its empty line), as text. */
export function headerBlockOf(eml: Uint8Array | string): string {
  const text = typeof eml === 'string' ? eml : Buffer.from(eml).toString('latin1');
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return text.slice(0, crlf + 4);
  if (lf !== -1) return text.slice(0, lf + 2);
  return text;
}

/** Options of {@link writeMsg}. */
export interface WriteMsgOptions {
  /** Leave out `PR_TRANSPORT_MESSAGE_HEADERS`, like a draft or a message created inside one Exchange organisation. */
  readonly withoutHeaders?: boolean;
  /** Store the headers as PT_STRING8 (`001E`, the item's code page) instead of PT_UNICODE (`001F`). */
  readonly ansi?: boolean;
  /** Extra streams, by CFB path (`/__substg1.0_1000001F` …). */
  readonly extra?: Readonly<Record<string, Uint8Array>>;
  /** Leave out the message class too: a compound file that is no Outlook item (like a `.doc`). */
  readonly notAnItem?: boolean;
  /** Attachments, in order (`__attach_version1.0_#00000000`, …). */
  readonly attachments?: readonly MsgAttachment[];
}

/** A message embedded as an attachment: the header block of `eml` (none with `withoutHeaders`), and its attachments. */
export interface EmbeddedMsg {
  readonly eml: Uint8Array | string;
  readonly withoutHeaders?: boolean;
  readonly attachments?: readonly MsgAttachment[];
}

/** One attachment: a file (`afByValue`) or an embedded message (`afEmbeddedMessage`). */
export type MsgAttachment = { readonly file: Uint8Array; readonly name: string } | { readonly message: EmbeddedMsg };

function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/**
 * [MS-OXMSG] 2.4.1: a property stream's header (32 bytes for the top-level message, 24 for an embedded one, 8 for an
 * attachment: reserved, then next recipient id, next attachment id, recipient and attachment counts), then
 * fixed-size properties of 16 bytes (tag, flags, value).
 */
function propertyStream(header: number, attachments: number, fixed: readonly [tag: number, value: number][] = []): Buffer {
  const out = Buffer.alloc(header + 16 * fixed.length);
  if (header > 8) {
    out.writeUInt32LE(attachments, 12);
    out.writeUInt32LE(attachments, 20);
  }
  fixed.forEach(([tag, value], i) => {
    out.writeUInt32LE(tag, header + 16 * i);
    out.writeUInt32LE(0x06, header + 16 * i + 4); // PROPATTR_READABLE | PROPATTR_WRITABLE
    out.writeUInt32LE(value, header + 16 * i + 8);
  });
  return out;
}

const PR_ATTACH_METHOD = 0x37050003;
const AFBYVALUE = 1;
const AFEMBEDDEDMESSAGE = 5;

/** The streams of one message object under `at` (`''` for the top level, else its `…/__substg1.0_3701000D`). */
function addMessage(cfb: CFB.CFB$Container, at: string, eml: Uint8Array | string, options: WriteMsgOptions, header: number): void {
  const attachments = options.attachments ?? [];
  CFB.utils.cfb_add(cfb, `${at}/__properties_version1.0`, propertyStream(header, attachments.length));
  CFB.utils.cfb_add(cfb, `${at}/__substg1.0_001A001F`, utf16('IPM.Note'));
  if (options.withoutHeaders !== true) {
    const headers = headerBlockOf(eml);
    if (options.ansi === true) CFB.utils.cfb_add(cfb, `${at}/__substg1.0_007D001E`, Buffer.from(headers, 'latin1'));
    else CFB.utils.cfb_add(cfb, `${at}/__substg1.0_007D001F`, utf16(headers));
  }
  attachments.forEach((attachment, i) => {
    const dir = `${at}/__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`;
    if ('file' in attachment) {
      CFB.utils.cfb_add(cfb, `${dir}/__properties_version1.0`, propertyStream(8, 0, [[PR_ATTACH_METHOD, AFBYVALUE]]));
      CFB.utils.cfb_add(cfb, `${dir}/__substg1.0_3707001F`, utf16(attachment.name));
      CFB.utils.cfb_add(cfb, `${dir}/__substg1.0_37010102`, Buffer.from(attachment.file));
      return;
    }
    CFB.utils.cfb_add(cfb, `${dir}/__properties_version1.0`, propertyStream(8, 0, [[PR_ATTACH_METHOD, AFEMBEDDEDMESSAGE]]));
    CFB.utils.cfb_add(cfb, `${dir}/__substg1.0_3001001F`, utf16('Embedded message'));
    const inner = attachment.message;
    addMessage(cfb, `${dir}/__substg1.0_3701000D`, inner.eml, { ...(inner.withoutHeaders === undefined ? {} : { withoutHeaders: inner.withoutHeaders }), ...(inner.attachments === undefined ? {} : { attachments: inner.attachments }) }, 24);
  });
}

/** A `.msg` file whose internet headers are the header block of `eml`. */
export function writeMsg(eml: Uint8Array | string, options: WriteMsgOptions = {}): Buffer {
  const cfb = CFB.utils.cfb_new();
  if (options.notAnItem === true) {
    CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.alloc(1024, 0x20));
    return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Buffer);
  }
  addMessage(cfb, '', eml, options, 32);
  for (const [path, bytes] of Object.entries(options.extra ?? {})) CFB.utils.cfb_add(cfb, path, Buffer.from(bytes));
  const out = CFB.write(cfb, { type: 'buffer' }) as Buffer;
  return Buffer.from(out);
}
