/// <reference lib="dom" />
/**
 * The analyzer page's script: wires the form, the file chooser and the drop zone to a Web Worker made from the
 * worker source bundled into the page, shows its progress (with cancel) and puts the HTML the worker rendered into
 * the page. It reads no header text itself: every piece of markup shown was escaped by the report's renderers in
 * the worker. Settings live in the URL fragment; nothing is stored, nothing is fetched.
 * @module
 */
import type { FromWorker, InputFile, ToWorker } from './protocol.js';
import { settingsFromFragment, settingsToFragment, type WebSettings } from './settings.js';

declare const RCVD_WORKER_SOURCE: string;

function el<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`analyzer page: #${id} is missing`);
  return found as T;
}

const paste = el<HTMLTextAreaElement>('paste');
const files = el<HTMLInputElement>('files');
const drop = el<HTMLDivElement>('drop');
const policy = el<HTMLSelectElement>('policy');
const trusted = el<HTMLInputElement>('trusted');
const internal = el<HTMLInputElement>('internal');
const providers = el<HTMLTextAreaElement>('providers');
const settingsState = el<HTMLSpanElement>('settings-state');
const settingsProblem = el<HTMLParagraphElement>('settings-problem');
const work = el<HTMLDivElement>('work');
const progress = el<HTMLProgressElement>('progress');
const progressText = el<HTMLSpanElement>('progress-text');
const status = el<HTMLParagraphElement>('status');
const results = el<HTMLElement>('results');
const resultsHeading = el<HTMLHeadingElement>('results-h');
const notes = el<HTMLUListElement>('notes');
const archive = el<HTMLDivElement>('archive');
const listBox = el<HTMLDivElement>('list-box');
const list = el<HTMLDivElement>('list');
const detail = el<HTMLDivElement>('detail');
const gradeFilter = el<HTMLSelectElement>('grade-filter');

let worker: Worker | null = null;
let workerUrl: string | null = null;
let busy = false;
/** What was analysed last, analysed again when the settings change. */
let lastInput: InputFile[] | null = null;

function formSettings(): WebSettings {
  return { policy: policy.value === 'bcp195' ? 'bcp195' : 'practical', trusted: trusted.value, internal: internal.value, providers: providers.value };
}

function showSettings(s: WebSettings): void {
  policy.value = s.policy;
  trusted.value = s.trusted;
  internal.value = s.internal;
  providers.value = s.providers;
  settingsState.textContent = settingsToFragment(s) === '' ? '(defaults)' : '(changed: kept in the address)';
}

function setBusy(on: boolean): void {
  busy = on;
  work.hidden = !on;
  for (const id of ['analyze', 'apply', 'dl-json', 'dl-html']) el<HTMLButtonElement>(id).disabled = on;
  if (on) {
    progress.value = 0;
    progressText.textContent = '';
  }
}

