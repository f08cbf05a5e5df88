import type { Issue, IssueCode, Severity, Span } from './types.js';

/** Build an issue; `span` only when there is one (exactOptionalPropertyTypes). */
export function issue(code: IssueCode, severity: Severity, message: string, span?: Span): Issue {
  return span === undefined ? { code, severity, message } : { code, severity, message, span };
}

/** Append `items` to `target` without spreading them into call arguments (a huge list would overflow the stack). */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T);
}
