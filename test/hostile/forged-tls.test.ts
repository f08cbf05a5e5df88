/**
 * Forged TLS grades: a client writes a TLS statement into text the receiving MTA copies into its Received line (the
 * HELO name, the `for` and envelope-from addresses, an ident reply). The receiver's own statements count only where
 * its dialect writes them (src/received/places.ts). Every Received value here is synthetic (written by us).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeRank } from '../../src/grade/order.js';
import { splitClauses } from '../../src/received/clauses.js';
import { lexReceived } from '../../src/received/lex.js';
import { Place } from '../../src/received/places.js';
import { looksLikeTcpInfo } from '../../src/received/from-comments.js';
import { readDialectRows } from '../received/dialect-rows.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { parseReceived } from '../../src/index.js';
import { TLS_RECOGNISERS } from '../../src/tls/recognisers/index.js';
import type { Hop } from '../../src/types.js';

const codes = (hop: Hop): string[] => hop.issues.map((i) => i.code);

describe('the two reproductions', () => {
  it('a Postfix statement in a quoted local part of the for address is the address, not a comment', () => {
    const raw =
      'from mail.evil.example (unknown [198.51.100.66])\n\tby mx.example.net (Postfix) with ESMTP id 4T1XkQ2\n\tfor <"(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))"@victim.example>; Mon, 06 Jan 2025 09:15:02 +0000 (UTC)';
    const hop = parseReceived(raw);
    expect(hop.security.grade).toBe('none');
    expect(hop.security.reasons.map((r) => r.rule)).toEqual(['T-PLAINTEXT']);
    expect(hop.tls?.encrypted).toBe(false);
    expect(hop.for).toBe('"(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))"@victim.example');
    expect(hop.id).toBe('4T1XkQ2');
    expect(hop.date?.iso).toBe('2025-01-06T09:15:02.000Z');
    expect(codes(hop)).not.toContain('RECEIVED_UNTERMINATED_QUOTE');
    expect(codes(hop)).toEqual([]);
  });

  it('a version comment glued to the HELO name is the client’s', () => {
    const raw = 'from x(TLS1_3) (unknown [198.51.100.66]) by mx.example.net (Haraka/3.0) with ESMTP id 4T1XkQ2; Mon, 06 Jan 2025 09:15:02 +0000';
    const hop = parseReceived(raw);
    expect(hop.security.grade).toBe('none');
    expect(hop.tls?.encrypted).toBe(false);
    expect(hop.tls?.evidence).toBe('ESMTP');
    expect(hop.from).toMatchObject({ helo: 'x', ip: '198.51.100.66' });
    expect(codes(hop)).toContain('TLS_UNTRUSTED_STATEMENT');
    const untrusted = hop.issues.find((i) => i.code === 'TLS_UNTRUSTED_STATEMENT')!;
    expect(raw.slice(untrusted.span!.start, untrusted.span!.end)).toBe('(TLS1_3)');
  });
});

const D = 'Mon, 06 Jan 2025 09:15:02 +0000';

describe('the class: text the client shaped never states TLS', () => {
  it.each([
    ['a quoted local part without angle brackets', `from a.example (a.example [198.51.100.66]) by mx.example.net (Postfix) with ESMTP id 1 for "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))"@victim.example; ${D}`],
    ['a comment glued to an unquoted local part', `from a.example ([198.51.100.66] helo=a.example) by mx.example.net with esmtp (Exim 4.96) id 1tAbCd-000123-Xy for victim(TLS1.3)@victim.example; ${D}`],
    ['a comment inside an address left open', `from a.example (a.example [198.51.100.66]) by mx.example.net (8.18.1/8.18.1) with ESMTP id 1 for <v (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=OK) @victim.example>; ${D}`],
    ['a spaced HELO name before the TCP-info comment', `from x (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (unknown [198.51.100.66]) by mx.example.net (Postfix) with ESMTP id 1; ${D}`],
    ['a HELO name that forges a TCP-info comment too', `from x (unknown [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (unknown [198.51.100.66]) by mx.example.net (Postfix) with ESMTP id 1; ${D}`],
    ['a HELO name holding clause keywords (Postfix joins HELO words)', `from x by mx.example.net with ESMTPS (unknown [198.51.100.66]) by mx.example.net (Postfix) with ESMTP id 1; ${D}`],
    ['a HELO name holding an RFC 8314 tls clause', `from x with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (unknown [198.51.100.66]) by mx.example.net (Postfix) with ESMTP id 1; ${D}`],
    ['a HELO name with IIS’s phrase', `from x over TLS secured channel ([198.51.100.66]) by iis.example.net with Microsoft SMTPSVC(6.0.3790.4675); ${D}`],
    ['a HELO name with Mimecast’s phrase', `from x with STARTTLS (x [198.51.100.66]) by relay.example.net with ESMTP id 1; ${D}`],
    ['an Exim ident reply breaking out of the TCP-info comment', `from a.example ([198.51.100.66] helo=a.example ident=u) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) () by mx.example.net with esmtp (Exim 4.96) id 1tAbCd-000123-Xy; ${D}`],
    ['an Exim HELO name breaking out with words first', `from a.example ([198.51.100.66] helo=a.example) x by evil.example with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (y) by mx.example.net with esmtp (Exim 4.96) id 1tAbCd-000123-Xy; ${D}`],
    ['an envelope sender breaking out of its comment', `from a.example ([198.51.100.66]) by mx.example.net with esmtp (envelope-from <u)(TLS1.3)(@a.example>) (Exim 4.96) id 1tAbCd-000123-Xy; ${D}`],
  ])('%s → none', (_name, raw) => {
    const hop = parseReceived(raw);
    expect(hop.security.grade).toBe('none');
  });

  it('a HELO name posing as a Google host does not make the hop Google’s', () => {
    const hop = parseReceived(`from x by mx.google.com (unknown [198.51.100.66]) by mx.example.net (8.18.1/8.18.1) with ESMTP id 1 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=OK); ${D}`);
    expect(hop.by?.host).toBe('mx.example.net');
    expect(hop.protocol).toBe('ESMTP');
    // sendmail and its look-alikes write a plain word with TLS: the statement is the receiver's; Google never does.
    expect(hop.security.grade).toBe('A');
    expect(codes(hop)).not.toContain('TLS_CONFLICTING_EVIDENCE');
  });

  it('a HELO name naming Haraka does not vouch for a Haraka statement', () => {
    const hop = parseReceived(`from x(Haraka/3.0) (unknown [198.51.100.66]) by mx.example.net (Postfix) with ESMTP id 1 envelope-from <a@a.example> (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384); ${D}`);
    // Only Haraka writes a TLS comment after its envelope-from clause: here it is read by no one, and flagged.
    expect(hop.security.grade).not.toBe('A');
    expect(hop.tls).toBeNull();
    expect(codes(hop)).toContain('TLS_UNTRUSTED_STATEMENT');
  });

  it('an envelope-from comment naming TLS does not hide a plaintext hop', () => {
    const hop = parseReceived(`from a.example ([198.51.100.66]) by mx.example.net with esmtp (Exim 4.96) (envelope-from <tls@ssl.example>) id 1tAbCd-000123-Xy; ${D}`);
    expect(hop.security.grade).toBe('none');
  });

  it('the receiver’s own statements still count where its dialect writes them', () => {
    const postfix = parseReceived(`from a.example (a.example [198.51.100.66]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.net (Postfix) with ESMTPS id 1 for <"x (TLS1.0)"@victim.example>; ${D}`);
    expect(postfix.security.grade).toBe('A');
    expect(postfix.issues).toEqual([]);
    const gmail = parseReceived(`from a.example (a.example. [198.51.100.66]) by mx.google.com with ESMTPS id x1 for <v@victim.example> (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); ${D}`);
    expect(gmail.security.grade).toBe('A');
  });

  it('a statement where its dialect never writes one is ignored and flagged', () => {
    // An Exim version comment in the by clause: Exim writes it after `with`.
    const hop = parseReceived(`from a.example ([198.51.100.66]) by mx.example.net (TLS1.3) with esmtp (Exim 4.96) id 1tAbCd-000123-Xy; ${D}`);
    expect(hop.security.grade).not.toBe('A');
    expect(codes(hop)).toContain('TLS_UNTRUSTED_STATEMENT');
  });
});

describe('every dialect says where its MTA writes', () => {
  it('each comment reader lists its places, never the client’s text, the leading text or the date', () => {
    for (const r of TLS_RECOGNISERS) {
      if (r.comment === undefined) continue;
      expect(r.places?.length ?? 0, r.dialect).toBeGreaterThan(0);
      for (const p of r.places ?? []) expect([Place.client, Place.leading, Place.date], r.dialect).not.toContain(p);
    }
  });
});

describe('a TLS statement against the protocol word', () => {
  it('Postfix writes ESMTPS with TLS: a TLS 1.3 comment beside ESMTP is a conflict, graded unknown', () => {
    const hop = parseReceived(`from a.example (a.example [198.51.100.66]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.net (Postfix) with ESMTP id 1; ${D}`);
    expect(hop.security.grade).toBe('unknown');
    expect(hop.security.reasons.map((r) => r.rule)).toEqual(['T-CONFLICT']);
    expect(hop.tls?.encrypted).toBeNull();
    expect(hop.tls?.cipher).toBe('TLS_AES_256_GCM_SHA384');
    expect(codes(hop)).toContain('TLS_CONFLICTING_EVIDENCE');
  });

  it.each([
    ['Haraka', `from a.example (a.example [198.51.100.66]) by mx.example.net (Haraka/3.0.3) with ESMTP id 1 envelope-from <a@a.example> (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 verify=NO); ${D}`],
    ['OpenSMTPD', `from a.example (a.example [198.51.100.66]) by mx.example.net (OpenSMTPD) with ESMTP id 5a3b (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO); ${D}`],
    ['Exim with the RFC 8314 clause', `from a.example ([198.51.100.66]) by mx.example.net with esmtp (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.98) id 1tAbCd-000123-Xy; ${D}`],
    ['Google', `from a.example (a.example. [198.51.100.66]) by mx.google.com with SMTP id x1 (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); ${D}`],
  ])('%s: conflict, unknown', (_name, raw) => {
    const hop = parseReceived(raw);
    expect(hop.security.grade).toBe('unknown');
    expect(codes(hop)).toContain('TLS_CONFLICTING_EVIDENCE');
  });

  it.each([
    ['sendmail and its look-alikes (Proofpoint)', `from a.example (a.example [198.51.100.66]) by mx0a.example.net (PPS) with ESMTP id 1 (version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=OK); ${D}`, 'A'],
    ['Postfix before RFC 3848 words (TLSv1)', `from a.example (a.example [198.51.100.66]) (using TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)) by mx.example.net (Postfix) with ESMTP id 1; ${D}`, 'C'],
    ['Exim before RFC 3848 words (TLSv1 triple)', `from a.example ([198.51.100.66]) by mx.example.net with esmtp (TLSv1:AES256-SHA:256) (Exim 4.41) id 1CIlfc-0003Pa-8W; ${D}`, 'C'],
    ['qmail', `from a.example (HELO a.example) (198.51.100.66) by mx.example.net with (DHE-RSA-AES256-GCM-SHA384 encrypted) SMTP; 6 Jan 2025 09:15:02 -0000`, 'B'],
    ['Mailgun', `from a.example (a.example [198.51.100.66]) by smtp-out.example.net with SMTP id 5f (version=TLS1.2, cipher=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); ${D}`, 'A'],
    ['t-online', `from a.example ([198.51.100.66]) by mailin.example-telekom.de with (TLSv1.3:TLS_AES_256_GCM_SHA384 encrypted) esmtp id 1tQzXy-2mB4aZ0; ${D}`, 'A'],
  ])('%s writes a plain word with TLS: the comment is the evidence, no conflict', (_name, raw, grade) => {
    const hop = parseReceived(raw);
    expect(hop.security.grade).toBe(grade);
    expect(codes(hop)).not.toContain('TLS_CONFLICTING_EVIDENCE');
  });
});

// ── property: inserting a TLS statement into client text never raises the grade ──────────────────────────────────

const FIXTURES: readonly string[] = readDialectRows().map((r) => r.header);

/** Real TLS statements of every dialect we read, as their MTAs write them. */
const COMMENT_STATEMENTS: readonly string[] = [
  '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
  '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (4096 bits) server-digest SHA256)',
  '(No client certificate requested)',
  '(Client CN "mx.example.net", Issuer "Example CA" (verified OK))',
  '(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=OK)',
  '(version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128)',
  '(version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384)',
  '(version=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384)',
  '(Google Transport Security)',
  '(TLS)',
  '(TLS12)',
  '(TLS1.3)',
  '(TLSv1.3:TLS_AES_256_GCM_SHA384:256)',
  '(TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256)',
  '(Cipher TLS1.3:TLS_AES_256_GCM_SHA384:256)',
  '(TLSv1.3:TLS_AES_256_GCM_SHA384:256:YES)',
  '(TLS: TLSv1.2,256bits,ECDHE-RSA-AES256-GCM-SHA384)',
  '(AUTH: LOGIN a, TLS: TLSv1.2,256bits,ECDHE-RSA-AES256-GCM-SHA384)',
  '(ECDHE-RSA-AES256-GCM-SHA384 encrypted)',
  '(TLS_AES_256_GCM_SHA384 encrypted, authenticated)',
  '(TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted)',
  '(Cellopoint E-mail Firewall v4.1.14 Build 0819 with TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 256/256)',
  '(TLS1.3 TLS_AES_128_GCM_SHA256)',
  '(SSL)',
  '(using STARTTLS)',
  '(using TLS: TLSv1.2, ECDHE-RSA-AES256-GCM-SHA384)',
  '(cipher=AES-256-GCM)',
  '(Haraka/3.0.3)',
];
/** Statements outside comments: protocol words and phrases. */
const PHRASES: readonly string[] = [
  'with ESMTPS',
  'with STARTTLS',
  'over TLS secured channel',
  'with ECDHE-RSA-AES256-GCM-SHA384 encrypted SMTP',
  'with ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384',
  'with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384',
  'tls TLS_AES_256_GCM_SHA384',
  'by mx.google.com',
  'with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384)',
];

