import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../helpers/fast-check-seed.js';
import { classifyRecord, countIn, toCount } from '../../src/classify/classify.js';
import { flagsIn, parseFlags } from '../../src/knowledge/flags.js';
import { countOf, countOfIn } from '../../src/classify/findings.js';
import { FIELD_IDS, type Fields } from '../../src/fields/field-ids.js';
import type { TrafficRecord } from '../../src/model.js';

function record(over: Partial<Fields>): TrafficRecord {
  const fields = Object.fromEntries(FIELD_IDS.map((id) => [id, ''])) as Fields;
  return {
    kind: 'traffic',
    file: 'f',
    line: 1,
    layout: 'csv-export',
    fields: { ...fields, ...over },
  };
}

describe('classifyRecord', () => {
  it('normalises reason and action and reads the numbers', () => {
    const c = classifyRecord(
      record({
        session_end_reason: 'TCP-FIN',
        action: 'reset both',
        flags: '0x01400000',
        bytes: '1234',
        repeatcnt: '3',
        time_generated: '2026/11/23 10:00:05',
      }),
    );
    expect(c.reason).toBe('tcp-fin');
    expect(c.action).toBe('reset-both');
    expect(c.flags).toBe(0x1400000);
    expect(c.bytes).toBe(1234);
    expect(c.repeat).toBe(3);
    expect(c.time).toBe(Date.UTC(2026, 10, 23, 10, 0, 5));
  });

  it('keeps unknown values as null instead of failing, with safe defaults', () => {
    const c = classifyRecord(
      record({
        session_end_reason: 'made-up',
        action: 'xxxx',
        flags: 'zz',
        bytes: '-5',
        repeatcnt: 'x',
      }),
    );
    expect(c.reason).toBeNull();
    expect(c.action).toBeNull();
    expect(c.flags).toBeNull();
    expect(c.bytes).toBe(0);
    expect(c.repeat).toBe(1);
    expect(c.time).toBeNull();
  });

  it('falls back to the receive time when the generated time is unreadable', () => {
    const c = classifyRecord(
      record({ time_generated: '2020/00/00 00:00:00', receive_time: '9/16/19 10:00' }),
    );
    expect(c.time).toBe(Date.UTC(2019, 8, 16, 10, 0, 0));
  });

  it('toCount refuses fractions, negatives and huge values', () => {
    expect(toCount('12')).toBe(12);
    expect(toCount('000000000000012')).toBe(12);
    expect(toCount('999999999999999')).toBe(999999999999999);
    expect(toCount('9999999999999999')).toBe(0);
    expect(toCount('1.5')).toBe(0);
    expect(toCount('-1')).toBe(0);
    expect(toCount('99999999999999999999')).toBe(0);
  });

  // Counts and flags are read in place from the line where they are plain; both readers must
  // give exactly what the string functions give, on any text around and inside the field.
  const around = fc.string({ maxLength: 3 });
  const countText = fc.oneof(
    fc.stringMatching(/^[0-9]{0,17}$/),
    fc.constantFrom(' 12', '12 ', '+5', '-3', '1e3', '0x10', '1.0', '12a', '٣', '', 'Infinity'),
    // Around the largest safe integer (2^53 - 1 has 16 digits).
    fc.constantFrom('999999999999999', '9007199254740991', '9007199254740993', '9999999999999999'),
    fc.string({ maxLength: 8 }),
  );
  const flagText = fc.oneof(
    fc.stringMatching(/^0[xX][0-9a-fA-F]{0,10}$/),
    fc.constantFrom('0x', '0xg1', '0x:', '0x@', '0x`', '0xG', ' 0x1', '0x1 ', '15', '4294967296'),
    fc.string({ maxLength: 10 }),
  );

  it('countIn reads a count in place exactly as toCount reads its text', () => {
    fc.assert(
      fc.property(around, countText, around, (a, v, b) => {
        expect(countIn(a + v + b, a.length, a.length + v.length)).toBe(toCount(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('countOfIn reads a count in place exactly as countOf reads its text (-1 for null)', () => {
    fc.assert(
      fc.property(around, countText, around, (a, v, b) => {
        expect(countOfIn(a + v + b, a.length, a.length + v.length)).toBe(countOf(v) ?? -1);
      }),
      { numRuns: 3000 },
    );
  });

  it('flagsIn reads flags in place exactly as parseFlags reads its text (-1 for null)', () => {
    fc.assert(
      fc.property(around, flagText, around, (a, v, b) => {
        expect(flagsIn(a + v + b, a.length, a.length + v.length)).toBe(parseFlags(v) ?? -1);
      }),
      { numRuns: 3000 },
    );
  });
});
