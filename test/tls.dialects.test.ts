/**
 * TLS facts per MTA dialect. Every Received value below is synthetic (written by us, documentation addresses and
 * example domains), shaped after the formats each MTA documents or is known to print.
 */
import { describe, expect, it } from 'vitest';
import { readTls } from '../src/tls/read-tls.js';
import type { CertificateStatus } from '../src/types.js';
import { tlsContext } from './support/tls-context.js';

interface Case {
  readonly name: string;
  readonly raw: string;
  /** `null` = readTls must return `tls: null`. */
  readonly want: {
    readonly encrypted: boolean | null;
    readonly versionText: string | null;
    readonly cipher: string | null;
    readonly bits: number | null;
    readonly certificate: CertificateStatus;
    readonly dialect: string;
    /** When given, the exact evidence text. */
    readonly evidence?: string;
    readonly group?: string | null;
  } | null;
}

const none = { versionText: null, cipher: null, bits: null, certificate: 'unknown' as const };

const CASES: readonly Case[] = [
  // ── Postfix ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'postfix TLS 1.2, no client cert requested',
    raw: 'from mx.example.net (mx.example.net [192.0.2.10])\r\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\r\n\t(No client certificate requested)\r\n\tby mail.example.org (Postfix) with ESMTPS id 4ABC12;\r\n\tTue,  5 Mar 2024 10:00:00 +0000 (UTC)',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, certificate: 'not-requested', dialect: 'postfix',
      evidence: '(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\r\n\t(No client certificate requested)' },
  },
  {
    name: 'postfix TLS 1.3 trailer gives the group',
    raw: 'from a.example.net (a.example.net [198.51.100.7]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested) by mx.example.org (Postfix) with ESMTPS id 4Q; Mon, 1 Jan 2024 00:00:00 +0000',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, certificate: 'not-requested', dialect: 'postfix', group: 'x25519' },
  },
  {
    name: 'postfix plain ESMTP + TLS comment: the comment wins silently',
    raw: 'from b.example.net (b.example.net [192.0.2.11]) (using TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)) (Client did not present a certificate) by mx.example.org (Postfix) with ESMTP id 1A2B; Sat, 2 Mar 2024 12:00:00 +0000',
    want: { encrypted: true, versionText: 'TLSv1', cipher: 'DHE-RSA-AES256-SHA', bits: 256, certificate: 'not-presented', dialect: 'postfix' },
  },
  {
    name: 'postfix verified client certificate',
    raw: 'from relay.example.net (relay.example.net [203.0.113.5])\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits))\n\t(Client CN "relay.example.net", Issuer "Example CA (R3)" (verified OK))\n\tby mx.example.org (Postfix) with ESMTPS id 9F; Wed, 6 Mar 2024 08:00:00 +0100',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', bits: 128, certificate: 'verified', dialect: 'postfix' },
  },
  {
    name: 'postfix client certificate not verified',
    raw: 'from relay.example.net (relay.example.net [203.0.113.5]) (using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)) (Client CN "relay.example.net", Issuer "Self Signed" (not verified)) by mx.example.org (Postfix) with ESMTPS id 9G; Wed, 6 Mar 2024 08:00:00 +0100',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', bits: 128, certificate: 'failed', dialect: 'postfix' },
  },
  {
    name: 'postfix folded inside the comments',
    raw: 'from c.example.net (c.example.net\n [192.0.2.12]) (using\n TLSv1.3 with cipher TLS_CHACHA20_POLY1305_SHA256 (256/256 bits)\n  key-exchange X25519MLKEM768 server-signature ECDSA (P-256) server-digest SHA256) (No\n client certificate requested) by mx.example.org (Postfix) with ESMTPS id 4R; Sat,\n 5 Aug 2023 05:00:25 +0000 (UTC)',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_CHACHA20_POLY1305_SHA256', bits: 256, certificate: 'not-requested', dialect: 'postfix', group: 'x25519mlkem768' },
  },
  {
    name: 'Strato curve trailer: group, no cipher bits',
    raw: 'from laptop.example.net\n    by smtp.example.de (RZmta 49.1.0 AUTH)\n    with ESMTPSA id a1b2c3\n        (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (curve X9_62_prime256v1 with 256 ECDH bits, eq. 3072 bits RSA))\n        (Client did not present a certificate);\n    Tue, 10 May 2022 17:31:13 +0200 (CEST)',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: null, certificate: 'not-presented', dialect: 'postfix', group: 'secp256r1' },
  },
  {
    name: 'Symantec gateway writes bare TLS as the version',
    raw: 'from gw.example.net (gw.example.net [192.0.2.13]) (using TLS with cipher ECDHE-RSA-AES256-SHA (256/256 bits)) (Client did not present a certificate) by smg.example.org (Symantec Messaging Gateway) with SMTP id 01.02.03; Wed, 23 Aug 2023 05:32:28 +0500',
    want: { encrypted: true, versionText: 'TLS', cipher: 'ECDHE-RSA-AES256-SHA', bits: 256, certificate: 'not-presented', dialect: 'postfix' },
  },
  {
    name: 'Stalwart TLS13_ spelling',
    raw: 'from d.example.net (d.example.net [198.51.100.20]) by mail.example.org (Stalwart SMTP) with ESMTPS id 1b2c3d4e (using TLSv1.3 with cipher TLS13_AES_256_GCM_SHA384); Thu, 7 Mar 2024 09:00:00 +0000',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS13_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'stalwart' },
  },
  {
    name: 'upper-case and odd case Postfix words',
    raw: 'from e.example.net (e.example.net [192.0.2.14]) (USING TLSV1.2 WITH CIPHER ECDHE-ECDSA-AES128-GCM-SHA256 (128/128 BITS)) (NO CLIENT CERTIFICATE REQUESTED) by mx.example.org (Postfix) with esmtps id 7; Fri, 8 Mar 2024 10:00:00 +0000',
    want: { encrypted: true, versionText: 'TLSV1.2', cipher: 'ECDHE-ECDSA-AES128-GCM-SHA256', bits: 128, certificate: 'not-requested', dialect: 'postfix' },
  },
  // ── sendmail and look-alikes ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'sendmail new build verify=NOT',
    raw: 'from f.example.net (f.example.net [192.0.2.15])\n\tby mail.example.org (8.17.1/8.17.1) with ESMTPS id 41ABCD\n\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)\n\tfor <bob@example.org>; Mon, 4 Mar 2024 11:00:00 -0500',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, certificate: 'not-requested', dialect: 'sendmail',
      evidence: '(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)' },
  },
  {
    name: 'sendmail old build TLSv1/SSLv3, verify=OK, plain ESMTP word',
    raw: 'from g.example.net (g.example.net [192.0.2.16]) by relay.example.org (8.14.9/8.14.9) with ESMTP id 4AAA (version=TLSv1/SSLv3 cipher=DHE-RSA-AES256-GCM-SHA384 bits=256 verify=OK); Mon, 7 Oct 2024 11:41:56 GMT',
    want: { encrypted: true, versionText: 'TLSv1/SSLv3', cipher: 'DHE-RSA-AES256-GCM-SHA384', bits: 256, certificate: 'verified', dialect: 'sendmail' },
  },
  {
    name: 'sendmail verify=FAIL',
    raw: 'from h.example.net (h.example.net [192.0.2.17]) by mail.example.org (8.18.1/8.18.1) with ESMTPS id 5B (version=TLSv1.2 cipher=ECDHE-RSA-AES128-SHA256 bits=128 verify=FAIL); Wed, 10 Sep 2025 16:23:49 -0500',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA256', bits: 128, certificate: 'failed', dialect: 'sendmail' },
  },
  {
    name: 'sendmail verify=NO with (authenticated bits=0) before it',
    raw: 'from host (dsl.example.net [198.51.100.30]) (authenticated bits=0) by mail.example.org (8.12.10/8.12.10) with ESMTP id i8ND9v (version=TLSv1/SSLv3 cipher=RC4-MD5 bits=128 verify=NO) for <a@example.org>; Thu, 23 Sep 2004 15:09:59 +0200',
    want: { encrypted: true, versionText: 'TLSv1/SSLv3', cipher: 'RC4-MD5', bits: 128, certificate: 'not-presented', dialect: 'sendmail' },
  },
  {
    name: 'sendmail verify=NONE and TEMP map to unknown / failed',
    raw: 'from i.example.net (i.example.net [192.0.2.18]) by mail.example.org (8.16.1/8.16.1) with ESMTPS id 6C (version=TLSv1.2 cipher=AES128-GCM-SHA256 bits=128 verify=NONE); Mon, 4 Mar 2024 11:00:00 -0500',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'AES128-GCM-SHA256', bits: 128, certificate: 'unknown', dialect: 'sendmail' },
  },
  {
    name: 'Proofpoint copies sendmail',
    raw: 'from j.example.net (j.example.net [203.0.113.40])\n\tby mx0a.example.org (PPS) with ESMTPS id 4485cm-1\n\t(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT);\n\tFri, 24 Jan 2025 10:53:22 +0000',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, certificate: 'not-requested', dialect: 'sendmail' },
  },
  {
    name: 'Barracuda sendmail syntax',
    raw: 'from localhost.localdomain ([172.31.1.51]) by barracuda.example.org with ESMTP id Sco6Tj (version=TLSv1 cipher=AES128-SHA bits=128 verify=NO); Fri, 06 Sep 2024 05:20:40 +0100',
    want: { encrypted: true, versionText: 'TLSv1', cipher: 'AES128-SHA', bits: 128, certificate: 'not-presented', dialect: 'sendmail' },
  },
  {
    name: 'Mimecast with STARTTLS and commas',
    raw: 'from k.example.net (k.example.net\n [192.0.2.19]) by relay.example.com with ESMTP with STARTTLS\n (version=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384) id\n us-mta-1-abc; Fri, 16 Feb 2024 03:00:23 -0500',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'sendmail' },
  },
  {
    name: 'Mailgun commas, plain SMTP word',
    raw: 'from smtp.example.net (ec2.example.net [198.51.100.31]) by smtp-out.example.com with SMTP id 5fd0 (version=TLS1.2,\n cipher=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); Wed, 09 Dec 2020 08:40:22 GMT',
    want: { encrypted: true, versionText: 'TLS1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', bits: null, certificate: 'unknown', dialect: 'sendmail' },
  },
  // ── Gmail ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'gmail MX TLS 1.3',
    raw: 'from out.example.net (out.example.net. [192.0.2.20])\n        by mx.google.com with ESMTPS id x1si1.2024.03.05.10.00.00\n        for <bob@example.com>\n        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);\n        Tue, 05 Mar 2024 10:00:00 -0800 (PST)',
    want: { encrypted: true, versionText: 'TLS1_3', cipher: 'TLS_AES_128_GCM_SHA256', bits: 128, certificate: 'unknown', dialect: 'gmail' },
  },
  {
    name: 'gmail submission TLS1 3DES',
    raw: 'from pc ([198.51.100.32]) by smtp.gmail.com with ESMTPSA id 23-abc.178.2022.11.16 (version=TLS1 cipher=DES-CBC3-SHA bits=112/168); Wed, 16 Nov 2022 13:55:42 -0800 (PST)',
    want: { encrypted: true, versionText: 'TLS1', cipher: 'DES-CBC3-SHA', bits: 112, certificate: 'unknown', dialect: 'gmail' },
  },
  {
    name: 'gmail 2009 RC4 without bits',
    raw: 'from ?10.0.1.6? (host.example.net [192.0.2.21]) by mx.google.com with ESMTPS id g14sm.22.2009.05.13 (version=TLSv1/SSLv3 cipher=RC4-MD5); Wed, 13 May 2009 08:42:04 -0700 (PDT)',
    want: { encrypted: true, versionText: 'TLSv1/SSLv3', cipher: 'RC4-MD5', bits: null, certificate: 'unknown', dialect: 'gmail' },
  },
  {
    name: 'Google Transport Security with SMTPS',
    raw: 'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\n        by mx.google.com with SMTPS id a1sor.2024.03.05\n        for <bob@example.com>\n        (Google Transport Security);\n        Tue, 05 Mar 2024 10:00:00 -0800 (PST)',
    want: { encrypted: true, ...none, dialect: 'gmail', evidence: '(Google Transport Security)' },
  },
  // ── Microsoft ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'Exchange Online TLS 1.2 folded after the comma',
    raw: 'from AM0PR01MB1234.eurprd01.prod.example.com (2001:db8::4d) by\n AM0PR01MB5678.eurprd01.prod.example.com (2001:db8::5e) with Microsoft SMTP\n Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1234.5; Mon, 7 Sep\n 2020 15:43:33 +0000',
    want: { encrypted: true, versionText: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'microsoft' },
  },
  {
    name: 'Exchange SChannel _P384 suffix gives the group',
    raw: 'from EX1.corp.example.com (10.0.0.1) by EX2.corp.example.com (10.0.0.2) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384) id 15.1.2507.5; Sun, 22 Apr 2018 02:54:18 +0000',
    want: { encrypted: true, versionText: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384', bits: null, certificate: 'unknown', dialect: 'microsoft', group: 'secp384r1' },
  },
  {
    name: 'Exchange Online TLS 1.3',
    raw: 'from out.example.net (192.0.2.22) by BN1NAM02FT001.mail.protection.example.com (10.13.2.3) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.6723.5 via Frontend Transport; Wed, 16 Aug 2023 00:30:00 +0000',
    want: { encrypted: true, versionText: 'TLS1_3', cipher: 'TLS_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'microsoft' },
  },
  {
    name: 'Exchange 2010 bare (TLS)',
    raw: 'from EDGE.corp.example.com (10.1.2.3) by HUB.corp.example.com (10.1.2.4) with Microsoft SMTP Server (TLS) id 14.3.123.3; Tue, 25 Jul 2023 04:46:41 +0530',
    want: { encrypted: true, ...none, dialect: 'microsoft', evidence: '(TLS)' },
  },
  {
    name: 'Exchange internal with no TLS statement: Exchange always writes one when it used TLS, so plaintext',
    raw: 'from MBX1.corp.example.com (10.1.2.5) by MBX2.corp.example.com (10.1.2.6) with Microsoft SMTP Server id 15.0.1497.2 via Mailbox Transport; Fri, 6 Sep 2024 09:34:01 +0100',
    want: { encrypted: false, ...none, dialect: 'microsoft', evidence: 'Microsoft SMTP Server' },
  },
  {
    name: 'IIS over TLS secured channel',
    raw: 'from client.example.net ([192.0.2.23]) by iis.example.org with Microsoft SMTPSVC(6.0.3790.4675) over TLS secured channel; Tue, 14 Dec 2010 22:59:10 -0800',
    want: { encrypted: true, ...none, dialect: 'microsoft', evidence: 'over TLS secured channel' },
  },
  {
    name: 'IIS SMTPSVC without over TLS secured channel: plaintext',
    raw: 'from client.example.net ([192.0.2.24]) by iis.example.org with Microsoft SMTPSVC(6.0.3790.4675); Tue, 14 Dec 2010 22:59:10 -0800',
    want: { encrypted: false, ...none, dialect: 'microsoft', evidence: 'Microsoft SMTPSVC' },
  },
  {
    name: 'CodeTwo (TLS12)',
    raw: 'from out.protection.example.com (192.0.2.25) by sig.example.com with CodeTwo SMTP Server (TLS12) via SMTP; Thu, 08 Jan 2026 13:42:04 +0000',
    want: { encrypted: true, versionText: 'TLS12', cipher: null, bits: null, certificate: 'unknown', dialect: 'microsoft' },
  },
  {
    name: 'Novell NetMail via secured & encrypted transport (TLS)',
    raw: 'from laptop.example.org [192.0.2.55] by smtp.example.org with NetMail SMTP Agent $Revision: 3.11 $ on Novell NetWare via secured & encrypted transport (TLS); Thu, 29 Aug 2002 03:10:11 +0000',
    want: { encrypted: true, ...none, dialect: 'netmail', evidence: '(TLS)' },
  },
  // ── Exim ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'exim old OpenSSL triple',
    raw: 'from dsl.example.net ([192.0.2.26] helo=pc) by mx.example.org with esmtp (TLSv1:AES256-SHA:256) (Exim 4.41) id 1CIlfc-0003Pa-8W for list@example.org; Sat, 16 Oct 2004 03:20:18 -0700',
    want: { encrypted: true, versionText: 'TLSv1', cipher: 'AES256-SHA', bits: 256, certificate: 'unknown', dialect: 'exim', evidence: '(TLSv1:AES256-SHA:256)' },
  },
  {
    name: 'exim GnuTLS legacy name',
    raw: 'from h.example.net ([198.51.100.33]:52313) by mx.example.org with esmtps (TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256) (Exim 4.89) id 1aB-000; Wed, 27 Dec 2017 10:45:49 +0100',
    want: { encrypted: true, versionText: 'TLS1.2', cipher: 'ECDHE_RSA_AES_256_GCM_SHA384', bits: 256, certificate: 'unknown', dialect: 'exim' },
  },
  {
    name: 'exim GnuTLS session description with __',
    raw: 'from pc.example.net\n\tby mx.example.org with esmtpsa (TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256)\n\t(Exim 4.93)\n\tid 1vzb3S-00A2vO-Ew; Mon, 09 Mar 2026 14:53:54 +0100',
    want: { encrypted: true, versionText: 'TLS1.3', cipher: 'ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM', bits: 256, certificate: 'unknown', dialect: 'exim' },
  },
  {
    name: 'exim (Cipher …) prefix',
    raw: 'from h.example.net ([192.0.2.27]) by mx.example.org with esmtpsa (LOGIN:alice) (Cipher TLS1.3:TLS_AES_256_GCM_SHA384:256) (Exim 4.96) id 1x-0; Sun, 3 Mar 2024 10:00:00 +0000',
    want: { encrypted: true, versionText: 'TLS1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, certificate: 'unknown', dialect: 'exim' },
  },
  {
    name: 'exim (tls_cipher …) with GnuTLS bytes',
    raw: 'from h.example.net ([192.0.2.28]) by mx.example.org with esmtps (tls_cipher TLS-1.0:RSA_AES_256_CBC_SHA:32) (Exim 4.50) id 1y-0; Sat, 06 Jan 2007 23:42:55 +0100',
    want: { encrypted: true, versionText: 'TLS-1.0', cipher: 'RSA_AES_256_CBC_SHA', bits: 32, certificate: 'unknown', dialect: 'exim' },
  },
  {
    name: 'exim RFC 8314 tls clause + (TLS1.3) version comment, folded',
    raw: 'from relay.example.net ([198.51.100.34])\n          by mx.example.org (Exim 4.98)\n          with esmtps (TLS1.3)\n          tls TLS_AES_256_GCM_SHA384\n          (envelope-from <a@example.net>)\n          id 1tdP-0; Thu, 30 Jan 2025 09:33:02 +0100',
    want: { encrypted: true, versionText: 'TLS1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'exim',
      evidence: '(TLS1.3)\n          tls TLS_AES_256_GCM_SHA384' },
  },
  {
    name: 'exim tls clause on one line',
    raw: 'from [2001:db8::77] (helo=pc.example.net) by mx.example.org with esmtps  (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.94.2) (envelope-from <u@example.net>) id 1r1-0; Fri, 10 Nov 2023 16:30:41 +0100',
    want: { encrypted: true, versionText: 'TLS1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'exim' },
  },
  {
    name: 'exim asmtp + old triple (asmtp says nothing, comment speaks)',
    raw: 'from p1.example.net ([192.0.2.29] helo=192.168.1.23) by mx.example.org with asmtp (TLS-1.0:RSA_ARCFOUR_MD5:16) (Exim 4.34) id 1C-0; Sat, 16 Oct 2004 15:16:47 +0200',
    want: { encrypted: true, versionText: 'TLS-1.0', cipher: 'RSA_ARCFOUR_MD5', bits: 16, certificate: 'unknown', dialect: 'exim' },
  },
  // ── OpenSMTPD ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'opensmtpd :NO',
    raw: 'from pc.example.net (pc.example.net [192.0.2.30]) by mail.example.org (OpenSMTPD) with ESMTPSA id 1a2b3c4d (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO) auth=yes user=alice; Mon, 4 Mar 2024 12:00:00 +0100 (CET)',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, certificate: 'not-presented', dialect: 'opensmtpd' },
  },
  {
    name: 'opensmtpd :YES',
    raw: 'from relay.example.net (relay.example.net [192.0.2.31]) by mail.example.org (OpenSMTPD) with ESMTPS id 5e6f (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256:YES) for <b@example.org>; Mon, 4 Mar 2024 12:00:00 +0100 (CET)',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, certificate: 'verified', dialect: 'opensmtpd' },
  },
  // ── Courier ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'courier TLS: list with a space',
    raw: 'from pc.example.net (pc.example.net [192.0.2.32]) (TLS: TLSv1/SSLv3, 168bits,DES-CBC3-SHA) by mail.example.org with esmtp; Thu, 10 Nov 2005 08:24:21 -0600 id 000000DB.4373',
    want: { encrypted: true, versionText: 'TLSv1/SSLv3', cipher: 'DES-CBC3-SHA', bits: 168, certificate: 'unknown', dialect: 'courier' },
  },
  {
    name: 'courier AUTH then TLS in one comment',
    raw: 'from pc (pc.example.net [192.0.2.33]) (AUTH: PLAIN alice, TLS: TLSv1/SSLv3,256bits,ECDHE-RSA-AES256-GCM-SHA384) by mail.example.org with ESMTPSA; Mon, 04 Mar 2024 08:00:00 -0600 id 0001.AB',
    want: { encrypted: true, versionText: 'TLSv1/SSLv3', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, certificate: 'unknown', dialect: 'courier' },
  },
  {
    name: 'courier SSL: label',
    raw: 'from pc (pc.example.net [192.0.2.34]) (AUTH: LOGIN bob@example.org, SSL: TLSv1/SSLv3,128bits,RC4-MD5) by mail.example.org with esmtp; Thu, 10 Nov 2005 08:24:21 -0600',
    want: { encrypted: true, versionText: 'TLSv1/SSLv3', cipher: 'RC4-MD5', bits: 128, certificate: 'unknown', dialect: 'courier' },
  },
  // ── qmail / MessageLabs ─────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'qmail-tls (cipher encrypted) ESMTPS',
    raw: 'from mx.example.net (HELO mx.example.net) (192.0.2.35) by mail.example.org with (ECDHE-RSA-AES256-GCM-SHA384 encrypted) ESMTPS; 3 Mar 2024 10:00:00 -0000',
    want: { encrypted: true, versionText: null, cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: null, certificate: 'unknown', dialect: 'qmail', evidence: '(ECDHE-RSA-AES256-GCM-SHA384 encrypted)' },
  },
  {
    name: 'qmail encrypted, plain SMTP word',
    raw: 'from lists.example.net (HELO list.example.net) (198.51.100.36) by mail.example.org with (DHE-RSA-AES256-SHA encrypted) SMTP; 6 Feb 2005 21:11:37 -0000',
    want: { encrypted: true, versionText: null, cipher: 'DHE-RSA-AES256-SHA', bits: null, certificate: 'unknown', dialect: 'qmail' },
  },
  {
    name: 'notqmail (cipher encrypted, authenticated) UTF8SMTPSA',
    raw: 'by mail.example.de with UTF8SMTPSA (TLS_AES_256_GCM_SHA384 encrypted, authenticated); 13 Jan 2026 13:50:26 +0100',
    want: { encrypted: true, versionText: null, cipher: 'TLS_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'qmail' },
  },
  {
    name: 'MessageLabs with <cipher> encrypted SMTP',
    raw: 'from unknown (HELO web.example.net) (192.0.2.37)\n  by server-1.tower-2.messagelabs.example with ECDHE-RSA-AES256-GCM-SHA384 encrypted SMTP; 5 Aug 2024 00:51:45 -0000',
    want: { encrypted: true, versionText: null, cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: null, certificate: 'unknown', dialect: 'messagelabs', evidence: 'ECDHE-RSA-AES256-GCM-SHA384 encrypted' },
  },
  // ── t-online / Telekom ──────────────────────────────────────────────────────────────────────────────────────
  {
    name: 't-online (version:cipher encrypted) esmtp',
    raw: 'from relay7.example-telekom.de ([192.0.2.171]) by mailin31.example-telekom.de with (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted) esmtp id 1tQzXy-2mB4aZ0; Wed, 12 Mar 2025 08:15:27 +0100',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: null, certificate: 'unknown', dialect: 'tonline', evidence: '(TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted)' },
  },
  {
    name: 't-online TLS 1.3, folded, ESMTPA',
    raw: 'from pc.example.net ([198.51.100.90]) by securemail.example-telekom.de\n\twith (TLSv1.3:TLS_AES_256_GCM_SHA384 encrypted)\n\tesmtpa id 1tR0Ab-1cDeFg0; Thu, 13 Mar 2025 18:01:02 +0100',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: null, certificate: 'unknown', dialect: 'tonline' },
  },
  {
    name: 't-online shape in the HELO name is not the receiver\'s',
    raw: 'from x(TLSv1.3:TLS_AES_256_GCM_SHA384 encrypted) ([198.51.100.90]) by mailin31.example-telekom.de with esmtp id 1tR0Ab-1cDeFg0; Thu, 13 Mar 2025 18:01:02 +0100',
    want: { encrypted: false, ...none, dialect: 'protocol-keyword', evidence: 'esmtp' },
  },
  // ── IronPort ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'ironport ESMTP/TLS/cipher',
    raw: 'from unknown (HELO mail.example.net) ([192.0.2.38])\n  by esa1.example.iphmx.com with ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384; 26 Oct 2021 06:35:52 -0700',
    want: { encrypted: true, versionText: null, cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: null, certificate: 'unknown', dialect: 'ironport', evidence: 'ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384' },
  },
  {
    name: 'ironport static RSA suite',
    raw: 'from unknown (HELO mail.example.net) ([192.0.2.39]) by esa2.example.iphmx.com with ESMTP/TLS/AES256-SHA256; 30 Sep 2022 00:22:40 -0700',
    want: { encrypted: true, versionText: null, cipher: 'AES256-SHA256', bits: null, certificate: 'unknown', dialect: 'ironport' },
  },
  // ── CommuniGate ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'communigate ESMTP-TLS',
    raw: 'from [192.0.2.40] (HELO pc.example.net) by mail.example.org (CommuniGate Pro SMTP 5.0.9) with ESMTP-TLS id 1234; Tue, 08 Apr 2008 13:14:35 +0700',
    want: { encrypted: true, ...none, dialect: 'communigate', evidence: 'ESMTP-TLS' },
  },
  {
    name: 'communigate ESMTPSA',
    raw: 'from [192.0.2.41] (account alice@example.org HELO pc) by mail.example.org (CommuniGate Pro SMTP 6.3.4) with ESMTPSA id 55732170; Wed, 24 Nov 2021 12:47:57 +0100',
    want: { encrypted: true, ...none, dialect: 'communigate' },
  },
  {
    name: 'communigate ([ip] verified) is rDNS, not a certificate; plain ESMTP',
    raw: 'from relay.example.net ([192.0.2.42] verified) by mail.example.org (CommuniGate Pro SMTP 4.1.8) with ESMTP id 875522 for u@example.org; Tue, 03 Feb 2004 08:37:38 -0800',
    want: { encrypted: false, ...none, dialect: 'protocol-keyword', evidence: 'ESMTP' },
  },
  // ── Haraka / ecelerity ──────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'haraka version+cipher+verify',
    raw: 'from PC (host.example.net [192.0.2.43])\n\tby smtp.example.org (Haraka/2.8.13) with ESMTPSA id F28D.1\n\tenvelope-from <a@example.net> (authenticated bits=0)\n\t(version=TLSv1/SSLv3 cipher=ECDHE-RSA-AES256-GCM-SHA384 verify=FAIL);\n\tTue, 29 Jul 2025 06:36:25 -0300',
    want: { encrypted: true, versionText: 'TLSv1/SSLv3', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: null, certificate: 'failed', dialect: 'haraka' },
  },
  {
    name: 'cipher-only (cipher=AES-256-GCM)',
    raw: 'from [192.0.2.44] ([192.0.2.44:60724] helo=[10.0.0.7]) by mta2.example.com (ecelerity 4.8.0.74177) with ESMTPSA (cipher=AES-256-GCM) id 87/5A-0; Mon, 09 Dec 2024 09:09:41 +0000',
    want: { encrypted: true, versionText: null, cipher: 'AES-256-GCM', bits: null, certificate: 'unknown', dialect: 'haraka' },
  },
  // ── Cellopoint, gateways, mox, Coremail, tmda ───────────────────────────────────────────────────────────────
  {
    name: 'cellopoint product comment',
    raw: 'from gw1.example.inc [(172.21.101.34)] by mailgw01.example.com\n        (envelope-from <a@example.com>)\n        (Cellopoint E-mail Firewall v4.1.14 Build 0819 with TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 256/256)\n        with ESMTP id 614076810; Fri, 19 Mar 2021 10:37:04 +0800',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, certificate: 'unknown', dialect: 'cellopoint' },
  },
  {
    name: 'cellopoint Generic MTA',
    raw: 'from gw2.example.inc [(172.21.101.108)] by mailgw02.example.com\n\t(envelope-from <b@example.com>)\n\t(Generic MTA with TLSv1.3 TLS_AES_256_GCM_SHA384 256/256)\n\twith ESMTP id 126785051; Tue, 11 Nov 2025 15:02:28 +0800',
    want: { encrypted: true, versionText: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, certificate: 'unknown', dialect: 'cellopoint' },
  },
  {
    name: 'gateway (using TLS: version, cipher)',
    raw: 'from gate.example.com (Not Verified[192.0.2.45]) by gw.example.com (using TLS: TLSv1.2, ECDHE-RSA-AES128-GCM-SHA256)\n        id <B5e4d484c0000>; Wed, 19 Feb 2020 06:38:04 -0800',
    want: { encrypted: true, versionText: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', bits: null, certificate: 'unknown', dialect: 'nvidia' },
  },
  {
    name: 'mox (TLS1.3 <IANA>)',
    raw: 'from pc.example.net ([192.0.2.46]) by mail.example.org (mox 0.0.14) with ESMTPSA (TLS1.3 TLS_AES_128_GCM_SHA256) id 8d1e2f; 4 Jun 2024 09:00:00 +0200',
    want: { encrypted: true, versionText: 'TLS1.3', cipher: 'TLS_AES_128_GCM_SHA256', bits: null, certificate: 'unknown', dialect: 'mox' },
  },
  {
    name: 'coremail with ASMTP (SSL)',
    raw: 'from mail01.example.cn\n        by mx.example.cn ((D)) with ASMTP (SSL) id 202503051751237924;\n        Wed, 05 Mar 2025 17:51:23 +0800',
    want: { encrypted: true, versionText: 'SSL', cipher: null, bits: null, certificate: 'unknown', dialect: 'coremail' },
  },
  {
    name: 'tmda (using STARTTLS), folded',
    raw: 'from pc.example.net (dsl.example.net [192.0.2.47]) (using\n STARTTLS) by mail.example.org (tmda-ofmipd) with ESMTP;\n Tue, 04 Mar 2025 21:30:56 +0100',
    want: { encrypted: true, ...none, dialect: 'tmda', evidence: '(using\n STARTTLS)' },
  },
  // ── protocol words ──────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'ESMTPS alone: encrypted, parameters unknown',
    raw: 'from mx.example.net (mx.example.net [192.0.2.48]) by mail.example.org (Postfix) with ESMTPS id 16ED; Tue, 12 Dec 2023 21:03:22 +0100 (CET)',
    want: { encrypted: true, ...none, dialect: 'protocol-keyword', evidence: 'ESMTPS' },
  },
  {
    name: 'esmtpsa lower case',
    raw: 'from pc ([192.0.2.49] helo=pc) by mx.example.org with esmtpsa (Exim 4.96) id 1q-0; Mon, 04 Mar 2024 10:00:00 +0000',
    want: { encrypted: true, ...none, dialect: 'protocol-keyword', evidence: 'esmtpsa' },
  },
  {
    name: 'LMTPS',
    raw: 'from mx.example.org by store.example.org with LMTPS id abc; Mon, 04 Mar 2024 10:00:00 +0000',
    want: { encrypted: true, ...none, dialect: 'protocol-keyword' },
  },
  {
    name: 'UTF8SMTPS',
    raw: 'from mx.example.net (mx.example.net [192.0.2.50]) by mail.example.org with UTF8SMTPS id 7; Mon, 04 Mar 2024 10:00:00 +0000',
    want: { encrypted: true, ...none, dialect: 'protocol-keyword' },
  },
  {
    name: 'Zoho SMTPS by-only',
    raw: 'by mx.example.com with SMTPS id 17585456750162.658;\n\tMon, 22 Sep 2025 05:54:35 -0700 (PDT)',
    want: { encrypted: true, ...none, dialect: 'protocol-keyword' },
  },
  {
    name: 'ESMTPA is plaintext + AUTH',
    raw: 'from pc (dsl.example.net [192.0.2.51]) by mail.example.org with ESMTPA id 1; Mon, 04 Mar 2024 10:00:00 +0000',
    want: { encrypted: false, ...none, dialect: 'protocol-keyword', evidence: 'ESMTPA' },
  },
  {
    name: 'sendmail plain ESMTP',
    raw: 'from localhost (alice@localhost) by host.example.org (8.9.3/8.9.3) with ESMTP id QAA13555 for <a@example.org>; Mon, 8 Mar 2004 16:07:35 -0800 (PST)',
    want: { encrypted: false, ...none, dialect: 'protocol-keyword' },
  },
  {
    name: 'Google internal with SMTP: plaintext (scope decides later)',
    raw: 'by 2002:a05:6a10:1234:b0:1a2:3b4c:5d6e with SMTP id a1csp123;\n        Tue, 5 Mar 2024 10:00:00 -0800 (PST)',
    want: { encrypted: false, ...none, dialect: 'protocol-keyword' },
  },
  {
    name: 'utf8smtpa lower case is plaintext',
    raw: 'from pc ([192.0.2.52]) by mail.example.org with utf8smtpa id 2; Mon, 04 Mar 2024 10:00:00 +0000',
    want: { encrypted: false, ...none, dialect: 'protocol-keyword' },
  },
  {
    name: 'HTTPS webmail',
    raw: 'from [198.51.100.53] by webmail.example.org with HTTPS; Mon, 04 Mar 2024 10:00:00 +0000',
    want: { encrypted: true, ...none, dialect: 'protocol-keyword' },
  },
  {
    name: 'with local: vendor value, not stated',
    raw: 'from alice by host.example.org with local (Exim 4.96) (envelope-from <alice@example.org>) id 1r-0; Mon, 04 Mar 2024 10:00:00 +0000',
    want: null,
  },
  {
    name: 'with mapi: not stated',
    raw: 'from MBX.corp.example.com ([fe80::1]) by MBX.corp.example.com ([fe80::1%12]) with mapi id 15.00.1497.000; Mon, 4 Mar 2024 10:00:00 +0000',
    want: null,
  },
  {
    name: 'qmail invoked by uid: no protocol, not stated',
    raw: '(qmail 10681 invoked by uid 404); 14 Nov 2003 08:05:52 -0000',
    want: null,
  },
  {
    name: 'qmail-scanner vendor protocol',
    raw: 'from a@example.net by scan.example.org by uid 502 with qmail-scanner-1.20 (clamuko: 0.65. Clear:RC:0(192.0.2.54):. Processed in 0.21 secs); 03 Mar 2004 20:34:39 -0000',
    want: null,
  },
  {
    name: 'no with clause at all',
    raw: 'from host.example.net by mail.example.org id ab12; Mon, 04 Mar 2024 10:00:00 +0000',
    want: null,
  },
  {
    name: 'plain SMTP beside a TLS comment we cannot read: not plaintext',
    raw: 'from host.example.net ([192.0.2.55]) by mail.example.org (FooMTA; TLS handshake ok, suite unknown) with SMTP id 9; Mon, 04 Mar 2024 10:00:00 +0000',
    want: null,
  },
];