/** A place in a value where the client's text goes: `[start, end)` is the client's token. */
interface Site {
  readonly kind: 'helo' | 'helo-comment' | 'local-part' | 'ident';
  readonly start: number;
  readonly end: number;
  /** The local part sits inside `<…>`. */
  readonly angled: boolean;
}

function wordEnd(raw: string, from: number, stops: string): number {
  let i = from;
  while (i < raw.length && !stops.includes(raw[i]!) && raw.charCodeAt(i) > 0x20) i++;
  return i;
}

/** The from clause of `raw` has a TCP-info comment (Postfix and sendmail always write one; HELO words need it). */
function hasTcpInfo(raw: string): boolean {
  const { tokens } = lexReceived(raw, DEFAULT_LIMITS);
  const split = splitClauses(raw, tokens);
  const from = split.clauses.find((c) => c.name === 'from');
  return from?.tokens.some((t) => t.kind === 'comment' && looksLikeTcpInfo(raw, t.start + 1, t.end - 1)) ?? false;
}

function sitesOf(raw: string): Site[] {
  const sites: Site[] = [];
  if (raw.startsWith('from ')) {
    const end = wordEnd(raw, 5, '(');
    if (end > 5) sites.push({ kind: 'helo', start: 5, end, angled: false });
  }
  const lower = raw.toLowerCase();
  for (const marker of ['helo=', '(helo ', '(ehlo ']) {
    const at = lower.indexOf(marker);
    if (at < 0) continue;
    const start = at + marker.length;
    const end = wordEnd(raw, start, ')');
    if (end > start) sites.push({ kind: 'helo-comment', start, end, angled: false });
  }
  const ident = lower.indexOf('ident=');
  if (ident >= 0) sites.push({ kind: 'ident', start: ident + 6, end: wordEnd(raw, ident + 6, ')'), angled: false });
  for (const marker of [' for <', ' for ', 'envelope-from <', '\tfor <', '\nfor <']) {
    let at = lower.indexOf(marker);
    while (at >= 0) {
      const start = at + marker.length;
      const atSign = raw.indexOf('@', start);
      const stop = wordEnd(raw, start, '@>;');
      if (atSign > start && atSign === stop) sites.push({ kind: 'local-part', start, end: atSign, angled: marker.endsWith('<') });
      at = lower.indexOf(marker, at + 1);
    }
  }
  return sites;
}

