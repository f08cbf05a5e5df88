/**
 * The worker thread's script (built as `dist/worker.js`): the one module of the package that does something when
 * loaded. The worker pool of `scan()` and `rcvd --jobs` starts it with a scan plan as `workerData`.
 * @module
 */
import { serveScanWorker } from './scan-worker.js';

serveScanWorker();
