// TypeScript, `moduleResolution: bundler`, browser only (no @types/node): a header-analyser web page.
// The core entry must type-check without Node's types.
import { analyzeMessage, lookupCipher, parseReceived, type Hop } from 'received-forensics';

function row(hop: Hop): string {
  const cipher = hop.tls?.cipherIana ?? hop.tls?.cipher ?? '';
  const suite = cipher === '' ? null : lookupCipher(cipher);
  return `${hop.index}\t${hop.by?.host ?? '?'}\t${hop.security.grade}\t${suite?.forwardSecrecy === true ? 'FS' : ''}`;
}

export function render(textarea: HTMLTextAreaElement, out: HTMLElement): void {
  const text = textarea.value;
  const hops = text.startsWith('from ') ? [parseReceived(text)] : analyzeMessage(text).hops;
  out.textContent = hops.map(row).join('\n');
}
