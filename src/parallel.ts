// Reads one big plain file in two ranges at once, split at a line start: a worker thread reads
// the second range (range.ts) into an aggregator of its own, while the main thread reads the
// first as the start of an ordinary single pass. The worker's state is then merged in, its line
// numbers shifted by the lines of the first range. Where the worker cannot give what a single
// pass would (it ran out of heap, related logs were still waiting at the cut, or a header met
// again in the first range changed the columns), the main thread just reads the second range
// too, finishing the single pass. Output does not depend on the machine: always the same two
// ranges, merged in order.
import { open } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Aggregator } from './aggregate/aggregator.js';
import type { LineCounts } from './aggregate/summary.js';
import type { AnalyzeHooks, AnalyzeOptions } from './analyze.js';
import { ERROR_CODES, PanSerError, type ErrorCode } from './errors.js';
import type { Feeder } from './feed.js';
import { createMapper, type Mapper } from './fields/map.js';
import type { OpenedInput } from './input/open.js';
import { readRange, type RangeFailure, type RangeJob, type RangeResult } from './range.js';

/** The head of the file searched for the line that fixes its format (header or syslog). */
const PRIME_BYTES = 1 << 20;

const YOUNG_MB = 8;
const OLD_MB = 40;

const here = import.meta.url;
/** Under the test runner this module is TypeScript source; the worker runs from the build. */
const WORKER_URL = here.endsWith('.ts')
  ? new URL('../dist/analyze-worker.js', here)
  : new URL('./analyze-worker.js', here);

/**
 * How a split read went: `merged` (the worker's range was merged in), `read-on` (the main thread
 * read the worker's range itself), or `declined` (nothing read: the file does not suit a split,
 * its format not settled early or no line break near the middle; the caller reads it in one
 * pass).
 */
export type SplitOutcome = 'merged' | 'read-on' | 'declined';

/**
 * Analyses `name` through `feeder` (which counts into `agg`, `lines` and `hooks`) with a worker
 * thread's help. Throws what a single pass would throw for the first range (a read error
 * mid-way included).
 */