/** Ways a statement enters a client token; `exact` ones keep the token one token, so nothing else may change. */
type Variant = 'glued-after' | 'glued-before' | 'spaced' | 'quoted' | 'break-out' | 'break-out-spaced';

function insert(raw: string, site: Site, statement: string, variant: Variant, tcpInfo: boolean): string | null {
  const token = raw.slice(site.start, site.end);
  const isPhrase = !statement.startsWith('(');
  // A phrase has spaces of its own. HELO words with spaces exist only where the MTA joins arguments (Postfix), and
  // then it writes TCP-info after them; an unquoted address holds no space outside `<…>` (RFC 5321 §4.1.2).
  if (isPhrase && site.kind === 'helo' && !tcpInfo) return null;
  if (isPhrase && site.kind === 'local-part' && !site.angled && variant !== 'quoted') return null;
  let text: string;
  switch (variant) {
    case 'glued-after':
      text = token + statement;
      break;
    case 'glued-before':
      text = statement + token;
      break;
    case 'spaced':
      if (site.kind === 'local-part' && !site.angled) return null;
      text = `${token} ${statement}`;
      break;
    case 'quoted':
      if (site.kind !== 'local-part') return null;
      text = `"${statement.replaceAll('"', '\\"')}"`;
      break;
    case 'break-out':
    case 'break-out-spaced':
      if (site.kind !== 'helo-comment' && site.kind !== 'ident') return null;
      text = variant === 'break-out' ? `${token})${statement}(` : `${token}) ${statement} (`;
      break;
  }
  return raw.slice(0, site.start) + text + raw.slice(site.end);
}

