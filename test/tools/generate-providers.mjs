#!/usr/bin/env node
/**
 * Regenerates src/providers/table.ts from the provider reference files beside the checkout (reference/providers/:
 * MISP warning lists, msipdelta2 SPF snapshots, Google's goog.json, the Exchange Online endpoints extract, the
 * parsedmarc map) and the hand-written test/tools/providers-input.mjs, which says which file speaks for which
 * provider and holds the few facts found only in the prose of providers.md.
 *
 * Nothing is typed from memory: every input file's hash must match SOURCES.md, every range comes out of a file or
 * is quoted verbatim in providers.md, every domain is a parsedmarc row of the right service or written in the
 * document cited, and every hand-written date is quoted from SOURCES.md or providers.md. Blocks are canonicalised
 * and the entries checked by the library's own code (src/address/cidr.ts, src/providers/validate.ts).
 *
 * Usage: node test/tools/generate-providers.mjs [--check]
 *   --check  exit 1 when the committed file differs from what would be generated.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MSIP, PARSEDMARC_DATE, PROVIDERS, UPSTREAM } from './providers-input.mjs';

export const PROVIDERS_DIR = fileURLToPath(new URL('../../../shared/reference/providers/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_FILE = fileURLToPath(new URL('../../src/providers/table.ts', import.meta.url));

const SMTP_UNION = 'misp/smtp-sending-ips.list.json';

// ---------------------------------------------------------------------------------------------------------------
// Library code reused: the CIDR parser and the entry checks
// ---------------------------------------------------------------------------------------------------------------

async function loadLibrary() {
  const contents = [
    "export { parseCidr, cidrContainsBytes } from './src/address/cidr.ts';",
    "export { validateProviderEntries } from './src/providers/validate.ts';",
  ].join('\n');
  const out = await build({
    stdin: { contents, resolveDir: REPO, loader: 'ts', sourcefile: 'providers-generator-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and verifying the reference files
// ---------------------------------------------------------------------------------------------------------------

class Reference {
  constructor(dir) {
    this.dir = dir;
    this.cache = new Map();
    this.used = new Map();
  }

  /** Text of a file under reference/providers/ ('../providers.md' for the note itself); remembered as used. */
  text(rel) {
    let t = this.cache.get(rel);
    if (t === undefined) {
      t = readFileSync(this.dir + rel, 'utf8');
      this.cache.set(rel, t);
    }
    return t;
  }

  use(rel, version) {
    this.text(rel);
    if (!this.used.has(rel)) this.used.set(rel, version);
  }

  get providersMd() {
    return this.text('../providers.md');
  }

  get sourcesMd() {
    return this.text('SOURCES.md');
  }

  doc(name) {
    if (name === 'providers.md') return this.providersMd;
    if (name === 'SOURCES.md') return this.sourcesMd;
    if (name === 'endpoints extract') return this.text('microsoft/exchange-online-endpoints-extract.md');
    throw new Error(`unknown document ${name}`);
  }
}