describe('readTls: one table over every dialect', () => {
  it('has at least 45 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { tls } = readTls(tlsContext(c.raw));
    if (c.want === null) {
      expect(tls).toBeNull();
      return;
    }
    expect(tls).not.toBeNull();
    if (tls === null) return;
    expect({
      encrypted: tls.encrypted,
      versionText: tls.versionText,
      cipher: tls.cipher,
      bits: tls.bits,
      certificate: tls.certificate,
      dialect: tls.dialect,
    }).toEqual({
      encrypted: c.want.encrypted,
      versionText: c.want.versionText,
      cipher: c.want.cipher,
      bits: c.want.bits,
      certificate: c.want.certificate,
      dialect: c.want.dialect,
    });
    expect(c.raw.slice(tls.span.start, tls.span.end)).toBe(tls.evidence);
    expect(c.raw.includes(tls.evidence)).toBe(true);
    if (tls.versionText !== null) expect(tls.evidence).toContain(tls.versionText);
    if (tls.cipher !== null) expect(tls.evidence).toContain(tls.cipher);
    if (c.want.evidence !== undefined) expect(tls.evidence).toBe(c.want.evidence);
    if (c.want.group !== undefined) expect(tls.group).toBe(c.want.group);
  });
});

describe('readTls: merging and normalisation', () => {
  it('normalises version and cipher through the catalogue', () => {
    const { tls } = readTls(tlsContext(CASES[0]!.raw));
    expect(tls?.version).toBe('TLSv1.2');
    expect(tls?.versionInferred).toBe(false);
    expect(tls?.cipherIana).toBe('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
  });

  it('infers the version from the cipher when the text is TLSv1/SSLv3', () => {
    const raw = 'from g.example.net (g.example.net [192.0.2.16]) by relay.example.org (8.14.9/8.14.9) with ESMTP id 4AAA (version=TLSv1/SSLv3 cipher=DHE-RSA-AES256-GCM-SHA384 bits=256 verify=OK); Mon, 7 Oct 2024 11:41:56 GMT';
    const { tls } = readTls(tlsContext(raw));
    expect(tls?.version).toBe('TLSv1.2');
    expect(tls?.versionInferred).toBe(true);
  });

  it('reads TLS 1.3 from a 0x13xx suite with no version text (IronPort-style)', () => {
    const raw = 'from x ([192.0.2.1]) by esa.example.com with ESMTP/TLS/TLS_AES_256_GCM_SHA384; 1 Mar 2024 00:00:00 +0000';
    const { tls } = readTls(tlsContext(raw));
    expect(tls?.version).toBe('TLSv1.3');
    expect(tls?.versionInferred).toBe(true);
  });

  it('reads CodeTwo TLS12 as TLS 1.2', () => {
    const { tls } = readTls(tlsContext('from a (192.0.2.1) by b.example.com with CodeTwo SMTP Server (TLS12) via SMTP; Thu, 08 Jan 2026 13:42:04 +0000'));
    expect(tls?.version).toBe('TLSv1.2');
  });

  it('NULL encryption: encrypted false, cipher kept', () => {
    const raw = 'from a (a.example.net [192.0.2.1]) (using TLSv1.2 with cipher NULL-SHA256 (0/0 bits)) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 4 Mar 2024 10:00:00 +0000';
    const { tls } = readTls(tlsContext(raw));
    expect(tls?.encrypted).toBe(false);
    expect(tls?.cipher).toBe('NULL-SHA256');
  });

  it('two different cipher statements: TLS_CONFLICTING_EVIDENCE, first kept', () => {
    const raw = 'from a ([192.0.2.1]) by mx.example.org with esmtps (TLSv1.2:ECDHE-RSA-AES128-GCM-SHA256:128) tls TLS_AES_256_GCM_SHA384 id 1; Mon, 4 Mar 2024 10:00:00 +0000';
    const { tls, issues } = readTls(tlsContext(raw));
    expect(tls?.cipher).toBe('ECDHE-RSA-AES128-GCM-SHA256');
    expect(issues.map((i) => i.code)).toContain('TLS_CONFLICTING_EVIDENCE');
  });

  it('the same suite in two spellings is not a conflict', () => {
    const raw = 'from a ([192.0.2.1]) by mx.example.org with esmtps (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 id 1; Mon, 4 Mar 2024 10:00:00 +0000';
    const { tls, issues } = readTls(tlsContext(raw));
    expect(issues).toEqual([]);
    expect(tls?.evidence).toBe('(TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
  });

  it('a plain protocol word next to a TLS comment is not a conflict', () => {
    const { issues } = readTls(tlsContext(CASES[2]!.raw));
    expect(issues).toEqual([]);
  });

  it('two client-certificate statements that disagree conflict', () => {
    const raw = 'from a (a.example.net [192.0.2.1]) (using TLSv1.2 with cipher AES128-SHA (128/128 bits)) (No client certificate requested) (Client CN "a", Issuer "b" (verified OK)) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 4 Mar 2024 10:00:00 +0000';
    const { tls, issues } = readTls(tlsContext(raw));
    expect(tls?.certificate).toBe('not-requested');
    expect(issues.map((i) => i.code)).toEqual(['TLS_CONFLICTING_EVIDENCE']);
  });

  it('accepts a custom recogniser list (empty = nothing read)', () => {
    expect(readTls(tlsContext(CASES[0]!.raw), []).tls).toBeNull();
  });
});

describe('readTls: plaintext needs positive evidence', () => {
  it.each([
    ['a TLS-looking comment we cannot read blocks plaintext', `from a ([192.0.2.1]) by b.example.org (XMTA; SSL session resumed) with ESMTP id 1; Mon, 4 Mar 2024 10:00:00 +0000`, null],
    ['letters that merely contain "ssl" do not', `from a ([192.0.2.1]) (Authenticated sender: russell@example.org) by b.example.org (Postfix) with ESMTPA id 1; Mon, 4 Mar 2024 10:00:00 +0000`, false],
    ['an unreadable tls clause blocks plaintext', `from a ([192.0.2.1]) by b.example.org with ESMTP tls !!! id 1; Mon, 4 Mar 2024 10:00:00 +0000`, null],
    ['an upper-case hint in a comment blocks plaintext', `from a ([192.0.2.1]) by b.example.org (XMTA; ENCRYPTED link) with ESMTP id 1; Mon, 4 Mar 2024 10:00:00 +0000`, null],
    ['a hint outside every comment does not', `from tls.example.org ([192.0.2.1]) by b.example.org (Postfix) with ESMTP id 1 for <cipher@example.org>; Mon, 4 Mar 2024 10:00:00 +0000`, false],
  ] as const)('%s', (_n, raw, encrypted) => {
    const { tls } = readTls(tlsContext(raw));
    expect(tls === null ? null : tls.encrypted).toBe(encrypted);
  });
});
