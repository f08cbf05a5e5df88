/**
 * received-forensics: raw email → the hop chain its Received headers describe, with the TLS facts each receiving
 * server wrote and a grade per hop (RFC 5321 §4.4, RFC 5322 §3.6.7, RFC 8314, RFC 9325).
 *
 * The core is pure: no `node:` imports; it runs in browsers and workers. File and archive readers live in
 * `received-forensics/node`.
 * @module received-forensics
 */
export { analyzeMessage } from './analyze.js';
export { parseReceived } from './hop/parse-received.js';
export { gradeTls } from './grade/grade.js';
export { lookupCipher } from './ciphers/lookup.js';
export { DEFAULT_LIMITS } from './limits.js';
export { BCP195_POLICY, PRACTICAL_POLICY, RULE_IDS } from './grade/policy.js';
export { RULES } from './rules.js';
export { PROVIDER_TABLE } from './providers/table.js';
export { validateProviderEntries } from './providers/lookup.js';
export { validateOptions } from './validate-options.js';
export { SummaryBuilder } from './summary/summary.js';
export { messageFacts } from './summary/facts.js';
export { failsOn } from './summary/fail-on.js';
export { ReportAggregator } from './render/html/aggregate.js';
export type { ProviderEntry, ProviderSource } from './providers/types.js';
export type { HopFacts, MessageFacts } from './summary/facts.js';
export type { CipherTally, GradeCounts, RelayBasis, RelayTally, ScanSummary, YearTally } from './summary/types.js';
export type {
  AggregateOptions,
  ArchiveReportData,
  DetailMessage,
  DomainTally,
  MonthTally,
  ReceiverTally,
  ReportMessage,
  VersionTally,
} from './render/html/aggregate.js';

export type { AnalyzeOptions, GradingPolicyInput, ParseOptions } from './options.js';
export type { CapGrade, CapRuleId, GradingPolicy, ResolvedPolicy, RuleId } from './grade/policy.js';
export type { Grading, TlsFacts } from './grade/grade.js';
export type { Authentication, BulkCipher, CipherMode, IanaRecommended, KeyExchange, MacAlgorithm } from './ciphers/types.js';
export type { Limits } from './limits.js';
export type { CipherSuite } from './ciphers/types.js';
export type {
  AuthResultsEvidence,
  CertificateStatus,
  ForefrontEvidence,
  Grade,
  Hop,
  HopBy,
  HopDate,
  HopFrom,
  HopSecurity,
  HopTls,
  IpRange,
  Issue,
  IssueCode,
  MessageHeaders,
  MessageReport,
  Reason,
  Scope,
  ScopeReason,
  Severity,
  Span,
  Timeline,
  TimelineEntry,
  TlsVersion,
  TraceEvidence,
  Verdict,
  VerdictGrade,
} from './types.js';
