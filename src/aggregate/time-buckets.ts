// Sessions per reason per time bucket, for the "reasons over time" sparkline and chart. Memory is
// bounded: when the covered span needs more than `maxBuckets` buckets the width grows (auto: up a
// ladder of round widths; fixed --bucket: doubled, and the Timeline says it was widened). Each
// width divides the next, so re-bucketing is exact. Pure: no clock; mergeable.
import { formatLogTime } from '../fields/time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Auto widths: each divides the next (buckets align to multiples of the width: bucketStart). */
export const BUCKET_LADDER = [MIN, 5 * MIN, 15 * MIN, HOUR, 6 * HOUR, DAY, 7 * DAY] as const;
/** Buckets an auto timeline aims to stay under (a readable chart). */
export const AUTO_MAX_BUCKETS = 96;
/** Buckets a fixed --bucket may create before it is widened. */
export const FIXED_MAX_BUCKETS = 1000;

export interface TimelineBucket {
  /** Wall-clock start of the bucket, `YYYY-MM-DD HH:MM:SS`. */
  readonly start: string;
  readonly sessions: number;
  /** Sessions per reason, non-zero only. */
  readonly byReason: Readonly<Record<string, number>>;
}

export interface Timeline {
  /** Bucket width as text, e.g. "15m". */
  readonly bucket: string;
  readonly bucketMs: number;
  readonly auto: boolean;
  /** True when a fixed --bucket had to be widened to stay within FIXED_MAX_BUCKETS. */
  readonly widened: boolean;
  /** Contiguous from the first to the last bucket with sessions. */
  readonly buckets: TimelineBucket[];
}

/** 1970-01-01 was a Thursday: week-wide buckets start 3 days earlier, on a Monday (ISO weeks). */
const MONDAY = -3 * DAY;

/**
 * The start of the bucket of width `w` holding `t`: a multiple of `w` since 1970, or for whole
 * weeks since a Monday. Week starts fall on day starts, so every width still divides the next.
 */
export function bucketStart(t: number, w: number): number {
  const origin = w % (7 * DAY) === 0 ? MONDAY : 0;
  return Math.floor((t - origin) / w) * w + origin;
}

/** Reads `--bucket` text: whole minutes, hours, days or weeks (`15m`, `1h`, `1d`, `1w`). */
export function parseBucket(raw: string): number | null {
  const m = /^(\d{1,4})(m|h|d|w)$/.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (n < 1) return null;
  const unit = { m: MIN, h: HOUR, d: DAY, w: 7 * DAY }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return n * unit;
}

export function formatBucket(ms: number): string {
  for (const [unit, size] of [
    ['w', 7 * DAY],
    ['d', DAY],
    ['h', HOUR],
    ['m', MIN],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** TimeBuckets.state(): the counts as plain data. */
export interface TimeBucketsState {
  readonly fixedWidth: number | null;
  readonly width: number;
  readonly lo: number;
  readonly hi: number;
  readonly widened: boolean;
  readonly cells: [number, [string, number][]][];
}

export class TimeBuckets {
  private width: number;
  private readonly cells = new Map<number, Map<string, number>>();
  private lo = Infinity;
  private hi = -Infinity;
  private widened = false;
  /** The bucket of the last add and its cell (null after a re-bucketing). */
  private lastStart = 0;
  private lastCell: Map<string, number> | null = null;

  /** `fixedWidth` null = auto. */
  constructor(private readonly fixedWidth: number | null) {
    this.width = fixedWidth ?? BUCKET_LADDER[0];
  }

  private get max(): number {
    return this.fixedWidth === null ? AUTO_MAX_BUCKETS : FIXED_MAX_BUCKETS;
  }

  private next(w: number): number {
    if (this.fixedWidth !== null) return w * 2;
    return BUCKET_LADDER.find((x) => x > w) ?? w * 2;
  }

  add(time: number, reason: string, n: number): void {
    // The span (and so the width) changes only when a time falls outside it.
    if (time < this.lo || time > this.hi) {
      if (time < this.lo) this.lo = time;
      if (time > this.hi) this.hi = time;
      this.fit();
    }
    // Consecutive logs mostly fall in the bucket of the one before.
    let cell = this.lastCell;
    if (cell === null || !(time >= this.lastStart && time < this.lastStart + this.width)) {
      this.lastStart = this.startOf(time);
      cell = this.lastCell = this.cellAt(this.lastStart);
    }
    cell.set(reason, (cell.get(reason) ?? 0) + n);
  }

  private startOf(t: number): number {
    return bucketStart(t, this.width);
  }

  private cellAt(start: number): Map<string, number> {
    let cell = this.cells.get(start);
    if (!cell) this.cells.set(start, (cell = new Map<string, number>()));
    return cell;
  }

  private put(start: number, reason: string, n: number): void {
    const cell = this.cellAt(start);
    cell.set(reason, (cell.get(reason) ?? 0) + n);
  }

  /** Re-buckets what is held at the current width (after it grew). */
  private rebucket(): void {
    this.lastCell = null;
    const old = [...this.cells];
    this.cells.clear();
    for (const [start, cell] of old) {
      for (const [reason, n] of cell) this.put(this.startOf(start), reason, n);
    }
  }

  /** Widens until the span fits; re-buckets what is held. */
  private fit(): void {
    let w = this.width;
    const span = (x: number) => (bucketStart(this.hi, x) - bucketStart(this.lo, x)) / x + 1;
    while (span(w) > this.max) w = this.next(w);
    if (w === this.width) return;
    if (this.fixedWidth !== null) this.widened = true;
    this.width = w;
    this.rebucket();
  }

  /** Plain, structured-cloneable counts (worker threads post them; see fromState). */
  state(): TimeBucketsState {
    return {
      fixedWidth: this.fixedWidth,
      width: this.width,
      lo: this.lo,
      hi: this.hi,
      widened: this.widened,
      cells: [...this.cells].map(([start, m]): [number, [string, number][]] => [start, [...m]]),
    };
  }

  static fromState(s: TimeBucketsState): TimeBuckets {
    const t = new TimeBuckets(s.fixedWidth);
    t.width = s.width;
    t.lo = s.lo;
    t.hi = s.hi;
    t.widened = s.widened;
    for (const [start, m] of s.cells) t.cells.set(start, new Map(m));
    return t;
  }

  /** Adds another timeline's counts (a + b = one pass over both inputs). */
  merge(other: TimeBuckets): void {
    if (other.lo === Infinity) return;
    this.widened ||= other.widened;
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    if (other.width > this.width) {
      this.width = other.width;
      this.rebucket();
    }
    this.fit();
    for (const [start, cell] of other.cells) {
      for (const [reason, n] of cell) this.put(this.startOf(start), reason, n);
    }
  }

  /** `order` gives the reason key order of each bucket's byReason. */
  finish(order: readonly string[]): Timeline {
    const buckets: TimelineBucket[] = [];
    if (this.lo !== Infinity) {
      for (let t = this.startOf(this.lo); t <= this.hi; t += this.width) {
        const cell = this.cells.get(t);
        const byReason: Record<string, number> = {};
        let sessions = 0;
        for (const reason of order) {
          const n = cell?.get(reason) ?? 0;
          if (n > 0) byReason[reason] = n;
          sessions += n;
        }
        buckets.push({ start: formatLogTime(t), sessions, byReason });
      }
    }
    return {
      bucket: formatBucket(this.width),
      bucketMs: this.width,
      auto: this.fixedWidth === null,
      widened: this.widened,
      buckets,
    };
  }
}
