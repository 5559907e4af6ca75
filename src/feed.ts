// One input's line handling, shared by the main thread and the worker threads: the framer and
// splitter the chosen parser needs (bytes → mapped lines), and the fold of each mapped line
// into the aggregator and the line counts. No I/O here: callers own the byte streams.
import { classifyRecord } from './classify/classify.js';
import { DEFAULT_THRESHOLDS } from './classify/findings.js';
import type { Aggregator } from './aggregate/aggregator.js';
import type { LineCounts } from './aggregate/summary.js';
import type { AnalyzeHooks, AnalyzeOptions } from './analyze.js';
import { PanSerError } from './errors.js';
import type { Mapper } from './fields/map.js';
import { BlockFramer } from './input/blocks.js';
import { LineFramer } from './input/lines.js';
import type { Mapped, Reject } from './model.js';

/** Bytes in, mapped lines out: the framer and splitter the chosen parser needs. */
export interface Feeder {
  push(chunk: Buffer): void;
  end(): void;
}

export function createFeeder(
  name: string,
  options: AnalyzeOptions,
  mapper: Mapper,
  onMapped: (m: Mapped) => void,
): Feeder {
  const tooLong = (line: number, bytes: number): Reject => ({
    kind: 'reject',
    file: name,
    line,
    code: 'TOO_LONG',
    message: `line is ${bytes} bytes, over the ${options.maxRecordBytes}-byte limit (raise --max-record-size if it is a real log)`,
  });
  if (options.parser === 'csv-parse') {
    const framer = new LineFramer(options.maxRecordBytes);
    const onLine = (l: { text: string; line: number; tooLong?: number }): void => {
      onMapped(l.tooLong === undefined ? mapper.map(l.text, l.line) : tooLong(l.line, l.tooLong));
    };
    return {
      push: (chunk) => {
        framer.push(chunk, onLine);
      },
      end: () => {
        framer.end(onLine);
      },
    };
  }
  const framer = new BlockFramer(
    options.maxRecordBytes,
    (src, from, to, line, hasNul) => {
      onMapped(mapper.mapSpan(src, from, to, line, hasNul));
    },
    (line, bytes) => {
      onMapped(tooLong(line, bytes));
    },
  );
  return {
    push: (chunk) => {
      framer.push(chunk);
    },
    end: () => {
      framer.end();
    },
  };
}

/** Counts one mapped line into the aggregator and the input's line counts. */
export function countInto(
  agg: Aggregator,
  lines: LineCounts,
  options: Pick<AnalyzeOptions, 'strict' | 'thresholds'>,
  hooks: AnalyzeHooks,
): (m: Mapped) => void {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  return (m) => {
    lines.read++;
    switch (m.kind) {
      case 'traffic': {
        lines.analysed++;
        const c = classifyRecord(m, thresholds);
        agg.addTraffic(c);
        hooks.onRecord?.(c);
        break;
      }
      case 'skip':
        lines.skipped++;
        agg.addSkip(m);
        break;
      case 'reject':
        lines.rejected++;
        agg.addReject(m);
        hooks.onReject?.(m);
        if (options.strict) {
          throw new PanSerError('STRICT_REJECT', m.message, {
            file: m.file,
            line: m.line,
            hint: 'drop --strict to skip bad lines and go on',
          });
        }
        break;
    }
  };
}
