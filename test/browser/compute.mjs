// Every core function over the given samples, as plain data. Bundled into the browser page and imported by Node,
// so both sides run exactly this code against the built `received-forensics` core entry.
import * as rf from 'received-forensics';

const GRADE_SAMPLES = [
  { version: 'TLSv1', cipher: 'RC4-SHA', bits: 128 },
  { version: 'TLS1_2', cipher: 'ECDHE-RSA-AES128-SHA' },
  { cipher: 'TLS_AES_256_GCM_SHA384' },
  {},
];

const CIPHER_SAMPLES = ['RC4-SHA', 'TLS_ECDHE_RSA_AES_256_GCM_SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'nonsense'];

/** @param {readonly string[]} messages latin1 strings (one char per byte) @param {readonly string[]} headers */
export function computeAll(messages, headers) {
  return JSON.stringify({
    messages: messages.map((raw) => rf.analyzeMessage(raw)),
    bytes: messages.map((raw) => rf.analyzeMessage(Uint8Array.from(raw, (c) => c.charCodeAt(0)))),
    headers: headers.map((value) => rf.parseReceived(value)),
    grades: GRADE_SAMPLES.map((tls) => [rf.gradeTls(tls), rf.gradeTls(tls, 'bcp195')]),
    ciphers: CIPHER_SAMPLES.map((name) => rf.lookupCipher(name)),
    limits: rf.DEFAULT_LIMITS,
  });
}
