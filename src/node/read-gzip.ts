/**
 * Streaming gunzip (RFC 1952) in front of the other readers: `.gz` of a message or an mbox is read without ever
 * holding the compressed or the decompressed file whole.
 * @module
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** 256 KiB per decompressed chunk: fewer, larger windows for the mbox splitter. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

/**
 * Decompressed chunks of a gzip byte stream (concatenated members are read as one stream, RFC 1952 §2.2). A
 * truncated or corrupt stream throws a zlib error (`Z_BUF_ERROR` = ended early) after the last good chunk; the
 * readers turn it into an issue. Stopping early destroys the pipeline and releases the source.
 */
export async function* gunzipChunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  // Errors surface through the iteration below; the callback only keeps pipeline from reporting them twice.
  pipeline(Readable.from(chunks, { objectMode: false }), gunzip, () => undefined);
  for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
}
