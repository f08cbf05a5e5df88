#!/usr/bin/env node
// Writes the JSON Schemas in schema/ (draft 2020-12) from the definitions below: one file per output, each
// self-contained (its own $defs), so a validator needs no cross-file references.
//   node test/tools/generate-schemas.mjs          rewrite schema/*.schema.json
//   node test/tools/generate-schemas.mjs --check  exit 1 when a file differs from what would be written
// Objects are open (new fields may appear in any release); every field of the contract is required.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA_VERSION = Number(/SCHEMA_VERSION = (\d+)/.exec(readFileSync(join(ROOT, 'src/render/schema-version.ts'), 'utf8'))?.[1]);
if (!Number.isInteger(SCHEMA_VERSION)) throw new Error('SCHEMA_VERSION not found in src/render/schema-version.ts');

const ref = (name) => ({ $ref: `#/$defs/${name}` });
const nullable = (schema) => ({ anyOf: [schema, { type: 'null' }] });
const str = { type: 'string' };
const int = { type: 'integer' };
const num = { type: 'number' };
const bool = { type: 'boolean' };
const obj = (properties, description) => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
});
/** `o` with the named properties no longer required. */
const optional = (o, names) => ({ ...o, required: o.required.filter((k) => !names.includes(k)) });
const arrayOf = (items) => ({ type: 'array', items });
const GRADES = ['A', 'B', 'C', 'F', 'none', 'unknown'];

