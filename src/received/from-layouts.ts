/**
 * The from-clause layouts (RFC 5321 §4.4 `From-domain` `TCP-info`) real MTAs write, as a registry: which of the names
 * after `from` is the client's greeting (HELO) and which the receiver's reverse lookup (rDNS). Each layout has an id
 * named after the software or format that writes it, a cheap test on what the clause shows (its comments, read by
 * src/received/from-comments.ts, and the writer hint of src/received/layout.ts), the names it reads, and one example
 * line. The first layout whose test passes reads the clause; a clause with no comment at all matches none (the name
 * is then neither: nothing says whether the client or the receiver chose it).
 * @module
 */
import type { Address, CommentFacts } from './from-comments.js';
import { isRdnsPlaceholder } from '../address/host.js';

/** Which MTA family wrote the header, as far as it matters for the from clause (src/received/layout.ts). */
export type FromLayoutHint = 'exim' | 'microsoft' | 'ironport' | 'qmail' | 'intermail' | 'obtuse' | null;

/** What one pass over the from clause found (src/received/tcp-info.ts), for the layouts to test. */
export interface FromClauseView {
  /** The token after `from` as written (trailing comma dropped), or null. */
  readonly name: string | null;
  /** `name` read as an address (`from [192.0.2.7]`), or null. */
  readonly nameAddr: Address | null;
  readonly comments: readonly CommentFacts[];
  /** Addresses outside comments after the name: `from localhost [127.0.0.1]`, Exim 3's `[1.2.3.4.5678]`. */
  readonly literalAddrs: readonly Address[];
  /** One-word comments that are no address: Exim 3's `(helo)`. */
  readonly plainNames: readonly string[];
  /** Obtuse smtpd's `claiming to be "helo"`. */
  readonly claimed: string | null;
  /** The first comment of each kind that decides a layout, or null. */
  readonly exim: CommentFacts | null;
  readonly heloComment: CommentFacts | null;
  readonly account: CommentFacts | null;
  /** A CommuniGate `([ip] verified)` comment. */
  readonly verified: boolean;
  /** The first comment that states the peer's address, or null. */
  readonly commentIp: CommentFacts | null;
  readonly hint: FromLayoutHint;
}

/** The names a layout reads. */
export interface FromNames {
  readonly helo: string | null;
  readonly rdns: string | null;
}

/** One from-clause layout. */
export interface FromLayout {
  /** Named after the software or the format that writes the layout. */
  readonly id: string;
  /** Cheap: does the clause show this layout? Reads the view only. */
  readonly matches: (v: FromClauseView) => boolean;
  /** The HELO and rDNS names as this layout places them. */
  readonly names: (v: FromClauseView) => FromNames;
}

/** The name after `from` as the rDNS slot: not an address literal, not a placeholder such as `unknown`. */
function nameAsRdns(v: FromClauseView): string | null {
  const name = v.name;
  return name === null || v.nameAddr !== null || isRdnsPlaceholder(name) || name.startsWith('[') ? null : name;
}

/**
 * The layouts where the name after `from` is the receiver's lookup: the greeting comes from a comment (Exim's
 * `helo=`, `(HELO x)`, Obtuse's `claiming to be`, Exim 3's one-word comment); qmail and InterMail omit it when the
 * greeting equalled the name, so a literal name is that greeting.
 */
function rdnsFirst(v: FromClauseView): FromNames {
  let helo = v.exim?.helo ?? v.heloComment?.helo ?? v.claimed ?? (v.hint === 'exim' ? (v.plainNames[0] ?? null) : null);
  if (helo === null && v.exim === null && v.heloComment === null && v.nameAddr !== null) helo = v.name;
  return { helo, rdns: nameAsRdns(v) };
}

function firstRdns(comments: readonly CommentFacts[]): string | null {
  for (const c of comments) if (c.rdns !== null) return c.rdns;
  return null;
}