/** Lines of SOURCES.md's hash block (`<sha256>  <path>`) and its msipdelta2 git blob list. */
function publishedHashes(sourcesMd) {
  const sha256 = new Map();
  for (const line of sourcesMd.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line.trim());
    if (m) sha256.set(m[2], m[1]);
  }
  const blobs = new Map();
  const start = sourcesMd.indexOf('msipdelta2 git blobs:');
  if (start >= 0) {
    const para = sourcesMd.slice(start, sourcesMd.indexOf('\n\n', start));
    let service = '';
    for (const m of para.matchAll(/`([^`]+)` ([0-9a-f]{12})/g)) {
      let name = m[1];
      if (name.startsWith('…/')) name = `${service}/list/${name.slice(2)}`;
      else if (!name.includes('/')) name = `${name}/list/IPv4`;
      service = name.slice(0, name.indexOf('/'));
      blobs.set(`msipdelta2/${name}`, m[2]);
    }
  }
  return { sha256, blobs };
}

const sha256Of = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const gitBlobOf = (text) => {
  const body = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
};

/** Every reference file used must be the one SOURCES.md describes; a refreshed copy needs its note updated first. */
function verifyHashes(ref) {
  const { sha256, blobs } = publishedHashes(ref.sourcesMd);
  const out = new Map();
  for (const rel of ref.used.keys()) {
    if (rel.startsWith('../') || rel === 'SOURCES.md') continue;
    const text = ref.text(rel);
    const sum = sha256Of(text);
    if (sha256.has(rel)) {
      if (sha256.get(rel) !== sum) throw new Error(`${rel}: SHA-256 ${sum} differs from SOURCES.md`);
      out.set(rel, `sha256 ${sum.slice(0, 12)}`);
    } else if (blobs.has(rel)) {
      const blob = gitBlobOf(text);
      if (!blob.startsWith(blobs.get(rel))) throw new Error(`${rel}: git blob ${blob} differs from SOURCES.md`);
      out.set(rel, `git blob ${blob.slice(0, 12)}`);
    } else if (rel.startsWith('microsoft/')) {
      // The transcribed extract is hand-made; SOURCES.md says it has no upstream hash.
      out.set(rel, `sha256 ${sum.slice(0, 12)}`);
    } else throw new Error(`${rel}: SOURCES.md gives no hash for it`);
  }
  return out;
}

/**
 * The table cites upstream sources only: each `; `-separated citation that starts with a repository
 * (`owner/repo:path`) or a URL must be one the provider notes or SOURCES.md name.
 */
function requireUpstream(ref, source, what) {
  for (const citation of source.split('; ')) {
    const first = citation.split(' ')[0];
    const token = first.startsWith('https://') ? first : first.split(':')[0];
    if (!token.includes('/')) continue;
    if (!ref.providersMd.includes(token) && !ref.sourcesMd.includes(token)) throw new Error(`${what}: ${token} is not a source the reference notes name`);
  }
}

function requireQuote(ref, docName, quote, what) {
  for (const q of Array.isArray(quote) ? quote : [quote]) {
    if (!ref.doc(docName).includes(q)) throw new Error(`${what}: "${q}" is not in ${docName}`);
  }
}

const isNameChar = (c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-';

/** `true` when `text` writes `name` as a whole host name or as the tail of one (`*.prod.exchangelabs.com`). */
function mentions(text, name) {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
    const before = at === 0 ? '' : lower[at - 1];
    const after = lower[at + name.length] ?? '';
    const afterNext = lower[at + name.length + 1] ?? '';
    if (isNameChar(before)) continue;
    if (isNameChar(after) || (after === '.' && isNameChar(afterNext))) continue;
    return true;
  }
  return false;
}

function mispList(ref, rel) {
  const json = JSON.parse(ref.text(rel));
  if (!Array.isArray(json.list) || typeof json.version !== 'number') throw new Error(`${rel}: not a MISP list`);
  ref.use(rel, `list version ${json.version}`);
  return { list: json.list, version: String(json.version) };
}

const isoOf = (yyyymmdd) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

function parsedmarcRows(ref) {
  const rel = 'parsedmarc/base_reverse_dns_map.extract.csv';
  requireQuote(ref, 'SOURCES.md', PARSEDMARC_DATE.quote, rel);
  ref.use(rel, `file commit ${PARSEDMARC_DATE.quote}`);
  const rows = new Map();
  for (const line of ref.text(rel).split('\n').slice(1)) {
    if (line.trim() === '') continue;
    // Three columns; service names in this extract hold no commas or quotes (checked: a quoted field fails below).
    const cells = line.split(',');
    if (cells.length !== 3 || line.includes('"')) throw new Error(`${rel}: unexpected row ${line}`);
    rows.set(cells[0], cells[1]);
  }
  return rows;
}

/** Rows of one version of the transcribed endpoints extract: ID → { names, addresses }. */
function endpointRows(ref, version) {
  const rel = 'microsoft/exchange-online-endpoints-extract.md';
  const text = ref.text(rel);
  const heading = `## Version ${version} (file generated `;
  const at = text.indexOf(heading);
  if (at < 0) throw new Error(`${rel}: no section for version ${version}`);
  const generated = text.slice(at + heading.length, at + heading.length + 10);
  ref.use(rel, `endpoints version ${version} (generated ${generated})`);
  const next = text.indexOf('\n## ', at + 1);
  const rows = new Map();
  for (const line of text.slice(at, next < 0 ? text.length : next).split('\n')) {
    const cells = line.split(' | ');
    if (cells.length < 5 || !/^\| \d+$/.test(cells[0])) continue;
    const [names, addresses = ''] = cells[3].split('` / `');
    rows.set(cells[0].slice(2), { names: names.replaceAll('`', ''), addresses: addresses.replaceAll('`', '') });
  }
  return { rows, generated };
}

