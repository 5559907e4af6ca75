// The worker thread of parallel.ts: reads its byte range of one file (range.ts) and posts back
// the range's counts. It prints nothing and exits when done.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeRange, type RangeJob } from './range.js';

parentPort?.postMessage(analyzeRange(workerData as RangeJob));
