// The worker thread of parallel.ts: reads its byte range of one file through the same feed as
// a single pass (mapper primed with the file's format line) and posts back its aggregator state,
// line counts, file facts and first rejects. It prints nothing and exits when done.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createAggregator } from './aggregate/aggregator.js';
import type { LineCounts } from './aggregate/summary.js';
import { PanSerError } from './errors.js';
import { countInto, createFeeder } from './feed.js';
import { createMapper } from './fields/map.js';
import type { Reject } from './model.js';
import type { WorkerJob, WorkerResult } from './parallel.js';

const job = workerData as WorkerJob;
const agg = createAggregator(job.options.aggregator);
const mapper = createMapper(job.name, job.options);
mapper.prime(job.prime.text, job.prime.line);
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
  await pipeline(
    createReadStream(job.name, { start: job.start, end: job.end - 1, highWaterMark: 1 << 20 }),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) feeder.push(chunk);
      feeder.end();
    },
  );
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
  headerKinds: mapper.facts.headerKinds,
  layouts: mapper.facts.layouts,
  rejects,
  error,
};
parentPort?.postMessage(result);
