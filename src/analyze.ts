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
import { countInto, createFeeder } from './feed.js';
import { describeReadError, openInput } from './input/open.js';
import type { Io } from './io.js';
import type { Classified, Reject } from './model.js';
import { analyzeFileInParallel } from './parallel.js';

export interface AnalyzeOptions extends MapOptions {
  readonly aggregator: AggregatorOptions;
  /** Longest line accepted, in bytes. */
  readonly maxRecordBytes: number;
  /** Stop at the first reject (throws PanSerError STRICT_REJECT). */
  readonly strict: boolean;
  /** Plain files of at least this many bytes are read by two threads; 0 = never. */
  readonly parallelMinBytes?: number | undefined;
  /** Finding thresholds; the defaults (classify/findings.ts) when absent. */
  readonly thresholds?: Thresholds;
}

export interface AnalyzeHooks {
  onReject?(r: Reject): void;
  onInputError?(e: PanSerError): void;
  /** Sees every analysed record (e.g. per-record output formats). */
  onRecord?(c: Classified): void;
}

export const DEFAULT_MAX_RECORD_BYTES = 1 << 20;

/** Below this a second thread costs more (start-up, merge) than it saves. */
export const DEFAULT_PARALLEL_MIN_BYTES = 32 << 20;

export async function analyzeInputs(
  names: readonly string[],
  options: AnalyzeOptions,
  io: Io,
  hooks: AnalyzeHooks = {},
): Promise<Summary> {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const agg = createAggregator({ ...options.aggregator, thresholds });
  for (const name of names) {
    const mapper = createMapper(name, options);
    const input: InputSummary = {
      name,
      ...mapper.facts,
      lines: { read: 0, analysed: 0, skipped: 0, rejected: 0 },
      error: null,
    };
    try {
      const opened = await openInput(name, io);
      const minBytes = options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES;
      const parallel =
        opened.gunzip === null &&
        opened.size !== null &&
        minBytes > 0 &&
        opened.size >= minBytes &&
        !options.strict &&
        hooks.onRecord === undefined &&
        (await analyzeFileInParallel(name, opened, options, mapper, agg, input.lines, hooks));
      if (!parallel) {
        const feeder = createFeeder(
          name,
          options,
          mapper,
          countInto(agg, input.lines, options, hooks),
        );
        const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
          for await (const chunk of source) feeder.push(chunk);
          feeder.end();
        };
        if (opened.gunzip) await pipeline(opened.source, opened.gunzip, sink);
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
    }
    Object.assign(input, mapper.facts);
    agg.addInput(input);
  }
  return agg.finish();
}
