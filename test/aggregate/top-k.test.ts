import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from '../../src/aggregate/top-k.js';

function exactCounts(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

describe('TopK', () => {
  it('is exact while distinct values fit, ties broken by value', () => {
    const t = new TopK(10);
    for (const v of ['b', 'a', 'c', 'a', 'b', 'a']) t.add(v, 1);
    expect(t.exact).toBe(true);
    expect(t.top(3)).toEqual([
      { value: 'a', count: 3, error: 0 },
      { value: 'b', count: 2, error: 0 },
      { value: 'c', count: 1, error: 0 },
    ]);
  });

  it('keeps every true count within [count, count + error] and bounds memory', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }).map(String), { maxLength: 600 }),
        (vals) => {
          const t = new TopK(8);
          for (const v of vals) t.add(v, 1);
          const truth = exactCounts(vals);
          const data = t.toData();
          expect(data.rows.length).toBeLessThanOrEqual(16);
          for (const r of data.rows) {
            const real = truth.get(r.value) ?? 0;
            expect(real).toBeGreaterThanOrEqual(r.count);
            expect(real).toBeLessThanOrEqual(r.count + r.error);
          }
          const kept = new Set(data.rows.map((r) => r.value));
          for (const [v, n] of truth) if (!kept.has(v)) expect(n).toBeLessThanOrEqual(data.floor);
        },
      ),
    );
  });

  it('merges: a + b equals one pass over both when exact', () => {
    const a = new TopK(50);
    const b = new TopK(50);
    const one = new TopK(50);
    for (const v of ['x', 'y', 'x']) {
      a.add(v, 1);
      one.add(v, 1);
    }
    for (const v of ['y', 'z', 'y']) {
      b.add(v, 2);
      one.add(v, 2);
    }
    a.merge(b);
    expect(a.top(10)).toEqual(one.top(10));
    expect(TopK.fromData(a.toData()).top(10)).toEqual(one.top(10));
  });
});