/** The registry, in test order. Each example line reads with its own layout (test/received/from-layouts.test.ts). */
export const FROM_LAYOUTS: readonly FromLayout[] = Object.freeze([
  /** Exim: `from mail.example.net ([192.0.2.7]:52313 helo=mx.example.net) by mx.example.org with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) id 1rAbCd-000XyZ-Qq; Tue, 2 Jul 2024 10:00:00 +0200` */
  { id: 'exim', matches: (v) => v.exim !== null, names: rdnsFirst },
  /** qmail, IronPort, ZMailer: `from mail.example.net (HELO mx.example.net) (192.0.2.7) by mx.example.org with SMTP; 14 Nov 2003 08:05:52 -0000` */
  { id: 'helo-comment', matches: (v) => v.heloComment !== null, names: rdnsFirst },
  /** Obtuse smtpd: `from dsl-203-0-113-8.example.net(203.0.113.8), claiming to be "laptop.example.org" via SMTP by gw.example.at, id smtpdR4yU8b; Tue Nov 14 09:12:46 2023` */
  { id: 'obtuse', matches: (v) => v.claimed !== null, names: rdnsFirst },
  /** CommuniGate Pro: `from relay.example.net ([192.0.2.42] verified) by mail.example.org (CommuniGate Pro SMTP 4.1.8) with ESMTP id 875522; Tue, 03 Feb 2004 08:37:38 -0800` */
  { id: 'communigate-verified', matches: (v) => v.verified, names: rdnsFirst },
  /** qmail with an ident reply: `from mail.example.net (alice@192.0.2.7) by mx.example.org with SMTP; 14 Nov 2003 08:05:52 -0000` */
  { id: 'qmail-ident', matches: (v) => v.commentIp !== null && v.commentIp.kind === 'user-at-ip', names: rdnsFirst },
  /**
   * qmail, InterMail, Obtuse when the greeting equalled the name, told from Microsoft's `from HELO (IP)` by the writer
   * hint: `from mail.example.net (192.0.2.7) by mx.example.org with SMTP; 14 Nov 2003 08:05:52 -0000`
   */
  {
    id: 'qmail-peer-ip',
    matches: (v) => v.commentIp !== null && v.commentIp.kind === 'peer-ip' && (v.hint === 'qmail' || v.hint === 'intermail' || v.hint === 'obtuse'),
    names: rdnsFirst,
  },
  /** Exim and IronPort with no greeting written: `from host.example ([192.0.2.1]) by mx.example.net with esmtp id 1rAbCd-000XyZ-Qq; Tue, 14 Nov 2023 09:12:45 +0100` */
  {
    id: 'exim-bracket',
    matches: (v) => v.commentIp !== null && v.commentIp.kind === 'tcp-info' && v.commentIp.rdns === null && (v.hint === 'exim' || v.hint === 'ironport'),
    names: rdnsFirst,
  },
  /** Exim 3: `from mail.example.net (mx.example.net) [192.0.2.7.52313] by mx.example.org with esmtp (Exim 3.36 #1) id 18xYz2-0001Ab-00; Fri, 14 Mar 2003 10:20:30 +0100` */
  { id: 'exim3', matches: (v) => v.hint === 'exim' && (v.literalAddrs.length > 0 || v.plainNames.length > 0), names: rdnsFirst },
  /** CommuniGate Pro submission: `from [192.0.2.41] (account alice@example.org HELO pc) by mail.example.org (CommuniGate Pro SMTP 6.3.4) with ESMTPSA id 55732170; Wed, 24 Nov 2021 12:47:57 +0100` */
  { id: 'communigate-account', matches: (v) => v.account !== null, names: (v) => ({ helo: v.account!.helo, rdns: null }) },
  /**
   * Postfix, Sendmail, Gmail, Haraka, Microsoft, and any comment we cannot read, where the name after `from` is what
   * the client said: `from mx.example.net (mx.example.net [192.0.2.48]) by mail.example.org (Postfix) with ESMTPS id 16ED; Tue, 12 Dec 2023 21:03:22 +0100 (CET)`
   */
  { id: 'postfix', matches: (v) => v.comments.length > 0, names: (v) => ({ helo: v.name, rdns: firstRdns(v.comments) }) },
]);
