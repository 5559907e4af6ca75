// TimeBuckets: bounded whatever the span, counts conserved through widening, merge equals one
// pass over both inputs, and --bucket parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTO_MAX_BUCKETS,
  bucketStart,
  FIXED_MAX_BUCKETS,
  formatBucket,
  parseBucket,
  TimeBuckets,
} from '../../src/aggregate/time-buckets.js';

const ORDER = ['a', 'b', 'c'];
const T0 = Date.UTC(2026, 10, 23);
const YEAR = 365 * 24 * 3600_000;

const event = fc.record({
  t: fc.integer({ min: T0, max: T0 + 2 * YEAR }),
  reason: fc.constantFrom(...ORDER),
  n: fc.integer({ min: 1, max: 5 }),
});

function totals(tl: ReturnType<TimeBuckets['finish']>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of tl.buckets)
    for (const [r, n] of Object.entries(b.byReason)) out[r] = (out[r] ?? 0) + n;
  return out;
}

function expected(events: { reason: string; n: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.reason] = (out[e.reason] ?? 0) + e.n;
  return out;
}

describe('TimeBuckets', () => {
  it('starts week-wide buckets on a Monday, and every bucket holds its times', () => {
    const DAY = 24 * 3600_000;
    // Sunday 2026-11-29 23:59 and Thursday 2026-11-26 go in the week of Monday 2026-11-23.
    const week = new TimeBuckets(7 * DAY);
    week.add(Date.UTC(2026, 10, 29, 23, 59), 'a', 1);
    week.add(Date.UTC(2026, 10, 26, 12), 'a', 1);
    week.add(Date.UTC(2026, 10, 30), 'b', 1); // the next Monday
    expect(week.finish(ORDER).buckets.map((b) => [b.start, b.byReason])).toEqual([
      ['2026-11-23 00:00:00', { a: 2 }],
      ['2026-11-30 00:00:00', { b: 1 }],
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * YEAR }),
        fc.constantFrom(60_000, 15 * 60_000, DAY, 7 * DAY, 14 * DAY, 56 * DAY),
        (t, w) => {
          const start = bucketStart(t, w);
          expect(start <= t && t < start + w).toBe(true);
          if (w % (7 * DAY) === 0) expect(new Date(start).getUTCDay()).toBe(1);
          // Each width divides the next: a day's bucket lies inside one week's.
          expect(bucketStart(bucketStart(t, DAY), 7 * DAY)).toBe(bucketStart(t, 7 * DAY));
        },
      ),
    );
  });

  it('stays within the bucket cap and conserves every count (auto and fixed)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 300 }), fc.boolean(), (events, auto) => {
        const tb = new TimeBuckets(auto ? null : 60_000);
        for (const e of events) tb.add(e.t, e.reason, e.n);
        const tl = tb.finish(ORDER);
        expect(tl.buckets.length).toBeLessThanOrEqual(auto ? AUTO_MAX_BUCKETS : FIXED_MAX_BUCKETS);
        expect(totals(tl)).toEqual(expected(events));
        for (const b of tl.buckets)
          expect(b.sessions).toBe(Object.values(b.byReason).reduce((x, y) => x + y, 0));
        if (!auto && events.length > 1) {
          const span = Math.max(...events.map((e) => e.t)) - Math.min(...events.map((e) => e.t));
          expect(tl.widened).toBe(span >= FIXED_MAX_BUCKETS * 60_000);
        }
      }),
    );
  });

  it('merging two halves gives the same timeline as one pass', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), fc.nat(200), (events, cut) => {
        const one = new TimeBuckets(null);
        const a = new TimeBuckets(null);
        const b = new TimeBuckets(null);
        events.forEach((e, i) => {
          one.add(e.t, e.reason, e.n);
          (i < cut ? a : b).add(e.t, e.reason, e.n);
        });
        a.merge(b);
        expect(a.finish(ORDER)).toEqual(one.finish(ORDER));
      }),
    );
  });

  it('keeps buckets contiguous and aligned to the width', () => {
    const tb = new TimeBuckets(3600_000);
    tb.add(T0 + 10 * 60_000, 'a', 1);
    tb.add(T0 + 3 * 3600_000 + 5, 'b', 2);
    const tl = tb.finish(ORDER);
    expect(tl.buckets.map((b) => b.start)).toEqual([
      '2026-11-23 00:00:00',
      '2026-11-23 01:00:00',
      '2026-11-23 02:00:00',
      '2026-11-23 03:00:00',
    ]);
    expect(tl.buckets.map((b) => b.sessions)).toEqual([1, 0, 0, 2]);
  });
});

describe('--bucket', () => {
  it('reads whole minutes, hours, days and weeks and prints them back', () => {
    for (const text of ['1m', '15m', '1h', '6h', '1d', '2w']) {
      const ms = parseBucket(text);
      expect(ms, text).not.toBeNull();
      expect(formatBucket(ms ?? 0)).toBe(text);
    }
    for (const bad of ['', '0h', '90s', '1.5h', 'h', '1y'])
      expect(parseBucket(bad), bad).toBeNull();
  });
});
