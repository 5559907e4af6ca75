// The worker's part of a split read (parallel.ts, analyze-worker.ts): one byte range of a plain
// file, read through the same feed as a single pass into an aggregator of its own. Line numbers
// count from the start of the range. `readRange` is also how the main thread reads its part.
import { closeSync, openSync, readSync } from 'node:fs';
import { createAggregator, type AggregatorState } from './aggregate/aggregator.js';
import type { LineCounts } from './aggregate/summary.js';
import type { AnalyzeOptions } from './analyze.js';
import { DEFAULT_THRESHOLDS } from './classify/findings.js';
import { PanSerError } from './errors.js';
import { countInto, createFeeder, type Feeder } from './feed.js';
import { createMapper, type FileFacts } from './fields/map.js';
import type { Reject } from './model.js';

const READ_CHUNK = 1 << 20;

/** What one range needs: the file, its bytes, the options and the line that set the format. */
export interface RangeJob {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly options: AnalyzeOptions;
  /** Null for the range that starts the file (it reads the format line itself). */
  readonly prime: { readonly text: string; readonly line: number } | null;
}

/** What a range gives back (plain data: a worker posts it). */
export interface RangeResult {
  readonly state: AggregatorState;
  readonly lines: LineCounts;
  readonly facts: FileFacts;
  /** The first rejects, one more than the aggregator keeps, replayed to the onReject hook. */
  readonly rejects: Reject[];
  readonly error: RangeFailure | null;
}

/** An error that stopped a range; `line` counts from the start of the range. */
export interface RangeFailure {
  readonly code: string;
  readonly message: string;
  readonly panSer: boolean;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
}

/** Reads `job`'s range and returns its counts (synchronously: it blocks its thread). */
export function analyzeRange(job: RangeJob): RangeResult {
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

  let error: RangeResult['error'] = null;
  try {
    readRange(job.name, job.start, job.end, feeder);
    feeder.end();
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown; hint?: unknown } & Partial<
      Record<'file' | 'line', unknown>
    >;
    if (typeof err.code !== 'string') throw e;
    error = {
      code: err.code,
      message: String(err.message),
      panSer: e instanceof PanSerError,
      ...(typeof err.hint === 'string' ? { hint: err.hint } : {}),
      ...(typeof err.file === 'string' ? { file: err.file } : {}),
      ...(typeof err.line === 'number' ? { line: err.line } : {}),
    };
  }
  return { state: agg.state(), lines, facts: mapper.facts, rejects, error };
}

/** Feeds `name[from, to)` to `feeder` with synchronous reads into one reused buffer: no chunk
 * garbage piles up between collections (the framer copies what it keeps). */
export function readRange(name: string, from: number, to: number, feeder: Feeder): void {
  const fd = openSync(name, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    for (let pos = from; pos < to;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, to - pos), pos);
      if (n === 0) break;
      feeder.push(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}
