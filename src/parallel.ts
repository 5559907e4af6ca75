// Reads one big plain file with two worker threads, one per half (split at a line start), each
// through the same feed as a single pass; their aggregator states are merged in file order,
// line numbers shifted by the lines of the ranges before. Output does not depend on the
// machine: always exactly two ranges, merged in order.
import { open } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Aggregator, AggregatorState } from './aggregate/aggregator.js';
import type { LineCounts } from './aggregate/summary.js';
import type { AnalyzeHooks, AnalyzeOptions } from './analyze.js';
import { ERROR_CODES, PanSerError, type ErrorCode } from './errors.js';
import { createMapper, type FileFacts, type Mapper } from './fields/map.js';
import type { OpenedInput } from './input/open.js';
import type { Reject } from './model.js';

/** The head of the file searched for the line that fixes its format (header or syslog). */
const PRIME_BYTES = 1 << 20;

const YOUNG_MB = 8;
const OLD_MB = 40;

/** What the worker needs: the range, the options and the line that set the file's format. */
export interface WorkerJob {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly options: AnalyzeOptions;
  /** Null for the range that starts the file (it reads the format line itself). */
  readonly prime: { readonly text: string; readonly line: number } | null;
}

/** What the worker sends back; line numbers count from the start of its range. */
export interface WorkerResult {
  readonly state: AggregatorState;
  readonly lines: LineCounts;
  readonly facts: FileFacts;
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
 * Analyses `name` in two ranges into `agg` and `lines`. Returns false, having counted nothing,
 * when the file does not suit a split (format not settled early, no line break near the middle)
 * or a worker ran out of heap; the caller then reads `opened` in one pass.
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

  // Both halves run in workers: their young generations can be kept small, which the main
  // thread's cannot (V8 sizes it at start-up), so peak RSS stays low; the main thread waits.
  const jobs: WorkerJob[] = [
    { name, start: 0, end: cut, options, prime: null },
    { name, start: cut, end: size, options, prime: { text: prime.text, line: prime.line } },
  ];
  // The two workers keep both cores busy, so V8's background compiler threads would wait for a
  // core and hot code would run unoptimised for longer: the workers compile on their own
  // thread instead (1M rows: 2.17 s → 2.02 s; 300k rows: 1.13 s → 0.98 s). V8 reads this flag
  // when an isolate starts, so it changes only the workers started here; a later one-pass read
  // on this thread keeps background compiling, which is faster there.
  setFlagsFromString('--no-concurrent-recompilation');
  let results: WorkerResult[];
  try {
    const workers = jobs.map((job) => startWorker(job, options.workerHeapMb ?? OLD_MB));
    try {
      results = await Promise.all(workers.map((w) => w.result));
    } catch (e) {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      if ((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') return false;
      throw e;
    }
  } finally {
    setFlagsFromString('--concurrent-recompilation');
  }
  // Correlation (findings) holds related logs until their TRAFFIC log: if any were still
  // waiting at the cut, the second half started without them; only one pass is exact then.
  if ((results[0]?.state.pendingRelated ?? 0) > 0) return false;
  opened.source.destroy();
  for (const r of results) {
    const offset = lines.read;
    agg.merge(r.state, offset);
    for (const rej of r.rejects) hooks.onReject?.({ ...rej, line: rej.line + offset });
    lines.read += r.lines.read;
    lines.analysed += r.lines.analysed;
    lines.skipped += r.lines.skipped;
    lines.rejected += r.lines.rejected;
    mapper.facts.format ??= r.facts.format;
    mapper.facts.columns ??= r.facts.columns;
    addCounts(mapper.facts.headerKinds, r.facts.headerKinds);
    addCounts(mapper.facts.layouts, r.facts.layouts);
  }
  for (const r of results) if (r.error !== null) throw rebuildError(r.error);
  return true;
}

function startWorker(
  job: WorkerJob,
  oldMb: number,
): { worker: Worker; result: Promise<WorkerResult> } {
  const worker = new Worker(WORKER_URL, {
    workerData: job,
    // Small heaps: the worker allocates short-lived strings and a few bounded tables, and
    // V8's defaults let garbage grow by tens of MB before collecting it, all counted in peak
    // RSS. 8 MB of young generation rather than 4: fewer scavenges for ~12 MB more peak RSS
    // (still under the 150 MB target at 1M rows). 40 MB of old generation rather than 64:
    // with 64, old garbage kept growing past 1M rows (peak RSS +11% at 10M; +7% with 40); the
    // bounded tables fit with room to spare, even filled with 200-character values. A worker
    // that does run out of heap is not fatal: the file is re-read in one pass.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: oldMb },
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    worker.once('message', (m: WorkerResult) => {
      resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`worker thread exited with code ${code}`));
    });
  });
  // Handled by the caller's Promise.all; this keeps a second failure from going unhandled.
  result.catch(() => undefined);
  return { worker, result };
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
