// The split read's worker thread, started before the CLI loads. A worker takes some 150 ms to
// boot (its own isolate and the whole analysis code), and it used to start only once the main
// thread had found where to cut the file, so the main thread was always that far ahead and had
// to read the larger part. Started here, the worker boots while the main thread loads the same
// code, and waits for its job (parallel.ts hands it over with postMessage). A guess that a run
// will split its input costs a worker that boots on the other core and is stopped unused.
//
// Only node: imports: this module runs before the rest of the program is loaded.
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/**
 * Split reads start at this file size (PAN_SER_PARALLEL_MIN_BYTES moves it). Below it a second
 * thread costs more (start-up, a second warm-up, merge) than it saves. Measured on 2 cores,
 * generated CSV of ~740 bytes a row, medians of one pass against a split read (main thread +
 * worker): 74 MB 0.67 s against 0.83, 148 MB 0.92 against 0.97, 222 MB 1.14 against 1.08,
 * 741 MB about 3.0 against 2.0.
 */
export const DEFAULT_PARALLEL_MIN_BYTES = 256 << 20;
/** The worker's heap: young and old generation, in MB (see parallel.ts). */
export const WORKER_YOUNG_MB = 8;
export const DEFAULT_WORKER_OLD_MB = 40;

const here = import.meta.url;
/** Under the test runner this module is TypeScript source; the worker runs from the build. */
export const WORKER_URL = here.endsWith('.ts')
  ? new URL('../dist/analyze-worker.js', here)
  : new URL('./analyze-worker.js', here);

interface Waiting {
  readonly worker: Worker;
  readonly oldMb: number;
}

let waiting: Waiting | null = null;

/**
 * Starts a worker with `workerData` null (analyze-worker.ts then waits for its job). V8 reads
 * the recompilation flag when an isolate starts: with both cores busy, the worker compiles on
 * its own thread (see parallel.ts), and this thread keeps background compiling.
 */
export function spawnWorker(job: unknown, oldMb: number): Worker {
  setFlagsFromString('--no-concurrent-recompilation');
  const worker = new Worker(WORKER_URL, {
    workerData: job,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: oldMb },
  });
  const restore = () => {
    setFlagsFromString('--concurrent-recompilation');
  };
  worker.once('online', restore);
  worker.once('exit', restore);
  return worker;
}

/**
 * Starts the worker early when `args` (the CLI's arguments) look like an analyze run that will
 * split a file: the `analyze` command, and an argument naming a plain (not gzip) file at least
 * the split threshold in size. Options are not parsed here; a wrong guess only costs the boot.
 */
export function prestartWorker(args: readonly string[], env: NodeJS.ProcessEnv): void {
  if (waiting !== null || args[0] !== 'analyze') return;
  const min = wholeNumber(env.PAN_SER_PARALLEL_MIN_BYTES) ?? DEFAULT_PARALLEL_MIN_BYTES;
  const oldMb = wholeNumber(env.PAN_SER_WORKER_HEAP_MB) ?? DEFAULT_WORKER_OLD_MB;
  if (min <= 0 || !args.slice(1).some((a) => splitsLikely(a, min))) return;
  const worker = spawnWorker(null, oldMb);
  // Unused, it must not keep the process alive; parallel.ts refs the one it takes.
  worker.unref();
  const entry = { worker, oldMb };
  waiting = entry;
  // A worker that failed while waiting is not handed out (its error is not the run's: the split
  // read starts a new one). Whoever takes it listens for errors from then on.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (waiting === entry) waiting = null;
  });
}

/** The prestarted worker when its heap is `oldMb`, else null (a mismatched one is stopped). */
export function takePrestarted(oldMb: number): Worker | null {
  const w = waiting;
  waiting = null;
  if (w === null) return null;
  if (w.oldMb === oldMb) return w.worker;
  void w.worker.terminate();
  return null;
}

/** Stops a prestarted worker nothing took. */
export async function stopPrestarted(): Promise<void> {
  const w = waiting;
  waiting = null;
  if (w !== null) await w.worker.terminate();
}

function wholeNumber(v: string | undefined): number | undefined {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** True for a plain file of at least `min` bytes that does not start as gzip. */
function splitsLikely(arg: string, min: number): boolean {
  if (arg.startsWith('-')) return false;
  try {
    const st = statSync(arg);
    if (!st.isFile() || st.size < min) return false;
    const fd = openSync(arg, 'r');
    try {
      const magic = Buffer.alloc(2);
      readSync(fd, magic, 0, 2, 0);
      return !(magic[0] === 0x1f && magic[1] === 0x8b);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
