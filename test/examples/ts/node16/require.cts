// TypeScript, `moduleResolution: node16` (CommonJS side): the `require` types (dist/*.d.cts) resolve too.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS example: require() is the point */
import rf = require('received-forensics');
import rfNode = require('received-forensics/node');

const grade: rf.Grade = rf.gradeTls({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' }).grade;
const reports: Promise<rf.MessageReport[]> = rfNode.analyzeFile('message.eml');

export = { grade, reports };