export async function analyzeFileInParallel(
  name: string,
  opened: OpenedInput,
  options: AnalyzeOptions,
  mapper: Mapper,
  agg: Aggregator,
  lines: LineCounts,
  hooks: AnalyzeHooks,
  feeder: Feeder,
): Promise<SplitOutcome> {
  const size = opened.size ?? 0;
  const fh = await open(name, 'r');
  let prime: PrimeLine | null;
  let cut: number;
  try {
    prime = await findPrimeLine(fh, name, options);
    cut = prime === null ? -1 : await lineStartAfter(fh, Math.floor(size * FIRST_SHARE), size);
  } finally {
    await fh.close();
  }
  if (prime === null || cut <= prime.end || cut >= size) return 'declined';
  opened.source.destroy();

  const second: RangeJob = {
    name,
    start: cut,
    end: size,
    options,
    prime: { text: prime.text, line: prime.line },
  };
  // With both cores busy, V8's background compiler threads would wait for a core and hot code
  // would run unoptimised for longer: the worker compiles on its own thread instead. V8 reads
  // this flag when an isolate starts, so it changes only the worker started here; this thread
  // keeps background compiling.
  setFlagsFromString('--no-concurrent-recompilation');
  let result: RangeResult | null;
  // The worker started from the file's first format line with no related logs held. Only reading
  // on from here is exact when, at the cut, related logs were still waiting for their TRAFFIC
  // log (findings correlate them), or a header met again in the first range (exports joined
  // with `cat`, perhaps with other columns) set the columns the rest is read by.
  const mustReadOn = () => agg.pendingRelated() > 0 || !sameCells(mapper.header(), prime.header);
  try {
    const worker = startWorker(second, options.workerHeapMb ?? OLD_MB);
    try {
      // The worker takes a while to start; meanwhile this thread reads the first range. This
      // blocks the event loop until done, which is fine: the worker's answer waits in its queue.
      readRange(name, 0, cut, feeder);
      // A worker whose part cannot be used is stopped rather than waited for: it would hold a
      // core while this thread reads its range again.
      if (mustReadOn()) {
        await worker.worker.terminate();
        result = null;
      } else {
        result = await worker.result;
      }
    } catch (e) {
      await worker.worker.terminate();
      if ((e as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw e;
      result = null;
    }
  } finally {
    setFlagsFromString('--concurrent-recompilation');
  }
  // The worker names at most MAX_SKIP_KINDS log types of its own, so it may have counted a
  // type the first range names under "(other types)".
  if (result === null || mustReadOn() || !agg.mergesExactly(result.state)) {
    readRange(name, cut, size, feeder);
    feeder.end();
    return 'read-on';
  }
  const offset = lines.read;
  agg.merge(result.state, offset);
  for (const rej of result.rejects) hooks.onReject?.({ ...rej, line: rej.line + offset });
  lines.read += result.lines.read;
  lines.analysed += result.lines.analysed;
  lines.skipped += result.lines.skipped;
  lines.rejected += result.lines.rejected;
  mapper.facts.format ??= result.facts.format;
  mapper.facts.columns ??= result.facts.columns;
  addCounts(mapper.facts.headerKinds, result.facts.headerKinds);
  addCounts(mapper.facts.layouts, result.facts.layouts);
  if (result.error !== null) throw rebuildError(result.error, offset);
  return 'merged';
}

/**
 * Where the file is cut: the main thread's share. The worker thread runs slower than the main
 * one (it starts up first, compiles on its own thread and has a small heap): on 1M rows (741 MB
 * CSV) with an even cut, the main thread waited 0.01-0.66 s for it (median 0.29 s); with 60%,
 * the worker waited for the main thread.
 */
const FIRST_SHARE = 0.55;

function startWorker(
  job: RangeJob,
  oldMb: number,
): { worker: Worker; result: Promise<RangeResult> } {
  const worker = new Worker(WORKER_URL, {
    workerData: job,
    // Small heaps: the worker allocates short-lived strings and a few bounded tables, and
    // V8's defaults let garbage grow by tens of MB before collecting it, all counted in peak
    // RSS. 8 MB of young generation rather than 4: fewer scavenges for ~12 MB more peak RSS
    // (still under the 150 MB target at 1M rows). 40 MB of old generation rather than 64:
    // with 64, old garbage kept growing past 1M rows (peak RSS +11% at 10M; +7% with 40); the
    // bounded tables fit with room to spare, even filled with 200-character values. A worker
    // that does run out of heap is not fatal: the main thread reads its range instead.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: oldMb },
  });
  const result = new Promise<RangeResult>((resolve, reject) => {
    worker.once('message', (m: RangeResult) => {
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

/** The line that settles a file's format: its text, number, end offset and header cells. */
interface PrimeLine {
  readonly text: string;
  readonly line: number;
  readonly end: number;
  readonly header: readonly string[] | null;
}

/** The first line that settles the file's format, found the way a single pass would. */
async function findPrimeLine(
  fh: Awaited<ReturnType<typeof open>>,
  name: string,
  options: AnalyzeOptions,
): Promise<PrimeLine | null> {
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
      if (probe.facts.format !== null) return { text, line, end: nl + 1, header: probe.header() };
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

function sameCells(a: readonly string[] | null, b: readonly string[] | null): boolean {
  return (
    a === b || (a !== null && b !== null && a.length === b.length && a.every((v, i) => v === b[i]))
  );
}

function addCounts(into: Record<string, number>, from: Record<string, number | undefined>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + (n ?? 0);
}

/** The worker's error as one pass would have thrown it, its line shifted by `offset`. */
function rebuildError(e: RangeFailure, offset: number): Error {
  if (e.panSer && Object.hasOwn(ERROR_CODES, e.code)) {
    return new PanSerError(e.code as ErrorCode, e.message, {
      ...(e.file === undefined ? {} : { file: e.file }),
      ...(e.line === undefined ? {} : { line: e.line + offset }),
      ...(e.hint === undefined ? {} : { hint: e.hint }),
    });
  }
  return Object.assign(new Error(e.message), { code: e.code });
}