const VARIANTS: readonly Variant[] = ['glued-after', 'glued-before', 'spaced', 'quoted', 'break-out', 'break-out-spaced'];
const STATEMENTS = [...COMMENT_STATEMENTS, ...PHRASES];
const CASES = FIXTURES.flatMap((raw) => sitesOf(raw).map((site) => ({ raw, site, tcpInfo: hasTcpInfo(raw) })));

/** `hop.tls` without where it sits (an insertion before it moves its span). */
function tlsFacts(hop: Hop): string {
  if (hop.tls === null) return 'null';
  const { span: _span, ...rest } = hop.tls;
  return JSON.stringify(rest);
}

describe('inserting a TLS statement into client text never raises the grade', () => {
  it('finds client tokens of every kind in the fixtures', () => {
    const kinds = new Set(CASES.map((c) => c.site.kind));
    expect([...kinds].sort()).toEqual(['helo', 'helo-comment', 'ident', 'local-part']);
    expect(CASES.length).toBeGreaterThan(60);
  });

  it('property: never better than before (none < F < unknown < C < B < A), and none stays none', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.constantFrom(...STATEMENTS), fc.constantFrom(...VARIANTS), ({ raw, site, tcpInfo }, statement, variant) => {
        const forged = insert(raw, site, statement, variant, tcpInfo);
        if (forged === null) return;
        const before = parseReceived(raw).security.grade;
        const after = parseReceived(forged).security.grade;
        if (before === 'none') expect(after, forged).toBe('none');
        expect(gradeRank(after), `${before} → ${after}: ${forged}`).toBeLessThanOrEqual(gradeRank(before));
      }),
      { numRuns: 3000 },
    );
  });

  it('exhaustively over every fixture, client token, statement and way in', () => {
    let tried = 0;
    for (const { raw, site, tcpInfo } of CASES) {
      const before = parseReceived(raw);
      for (const statement of STATEMENTS) {
        for (const variant of VARIANTS) {
          const forged = insert(raw, site, statement, variant, tcpInfo);
          if (forged === null) continue;
          tried++;
          const after = parseReceived(forged);
          if (before.security.grade === 'none') expect(after.security.grade, forged).toBe('none');
          expect(gradeRank(after.security.grade), `${before.security.grade} → ${after.security.grade}: ${forged}`).toBeLessThanOrEqual(gradeRank(before.security.grade));
          // A statement kept inside one token (a quoted local part, a comment glued to the HELO name) changes nothing.
          if (variant === 'quoted' || (variant === 'glued-after' && site.kind === 'helo' && !statement.startsWith('with'))) {
            expect(after.security.grade, forged).toBe(before.security.grade);
            expect(tlsFacts(after), forged).toBe(tlsFacts(before));
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(5000);
  });

  it('statements in client places are flagged, never read', () => {
    const raw = FIXTURES.find((f) => f.includes('(Postfix) with ESMTP id 91C0A1F4'))!;
    const forged = raw.replace('from mx.legacy.example ', 'from mx.legacy.example(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) ');
    const { tokens } = lexReceived(forged, DEFAULT_LIMITS);
    const { places } = splitClauses(forged, tokens);
    const comment = tokens.findIndex((t) => t.kind === 'comment');
    expect(places[comment]).toBe(Place.client);
    const hop = parseReceived(forged);
    expect(hop.security.grade).toBe('none');
    expect(codes(hop)).toContain('TLS_UNTRUSTED_STATEMENT');
  });
});
