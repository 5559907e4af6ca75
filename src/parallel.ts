// Reads one big plain file with two threads: the main thread takes the first half, a worker
// the second (split at a line start), each through the same feed as a single pass; the
// worker's aggregator state is merged in, its line numbers shifted by the lines of the first
// half. Output does not depend on the machine: always exactly two ranges, merged in order.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type { Aggregator, AggregatorState } from './aggregate/aggregator.js';
import type { LineCounts } from './aggregate/summary.js';
import type { AnalyzeHooks, AnalyzeOptions } from './analyze.js';
import { ERROR_CODES, PanSerError, type ErrorCode } from './errors.js';
import { countInto, createFeeder } from './feed.js';
import { createMapper, type FileFacts, type Mapper } from './fields/map.js';
import type { OpenedInput } from './input/open.js';
import type { Reject } from './model.js';

/** The head of the file searched for the line that fixes its format (header or syslog). */
const PRIME_BYTES = 1 << 20;

/** What the worker needs: the range, the options and the line that set the file's format. */
export interface WorkerJob {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly options: AnalyzeOptions;
  readonly prime: { readonly text: string; readonly line: number };
}

/** What the worker sends back; line numbers count from the start of its range. */
export interface WorkerResult {
  readonly state: AggregatorState;
  readonly lines: LineCounts;
  readonly headerKinds: FileFacts['headerKinds'];
  readonly layouts: FileFacts['layouts'];
  /** The first rejects, one more than the aggregator keeps, replayed to the onReject hook. */
  readonly rejects: Reject[];
  readonly error: { code: string; message: string; panSer: boolean; hint?: string } | null;
}

const here = import.meta.url;
/** Under the test runner this module is TypeScript source; the worker runs from the build. */
const WORKER_URL = here.endsWith('.ts')
  ? new URL('../dist/analyze-worker.js', here)
  : new URL('./analyze-worker.js', here);

/**
 * Analyses `name` in two ranges into `agg` and `lines`. Returns false, having read nothing,
 * when the file does not suit a split (format not settled early, no line break near the middle);
 * the caller then reads it in one pass.
 */
export async function analyzeFileInParallel(
  name: string,
  opened: OpenedInput,
  options: AnalyzeOptions,
  mapper: Mapper,
  agg: Aggregator,
  lines: LineCounts,
  hooks: AnalyzeHooks,
): Promise<boolean> {
  const size = opened.size ?? 0;
  const fh = await open(name, 'r');
  let prime: { text: string; line: number; end: number } | null;
  let cut: number;
  try {
    prime = await findPrimeLine(fh, name, options);
    cut = prime === null ? -1 : await lineStartAfter(fh, Math.floor(size / 2), size);
  } finally {
    await fh.close();
  }
  if (prime === null || cut <= prime.end || cut >= size) return false;
  opened.source.destroy();

  const job: WorkerJob = {
    name,
    start: cut,
    end: size,
    options,
    prime: { text: prime.text, line: prime.line },
  };
  const worker = new Worker(WORKER_URL, { workerData: job });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    worker.once('message', (m: WorkerResult) => {
      resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`worker thread exited with code ${code}`));
    });
  });
  // Keep the worker's failure from surfacing as unhandled while the first half is read.
  result.catch(() => undefined);

  const feeder = createFeeder(name, options, mapper, countInto(agg, lines, options, hooks));
  await pipeline(
    createReadStream(name, { start: 0, end: cut - 1, highWaterMark: 1 << 20 }),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) feeder.push(chunk);
      feeder.end();
    },
  );

  const r = await result;
  const offset = lines.read;
  agg.merge(r.state, offset);
  for (const rej of r.rejects) hooks.onReject?.({ ...rej, line: rej.line + offset });
  lines.read += r.lines.read;
  lines.analysed += r.lines.analysed;
  lines.skipped += r.lines.skipped;
  lines.rejected += r.lines.rejected;
  addCounts(mapper.facts.headerKinds, r.headerKinds);
  addCounts(mapper.facts.layouts, r.layouts);
  if (r.error !== null) throw rebuildError(r.error);
  return true;
}

/** The first line that settles the file's format, found the way a single pass would. */
async function findPrimeLine(
  fh: Awaited<ReturnType<typeof open>>,
  name: string,
  options: AnalyzeOptions,
): Promise<{ text: string; line: number; end: number } | null> {
  const head = Buffer.alloc(PRIME_BYTES);
  const { bytesRead } = await fh.read(head, 0, PRIME_BYTES, 0);
  const probe = createMapper(name, options);
  let p = 0;
  let line = 0;
  for (;;) {
    const nl = head.indexOf(10, p);
    if (nl < 0 || nl >= bytesRead) return null;
    line++;
    if (nl - p <= options.maxRecordBytes) {
      const end = nl > p && head[nl - 1] === 13 ? nl - 1 : nl;
      const text = head.toString('utf8', p, end);
      try {
        probe.map(text, line);
      } catch {
        return null; // the single pass reports it
      }
      if (probe.facts.format !== null) return { text, line, end: nl + 1 };
    }
    p = nl + 1;
  }
}

/** The offset just after the first LF at or after `from`; -1 when there is none. */
async function lineStartAfter(
  fh: Awaited<ReturnType<typeof open>>,
  from: number,
  size: number,
): Promise<number> {
  const buf = Buffer.alloc(1 << 16);
  for (let at = from; at < size; at += buf.length) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, at);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    if (nl >= 0) return at + nl + 1;
    if (bytesRead === 0) break;
  }
  return -1;
}

function addCounts(into: Record<string, number>, from: Record<string, number | undefined>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + (n ?? 0);
}

function rebuildError(e: NonNullable<WorkerResult['error']>): Error {
  if (e.panSer && Object.hasOwn(ERROR_CODES, e.code)) {
    return new PanSerError(
      e.code as ErrorCode,
      e.message,
      e.hint === undefined ? {} : { hint: e.hint },
    );
  }
  return Object.assign(new Error(e.message), { code: e.code });
}