function googPrefixes(ref) {
  const rel = 'google/goog-2024-04-25.json';
  const json = JSON.parse(ref.text(rel));
  ref.use(rel, `creationTime ${json.creationTime}`);
  return { list: json.prefixes.map((p) => p.ipv4Prefix ?? p.ipv6Prefix), date: json.creationTime.slice(0, 10) };
}

function gmailHistory(ref) {
  const rel = 'derived/gmail-spf-history-from-misp.tsv';
  const blocks = new Set();
  const dates = [];
  for (const line of ref.text(rel).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [, date, , count, prefixes = ''] = line.split('\t');
    if (count === '0') continue; // a failed DNS run upstream
    dates.push(date);
    for (const p of prefixes.split(' ')) if (p !== '') blocks.add(p);
  }
  const range = `${dates[0]} to ${dates[dates.length - 1]}`;
  ref.use(rel, `rows ${range}`);
  return { list: [...blocks], range };
}

/** An msipdelta2 list: one block per line. Some lines end in the `"` of a split SPF TXT string; it is not data. */
function msipList(ref, file) {
  const rel = `msipdelta2/${file}`;
  const meta = MSIP[file];
  if (meta === undefined) throw new Error(`${file}: not described in providers-input.mjs`);
  requireQuote(ref, 'SOURCES.md', meta.quote, rel);
  if (!ref.sourcesMd.includes(`\`${meta.spf}\``)) throw new Error(`${rel}: SPF record ${meta.spf} not in SOURCES.md`);
  ref.use(rel, `commit ${meta.commit} (${meta.date})`);
  const list = ref
    .text(rel)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => (l.endsWith('"') ? l.slice(0, -1) : l));
  return { list, meta };
}

// ---------------------------------------------------------------------------------------------------------------
// Building the entries
// ---------------------------------------------------------------------------------------------------------------

function compareCidrs(a, b) {
  if (a.version !== b.version) return a.version - b.version;
  for (let k = 0; k < a.bytes.length; k++) if (a.bytes[k] !== b.bytes[k]) return a.bytes[k] - b.bytes[k];
  return a.prefix - b.prefix;
}

function dateSpan(dates) {
  const sorted = [...new Set(dates)].sort();
  return sorted.length === 1 ? sorted[0] : `${sorted[0]} to ${sorted[sorted.length - 1]}`;
}

