// Stream an mbox (or Maildir, folder, .gz, or '-' for stdin) through scan() into NDJSON: one line per message,
// then one summary line. Memory stays bounded whatever the archive size; Ctrl-C stops the scan cleanly.
// Run: node test/examples/mbox-to-ndjson.mjs fixtures/mbox/mboxrd-three.mbox > out.ndjson
import { scan } from 'received-forensics/node';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));

const inputs = process.argv.slice(2);
for await (const item of scan(inputs.length > 0 ? inputs : ['-'], { signal: controller.signal })) {
  const line =
    item.type === 'message'
      ? { source: item.source, index: item.index, offset: item.byteOffset, verdict: item.report.verdict.grade, hops: item.report.hops.length }
      : item;
  if (!process.stdout.write(JSON.stringify(line) + '\n')) await new Promise((resolve) => process.stdout.once('drain', resolve));
}
