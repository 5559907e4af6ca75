// GroupBy: per-combination totals and reason splits equal a plain count, and merging two halves
// equals one pass (while under capacity, where counts are exact).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupBy } from '../../src/aggregate/group-by.js';
import { MAX_GROUP_VALUE } from '../../src/aggregate/group-value.js';
import { FIELD_IDS, type Fields } from '../../src/fields/field-ids.js';
import type { Classified } from '../../src/model.js';

const ORDER = ['policy-deny', 'tcp-fin', 'aged-out'];

function rec(rule: string, app: string): Classified {
  const fields = Object.fromEntries(FIELD_IDS.map((k) => [k, ''])) as Fields;
  fields.rule = rule;
  fields.app = app;
  return {
    rec: { kind: 'traffic', file: 'f', line: 1, layout: 'csv-export', fields },
    reason: null,
    action: null,
    flags: null,
    bytes: 0,
    repeat: 1,
    time: null,
    findings: [],
  };
}

const row = fc.record({
  // Hostile-ish values: separators and quotes must not merge two combinations.
  rule: fc.constantFrom('a', 'b', 'a\u001fb', '"x"', ''),
  app: fc.constantFrom('ssl', 'dns', '\u001f', '["a"]'),
  reason: fc.constantFrom(...ORDER),
});

describe('GroupBy', () => {
  it('counts each combination and its reasons exactly; merge = one pass', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), fc.nat(200), (rows, cut) => {
        const one = new GroupBy(['rule', 'app'], 1000);
        const a = new GroupBy(['rule', 'app'], 1000);
        const b = new GroupBy(['rule', 'app'], 1000);
        const want = new Map<string, Record<string, number>>();
        rows.forEach((r, i) => {
          const c = rec(r.rule, r.app);
          one.add(c, r.reason, 1);
          (i < cut ? a : b).add(c, r.reason, 1);
          const key = JSON.stringify([r.rule || '(none)', r.app]);
          const by = want.get(key) ?? {};
          by[r.reason] = (by[r.reason] ?? 0) + 1;
          want.set(key, by);
        });
        const got = one.finish(1000, ORDER);
        expect(got.rows).toHaveLength(want.size);
        for (const r of got.rows) {
          const by = want.get(JSON.stringify(r.values)) ?? {};
          expect(r.byReason).toEqual(by);
          expect(r.sessions).toBe(Object.values(by).reduce((x, y) => x + y, 0));
        }
        a.merge(b);
        expect(a.finish(1000, ORDER)).toEqual(got);
      }),
    );
  });
});

describe('GroupBy values', () => {
  it('are clipped to MAX_GROUP_VALUE like every group table, and long values sharing a start merge', () => {
    const g = new GroupBy(['rule', 'app'], 1000);
    const long = 'r'.repeat(MAX_GROUP_VALUE);
    g.add(rec(`${long}A${'x'.repeat(5000)}`, 'ssl'), 'tcp-fin', 1);
    g.add(rec(`${long}B`, 'ssl'), 'aged-out', 2);
    const rows = g.finish(10, ORDER).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.values).toEqual([`${long}…`, 'ssl']);
    expect(rows[0]?.sessions).toBe(3);
    expect(rows[0]?.byReason).toEqual({ 'tcp-fin': 1, 'aged-out': 2 });
  });
});