function makeBuilder(lib, ref) {
  const parse = (text, where) => {
    const c = lib.parseCidr(text);
    if (c === null) throw new Error(`${where}: "${text}" is not a CIDR block`);
    return c;
  };
  const inside = (inner, outer) => inner.version === outer.version && inner.prefix >= outer.prefix && lib.cidrContainsBytes(outer, inner);
  const union = () => {
    const { list, version } = mispList(ref, SMTP_UNION);
    return { blocks: list.map((t) => parse(t, SMTP_UNION)), version };
  };

  /** Blocks and source lines of one network spec: [{ space, blocks, source }]. */
  function networks(spec, id) {
    const where = `${id}: ${spec.from}`;
    switch (spec.from) {
      case 'misp': {
        const { list, version } = mispList(ref, spec.file);
        let texts = list;
        if (spec.pick !== undefined) {
          for (const p of spec.pick) {
            if (!list.includes(p)) throw new Error(`${where}: ${p} is not an entry of ${spec.file}`);
            if (spec.quotedIn !== undefined && !mentionsBlock(ref.doc(spec.quotedIn), p)) {
              throw new Error(`${where}: ${p} is not written in ${spec.quotedIn}`);
            }
          }
          texts = spec.pick;
        }
        const source = { source: `${UPSTREAM[spec.file]}, list version ${version}`, date: isoOf(version) };
        return [{ space: spec.space, blocks: texts.map((t) => parse(t, where)), part: spec.part, ...source }];
      }
      case 'endpoints': {
        const { rows, generated } = endpointRows(ref, spec.version);
        const row = rows.get(spec.id);
        if (row === undefined || row.addresses === '') throw new Error(`${where}: no addresses for ID ${spec.id}`);
        if (spec.quote !== undefined) requireQuote(ref, 'endpoints extract', spec.quote, where);
        const blocks = row.addresses.split(', ').map((t) => parse(t.trim(), where));
        const source = `${UPSTREAM['microsoft/exchange-online-endpoints-extract.md']}, version ${spec.version}`;
        return [{ space: spec.space, blocks, part: spec.part, source, date: generated }];
      }
      case 'goog': {
        const { list, date } = googPrefixes(ref);
        return [{ space: spec.space, blocks: list.map((t) => parse(t, where)), part: spec.part, source: UPSTREAM['google/goog-2024-04-25.json'], date }];
      }
      case 'gmail-history': {
        const { list, range } = gmailHistory(ref);
        const blocks = list.map((t) => parse(t, where));
        return [{ space: spec.space, blocks, part: spec.part, source: UPSTREAM['derived/gmail-spf-history-from-misp.tsv'], date: range }];
      }
      case 'prose': {
        requireQuote(ref, 'providers.md', spec.quote, where);
        for (const r of spec.ranges) if (!mentionsBlock(ref.providersMd, r)) throw new Error(`${where}: ${r} is not written in providers.md`);
        requireUpstream(ref, spec.source, where);
        return [{ space: spec.space, blocks: spec.ranges.map((t) => parse(t, where)), part: spec.part, source: spec.source, date: spec.date }];
      }
      case 'msip': {
        const { blocks: unionBlocks, version } = union();
        const current = [];
        const stale = [];
        const dates = [];
        const spfs = new Set();
        for (const file of spec.files) {
          const { list, meta } = msipList(ref, file);
          dates.push(meta.date);
          spfs.add(meta.spf);
          for (const t of list) {
            const c = parse(t, `${where} ${file}`);
            (unionBlocks.some((u) => inside(c, u)) ? current : stale).push(c);
          }
        }
        const files = spec.files.map((f) => `${f} @${MSIP[f].commit}`).join(', ');
        const spf = [...spfs].join(', ');
        const source = `blankcode/msipdelta2:${files} (SPF of ${spf}), checked against ${UPSTREAM[SMTP_UNION].split(' (')[0]} version ${version}`;
        const date = dateSpan(dates);
        return [
          { space: 'mail', blocks: current, part: `SPF snapshot of ${spf}: the blocks the 2026 union still holds`, source, date },
          { space: 'wide', blocks: stale, part: `SPF snapshot of ${spf}: the blocks no 2026 source confirms (stale)`, source, date },
        ].filter((n) => n.blocks.length > 0);
      }
      default:
        throw new Error(`${where}: unknown network spec`);
    }
  }

  function domains(group, id) {
    const where = `${id}: domains ${group.names.join(', ')}`;
    if (group.doc === 'parsedmarc') {
      const rows = parsedmarcRows(ref);
      for (const n of group.names) {
        const service = rows.get(n);
        if (service === undefined) throw new Error(`${where}: ${n} is not a parsedmarc row`);
        if (!group.services.includes(service)) throw new Error(`${where}: parsedmarc names ${n} "${service}"`);
      }
      const services = group.services.map((s) => `"${s}"`).join(', ');
      return { part: `PTR base domains of ${services}`, source: UPSTREAM['parsedmarc/base_reverse_dns_map.extract.csv'], date: PARSEDMARC_DATE.date };
    }
    if (group.doc === 'o365-urls') {
      const { list, version } = mispList(ref, 'misp/microsoft-office365.list.json');
      for (const n of group.names) if (!list.includes(n)) throw new Error(`${where}: ${n} is not in the Office 365 URL list`);
      return { part: group.why, source: `${UPSTREAM['misp/microsoft-office365.list.json']}, list version ${version}`, date: isoOf(version) };
    }
    const text = ref.doc(group.doc);
    for (const n of group.names) if (!mentions(text, n)) throw new Error(`${where}: ${n} is not written in ${group.doc}`);
    if (group.quote !== undefined) requireQuote(ref, group.doc, group.quote, where);
    requireUpstream(ref, group.source, where);
    return { part: group.why, source: group.source, date: group.date };
  }

  return { networks, domains, inside };
}

