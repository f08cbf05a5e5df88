/**
 * The analyzer's Web Worker: receives requests from the page and answers through {@link AnalyzerEngine}, off the
 * page's thread, so a large mbox never freezes the page. Cancelling is the page terminating this worker.
 * @module
 */
import { AnalyzerEngine } from './engine.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { readonly data: ToWorker }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const engine = new AnalyzerEngine((message) => scope.postMessage(message));

scope.onmessage = (event) => {
  const m = event.data;
  try {
    if (m.type === 'analyze') void engine.analyze(m.files, m.settings).catch((error: unknown) => scope.postMessage({ type: 'problem', message: String(error) }));
    else if (m.type === 'select') engine.select(m.id);
    else if (m.type === 'filter') engine.setFilter(m.grade);
    else if (m.type === 'page') engine.setPage(m.offset);
    else engine.export(m.what);
  } catch (error) {
    // The core never throws on data; this is a bug, shown rather than lost.
    scope.postMessage({ type: 'problem', message: `internal error: ${error instanceof Error ? error.message : String(error)}` });
  }
};
