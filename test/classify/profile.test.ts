import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../helpers/fast-check-seed.js';
import {
  createAggregator,
  DEFAULT_AGGREGATOR_OPTIONS,
  type Aggregator,
} from '../../src/aggregate/aggregator.js';
import { labelsOf } from '../../src/aggregate/group-value.js';
import { TopK, SlotHint } from '../../src/aggregate/top-k.js';
import { classifyRecord } from '../../src/classify/classify.js';
import { ProfileCache, type Profile } from '../../src/classify/profile.js';
import { createFeeder } from '../../src/feed.js';
import { createMapper } from '../../src/fields/map.js';
import { normalizeAction } from '../../src/knowledge/actions.js';
import { normalizeReason } from '../../src/knowledge/reasons.js';
import type { AnalyzeOptions } from '../../src/analyze.js';
import type { TrafficRecord } from '../../src/model.js';

const HEADER =
  'Receive Time,Type,Rule,Application,Source Zone,Destination Zone,Action,Session End Reason,Bytes';

const OPTIONS = {
  inputFormat: 'csv',
  parser: 'fast',
  maxRecordBytes: 1 << 20,
  strict: false,
} as unknown as AnalyzeOptions;

/** Runs `each` on every TRAFFIC record of `lines` (header first), read by the fast path. */
function eachRecord(lines: readonly string[], each: (rec: TrafficRecord) => void): number {
  const mapper = createMapper('p.csv', { inputFormat: 'csv', parser: 'fast' });
  let records = 0;
  const feeder = createFeeder('p.csv', OPTIONS, mapper, (m) => {
    if (m.kind !== 'traffic') return;
    records++;
    each(m);
  });
  feeder.push(Buffer.from(`${[HEADER, ...lines].join('\n')}\n`, 'latin1'));
  feeder.end();
  return records;
}

const fieldsOf = (rec: TrafficRecord) => {
  const f = rec.fields;
  return [f.session_end_reason, f.action, f.rule, f.app, f.from, f.to];
};

// Cell texts as they sit in the line: plain, quoted (commas, doubled quotes), empty, values
// that are each other's prefixes (so a shifted field boundary would be the only difference),
// reasons and actions in other cases, and one cell over the 255-byte field limit.
const cell = fc.oneof(
  fc.constantFrom(
    'a',
    'ab',
    'abc',
    'b',
    'bc',
    'c',
    '',
    'allow-web',
    'allow-web-2',
    'x'.repeat(300),
  ),
  fc.constantFrom('tcp-fin', 'TCP-FIN', 'policy-deny', 'aged-out', 'n/a', 'allow', 'deny', 'drop'),
  fc.constantFrom('"a,b"', '"a""b"', '"abc"', '""', '"x"y', 'trust', 'untrust', 'dmz'),
  fc.stringMatching(/^[a-z0-9 .-]{0,9}$/),
);
const line = fc
  .tuple(cell, cell, cell, cell, cell, cell, fc.constantFrom('10', '2000'))
  .map(([rule, app, from, to, action, reason, bytes]) =>
    ['2026/11/27 10:00:00', 'TRAFFIC', rule, app, from, to, action, reason, bytes].join(','),
  );

