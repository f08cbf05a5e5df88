/**
 * `gradeHop`: the letter for one hop from what `readTls` found (docs/grading.md). The states the cipher grader cannot
 * see are decided here: nothing stated → `unknown`, positive plaintext evidence → `none`, encrypted without
 * parameters → `unknown`; everything else is `gradeResolved` on the version and suite `readTls` already resolved, with
 * the hop's evidence attached to every reason.
 * @module
 */
import { gradeResolved } from '../grade/grade.js';
import { reason, reasonWithEvidence } from '../rules.js';
import { issue } from '../issues.js';
import type { GradingPolicyInput } from '../options.js';
import { normaliseTls } from '../tls/normalise.js';
import type { TlsRead } from '../tls/read-tls.js';
import { serverKeyBits } from '../tls/server-key.js';
import { NO_VERSION } from '../tls/version.js';
import type { Grade, HopTls, Issue, Reason } from '../types.js';

/** A hop's grade, why, and what looked wrong. */
export interface HopGrade {
  readonly grade: Grade;
  readonly reasons: Reason[];
  readonly issues: Issue[];
}

/** Old Exim with GnuTLS printed the key size in bytes (`RSA_ARCFOUR_MD5:16`); real bit counts of ≤ 32 do not exist. */
const MAX_GNUTLS_BYTES = 32;

/**
 * The bits to grade with. Exim linked against GnuTLS before 4.80 printed `gnutls_cipher_get_key_size()`, which is in
 * bytes: `(TLS-1.0:DHE_RSA_3DES_EDE_CBC_SHA:24)` is 192 key bits, not 24. Graded as written it would be a false F.
 */
function gradingBits(tls: HopTls): number | null {
  const b = tls.bits;
  if (b === null || tls.dialect !== 'exim' || tls.cipher === null) return b;
  const gnutlsStyle = tls.cipher.includes('_') && !tls.cipher.includes('-');
  return gnutlsStyle && b > 0 && b <= MAX_GNUTLS_BYTES ? b * 8 : b;
}

/** Symantec's `using TLS with cipher`, Coremail's `(SSL)`: the protocol family, not a version — nothing to warn about. */
function isBareProtocolName(text: string | null): boolean {
  if (text === null || text.length !== 3) return false;
  const t = text.toUpperCase();
  return t === 'TLS' || t === 'SSL';
}

/**
 * Grade one hop from what `readTls` returned. `null` tls → `unknown` (T-NOT-STATED); `encrypted: null` (the header
 * contradicts itself) → `unknown` (T-CONFLICT); `encrypted: false` with no cipher → `none` (T-PLAINTEXT);
 * encrypted but neither version nor cipher stated → `unknown` (T-PARAMETERS-UNKNOWN); else the cipher grader under
 * `policy`, as `gradeTls` would grade the same text.
 * A client certificate that failed verification is a `TLS_CERT_FAILED` issue and never lowers the letter (RFC 7435).
 * A malformed policy throws `TypeError` (programmer error); data never throws.
 */
export function gradeHop(read: TlsRead, policy?: GradingPolicyInput): HopGrade {
  const tls = read.tls;
  if (tls === null) {
    return { grade: 'unknown', reasons: [reason('T-NOT-STATED')], issues: [] };
  }
  const issues: Issue[] = [];
  if (tls.certificate === 'failed') {
    issues.push(issue('TLS_CERT_FAILED', 'info', "the receiver could not verify the client's certificate; the hop was still encrypted", tls.span));
  }
  const evidence = tls.evidence;
  if (tls.encrypted === null) {
    // readTls found the header contradicting itself (a TLS statement beside a plaintext protocol word from an MTA that
    // writes both from one session state): neither side can be taken, so the letter is not known.
    return {
      grade: 'unknown',
      reasons: [reasonWithEvidence(evidence, 'T-CONFLICT', evidence)],
      issues,
    };
  }
  if (tls.encrypted === false && tls.cipher === null) {
    return {
      grade: 'none',
      reasons: [reasonWithEvidence(evidence, 'T-PLAINTEXT', evidence)],
      issues,
    };
  }
  const versionText = isBareProtocolName(tls.versionText) ? null : tls.versionText;
  if (versionText === null && tls.cipher === null) {
    return {
      grade: 'unknown',
      reasons: [reasonWithEvidence(evidence, 'T-PARAMETERS-UNKNOWN', evidence)],
      issues,
    };
  }
  // What readTls resolved is graded as it is: the version is read and the suite looked up once per hop.
  const n = read.normalised ?? normaliseTls(tls.versionText, tls.cipher);
  const graded = gradeResolved(
    {
      versionText,
      norm: versionText === null ? NO_VERSION : n.stated,
      cipherText: tls.cipher,
      suite: n.suite,
      bits: gradingBits(tls),
      serverKeyBits: serverKeyBits(evidence),
    },
    policy,
  );
  for (const i of graded.issues) issues.push(i.span === undefined ? { ...i, span: tls.span } : i);
  if (tls.encrypted === false && !issues.some((i) => i.code === 'TLS_NULL_CIPHER')) {
    issues.push(issue('TLS_NULL_CIPHER', 'warning', `cipher ${tls.cipher ?? ''} encrypts nothing (NULL encryption)`, tls.span));
  }
  // One literal per reason, as reasonWithEvidence builds them: every report keeps its reasons.
  const reasons = graded.reasons.map((r) => ({ rule: r.rule, message: r.message, evidence }));
  return { grade: graded.grade, reasons, issues };
}
