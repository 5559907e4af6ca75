import { describe, expect, it } from 'vitest';
import { createAggregator, DEFAULT_AGGREGATOR_OPTIONS } from '../../src/aggregate/aggregator.js';
import type { InputSummary } from '../../src/aggregate/summary.js';
import { classifyRecord } from '../../src/classify/classify.js';
import { FIELD_IDS, type Fields } from '../../src/fields/field-ids.js';
import { PanSerError } from '../../src/errors.js';

function classified(over: Partial<Fields>) {
  const fields = Object.fromEntries(FIELD_IDS.map((id) => [id, ''])) as Fields;
  return classifyRecord({
    kind: 'traffic',
    file: 'f',
    line: 1,
    layout: 'x',
    fields: { ...fields, ...over },
  });
}

function input(read: number, analysed: number, skipped: number, rejected: number): InputSummary {
  return {
    name: 'f',
    format: 'syslog',
    columns: null,
    headerKinds: {},
    layouts: {},
    lines: { read, analysed, skipped, rejected },
    error: null,
  };
}

describe('createAggregator', () => {
  it('counts reasons, actions and their pairs, with repeat weighting on demand', () => {
    for (const weight of ['rows', 'repeat'] as const) {
      const agg = createAggregator({ ...DEFAULT_AGGREGATOR_OPTIONS, weight });
      agg.addTraffic(
        classified({
          session_end_reason: 'policy-deny',
          action: 'deny',
          repeatcnt: '4',
          rule: 'r1',
        }),
      );
      agg.addTraffic(
        classified({ session_end_reason: 'policy-deny', action: 'allow', rule: 'r2' }),
      );
      agg.addTraffic(classified({ session_end_reason: 'weird', action: 'allow', rule: 'r2' }));
      agg.addInput(input(3, 3, 0, 0));
      const s = agg.finish();
      const pd = s.reasons.find((r) => r.reason === 'policy-deny');
      expect(pd?.rows).toBe(2);
      expect(pd?.repeatWeighted).toBe(5);
      expect(pd?.sessions).toBe(weight === 'rows' ? 2 : 5);
      expect(s.reasons.at(-1)).toMatchObject({ reason: '(unrecognized)', known: false, rows: 1 });
      expect(s.unrecognized.reasons).toEqual([{ value: 'weird', sessions: 1, error: 0 }]);
      expect(s.reasonByAction).toContainEqual({
        reason: 'policy-deny',
        action: 'deny',
        sessions: weight === 'rows' ? 1 : 4,
      });
      expect(s.groups.rule['policy-deny']?.map((g) => [g.value, g.sessions])).toEqual([
        ['r1', weight === 'rows' ? 1 : 4],
        ['r2', 1],
      ]);
      expect(s.totals.sessions).toBe(weight === 'rows' ? 3 : 6);
    }
  });

  it('refuses to finish when the line accounting does not add up', () => {
    const agg = createAggregator();
    agg.addInput(input(5, 3, 1, 0));
    expect(() => agg.finish()).toThrow(PanSerError);
  });

  it('keeps only the first rejects but counts them all', () => {
    const agg = createAggregator({ ...DEFAULT_AGGREGATOR_OPTIONS, keepRejects: 2 });
    for (let line = 1; line <= 5; line++) {
      agg.addReject({ kind: 'reject', file: 'f', line, code: 'NOT_PANOS', message: 'm' });
    }
    agg.addInput(input(5, 0, 0, 5));
    const s = agg.finish();
    expect(s.rejects.first.map((r) => r.line)).toEqual([1, 2]);
    expect(s.rejects.byCode).toEqual({ NOT_PANOS: 5 });
    expect(s.rejects.total).toBe(5);
  });
});
