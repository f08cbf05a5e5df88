// TypeScript, `moduleResolution: node16` (ESM side): typed reports from a file, with the exported types.
import { analyzeMessage, type AnalyzeOptions, type Grade, type Hop, type MessageReport, type VerdictGrade } from 'received-forensics';
import { scan, type ScanItem, type ScanOptions } from 'received-forensics/node';
import { readFile } from 'node:fs/promises';

const options: AnalyzeOptions = { trustedNetworks: ['203.0.113.0/24'], policy: 'bcp195' };

function weakHops(report: MessageReport, worst: readonly Grade[] = ['F', 'none']): Hop[] {
  return report.hops.filter((hop) => worst.includes(hop.security.grade));
}

export async function weakHopsIn(path: string): Promise<Hop[]> {
  return weakHops(analyzeMessage(await readFile(path), options));
}

export async function verdicts(paths: string[], signal: AbortSignal): Promise<Map<string, VerdictGrade>> {
  const scanOptions: ScanOptions = { ...options, signal, nested: true };
  const out = new Map<string, VerdictGrade>();
  for await (const item of scan(paths, scanOptions) as AsyncGenerator<ScanItem>) {
    if (item.type === 'message') out.set(`${item.source}#${String(item.index)}`, item.report.verdict.grade);
  }
  return out;
}
