/**
 * Who wrote which part of a from clause when the client's words break out of the comment that quotes them: the
 * receiver's own statements after its TCP-info stay its own, the client's never are.
 */
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../src/index.js';

const DATE = 'Tue, 08 Apr 2008 13:14:35 +0700';

describe('from-clause places', () => {
  it.each([
    ['a TLS comment after a (HELO x) comment', `from [192.0.2.40] (HELO pc.example.net) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) () by mail.example.org (CommuniGate Pro SMTP 5.0.9) with ESMTP-TLS id 1234; ${DATE}`],
    ['clauses between a (HELO x) comment and the by clause', `from [192.0.2.40] (HELO pc.example.net) with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 () by mail.example.org (CommuniGate Pro SMTP 5.0.9) with ESMTP-TLS id 1234; ${DATE}`],
  ])('a HELO name that closes the receiver’s (HELO x) comment early: %s is the client’s', (_what, raw) => {
    const hop = parseReceived(raw);
    expect(hop.tls?.dialect).toBe('communigate');
    expect(hop.security.grade).toBe('unknown');
    expect(hop.protocol).toBe('ESMTP-TLS');
  });

  it('keywords in a HELO name leave the receiver’s TLS comment after its TCP-info comment its own', () => {
    const hop = parseReceived('from a with ESMTPS (a.example.net [192.0.2.1]) (using TLSv1.2 with cipher NULL-SHA256 (0/0 bits)) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 4 Mar 2024 10:00:00 +0000');
    expect(hop.from?.helo).toBe('a');
    expect(hop.from?.ip).toBe('192.0.2.1');
    expect(hop.tls?.cipher).toBe('NULL-SHA256');
    expect(hop.security.grade).toBe('F');
  });

  it('Obtuse smtpd’s `claiming to be "x"` after its TCP-info comment does not hide keywords in the name', () => {
    const hop = parseReceived('from dsl-203-0-113-8.example.net with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384(203.0.113.8), claiming to be "laptop.example.org"\n via SMTP by gw.example.at, id smtpdR4yU8b; Tue Nov 14 09:12:46 2023');
    expect(hop.tls).toBeNull();
    expect(hop.via).toBe('SMTP');
    expect(hop.from?.ip).toBe('203.0.113.8');
  });
});
