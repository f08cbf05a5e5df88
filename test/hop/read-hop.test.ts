/**
 * The hop pipeline reads each part once: one version reading and one cipher lookup per hop, however many layers look
 * at them (src/tls/normalise.ts resolves, src/hop/grade-hop.ts hands the result to the grader). Received values are
 * synthetic (written by us).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ lookup: [] as string[], version: [] as string[] }));

vi.mock('../../src/ciphers/lookup.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/ciphers/lookup.js')>();
  return {
    ...real,
    lookupCipher: (name: string, hint?: Parameters<typeof real.lookupCipher>[1]) => {
      calls.lookup.push(name);
      return real.lookupCipher(name, hint);
    },
  };
});

vi.mock('../../src/tls/version.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/tls/version.js')>();
  return {
    ...real,
    normaliseTlsVersion: (text: string) => {
      calls.version.push(text);
      return real.normaliseTlsVersion(text);
    },
  };
});

const { parseReceived } = await import('../../src/hop/parse-received.js');
const { readHop } = await import('../../src/hop/read-hop.js');
const { toHop } = await import('../../src/hop/to-hop.js');

const D = 'Mon, 4 Mar 2024 10:00:00 +0000';

beforeEach(() => {
  calls.lookup.length = 0;
  calls.version.length = 0;
});

describe('one reading per hop', () => {
  it.each([
    ['Postfix', `from a (a.example.net [192.0.2.1]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) by b.example.org (Postfix) with ESMTPS id 1; ${D}`, 'TLSv1.2', 'ECDHE-RSA-AES256-GCM-SHA384'],
    ['sendmail', `from a (a.example.net [192.0.2.1]) by b.example.org (8.18.1/8.18.1) with ESMTPS id 1 (version=TLS12 cipher=AES128-SHA bits=128 verify=NO); ${D}`, 'TLS12', 'AES128-SHA'],
    ['Exim GnuTLS', `from a ([192.0.2.1]) by b.example.org with esmtps (TLS1.2:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256) (Exim 4.92) id 1; ${D}`, 'TLS1.2', 'ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM'],
  ])('%s: the cipher is looked up once and the version read once', (_name, raw, version, cipher) => {
    const hop = parseReceived(raw);
    expect(hop.security.grade).not.toBe('unknown');
    expect(calls.lookup).toEqual([cipher]);
    expect(calls.version).toEqual([version]);
  });

  it('a cipher-only hop: one lookup, no version to read', () => {
    const hop = parseReceived(`from a (HELO a.example.net) (192.0.2.1) by b.example.org with (DHE-RSA-AES256-SHA encrypted) SMTP; 4 Mar 2024 10:00:00 -0000`);
    expect(hop.security.grade).toBe('C');
    expect(calls.lookup).toEqual(['DHE-RSA-AES256-SHA']);
    expect(calls.version).toEqual([]);
  });
});

describe('toHop', () => {
  it('writes the keys of the public hop in output order, security last but one', () => {
    const read = readHop(`from a (a.example.net [192.0.2.1]) by b.example.org with ESMTP id 1; ${D}`, { index: 3, byteOffset: 120 });
    const hop = toHop(read, 'external', 'cross-operator', read.reasons, read.issues);
    expect(Object.keys(hop)).toEqual(['index', 'raw', 'byteOffset', 'from', 'by', 'via', 'protocol', 'id', 'for', 'envelopeFrom', 'date', 'tls', 'security', 'issues']);
    expect(Object.keys(hop.security)).toEqual(['grade', 'reasons', 'scope', 'scopeReason']);
    expect(hop.index).toBe(3);
    expect(hop.byteOffset).toBe(120);
    expect(hop.security).toEqual({ grade: 'none', reasons: read.reasons, scope: 'external', scopeReason: 'cross-operator' });
  });

  it('parseReceived leaves the scope unknown and adds no scope reason', () => {
    const hop = parseReceived(`from a (a.example.net [192.0.2.1]) by b.example.org with ESMTP id 1; ${D}`);
    expect(hop.security.scope).toBe('unknown');
    expect(hop.security.scopeReason).toBeNull();
    expect(hop.security.reasons.map((r) => r.rule)).toEqual(['T-PLAINTEXT']);
  });
});