function stopWorker(): void {
  worker?.terminate();
  worker = null;
  if (workerUrl !== null) URL.revokeObjectURL(workerUrl);
  workerUrl = null;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file by the next task; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function onMessage(m: FromWorker): void {
  if (m.type === 'progress') {
    progress.value = m.bytesTotal === 0 ? 1 : m.bytesDone / m.bytesTotal;
    progressText.textContent = `${m.messages} messages · ${Math.round((m.bytesDone / Math.max(1, m.bytesTotal)) * 100)}%`;
  } else if (m.type === 'done') {
    setBusy(false);
    results.hidden = false;
    notes.replaceChildren(...m.notes.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
    archive.innerHTML = m.summaryHtml;
    listBox.hidden = m.listHtml === '';
    gradeFilter.value = 'all';
    list.innerHTML = m.listHtml;
    detail.innerHTML = m.detailHtml;
    status.textContent = `${m.messages} message${m.messages === 1 ? '' : 's'} analysed${m.files > 1 ? ` from ${m.files} files` : ''}.`;
    resultsHeading.focus();
  } else if (m.type === 'list') {
    list.innerHTML = m.listHtml;
  } else if (m.type === 'detail') {
    list.innerHTML = m.listHtml;
    detail.innerHTML = m.detailHtml;
    detail.focus();
  } else if (m.type === 'export') {
    setBusy(false);
    download(m.blob, m.name);
    status.textContent = `${m.name} made.`;
  } else {
    setBusy(false);
    // The problem is about the settings: open them so it is seen beside the field.
    el<HTMLDetailsElement>('settings-box').open = true;
    settingsProblem.textContent = m.message;
    status.textContent = `Not analysed: ${m.message}`;
  }
}

function send(message: ToWorker): void {
  if (worker === null) {
    workerUrl = URL.createObjectURL(new Blob([RCVD_WORKER_SOURCE], { type: 'text/javascript' }));
    try {
      worker = new Worker(workerUrl, { name: 'rcvd-analyzer' });
    } catch (error) {
      // Some browsers refuse workers on pages opened from disk: say so, and how to get the page served instead.
      stopWorker();
      setBusy(false);
      status.textContent = `This browser refused to start the analysis worker (${error instanceof Error ? error.message : String(error)}); run rcvd web to open the page from 127.0.0.1.`;
      return;
    }
    worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      stopWorker();
      setBusy(false);
      status.textContent = `The analysis stopped: ${event.message}`;
    };
  }
  worker.postMessage(message);
}

function analyze(input: InputFile[]): void {
  if (input.length === 0) return;
  if (busy) stopWorker();
  lastInput = input;
  settingsProblem.textContent = '';
  setBusy(true);
  status.textContent = 'Analysing…';
  send({ type: 'analyze', files: input, settings: formSettings() });
}

function analyzePaste(): void {
  if (paste.value.trim() === '') {
    status.textContent = 'Paste a header block or a message first.';
    return;
  }
  analyze([{ name: '(pasted)', blob: new Blob([paste.value], { type: 'text/plain' }) }]);
}

function analyzeFiles(list: FileList | null): void {
  if (list === null || list.length === 0) return;
  analyze(Array.from(list, (f) => ({ name: f.name, blob: f })));
}

function applySettings(): void {
  const s = formSettings();
  const fragment = settingsToFragment(s);
  // replaceState: no navigation, no history entry per keystroke; the fragment never reaches a server.
  history.replaceState(null, '', fragment === '' ? location.pathname + location.search : `#${fragment}`);
  showSettings(s);
  if (lastInput !== null) analyze(lastInput);
}

el<HTMLFormElement>('paste-form').addEventListener('submit', (e) => {
  e.preventDefault();
  analyzePaste();
});
paste.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    analyzePaste();
  }
});
el<HTMLButtonElement>('clear').addEventListener('click', () => {
  paste.value = '';
  paste.focus();
});
files.addEventListener('change', () => analyzeFiles(files.files));
el<HTMLFormElement>('settings').addEventListener('submit', (e) => {
  e.preventDefault();
  applySettings();
});
policy.addEventListener('change', applySettings);
el<HTMLButtonElement>('cancel').addEventListener('click', () => {
  stopWorker();
  setBusy(false);
  status.textContent = 'Cancelled.';
});
el<HTMLButtonElement>('dl-json').addEventListener('click', () => {
  setBusy(true);
  send({ type: 'export', what: 'json' });
});
el<HTMLButtonElement>('dl-html').addEventListener('click', () => {
  setBusy(true);
  send({ type: 'export', what: 'html' });
});
gradeFilter.addEventListener('change', () => send({ type: 'filter', grade: gradeFilter.value }));
list.addEventListener('click', (e) => {
  const target = e.target as Element | null;
  const pick = target?.closest('button.pick');
  const id = Number(pick?.getAttribute('data-id') ?? 'NaN');
  if (Number.isSafeInteger(id)) send({ type: 'select', id });
  const page = target?.closest('button.page');
  const offset = Number(page?.getAttribute('data-offset') ?? 'NaN');
  if (Number.isSafeInteger(offset)) send({ type: 'page', offset });
});
// Links inside the rendered views point at ids on this page; following them would replace the fragment that holds
// the settings, so they scroll and focus instead.
results.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest('a[href^="#"]');
  if (a === null || a === undefined) return;
  e.preventDefault();
  const target = document.getElementById((a.getAttribute('href') ?? '#').slice(1));
  if (target === null) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.scrollIntoView();
  target.focus();
});
/** A drag that carries files (text dragged into the message box is left to the browser). */
function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer !== null && Array.from(e.dataTransfer.types).includes('Files');
}
// Dropping files anywhere must not open them in the tab; dropping them on the page reads them.
document.addEventListener('dragover', (e) => {
  if (!carriesFiles(e)) return;
  e.preventDefault();
  drop.classList.add('over');
});
document.addEventListener('dragleave', () => drop.classList.remove('over'));
document.addEventListener('drop', (e) => {
  drop.classList.remove('over');
  if (!carriesFiles(e)) return;
  e.preventDefault();
  analyzeFiles(e.dataTransfer?.files ?? null);
});
window.addEventListener('hashchange', () => showSettings(settingsFromFragment(location.hash)));
showSettings(settingsFromFragment(location.hash));
