/** Types for the catalogue generator, so tests can reuse its readers. */
export const REFERENCE_DIR: string;
export function parseCsv(text: string): string[][];
export function parseFixture(text: string): { pk: string | null; fields: Record<string, string> }[];
export function codeString(code: number): string;
export function opensslNames(iana: string): string[];
export function buildRows(dir?: string): Promise<unknown[]>;
export function renderCatalogue(rows: unknown[]): string;
