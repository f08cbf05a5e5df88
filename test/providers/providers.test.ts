// Provider knowledge (src/providers): the built-in table answers for the addresses and host names real chains carry,
// user entries add to and replace it, bad user data is refused with a TypeError, lookups agree with a plain scan
// over every block and domain (fast-check), and the committed table is what the generator makes of the reference
// files (skipped when they are not beside the checkout).
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContainsBytes, parseCidr, type ParsedCidr } from '../../src/address/cidr.js';
import { addressBytes, formatIpBytes } from '../../src/address/ip.js';
import {
  BUILTIN_PROVIDERS,
  compileProviders,
  NO_PROVIDERS,
  providerOfAddress,
  providerOfHost,
  validateProviderEntries,
  type CompiledProviders,
  type ProviderEntry,
} from '../../src/providers/lookup.js';
import { PROVIDER_TABLE } from '../../src/providers/table.js';
import { buildTable, OUT_FILE, PROVIDERS_DIR, renderTable } from '../tools/generate-providers.mjs';

const haveReference = existsSync(PROVIDERS_DIR);
if (!haveReference) console.log(`providers: no reference files at ${PROVIDERS_DIR}, skipping the generated-table check`);

const where = (ip: string | null, p: CompiledProviders = BUILTIN_PROVIDERS): string | null => {
  const m = providerOfAddress(ip, p);
  return m === null ? null : `${m.provider.id} ${m.space}`;
};
const hostId = (name: string | null, p: CompiledProviders = BUILTIN_PROVIDERS): string | null => providerOfHost(name, p)?.id ?? null;

