// One input's line handling, shared by the main thread and the worker threads: the framer and
// splitter the chosen parser needs (bytes → mapped lines), and the fold of each mapped line
// into the aggregator and the line counts. No I/O here: callers own the byte streams.
import { classifyRecord } from './classify/classify.js';
import { DEFAULT_THRESHOLDS } from './classify/findings.js';
import { ProfileCache } from './classify/profile.js';
import { FILTERED, type Aggregator } from './aggregate/aggregator.js';
import type { LineCounts } from './aggregate/summary.js';
import type { AnalyzeHooks, AnalyzeOptions } from './analyze.js';
import { PanSerError } from './errors.js';
import type { Mapper } from './fields/map.js';
import { isZonedLogTime, parseLogTime } from './fields/time.js';
import { toWall } from './fields/zone.js';
import { BlockFramer } from './input/blocks.js';
import { LineFramer } from './input/lines.js';
import type { Mapped, Reject } from './model.js';

/** Bytes in, mapped lines out: the framer and splitter the chosen parser needs. */
export interface Feeder {
  push(chunk: Buffer): void;
  /** Flushes the last line; `cutOff` after a failed read: that line lost its end (TRUNCATED). */
  end(cutOff?: boolean): void;
}

export function createFeeder(
  name: string,
  options: AnalyzeOptions,
  mapper: Mapper,
  onMapped: (m: Mapped) => void,
): Feeder {
  let cutOff = false;
  const tooLong = (line: number, bytes: number): Reject => ({
    kind: 'reject',
    file: name,
    line,
    code: 'TOO_LONG',
    message: `line is ${bytes} bytes, over the ${options.maxRecordBytes}-byte limit (raise --max-record-size if it is a real log)`,
  });
  const truncated = (line: number): Reject => ({
    kind: 'reject',
    file: name,
    line,
    code: 'TRUNCATED',
    message:
      'the input broke off inside this line, so its end is lost (re-copy the file; see the read error)',
  });
  if (options.parser === 'csv-parse') {
    const framer = new LineFramer(options.maxRecordBytes);
    const onLine = (l: { text: string; line: number; tooLong?: number }): void => {
      onMapped(
        l.tooLong !== undefined
          ? tooLong(l.line, l.tooLong)
          : cutOff
            ? truncated(l.line)
            : mapper.map(l.text, l.line),
      );
    };
    return {
      push: (chunk) => {
        framer.push(chunk, onLine);
      },
      end: (cut = false) => {
        cutOff = cut;
        framer.end(onLine);
      },
    };
  }
  const framer = new BlockFramer(
    options.maxRecordBytes,
    (src, from, to, line, hasNul, hasCr, pre) => {
      onMapped(cutOff ? truncated(line) : mapper.mapSpan(src, from, to, line, hasNul, hasCr, pre));
    },
    (line, bytes) => {
      onMapped(tooLong(line, bytes));
    },
  );
  return {
    push: (chunk) => {
      framer.push(chunk);
    },
    end: (cut = false) => {
      cutOff = cut;
      framer.end();
    },
  };
}

/** Counts one mapped line into the aggregator and the input's line counts. */
export function countInto(
  agg: Aggregator,
  lines: LineCounts,
  options: Pick<AnalyzeOptions, 'strict' | 'thresholds' | 'filter' | 'zone'>,
  hooks: AnalyzeHooks,
): (m: Mapped) => void {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const { filter, zone } = options;
  const profiles = new ProfileCache();
  return (m) => {
    lines.read++;
    switch (m.kind) {
      case 'traffic': {
        let c = classifyRecord(m, thresholds, profiles);
        // The instant of a time that named its zone, which the --since/--until window compares
        // (on the zone's wall clock, an hour repeated when clocks go back would hide it).
        let zonedAt: number | null = null;
        if (zone && c.time !== null) {
          // The zone of the field the time was read from (classify falls back to the receive
          // time when the generated time is empty or unreadable).
          const tg = m.fields.time_generated;
          const raw = parseLogTime(tg) !== null ? tg : m.fields.receive_time;
          if (isZonedLogTime(raw)) {
            zonedAt = c.time;
            c = { ...c, time: toWall(c.time, zone) };
          }
        }
        if (filter && !filter(c, zonedAt)) {
          lines.skipped++;
          agg.addSkip({ kind: 'skip', what: FILTERED });
          break;
        }
        lines.analysed++;
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
          throw new PanSerError('STRICT_REJECT', `${m.message} [${m.code}]`, {
            file: m.file,
            line: m.line,
            hint: 'drop --strict to skip bad lines and go on',
          });
        }
        break;
    }
  };
}