const defs = {
  grade: { enum: GRADES, description: 'A hop grade: A/B/C/F for the cryptography, none = known plaintext, unknown = not stated.' },
  verdictGrade: { enum: [...GRADES, 'internal-only'], description: 'A message verdict: a grade, or internal-only when no hop crossed between operators.' },
  gradeCounts: obj(Object.fromEntries(GRADES.map((g) => [g, { type: 'integer', minimum: 0 }])), 'A count per grade.'),
  span: obj({ start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } }, 'Character positions in the hop raw text, end exclusive.'),
  issue: {
    ...obj({ code: str, severity: { enum: ['error', 'warning', 'info'] }, message: str }),
    properties: { code: str, severity: { enum: ['error', 'warning', 'info'] }, message: str, span: ref('span') },
    description: 'Something odd, malformed, truncated or ambiguous.',
  },
  reason: {
    ...obj({ rule: { type: 'string', pattern: '^[A-Z]+(-[A-Z0-9]+)+$' }, message: str }),
    properties: { rule: { type: 'string', pattern: '^[A-Z]+(-[A-Z0-9]+)+$' }, message: str, evidence: str },
    description: 'One cap applied or one fact that decided the grade; rule ids are listed in docs/grading.md.',
  },
  hopDate: nullable(obj({ text: str, iso: nullable(str), offsetMinutes: nullable(int) })),
  tls: nullable(
    obj({
      encrypted: nullable(bool),
      version: nullable({ enum: ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] }),
      versionText: nullable(str),
      versionInferred: bool,
      cipher: nullable(str),
      cipherIana: nullable(str),
      bits: nullable(int),
      certificate: { enum: ['verified', 'failed', 'not-presented', 'not-requested', 'unknown'] },
      evidence: str,
    }),
  ),
  security: obj({
    grade: ref('grade'),
    reasons: { ...arrayOf(ref('reason')), minItems: 1 },
    scope: { enum: ['internal', 'external', 'unknown'] },
    scopeReason: nullable({
      enum: ['declared', 'local', 'nonglobal', 'by-only', 'same-domain', 'same-provider', 'provider-space', 'by-network', 'provider-handoff', 'submission', 'cross-operator', 'no-address'],
    }),
  }),
  hop: obj(
    {
      index: { type: 'integer', minimum: 0 },
      raw: str,
      byteOffset: nullable({ type: 'integer', minimum: 0 }),
      from: nullable(obj({ helo: nullable(str), rdns: nullable(str), ip: nullable(str), port: nullable(int), ident: nullable(str) })),
      by: nullable(obj({ host: nullable(str), ip: nullable(str), software: nullable(str) })),
      via: nullable(str),
      protocol: nullable(str),
      id: nullable(str),
      for: nullable(str),
      envelopeFrom: nullable(str),
      date: ref('hopDate'),
      tls: ref('tls'),
      security: ref('security'),
      issues: arrayOf(ref('issue')),
    },
    'One Received header, read. index 0 is the topmost header, the last hop.',
  ),
  numberedHop: {
    allOf: [ref('hop')],
    type: 'object',
    properties: { number: { type: 'integer', minimum: 1, description: 'CLI output: the hop in chronological order, 1 = the first handover.' } },
  },
  verdict: obj({
    grade: ref('verdictGrade'),
    weakestHop: nullable({ type: 'integer', minimum: 0 }),
    counts: ref('gradeCounts'),
    internalCounts: ref('gradeCounts'),
  }),
  timeline: obj({
    entries: arrayOf(obj({ hop: { type: 'integer', minimum: 0 }, iso: nullable(str), delaySeconds: nullable(num), share: nullable(num) })),
    totalSeconds: nullable(num),
    anomalies: arrayOf(ref('issue')),
  }),
  trace: obj({
    xReceived: arrayOf(ref('hop')),
    authenticationResults: arrayOf({ type: 'object' }),
    receivedSpf: arrayOf({ type: 'object' }),
    originatingIp: arrayOf({ type: 'object' }),
    tlsRequired: nullable(str),
  }),
  report: obj(
    {
      hops: arrayOf(ref('numberedHop')),
      verdict: ref('verdict'),
      timeline: ref('timeline'),
      trace: ref('trace'),
      // `to` came after schemaVersion 1 was set: written always, not required of older records.
      headers: optional(obj({ date: ref('hopDate'), messageId: nullable(str), from: nullable(str), to: nullable(str), subject: nullable(str) }), ['to']),
      issues: arrayOf(ref('issue')),
      truncated: bool,
      headerBytes: { type: 'integer', minimum: 0 },
    },
    'Everything read from one message (MessageReport).',
  ),
  // `source` only for a message embedded in an Outlook item (archive.pst:/Inbox#17/attachment 2).
  nested: optional(
    obj({
      parent: { type: 'object' },
      depth: { type: 'integer', minimum: 1 },
      position: { type: 'integer', minimum: 0 },
      parentPosition: nullable({ type: 'integer', minimum: 0 }),
      contentType: str,
      source: str,
      report: ref('report'),
    }),
    ['source'],
  ),
  message: obj(
    {
      type: { const: 'message' },
      source: str,
      index: { type: 'integer', minimum: 0 },
      byteOffset: nullable({ type: 'integer', minimum: 0 }),
      report: ref('report'),
      nested: arrayOf(ref('nested')),
    },
    'One message of a scan.',
  ),
  messageExtras: {
    type: 'object',
    description: 'What the CLI adds to a message record.',
    properties: {
      decodedHeaders: optional(obj({ subject: nullable(str), from: nullable(str), to: nullable(str) }, 'Subject, From and To with RFC 2047 encoded words decoded.'), ['to']),
      run: obj({ settings: str, inputs: str, shard: nullable(str) }, 'Digests of the settings and inputs of the run, for rcvd summarize.'),
    },
  },
  summary: obj(
    {
      type: { const: 'summary' },
      messages: { type: 'integer', minimum: 0 },
      nestedMessages: { type: 'integer', minimum: 0 },
      unreadable: { type: 'integer', minimum: 0 },
      withoutHeaders: { type: 'integer', minimum: 0, description: 'Outlook archive items without internet headers: counted apart, never graded' },
      hops: { type: 'integer', minimum: 0 },
      externalHops: { type: 'integer', minimum: 0 },
      internalHops: { type: 'integer', minimum: 0 },
      verdicts: ref('gradeCounts'),
      internalOnly: { type: 'integer', minimum: 0 },
      unmatchedDeclared: arrayOf(str),
      externalHopGrades: ref('gradeCounts'),
      weakestCiphers: arrayOf(obj({ cipher: str, cipherIana: nullable(str), grade: ref('grade'), count: { type: 'integer', minimum: 1 } })),
      worstRelays: arrayOf(
        obj({ relay: str, basis: { enum: ['rdns', 'helo', 'ip', 'unstated'] }, hops: { type: 'integer', minimum: 1 }, worstGrade: ref('grade'), grades: ref('gradeCounts') }),
      ),
      years: arrayOf(obj({ year: nullable(int), verdicts: ref('gradeCounts'), internalOnly: { type: 'integer', minimum: 0 }, externalHops: ref('gradeCounts') })),
    },
    'The summary of a scan: counts, weakest ciphers, worst relays, years.',
  ),
};