describe('providerOfAddress over the built-in table', () => {
  const cases: [string, string | null, string][] = [
    // Microsoft: Exchange Online's published SMTP ranges are mail space; the rest of its announced space is wide.
    ['40.107.20.110', 'microsoft mail', 'EOP egress (tenant to tenant), endpoint ID 10'],
    ['40.92.18.4', 'microsoft mail', 'Outlook.com consumer egress'],
    ['52.103.171.5', 'microsoft mail', 'inside 52.100.0.0/14'],
    ['104.47.0.1', 'microsoft mail', 'first address of 104.47.0.0/17'],
    ['104.47.127.255', 'microsoft mail', 'last address of 104.47.0.0/17'],
    ['104.47.128.0', null, 'just past 104.47.0.0/17'],
    ['2a01:111:f403:c000::1', 'microsoft mail', 'inside 2a01:111:f403::/48'],
    ['::ffff:40.107.20.110', 'microsoft mail', 'IPv4-mapped form counts as the IPv4'],
    ['2603:10a6:710:2b::10', 'microsoft wide', 'internal hop address, 2603:1000::/24'],
    ['2603:10b6:806:125::35', 'microsoft wide', 'front-door server'],
    ['2a01:111:e400:c418::43', 'microsoft wide', 'EOP hub, 2a01:110::/31'],
    ['40.95.35.173', 'microsoft wide', 'EOP egress outside ID 10, inside 40.64.0.0/10'],
    ['52.96.1.1', 'microsoft wide', 'Office 365 space outside the SMTP ranges'],
    // Google: gmail.com SPF is mail space, goog.json and older SPF blocks are wide.
    ['209.85.220.41', 'google mail', 'mail-sor-f41.google.com'],
    ['209.85.208.51', 'google mail', 'mail-ed1-f51.google.com'],
    ['2607:f8b0:4864:20::a41', 'google mail', 'relay IPv6 inside the /56'],
    ['2607:f8b0:4000::1', 'google wide', 'older /36 SPF block, now only goog.json'],
    ['172.217.1.1', 'google wide', 'user-facing range'],
    ['35.191.0.1', 'google wide', 'dropped from SPF in 2025, still Google'],
    ['108.177.16.10', 'google wide', 'unverified-forwarding server'],
    // Others.
    ['17.58.63.176', 'apple mail', 'st43p00im-….me.com'],
    ['17.56.9.36', 'apple mail', 'iCloud submission front end'],
    ['74.6.135.230', 'yahoo wide', 'Yahoo egress, only in the unattributed union'],
    ['54.240.3.27', 'amazon-ses wide', 'a3-27.smtp-out.eu-west-1.amazonses.com'],
    ['149.72.1.1', 'sendgrid mail', 'SendGrid SPF, still in 2026'],
    ['167.89.101.2', 'sendgrid mail', 'o9.sgmail.github.com sent by SendGrid'],
    ['185.70.40.10', 'proton mail', '_spf.protonmail.ch block still current'],
    ['51.89.119.103', 'proton wide', 'single host of the 2021 snapshot only'],
    ['195.130.217.5', 'mimecast mail', 'EU block still current'],
    ['41.74.205.146', 'mimecast wide', 'ZA block of the 2021 snapshot only'],
    ['143.55.232.41', 'mailgun wide', 'Mailgun 2021 snapshot only'],
    ['135.84.80.44', 'zoho wide', 'ZeptoMail sender'],
    ['178.154.239.95', 'yandex wide', 'forward400a.mail.yandex.net'],
    ['43.154.54.12', 'tencent wide', 'bg4.exmail.qq.com'],
    ['212.227.17.20', 'gmx wide', 'mout.gmx.net'],
    ['198.2.130.1', 'mailchimp mail', 'servers.mcsv.net, still current'],
    ['148.105.200.1', 'mailchimp wide', 'union block taken as Mailchimp\'s'],
    ['85.158.136.1', 'messagelabs wide', 'MessageLabs 2020 snapshot'],
    // Nobody's.
    ['20.243.69.38', null, 'Azure VM that HELOs as Yahoo: not in any list'],
    ['172.183.212.194', null, 'Azure VM that HELOs as Yandex'],
    ['46.175.147.208', null, 'forged pphosted.com HELO'],
    ['1.1.1.1', null, 'somebody else'],
    ['10.167.8.133', null, 'private: decided elsewhere'],
    ['2002:a05:6214::1', null, '6to4 image of 10/8: decided elsewhere'],
    ['::1', null, 'loopback'],
  ];
  it.each(cases)('%s → %s (%s)', (ip, expected) => {
    expect(where(ip)).toBe(expected);
  });

  it('never calls an Azure address mail space', () => {
    for (const ip of ['20.243.69.38', '40.112.1.1', '52.169.136.42', '20.47.149.138']) {
      expect(providerOfAddress(ip, BUILTIN_PROVIDERS)?.space).not.toBe('mail');
    }
  });

  it('returns null for text that is not one address, never throwing', () => {
    for (const text of [null, '', 'mail.example.com', '[40.107.20.110]', '40.107.20', '40.107.20.110.1', '1'.repeat(10_000), ':'.repeat(500), '2603:10a6::1::2']) {
      expect(providerOfAddress(text, BUILTIN_PROVIDERS)).toBeNull();
    }
    expect(providerOfAddress(undefined as unknown as string, BUILTIN_PROVIDERS)).toBeNull();
  });

  it('answers with the table entry itself, the same object every time', () => {
    const a = providerOfAddress('40.107.20.110', BUILTIN_PROVIDERS);
    const b = providerOfAddress('40.107.99.1', BUILTIN_PROVIDERS);
    expect(a).toBe(b);
    expect(BUILTIN_PROVIDERS.entries).toContain(a?.provider);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('providerOfHost over the built-in table', () => {
  const cases: [string | null, string | null][] = [
    ['x.mail.protection.outlook.com', 'microsoft'],
    ['DB1PEPF000509E5.eurprd03.prod.outlook.com', 'microsoft'],
    ['SN1PR15CA0033.NAMPRD15.PROD.OUTLOOK.COM.', 'microsoft'],
    ['SN7PR04CA0180.outlook.office365.com', 'microsoft'],
    ['AM6PR0502MB3891.eurprd05.prod.exchangelabs.com', 'microsoft'],
    ['contoso-com.a1b2c3.mx.microsoft', 'microsoft'],
    ['outlook.com', 'microsoft'],
    ['evil-outlook.com', null],
    ['outlook.com.evil.example', null],
    ['outlook.comx', null],
    ['mail-sor-f41.google.com', 'google'],
    ['mail-sor-f41.google.com.', 'google'],
    ['smtp-relay.gmail.com', 'google'],
    ['ab-in-f26.1e100.net', 'google'],
    ['x.googleusercontent.com', null],
    ['sonic302-31.consmr.mail.bf2.yahoo.com', 'yahoo'],
    ['mx-eu.mail.gm0.yahoodns.net', 'yahoo'],
    ['st43p00im-zteg10063501.me.com', 'apple'],
    ['outbound.pv.icloud.com', 'apple'],
    ['a3-27.smtp-out.eu-west-1.amazonses.com', 'amazon-ses'],
    ['ec2-54-1-2-3.compute-1.amazonaws.com', null],
    ['mx07-00096706.pphosted.com', 'proofpoint'],
    ['m0123456.ppops.net', 'proofpoint'],
    ['mx1-us1.ppe-hosted.com', 'proofpoint'],
    ['za-smtp-delivery-146.mimecast.co.za', 'mimecast'],
    ['esa4.hc2984-29.iphmx.com', 'cisco'],
    ['mx.zohomail.com', 'zoho'],
    ['sendera44.transmail.net', 'zoho'],
    ['out1-smtp.messagingengine.com', 'fastmail'],
    ['mailin022.protonmail.ch', 'proton'],
    ['forward400a.mail.yandex.net', 'yandex'],
    ['x.yandex.cloud', null],
    ['mx12.mail.ru', 'mailru'],
    ['bizesmtp.qq.com', 'tencent'],
    ['ismtpd0021p1iad2.sendgrid.net', 'sendgrid'],
    ['o9.sgmail.github.com', null],
    ['m123-4.eu.mailgun.net', 'mailgun'],
    ['mail111.sea21.rsgsv.net', 'mailchimp'],
    ['mail1.mandrillapp.com', 'mailchimp'],
    ['smtp12-ia5-sp3.mta.salesforce.com', 'salesforce'],
    ['mout.gmx.net', 'gmx'],
    ['mout.kundenserver.de', null],
    ['x.cloudapp.net', null],
    // Not names: non-ASCII (the Kelvin sign folds to k in Unicode), empty labels, over-long, empty.
    ['outloo\u212a.com', null],
    ['mx.g\u00f6ogle.com', null],
    ['a..outlook.com', null],
    ['.outlook.com', null],
    ['outlook.com..', null],
    [`${'a'.repeat(250)}.outlook.com`, null],
    ['', null],
    ['.', null],
    [null, null],
    ['[40.107.20.110]', null],
    ['40.107.20.110', null],
  ];
  it.each(cases)('%s → %s', (name, expected) => {
    expect(hostId(name)).toBe(expected);
  });

  it('prefers the longest matching domain', () => {
    const p = compileProviders(
      [
        { id: 'parent', name: 'Parent', domains: ['example.org'], mailNetworks: [], wideNetworks: [], sources: [] },
        { id: 'child', name: 'Child', domains: ['mail.example.org'], mailNetworks: [], wideNetworks: [], sources: [] },
      ],
      NO_PROVIDERS,
    );
    expect(hostId('a.mail.example.org', p)).toBe('child');
    expect(hostId('mail.example.org', p)).toBe('child');
    expect(hostId('a.example.org', p)).toBe('parent');
    expect(hostId('xmail.example.org', p)).toBe('parent');
  });
});

describe('user entries', () => {
  const entry = (over: Partial<ProviderEntry> & { id: string }): ProviderEntry => ({
    name: over.id,
    domains: [],
    mailNetworks: [],
    wideNetworks: [],
    sources: [],
    ...over,
  });

  it('replace a built-in entry with the same id, everywhere', () => {
    const p = compileProviders([entry({ id: 'microsoft', name: 'Mine', domains: ['example.org'], mailNetworks: ['40.107.0.0/16'] })], BUILTIN_PROVIDERS);
    expect(hostId('x.outlook.com', p)).toBeNull();
    expect(providerOfHost('a.example.org', p)?.name).toBe('Mine');
    expect(where('40.92.0.1', p)).toBeNull();
    expect(where('2603:10a6::1', p)).toBeNull();
    expect(where('40.107.20.110', p)).toBe('microsoft mail');
    expect(where('209.85.220.41', p)).toBe('google mail');
    expect(p.entries.filter((e) => e.id === 'microsoft')).toHaveLength(1);
    expect(p.entries.at(-1)?.name).toBe('Mine');
    expect(p.entries).toHaveLength(BUILTIN_PROVIDERS.entries.length);
  });

  it('add to the built-in ones; a longer prefix wins within a space, mail wins over wide', () => {
    const p = compileProviders(
      [
        entry({ id: 'acme', domains: ['acme.example'], mailNetworks: ['40.107.20.0/24'], wideNetworks: ['209.85.220.0/24', '203.0.113.0/24'] }),
      ],
      BUILTIN_PROVIDERS,
    );
    expect(where('40.107.20.110', p)).toBe('acme mail');
    expect(where('40.107.21.1', p)).toBe('microsoft mail');
    expect(where('209.85.220.41', p)).toBe('google mail');
    expect(where('203.0.113.9', p)).toBe('acme wide');
    expect(hostId('mx.acme.example', p)).toBe('acme');
    expect(hostId('x.outlook.com', p)).toBe('microsoft');
    expect(p.entries).toHaveLength(BUILTIN_PROVIDERS.entries.length + 1);
  });

  it('the same block in two entries goes to the later one', () => {
    const p = compileProviders([entry({ id: 'a', mailNetworks: ['198.51.100.0/24'] }), entry({ id: 'b', mailNetworks: ['198.51.100.0/24'] })], NO_PROVIDERS);
    expect(where('198.51.100.7', p)).toBe('b mail');
  });

  it('go on top of the built-in table when no base is given', () => {
    const p = compileProviders([entry({ id: 'acme', domains: ['acme.example'], mailNetworks: ['192.0.2.0/24'] })]);
    expect(p.entries.map((e) => e.id)).toEqual([...BUILTIN_PROVIDERS.entries.map((e) => e.id), 'acme']);
    expect(where('40.107.20.110', p)).toBe('microsoft mail');
    expect(compileProviders([]).entries).toEqual(BUILTIN_PROVIDERS.entries);
  });

  it('stand alone on NO_PROVIDERS', () => {
    const p = compileProviders([entry({ id: 'acme', domains: ['acme.example'], mailNetworks: ['192.0.2.0/24'] })], NO_PROVIDERS);
    expect(p.entries.map((e) => e.id)).toEqual(['acme']);
    expect(where('40.107.20.110', p)).toBeNull();
    expect(where('192.0.2.1', p)).toBe('acme mail');
    expect(NO_PROVIDERS.entries).toEqual([]);
    expect(where('192.0.2.1', NO_PROVIDERS)).toBeNull();
    expect(hostId('x.outlook.com', NO_PROVIDERS)).toBeNull();
  });

  it('an entry with no domains or blocks switches a built-in provider off', () => {
    const p = compileProviders([entry({ id: 'google' })], BUILTIN_PROVIDERS);
    expect(where('209.85.220.41', p)).toBeNull();
    expect(hostId('mx.google.com', p)).toBeNull();
  });

  it('come back normalised and frozen from validateProviderEntries', () => {
    const [e] = validateProviderEntries([{ id: 'acme', domains: ['Mail.ACME.example.'], mailNetworks: ['10.1.2.3/8', '10.0.0.0/8'] }]);
    expect(e).toEqual({ id: 'acme', name: 'acme', domains: ['mail.acme.example'], mailNetworks: ['10.0.0.0/8'], wideNetworks: [], sources: [] });
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e?.domains)).toBe(true);
  });

  const bad: [string, unknown, string][] = [
    ['not an array', { id: 'x' }, 'providers: must be an array'],
    ['an entry that is not an object', ['x'], 'providers[0]: must be an object'],
    ['a missing id', [{ domains: [] }], 'providers[0].id: must be a string'],
    ['an upper-case id', [{ id: 'Acme', domains: [] }], 'providers[0].id'],
    ['a duplicate id', [{ id: 'a', domains: [] }, { id: 'a', domains: [] }], 'providers[1].id: "a" appears twice'],
    ['an unknown key', [{ id: 'a', domains: [], wideNetwork: [] }], 'providers[0].wideNetwork: is not a known key'],
    ['missing domains', [{ id: 'a' }], 'providers[0].domains: must be an array'],
    ['an empty domain', [{ id: 'a', domains: [''] }], 'providers[0].domains[0]: must not be empty'],
    ['a blank domain', [{ id: 'a', domains: ['  '] }], 'providers[0].domains[0]: must not be empty'],
    ['a TLD as domain', [{ id: 'a', domains: ['com'] }], 'public suffix'],
    ['a public suffix as domain', [{ id: 'a', domains: ['co.uk'] }], 'public suffix'],
    ['a private public suffix as domain', [{ id: 'a', domains: ['github.io'] }], 'public suffix'],
    ['a domain with a space', [{ id: 'a', domains: ['ex ample.com'] }], 'not an ASCII host name'],
    ['a non-ASCII domain', [{ id: 'a', domains: ['bücher.de'] }], 'not an ASCII host name'],
    ['an empty label', [{ id: 'a', domains: ['a..example.com'] }], 'empty, over-long or hyphen-edged'],
    ['a non-string domain', [{ id: 'a', domains: [42] }], 'providers[0].domains[0]: must be a string, not number 42'],
    ['a bad prefix', [{ id: 'a', domains: [], mailNetworks: ['1.2.3.4/33'] }], 'providers[0].mailNetworks[0]: "1.2.3.4/33" is not a CIDR block'],
    ['not a block', [{ id: 'a', domains: [], wideNetworks: ['10.0.0.0/8', 'banana'] }], 'providers[0].wideNetworks[1]'],
    ['the whole IPv4 space', [{ id: 'a', domains: [], mailNetworks: ['0.0.0.0/0'] }], 'wider than /8'],
    ['the whole IPv6 space', [{ id: 'a', domains: [], mailNetworks: ['::/0'] }], 'outside global unicast'],
    ['all of global unicast', [{ id: 'a', domains: [], mailNetworks: ['2000::/3'] }], 'wider than /16'],
    ['link-local IPv6', [{ id: 'a', domains: [], mailNetworks: ['fe80::/10'] }], 'outside global unicast'],
    ['mapped space', [{ id: 'a', domains: [], mailNetworks: ['::ffff:0:0/95'] }], 'outside global unicast'],
    ['a source without date', [{ id: 'a', domains: [], sources: [{ part: 'p', source: 's' }] }], 'providers[0].sources[0].date'],
    ['a name that is not text', [{ id: 'a', domains: [], name: 7 }], 'providers[0].name'],
  ];
  it.each(bad)('refuse %s with a TypeError', (_what, value, message) => {
    expect(() => validateProviderEntries(value)).toThrow(TypeError);
    expect(() => validateProviderEntries(value)).toThrow(message);
    expect(() => compileProviders(value as ProviderEntry[], BUILTIN_PROVIDERS)).toThrow(TypeError);
  });

  it('refuse a base that compileProviders did not make', () => {
    expect(() => compileProviders([], { entries: [] })).toThrow(TypeError);
    expect(() => providerOfHost('x.outlook.com', { entries: [] })).toThrow(TypeError);
  });
});

describe('the built-in table', () => {
  it('passes the checks user data goes through, unchanged', () => {
    expect(validateProviderEntries(PROVIDER_TABLE)).toEqual(PROVIDER_TABLE);
    expect(BUILTIN_PROVIDERS.entries.map((e) => e.id)).toEqual(PROVIDER_TABLE.map((e) => e.id));
  });

  it('says where every part came from', () => {
    for (const e of PROVIDER_TABLE) {
      expect(e.sources.some((s) => s.part.startsWith('domains ')), e.id).toBe(true);
      if (e.mailNetworks.length > 0) expect(e.sources.some((s) => s.part.startsWith('mailNetworks: ')), e.id).toBe(true);
      if (e.wideNetworks.length > 0) expect(e.sources.some((s) => s.part.startsWith('wideNetworks: ')), e.id).toBe(true);
      for (const s of e.sources) expect(s.date, `${e.id}: ${s.part}`).toMatch(/^(?:\d{4}-\d{2}-\d{2}|undated)/);
    }
  });

  it('names no cloud-customer or subscriber domain', () => {
    const domains = PROVIDER_TABLE.flatMap((e) => e.domains);
    for (const d of ['amazonaws.com', 'googleusercontent.com', 'appspot.com', 'cloudapp.net', 'azurewebsites.net', 'yandex.cloud', 'comcast.net', 'user.fm']) {
      expect(domains).not.toContain(d);
    }
  });

  it('keeps no wide block inside a mail block of the same entry', () => {
    for (const e of PROVIDER_TABLE) {
      const mail = e.mailNetworks.map((t) => parseCidr(t)!);
      for (const t of e.wideNetworks) {
        const w = parseCidr(t)!;
        const bytes = { version: w.version, bytes: w.bytes, mapped: false };
        expect(mail.some((m) => m.version === w.version && m.prefix <= w.prefix && cidrContainsBytes(m, bytes)), `${e.id} ${t}`).toBe(false);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties: the index agrees with a plain scan
// ---------------------------------------------------------------------------------------------------------------

interface Candidate {
  readonly rank: number;
  readonly prefix: number;
  readonly order: number;
  readonly id: string;
  readonly space: 'mail' | 'wide';
}

/** The rule stated plainly: mail over wide, then the longest prefix, then the later entry. */
function naiveAddress(ip: string, entries: readonly ProviderEntry[]): string | null {
  const addr = addressBytes(ip);
  if (addr === null) return null;
  let best: Candidate | null = null;
  entries.forEach((e, order) => {
    const spaces = [
      [e.mailNetworks, 1, 'mail'],
      [e.wideNetworks, 0, 'wide'],
    ] as const;
    for (const [list, rank, space] of spaces) {
      for (const t of list) {
        const c = parseCidr(t)!;
        if (!cidrContainsBytes(c, addr)) continue;
        const cand: Candidate = { rank, prefix: c.prefix, order, id: e.id, space };
        if (
          best === null ||
          cand.rank > best.rank ||
          (cand.rank === best.rank && (cand.prefix > best.prefix || (cand.prefix === best.prefix && cand.order > best.order)))
        ) {
          best = cand;
        }
      }
    }
  });
  return best === null ? null : `${(best as Candidate).id} ${(best as Candidate).space}`;
}

function naiveHost(name: string, entries: readonly ProviderEntry[]): string | null {
  let n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253 || [...n].some((ch) => ch.charCodeAt(0) > 0x7f)) return null;
  if (n.split('.').some((label) => label === '')) return null;
  n = n.toLowerCase();
  let best: { len: number; order: number; id: string } | null = null;
  entries.forEach((e, order) => {
    for (const d of e.domains) {
      if ((n === d || n.endsWith(`.${d}`)) && (best === null || d.length > best.len || (d.length === best.len && order > best.order))) {
        best = { len: d.length, order, id: e.id };
      }
    }
  });
  return best === null ? null : (best as { id: string }).id;
}

const toBig = (c: ParsedCidr): bigint => c.bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
const fromBig = (value: bigint, version: 4 | 6): string => {
  const n = version === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let k = n - 1; k >= 0; k--) bytes.push(Number((value >> BigInt(k * 8)) & 0xffn));
  return formatIpBytes(bytes);
};

/** Addresses at, just outside and inside the edges of the given blocks, plus arbitrary ones. */
function addressesNear(blocks: readonly ParsedCidr[]): fc.Arbitrary<string> {
  const near = fc.tuple(fc.constantFrom(...blocks), fc.integer({ min: 0, max: 4 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n })).map(([c, pick, r]) => {
    const bits = c.version === 4 ? 32 : 128;
    const lo = toBig(c);
    const size = 1n << BigInt(bits - c.prefix);
    const hi = lo + size - 1n;
    const max = (1n << BigInt(bits)) - 1n;
    const value = [lo - 1n, lo, hi, hi + 1n, lo + (r % size)][pick]!;
    return fromBig(value < 0n ? 0n : value > max ? max : value, c.version);
  });
  const anyV4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
  const anyV6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((v) => fromBig(v, 6));
  return fc.oneof({ weight: 6, arbitrary: near }, { weight: 1, arbitrary: anyV4 }, { weight: 1, arbitrary: anyV6 });
}

const allBlocks = (entries: readonly ProviderEntry[]): ParsedCidr[] =>
  entries.flatMap((e) => [...e.mailNetworks, ...e.wideNetworks]).map((t) => parseCidr(t)!);

/** Random user entries whose blocks overlap the built-in ones and each other. */
const userEntries = fc
  .array(
    fc.record({
      mail: fc.array(fc.tuple(fc.constantFrom(...allBlocks(PROVIDER_TABLE)), fc.integer({ min: 0, max: 24 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n })), { maxLength: 4 }),
      wide: fc.array(fc.tuple(fc.constantFrom(...allBlocks(PROVIDER_TABLE)), fc.integer({ min: 0, max: 24 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n })), { maxLength: 4 }),
      id: fc.constantFrom('acme', 'globex', 'initech', 'microsoft', 'google', 'apple'),
    }),
    { maxLength: 4 },
  )
  .map((specs) => {
    const seen = new Set<string>();
    // A block near a built-in one: a sub-block at a random place inside it, or the block widened a little.
    const derive = ([c, delta, r]: [ParsedCidr, number, bigint]): string => {
      const bits = c.version === 4 ? 32 : 128;
      const floor = c.version === 4 ? 8 : 16;
      const prefix = Math.max(floor, Math.min(bits, c.prefix + delta - 4));
      const inside = toBig(c) + (r % (1n << BigInt(bits - c.prefix)));
      return `${fromBig(inside, c.version)}/${prefix}`;
    };
    return specs
      .filter((s) => !seen.has(s.id) && (seen.add(s.id), true))
      .map((s): ProviderEntry => ({ id: s.id, name: s.id, domains: [], mailNetworks: s.mail.map(derive), wideNetworks: s.wide.map(derive), sources: [] }));
  });

describe('properties', () => {
  it('providerOfAddress agrees with a linear scan over every block of the built-in table', () => {
    const entries = BUILTIN_PROVIDERS.entries;
    fc.assert(
      fc.property(addressesNear(allBlocks(entries)), (ip) => {
        expect(where(ip)).toBe(naiveAddress(ip, entries));
      }),
      { numRuns: 3_000 },
    );
  });

  it('providerOfAddress agrees with a linear scan with overlapping user entries on top', () => {
    fc.assert(
      fc.property(userEntries, fc.integer({ min: 0, max: 1_000_000 }), (added, seed) => {
        const p = compileProviders(added, BUILTIN_PROVIDERS);
        const blocks = allBlocks(p.entries);
        fc.assert(
          fc.property(addressesNear(blocks), (ip) => {
            expect(where(ip, p)).toBe(naiveAddress(ip, p.entries));
          }),
          { numRuns: 60, seed },
        );
      }),
      { numRuns: 40 },
    );
  });

  it('providerOfHost agrees with a plain suffix scan', () => {
    const entries = BUILTIN_PROVIDERS.entries;
    const domains = entries.flatMap((e) => e.domains);
    const label = fc.stringMatching(/^[a-z0-9-]{0,8}$/);
    const flipCase = (s: string, mask: number): string => [...s].map((ch, i) => ((mask >> i % 30) & 1 ? ch.toUpperCase() : ch)).join('');
    const name = fc
      .tuple(fc.array(label, { maxLength: 3 }), fc.constantFrom(...domains, 'example.org', 'outlook.co', 'google.com.evil.example'), fc.nat(), fc.boolean(), fc.constantFrom('', '-', 'x', '\u212a', '.'))
      .map(([prefix, domain, mask, dot, junk]) => flipCase([...prefix, junk + domain].join('.'), mask) + (dot ? '.' : ''));
    fc.assert(
      fc.property(name, (n) => {
        expect(hostId(n)).toBe(naiveHost(n, entries));
      }),
      { numRuns: 3_000 },
    );
  });

  it('lookups never throw on any string', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.stringMatching(/^[0-9a-fA-F:.%[\]v]{0,60}$/));
    fc.assert(
      fc.property(anyText, (t) => {
        providerOfAddress(t, BUILTIN_PROVIDERS);
        providerOfHost(t, BUILTIN_PROVIDERS);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe.skipIf(!haveReference)('the committed table vs the reference files', () => {
  it('is exactly what test/tools/generate-providers.mjs makes of them now', async () => {
    const built = await buildTable();
    expect(readFileSync(OUT_FILE, 'utf8')).toBe(renderTable(built));
  });
});
