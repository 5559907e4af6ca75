// The worker thread of parallel.ts: reads its byte range of one file through the same feed as
// a single pass (mapper primed with the file's format line unless the range starts the file)
// and posts back its aggregator state,
// line counts, file facts and first rejects. It prints nothing and exits when done.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createAggregator } from './aggregate/aggregator.js';
import { DEFAULT_THRESHOLDS } from './classify/findings.js';
import type { LineCounts } from './aggregate/summary.js';
import { PanSerError } from './errors.js';
import { countInto, createFeeder } from './feed.js';
import { createMapper } from './fields/map.js';
import type { Reject } from './model.js';
import type { WorkerJob, WorkerResult } from './parallel.js';

const READ_CHUNK = 1 << 20;

const job = workerData as WorkerJob;
const agg = createAggregator({
  ...job.options.aggregator,
  thresholds: job.options.thresholds ?? DEFAULT_THRESHOLDS,
});
const mapper = createMapper(job.name, job.options);
if (job.prime !== null) mapper.prime(job.prime.text, job.prime.line);
const lines: LineCounts = { read: 0, analysed: 0, skipped: 0, rejected: 0 };
const rejects: Reject[] = [];
const keep = job.options.aggregator.keepRejects + 1;
const feeder = createFeeder(
  job.name,
  job.options,
  mapper,
  countInto(agg, lines, job.options, {
    onReject: (r) => {
      if (rejects.length < keep) rejects.push(r);
    },
  }),
);

let error: WorkerResult['error'] = null;
try {
  // Synchronous reads into one reused buffer: this thread has nothing else to do, and no chunk
  // garbage piles up between collections (the framer copies what it keeps).
  const fd = openSync(job.name, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    for (let pos = job.start; pos < job.end;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, job.end - pos), pos);
      if (n === 0) break;
      feeder.push(buf.subarray(0, n));
      pos += n;
    }
    feeder.end();
  } finally {
    closeSync(fd);
  }
} catch (e) {
  const err = e as { code?: unknown; message?: unknown; hint?: unknown };
  if (typeof err.code !== 'string') throw e;
  error = {
    code: err.code,
    message: String(err.message),
    panSer: e instanceof PanSerError,
    ...(typeof err.hint === 'string' ? { hint: err.hint } : {}),
  };
}

const result: WorkerResult = {
  state: agg.state(),
  lines,
  facts: mapper.facts,
  rejects,
  error,
};
parentPort?.postMessage(result);