describe('ProfileCache', () => {
  it('gives records the reason, action and labels their own fields give, one profile per field texts', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (distinct) => {
        // Every line again after all of them: the second time each must find its profile.
        const lines = [...distinct, ...distinct];
        const cache = new ProfileCache(16);
        const seen = new Map<Profile, string>();
        let profiled = 0;
        const records = eachRecord(lines, (rec) => {
          const p = cache.of(rec);
          const plain = classifyRecord(rec);
          const viaCache = classifyRecord(rec, undefined, cache);
          expect(viaCache.reason).toBe(plain.reason);
          expect(viaCache.action).toBe(plain.action);
          if (p === null) return;
          profiled++;
          expect(viaCache.profile).toBe(p);
          expect(p.reason).toBe(normalizeReason(rec.fields.session_end_reason));
          expect(p.action).toBe(normalizeAction(rec.fields.action));
          expect(p.labels).toEqual(labelsOf({ rec }));
          // A profile never stands for two different sets of field values.
          const values = JSON.stringify(fieldsOf(rec));
          expect(seen.get(p) ?? values).toBe(values);
          seen.set(p, values);
        });
        expect(records).toBe(lines.length);
        // Only lines with a cell over 255 bytes, or past the cache's 16, go without.
        const long = lines.filter((l) => l.includes('x'.repeat(300))).length;
        if (long === 0 && cache.size < 16) expect(profiled).toBe(records);
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart fields that differ only in where one ends and the next begins', () => {
    const profiles: (Profile | null)[] = [];
    const cache = new ProfileCache();
    eachRecord(
      [
        '2026/11/27 10:00:00,TRAFFIC,ab,c,trust,untrust,allow,tcp-fin,1',
        '2026/11/27 10:00:00,TRAFFIC,a,bc,trust,untrust,allow,tcp-fin,1',
        '2026/11/27 10:00:00,TRAFFIC,ab,c,trust,untrust,allow,tcp-fin,1',
      ],
      (rec) => profiles.push(cache.of(rec)),
    );
    expect(profiles[0]).not.toBeNull();
    expect(profiles[1]).not.toBe(profiles[0]);
    expect(profiles[2]).toBe(profiles[0]);
    expect(profiles[1]?.labels.rule).toBe('a');
  });

  it('holds at most its capacity and still finds the profiles it has', () => {
    const cache = new ProfileCache(4);
    const lines = Array.from(
      { length: 10 },
      (_, i) => `2026/11/27 10:00:00,TRAFFIC,rule-${i},dns,trust,untrust,allow,aged-out,1`,
    );
    const got: (Profile | null)[] = [];
    eachRecord([...lines, ...lines], (rec) => got.push(cache.of(rec)));
    const first = got.slice(0, 10);
    expect(first.filter((p) => p !== null)).toHaveLength(4);
    expect(first.slice(4).every((p) => p === null)).toBe(true);
    expect(got.slice(10)).toEqual(first);
    got.slice(10, 14).forEach((p, i) => {
      expect(p).toBe(first[i]);
    });
    expect(cache.size).toBe(4);
  });

  it('gives none to records not read from a pre-scanned line (the csv-parse path)', () => {
    const mapper = createMapper('p.csv', { inputFormat: 'csv', parser: 'csv-parse' });
    mapper.prime(HEADER, 1);
    const m = mapper.map('2026/11/27 10:00:00,TRAFFIC,r,dns,trust,untrust,allow,aged-out,1', 2);
    expect(m.kind).toBe('traffic');
    expect(new ProfileCache().of(m as TrafficRecord)).toBeNull();
  });
});

describe('counting with profiles', () => {
  it('gives the same summaries as without, with two aggregators taking turns on one cache', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (lines) => {
        const cache = new ProfileCache();
        const opts = { ...DEFAULT_AGGREGATOR_OPTIONS, capacity: 2 };
        const [a, b, plainA, plainB] = [1, 2, 3, 4].map(() => createAggregator(opts));
        let i = 0;
        // Each line twice in a row: one copy to each aggregator, so they share every profile.
        eachRecord(
          lines.flatMap((l) => [l, l]),
          (rec) => {
            const even = i++ % 2 === 0;
            (even ? a : b)?.addTraffic(classifyRecord(rec, undefined, cache));
            (even ? plainA : plainB)?.addTraffic(classifyRecord(rec));
          },
        );
        const summary = (agg: Aggregator | undefined) => JSON.stringify(agg?.finish());
        expect(summary(a)).toBe(summary(plainA));
        expect(summary(b)).toBe(summary(plainB));
      }),
      { numRuns: 100 },
    );
  });
});

describe('TopK.addHinted', () => {
  it('counts exactly as add, through prunes, with one hint per value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 3 })), {
          maxLength: 400,
        }),
        fc.integer({ min: 1, max: 5 }),
        (adds, capacity) => {
          const plain = new TopK(capacity);
          const hinted = new TopK(capacity);
          const hints = new Map<string, SlotHint>();
          adds.forEach(([v, n], i) => {
            const value = `v${v}`;
            plain.add(value, n);
            let h = hints.get(value);
            if (!h) hints.set(value, (h = new SlotHint()));
            hinted.addHinted(value, n, h);
            if (i % 50 === 49) expect(hinted.toData()).toEqual(plain.toData());
          });
          expect(hinted.toData()).toEqual(plain.toData());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a hint made for another table as stale', () => {
    const a = new TopK(10);
    const b = new TopK(10);
    const h = new SlotHint();
    a.addHinted('x', 1, h);
    b.add('y', 5);
    b.addHinted('x', 2, h);
    expect(b.top(5)).toEqual([
      { value: 'y', count: 5, error: 0 },
      { value: 'x', count: 2, error: 0 },
    ]);
    expect(a.top(5)).toEqual([{ value: 'x', count: 1, error: 0 }]);
  });
});
