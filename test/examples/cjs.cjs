// CommonJS: the same package through require(), core and Node entries.
// Run: node test/examples/cjs.cjs path/to/message.eml
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS example: require() is the point */
const { gradeTls, lookupCipher } = require('received-forensics');
const { analyzeFile } = require('received-forensics/node');

console.log(gradeTls({ version: 'TLS1_2', cipher: 'ECDHE-RSA-AES128-SHA' }).grade); // B: CBC mode
console.log(lookupCipher('ECDHE_RSA_AES_256_GCM_SHA384')?.iana); // GnuTLS spelling → IANA name

const path = process.argv[2];
if (path !== undefined) {
  analyzeFile(path).then((reports) => {
    for (const report of reports) console.log(`${report.headers.messageId ?? '(no Message-ID)'}: ${report.verdict.grade}`);
  });
}