/** `true` when a block is written in the text as a whole token (`40.64.0.0/10` but not `140.64.0.0/10`). */
function mentionsBlock(text, block) {
  for (let at = text.indexOf(block); at >= 0; at = text.indexOf(block, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + block.length] ?? '';
    if (!/[0-9a-f:./]/i.test(before) && !/[0-9a-f:./]/i.test(after)) return true;
  }
  return false;
}

function buildEntry(spec, builder, ref) {
  const sources = [];
  const names = [];
  for (const group of spec.domains) {
    const s = builder.domains(group, spec.id);
    names.push(...group.names);
    sources.push({ part: `domains ${group.names.join(', ')}: ${s.part}`, source: s.source, date: s.date });
  }
  const mail = [];
  const wide = [];
  for (const n of spec.networks) {
    for (const piece of builder.networks(n, spec.id)) {
      (piece.space === 'mail' ? mail : wide).push(...piece.blocks);
      const field = piece.space === 'mail' ? 'mailNetworks' : 'wideNetworks';
      sources.push({ part: `${field}: ${piece.part}`, source: piece.source, date: piece.date });
    }
  }
  for (const note of spec.notes ?? []) {
    requireUpstream(ref, note.source, `${spec.id}: note`);
    if (typeof note.date !== 'string') throw new Error(`${spec.id}: a note without the date of its sources`);
    sources.push({ part: `note: ${note.text}`, source: note.source, date: note.date });
  }
  // A block inside another of the same entry adds nothing; a wide block inside a mail block never decides anything.
  const minimal = (list, also) =>
    list
      .filter((c, i) => !list.some((o, j) => j !== i && builder.inside(c, o) && (c.prefix !== o.prefix || j < i)))
      .filter((c) => !also.some((o) => builder.inside(c, o)))
      .sort(compareCidrs)
      .map((c) => c.text);
  const mailTexts = minimal(mail, []);
  const wideTexts = minimal(wide, mail);
  return {
    id: spec.id,
    name: spec.name,
    domains: [...new Set(names)],
    mailNetworks: mailTexts,
    wideNetworks: wideTexts,
    sources,
  };
}

