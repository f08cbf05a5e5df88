/**
 * Test helper: a minimal Outlook `.msg` ([MS-OXMSG] on [MS-CFB]) written from an `.eml`, so the `.msg` tests run on
 * our own fixtures. The item holds the header block as `PR_TRANSPORT_MESSAGE_HEADERS` (`__substg1.0_007D001F`,
 * UTF-16LE), a message class, and the property stream header Outlook writes for a top-level message. Not a test file.
 */
import CFB from 'cfb';

/** The header block of a raw message (up to and including its empty line), as text. */
function headerBlockOf(eml: Uint8Array | string): string {
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
}

function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** [MS-OXMSG] 2.4.1.1: a top-level message's property stream starts with 32 bytes (reserved, counts) and no entries here. */
function propertyStream(): Buffer {
  return Buffer.alloc(32);
}

/** A `.msg` file whose internet headers are the header block of `eml`. */
export function writeMsg(eml: Uint8Array | string, options: WriteMsgOptions = {}): Buffer {
  const cfb = CFB.utils.cfb_new();
  if (options.notAnItem === true) {
    CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.alloc(1024, 0x20));
    return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Buffer);
  }
  CFB.utils.cfb_add(cfb, '/__properties_version1.0', propertyStream());
  CFB.utils.cfb_add(cfb, '/__substg1.0_001A001F', utf16('IPM.Note'));
  if (options.withoutHeaders !== true) {
    const headers = headerBlockOf(eml);
    if (options.ansi === true) CFB.utils.cfb_add(cfb, '/__substg1.0_007D001E', Buffer.from(headers, 'latin1'));
    else CFB.utils.cfb_add(cfb, '/__substg1.0_007D001F', utf16(headers));
  }
  for (const [path, bytes] of Object.entries(options.extra ?? {})) CFB.utils.cfb_add(cfb, path, Buffer.from(bytes));
  const out = CFB.write(cfb, { type: 'buffer' }) as Buffer;
  return Buffer.from(out);
}
