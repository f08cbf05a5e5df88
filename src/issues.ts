import type { Issue, IssueCode, Severity, Span } from './types.js';

/** Build an issue; `span` only when there is one (exactOptionalPropertyTypes). */
export function issue(code: IssueCode, severity: Severity, message: string, span?: Span): Issue {
  return span === undefined ? { code, severity, message } : { code, severity, message, span };
}
