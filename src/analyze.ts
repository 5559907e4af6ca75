// The pipeline for `pan-ser analyze`: for each input, bytes → lines → map → classify → aggregate,
// streamed with backpressure through stream.pipeline. Every framed line lands in exactly one of
// analysed / skipped / rejected. File-level problems are reported through `onInputError` and
// the run goes on with the next input.
import { pipeline } from 'node:stream/promises';
import { classifyRecord } from './classify/classify.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './classify/findings.js';
import { createAggregator, FILTERED, type AggregatorOptions } from './aggregate/aggregator.js';
import type { InputSummary, Summary } from './aggregate/summary.js';
import { PanSerError } from './errors.js';
import { createMapper, type MapOptions } from './fields/map.js';
import { isZonedLogTime } from './fields/time.js';
import { toWall, type Zone } from './fields/zone.js';
import { LineFramer, type FramedLine } from './input/lines.js';
import { describeReadError, openInput } from './input/open.js';
import type { Io } from './io.js';
import type { Classified, Mapped, Reject } from './model.js';

export interface AnalyzeOptions extends MapOptions {
  readonly aggregator: AggregatorOptions;
  /** Longest line accepted, in bytes. */
  readonly maxRecordBytes: number;
  /** Stop at the first reject (throws PanSerError STRICT_REJECT). */
  readonly strict: boolean;
  /** --where / --since / --until: records it refuses are counted as skipped "(filtered)". */
  readonly filter?: ((c: Classified) => boolean) | null;
  /** --tz: zoned log times are moved into this zone's wall clock (naive ones already are). */
  readonly zone?: Zone | null;
  /** Finding thresholds; the defaults (classify/findings.ts) when absent. */
  readonly thresholds?: Thresholds;
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
    const framer = new LineFramer(options.maxRecordBytes);
    /** Set when a read failed: the bytes after the last line end are a cut-off line. */
    let cutOff = false;
    const onLine = (l: FramedLine): void => {
      const m: Mapped =
        l.tooLong !== undefined
          ? {
              kind: 'reject',
              file: name,
              line: l.line,
              code: 'TOO_LONG',
              message: `line is ${l.tooLong} bytes, over the ${options.maxRecordBytes}-byte limit (raise --max-record-size if it is a real log)`,
            }
          : cutOff
            ? {
                kind: 'reject',
                file: name,
                line: l.line,
                code: 'TRUNCATED',
                message:
                  'the input broke off inside this line, so its end is lost (re-copy the file; see the read error)',
              }
            : mapper.map(l.text, l.line);
      input.lines.read++;
      switch (m.kind) {
        case 'traffic': {
          let c = classifyRecord(m, thresholds);
          if (
            zone &&
            c.time !== null &&
            isZonedLogTime(m.fields.time_generated || m.fields.receive_time)
          )
            c = { ...c, time: toWall(c.time, zone) };
          if (filter && !filter(c)) {
            input.lines.skipped++;
            agg.addSkip({ kind: 'skip', what: FILTERED });
            break;
          }
          input.lines.analysed++;
          agg.addTraffic(c);
          hooks.onRecord?.(c);
          break;
        }
        case 'skip':
          input.lines.skipped++;
          agg.addSkip(m);
          break;
        case 'reject':
          input.lines.rejected++;
          agg.addReject(m);
          hooks.onReject?.(m);
          if (options.strict) {
            throw new PanSerError('STRICT_REJECT', `${m.message} [${m.code}]`, {
              file: m.file,
              line: m.line,
              hint: 'drop --strict to skip bad lines and go on',
            });
          }
          break;
      }
    };
    try {
      const opened = await openInput(name, io);
      const counted = opened.source as { bytesRead?: unknown };
      let seen = 0;
      const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
        for await (const chunk of source) {
          framer.push(chunk, onLine);
          if (hooks.afterChunk) {
            // Raw bytes read (before gunzip) when the source knows them, to compare with the size.
            seen += chunk.length;
            const bytes = typeof counted.bytesRead === 'number' ? counted.bytesRead : seen;
            await hooks.afterChunk({ input: name, index, bytes, size: opened.size });
          }
        }
        framer.end(onLine);
      };
      if (opened.gunzip) await pipeline(opened.source, opened.gunzip, sink);
      else await pipeline(opened.source, sink);
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
      if (!(e instanceof PanSerError)) {
        cutOff = true;
        framer.end(onLine);
      }
    }
    Object.assign(input, mapper.facts);
    agg.addInput(input);
  }
  return agg.finish();
}