/** Build the entries and the list of inputs (also used by the test that checks the committed table is current). */
export async function buildTable(dir = PROVIDERS_DIR) {
  const lib = await loadLibrary();
  const ref = new Reference(dir);
  requireQuote(ref, 'providers.md', 'compiled on 2026-12-07', 'providers.md');
  const builder = makeBuilder(lib, ref);
  const entries = PROVIDERS.map((spec) => buildEntry(spec, builder, ref));
  // The library's own checks: a block or domain it would refuse from a user fails the generation too.
  lib.validateProviderEntries(entries);
  const hashes = verifyHashes(ref);
  const inputs = [...ref.used.entries()]
    .map(([rel, version]) => ({ rel, version, hash: hashes.get(rel) ?? null }))
    .sort((a, b) => a.rel.localeCompare(b.rel));
  return { entries, inputs };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------------------------

const quote = (s) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** A string array packed into lines of at most 120 columns. */
function packed(items, indent) {
  if (items.length === 0) return '[]';
  const pad = ' '.repeat(indent + 2);
  const lines = [];
  let line = '';
  for (const item of items.map(quote)) {
    const next = line === '' ? item : `${line}, ${item}`;
    if (pad.length + next.length + 1 > 120 && line !== '') {
      lines.push(line + ',');
      line = item;
    } else line = next;
  }
  lines.push(line + ',');
  return `[\n${lines.map((l) => pad + l).join('\n')}\n${' '.repeat(indent)}]`;
}

function renderEntry(e) {
  const sources = e.sources
    .map((s) => `      {\n        part: ${quote(s.part)},\n        source: ${quote(s.source)},\n        date: ${quote(s.date)},\n      },`)
    .join('\n');
  return [
    '  {',
    `    id: ${quote(e.id)},`,
    `    name: ${quote(e.name)},`,
    `    domains: ${packed(e.domains, 4)},`,
    `    mailNetworks: ${packed(e.mailNetworks, 4)},`,
    `    wideNetworks: ${packed(e.wideNetworks, 4)},`,
    `    sources: [\n${sources}\n    ],`,
    '  },',
  ].join('\n');
}

/** The text of src/providers/table.ts. */
export function renderTable({ entries, inputs }) {
  const upstream = (rel) => (rel.startsWith('msipdelta2/') ? `blankcode/msipdelta2:${rel.slice('msipdelta2/'.length)}` : UPSTREAM[rel].split(' (')[0]);
  const files = inputs
    .filter((i) => !i.rel.startsWith('../'))
    .map((i) => ({ name: upstream(i.rel), text: `${i.version}${i.hash === null ? '' : `, ${i.hash}`}` }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((i) => ` * - ${i.name}: ${i.text}`)
    .join('\n');
  const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const counts = entries
    .map((e) => ` * - ${e.id}: ${count(e.domains.length, 'domain')}, ${count(e.mailNetworks.length, 'mail block')}, ${count(e.wideNetworks.length, 'wide block')}`)
    .join('\n');
  return `/**
 * The built-in mail providers. GENERATED by test/tools/generate-providers.mjs from test/tools/providers-input.mjs
 * and copies of the upstream data below; do not edit by hand: change the input or the data and run
 * \`node test/tools/generate-providers.mjs\`.
 *
 * Each entry's \`mailNetworks\` are published or attributable snapshotted mail ranges: enough, with a \`by\` host of
 * the same provider, to call a hop the provider's own. Its \`wideNetworks\` are the rest of the provider's space
 * (cloud customers included) and stale snapshots: they count only with a client name in \`domains\` as well.
 * Blocks inside another block of the same entry are left out, and so are wide blocks inside a mail block.
 *
 * The upstream data read, with its version and the hash of the copy read (checked against the copies' provenance
 * record before use; the Exchange Online rows and the parsedmarc rows are extracts of the upstream file):
${files}
 *
 * Entries:
${counts}
 * @module
 */
import type { ProviderEntry } from './types.js';

/** One entry per provider; blocks sorted, IPv4 first. Every part names its source and date. */
export const PROVIDER_TABLE: readonly ProviderEntry[] = [
${entries.map(renderEntry).join('\n')}
];
`;
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(PROVIDERS_DIR)) {
    console.error(`reference data not found at ${PROVIDERS_DIR}`);
    process.exit(2);
  }
  let text;
  try {
    text = renderTable(await buildTable());
  } catch (e) {
    // The library is loaded from a data: URL, so a stack trace would print the whole bundle.
    console.error(`generate-providers: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    const current = existsSync(OUT_FILE) ? readFileSync(OUT_FILE, 'utf8') : '';
    if (current !== text) {
      console.error('src/providers/table.ts is out of date: run node test/tools/generate-providers.mjs');
      process.exit(1);
    }
    console.log('src/providers/table.ts is current');
  } else {
    writeFileSync(OUT_FILE, text);
    console.log(`wrote src/providers/table.ts (${text.split('\n').length} lines)`);
  }
}
