// The worker thread of parallel.ts: reads its byte range of one file (range.ts) and posts back
// the range's counts. It prints nothing and exits when done. Started early (prestart.ts), it has
// no job yet and waits for it as a message.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeRange, type RangeJob } from './range.js';

const job = workerData as RangeJob | null;
if (job !== null) parentPort?.postMessage(analyzeRange(job));
else
  parentPort?.once('message', (next: RangeJob) => {
    parentPort?.postMessage(analyzeRange(next));
  });
