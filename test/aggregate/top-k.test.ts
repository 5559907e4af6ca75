import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IPV4_CODEC, ipv4Code } from '../../src/aggregate/ipv4-codec.js';
import { kthSmallest, TopK } from '../../src/aggregate/top-k.js';

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

describe('TopK keyed by IPV4_CODEC', () => {
  it('codes only canonical dotted quads, and decodes them to the same text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => {
        const text = IPV4_CODEC.decode(n);
        expect(IPV4_CODEC.encode(text)).toBe(n);
        expect(ipv4Code(`x${text}y`, 1, text.length + 1)).toBe(n);
      }),
    );
    for (const bad of [
      '01.2.3.4',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1.2.3.4 ',
      '::1',
      '',
      '1..2.3',
      '1.2.3.',
    ]) {
      expect(IPV4_CODEC.encode(bad), bad).toBe(-1);
    }
  });

  // Values that code and values that do not, few enough to repeat, many enough to prune.
  const value = fc.oneof(
    fc.tuple(fc.nat(3), fc.nat(40)).map(([a, b]) => `10.${a}.0.${b}`),
    fc.constantFrom('(none)', '2001:db8::1', '010.0.0.1', 'host-a', '10.0.0.1 '),
  );
  const op = fc.tuple(value, fc.integer({ min: 1, max: 3 }), fc.boolean());

  function feed(t: TopK, ops: [string, number, boolean][]): void {
    for (const [v, n, byCode] of ops) {
      const code = IPV4_CODEC.encode(v);
      if (byCode && code >= 0) t.addCode(code, n);
      else t.add(v, n);
    }
  }

  it('counts, prunes and breaks ties exactly like a table keyed by text', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 1, max: 12 }), (ops, cap) => {
        const coded = new TopK(cap, IPV4_CODEC);
        const text = new TopK(cap);
        feed(coded, ops);
        for (const [v, n] of ops) text.add(v, n);
        expect(coded.toData()).toEqual(text.toData());
        for (const [v] of ops.slice(0, 5)) expect(coded.get(v)).toEqual(text.get(v));
      }),
      { numRuns: 500 },
    );
  });

  it('stays equal to a table keyed by text when read mid-stream over thousands of queued adds', () => {
    // Code adds are queued and applied in batches (TopK.addCode); every read must see them all.
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 3000, maxLength: 7000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 50, max: 900 }),
        (ops, cap, every) => {
          const coded = new TopK(cap, IPV4_CODEC);
          const text = new TopK(cap);
          ops.forEach(([v, n, byCode], i) => {
            const code = IPV4_CODEC.encode(v);
            if (byCode && code >= 0) coded.addCode(code, n);
            else coded.add(v, n);
            text.add(v, n);
            if (i % every === every - 1) {
              expect(coded.top(3)).toEqual(text.top(3));
              expect(coded.get(v)).toEqual(text.get(v));
              expect(coded.exact).toBe(text.exact);
            }
          });
          expect(coded.toData()).toEqual(text.toData());
        },
      ),
      { numRuns: 25 },
    );
  });

  it('merges like a table keyed by text, from coded tables and from saved data', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 200 }),
        fc.array(op, { maxLength: 200 }),
        fc.integer({ min: 1, max: 12 }),
        (ops1, ops2, cap) => {
          const a = new TopK(cap, IPV4_CODEC);
          const b = new TopK(cap, IPV4_CODEC);
          const ta = new TopK(cap);
          const tb = new TopK(cap);
          feed(a, ops1);
          feed(b, ops2);
          for (const [v, n] of ops1) ta.add(v, n);
          for (const [v, n] of ops2) tb.add(v, n);
          // As worker states are merged: both sides rebuilt from their plain data.
          const viaData = TopK.fromData(a.toData(), IPV4_CODEC);
          const textViaData = TopK.fromData(ta.toData());
          viaData.merge(TopK.fromData(b.toData()));
          textViaData.merge(TopK.fromData(tb.toData()));
          expect(viaData.toData()).toEqual(textViaData.toData());
          a.merge(b);
          ta.merge(tb);
          expect(a.toData()).toEqual(ta.toData());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('kthSmallest', () => {
  it('equals the k-th value of the sorted array, for any k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, k0) => {
          const k = k0 % xs.length;
          const sorted = [...xs].sort((a, b) => a - b);
          expect(kthSmallest(Float64Array.from(xs), xs.length, k)).toBe(sorted[k]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
