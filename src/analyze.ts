// The pipeline for `pan-ser analyze`: for each input, bytes → lines → map → classify → aggregate,
// streamed with backpressure through stream.pipeline. Every framed line lands in exactly one of
// analysed / skipped / rejected. File-level problems are reported through `onInputError` and
// the run goes on with the next input. Big plain files are read by two threads (parallel.ts).
import { pipeline } from 'node:stream/promises';
import { DEFAULT_THRESHOLDS, type Thresholds } from './classify/findings.js';
import { createAggregator, type AggregatorOptions } from './aggregate/aggregator.js';
import type { InputSummary, Summary } from './aggregate/summary.js';
import { PanSerError } from './errors.js';
import { createMapper, type MapOptions } from './fields/map.js';
import type { Zone } from './fields/zone.js';
import { countInto, createFeeder } from './feed.js';
import { gunzipMembers } from './input/gunzip.js';
import { describeReadError, openInput } from './input/open.js';
import type { Io } from './io.js';
import type { Classified, Reject } from './model.js';
import { analyzeFileInParallel } from './parallel.js';
import type { RecordFilter } from './slice/where.js';

export interface AnalyzeOptions extends MapOptions {
  readonly aggregator: AggregatorOptions;
  /** Longest line accepted, in bytes. */
  readonly maxRecordBytes: number;
  /** Stop at the first reject (throws PanSerError STRICT_REJECT). */
  readonly strict: boolean;
  /** --where / --since / --until: records it refuses are counted as skipped "(filtered)". */
  readonly filter?: RecordFilter | null;
  /** --tz: zoned log times are moved into this zone's wall clock (naive ones already are). */
  readonly zone?: Zone | null;
  /** Finding thresholds; the defaults (classify/findings.ts) when absent. */
  readonly thresholds?: Thresholds;
  /** Plain files of at least this many bytes are read by two threads; 0 = never. */
  readonly parallelMinBytes?: number | undefined;
  /**
   * Old-generation heap of each worker thread in MB (parallel.ts has the default). Tests make it
   * tiny so a worker runs out of heap, which must fall back to one pass.
   */
  readonly workerHeapMb?: number | undefined;
}

export interface AnalyzeHooks {
  onReject?(r: Reject): void;
  onInputError?(e: PanSerError): void;
  /** Sees every analysed record (e.g. per-record output formats). */
  onRecord?(c: Classified): void;
  /**
   * Called after each chunk of input with the bytes read so far of this input and its size
   * (null for stdin); awaited, so a per-record writer can wait for its sink to drain.
   */
  afterChunk?(progress: {
    input: string;
    index: number;
    bytes: number;
    size: number | null;
  }): Promise<void> | void;
}

export const DEFAULT_MAX_RECORD_BYTES = 1 << 20;
/** Highest --max-record-size: a line must still fit in one JavaScript string once decoded. */
export const MAX_RECORD_BYTES_LIMIT = 1 << 28;

/**
 * Below this a second thread costs more (start-up, a second warm-up, merge) than it saves.
 * Measured on 2 cores, generated CSV of ~740 bytes a row, medians of one pass against a split
 * read (main thread + worker): 74 MB 0.67 s against 0.83, 148 MB 0.92 against 0.97, 222 MB
 * 1.14 against 1.08, 741 MB about 3.0 against 2.0.
 */
export const DEFAULT_PARALLEL_MIN_BYTES = 256 << 20;

export async function analyzeInputs(
  names: readonly string[],
  options: AnalyzeOptions,
  io: Io,
  hooks: AnalyzeHooks = {},
): Promise<Summary> {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const agg = createAggregator({ ...options.aggregator, thresholds });
  const { filter, zone } = options;
  for (const [index, name] of names.entries()) {
    const mapper = createMapper(name, options);
    const input: InputSummary = {
      name,
      ...mapper.facts,
      lines: { read: 0, analysed: 0, skipped: 0, rejected: 0 },
      error: null,
    };
    const feeder = createFeeder(
      name,
      options,
      mapper,
      countInto(agg, input.lines, { ...options, thresholds }, hooks),
    );
    try {
      const opened = await openInput(name, io);
      const minBytes = options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES;
      // Two threads only where the result cannot differ from one pass and nothing needs the
      // records one by one: no per-record output, no --strict stop, no filter or zone (those
      // are functions, which cannot cross to a worker).
      const parallel =
        !opened.gzip &&
        opened.size !== null &&
        minBytes > 0 &&
        opened.size >= minBytes &&
        !options.strict &&
        !filter &&
        !zone &&
        hooks.onRecord === undefined &&
        (await analyzeFileInParallel(
          name,
          opened,
          options,
          mapper,
          agg,
          input.lines,
          hooks,
          feeder,
        )) !== 'declined';
      if (parallel) {
        await hooks.afterChunk?.({ input: name, index, bytes: opened.size, size: opened.size });
      } else {
        const counted = opened.source as { bytesRead?: unknown };
        let seen = 0;
        const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
          for await (const chunk of source) {
            feeder.push(chunk);
            if (hooks.afterChunk) {
              // Raw bytes read (before gunzip) when the source knows them, to compare with the size.
              seen += chunk.length;
              const bytes = typeof counted.bytesRead === 'number' ? counted.bytesRead : seen;
              await hooks.afterChunk({ input: name, index, bytes, size: opened.size });
            }
          }
          feeder.end();
        };
        if (opened.gzip) await pipeline(opened.source, gunzipMembers, sink);
        else await pipeline(opened.source, sink);
      }
    } catch (e) {
      if (e instanceof PanSerError && e.code === 'STRICT_REJECT') throw e;
      if (e instanceof PanSerError && e.code === 'INTERNAL') throw e;
      if (!(e instanceof PanSerError) && typeof (e as { code?: unknown }).code !== 'string')
        throw e;
      const err = describeReadError(name, e);
      input.error = err.message + (err.hint === undefined ? '' : ` (${err.hint})`);
      hooks.onInputError?.(err);
      // A mapper refusal is not a broken read: only a failed read leaves a cut-off line, and it
      // is counted (rejected), never dropped.
      if (!(e instanceof PanSerError)) feeder.end(true);
    }
    Object.assign(input, mapper.facts);
    agg.addInput(input);
  }
  return agg.finish();
}