/** The $defs a schema needs: `roots` and everything they reference, in the order of `defs`. */
function closure(roots) {
  const needed = new Set();
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string') {
          const name = child.slice('#/$defs/'.length);
          if (!needed.has(name)) {
            needed.add(name);
            visit(defs[name]);
          }
        } else visit(child);
      }
    }
  };
  roots.forEach((name) => visit(ref(name)));
  return Object.fromEntries(Object.keys(defs).filter((name) => needed.has(name)).map((name) => [name, defs[name]]));
}

const version = { const: SCHEMA_VERSION, description: 'The version of this shape; changes only when a field is renamed or removed.' };
const head = (file, title, description) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `received-forensics/schema/${file}`,
  title,
  description,
});

const schemas = {
  'output.schema.json': {
    ...head('output.schema.json', 'rcvd --format json', 'The whole document written by `rcvd --format json`.'),
    ...obj({
      schemaVersion: version,
      tool: obj({ name: str, version: str }),
      settings: nullable({ type: 'object', description: 'The command-line settings that decide grades and counts.' }),
      messages: arrayOf({ allOf: [ref('message'), ref('messageExtras')] }),
      summary: ref('summary'),
    }),
    $defs: closure(['message', 'messageExtras', 'summary']),
  },
  'record.schema.json': {
    ...head('record.schema.json', 'rcvd --format ndjson record', 'One line of `rcvd --format ndjson`: a message record, or the final summary.'),
    oneOf: [
      { allOf: [ref('message'), ref('messageExtras'), { type: 'object', required: ['schemaVersion'], properties: { schemaVersion: version } }] },
      {
        allOf: [
          ref('summary'),
          {
            type: 'object',
            required: ['schemaVersion', 'tool', 'settings'],
            properties: {
              schemaVersion: version,
              tool: obj({ name: str, version: str }),
              settings: nullable({ type: 'object', description: 'The grading settings, readable (policy, nested, maxHops, trusted, internal, providers); null when the records were not all made under one.' }),
            },
          },
        ],
      },
    ],
    $defs: closure(['message', 'messageExtras', 'summary']),
  },
  'summary.schema.json': {
    ...head('summary.schema.json', 'scan summary', 'The summary: the last NDJSON line (with schemaVersion), `summary` of the JSON document, the last item of `scan()`.'),
    ...ref('summary'),
    $defs: closure(['summary']),
  },
};

const check = process.argv.includes('--check');
if (!check) mkdirSync(join(ROOT, 'schema'), { recursive: true });
let differs = false;
for (const [file, schema] of Object.entries(schemas)) {
  const path = join(ROOT, 'schema', file);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (!check) writeFileSync(path, text);
  else if (readFileSync(path, 'utf8') !== text) {
    console.error(`${file} differs from what test/tools/generate-schemas.mjs writes`);
    differs = true;
  }
}
if (differs) process.exitCode = 1;
