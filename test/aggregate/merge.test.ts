import { describe, expect, it } from 'vitest';
import {
  createAggregator,
  DEFAULT_AGGREGATOR_OPTIONS,
  type Aggregator,
} from '../../src/aggregate/aggregator.js';
import { classifyRecord } from '../../src/classify/classify.js';
import { createMapper } from '../../src/fields/map.js';
import type { InputSummary } from '../../src/aggregate/summary.js';
import { TEST_PARSER } from '../helpers/io.js';

const HEADER =
  'Type,Rule,Application,Source Zone,Destination Zone,Action,Session End Reason,Generate Time';
const ROWS = [
  'TRAFFIC,r1,dns,trust,untrust,allow,aged-out,2026/11/23 10:00:00',
  'TRAFFIC,r2,ssl,trust,untrust,deny,policy-deny,2026/11/23 09:00:00',
  'bad "line',
  'THREAT,r1,dns,trust,untrust,alert,,',
  'TRAFFIC,r1,web,trust,dmz,allow,tcp-fin,2026/11/23 11:00:00',
  'TRAFFIC,r1,dns,trust,untrust,allow,weird-reason,2026/11/23 08:00:00',
  'x"y"z,"oops',
];

/** Feeds rows [from, to) of ROWS (header primed) into an aggregator, numbering from 1 + base. */
function feed(agg: Aggregator, from: number, to: number, base: number): InputSummary['lines'] {
  const m = createMapper('t.csv', { inputFormat: 'auto', parser: TEST_PARSER });
  m.prime(HEADER, 1);
  const lines = { read: 0, analysed: 0, skipped: 0, rejected: 0 };
  ROWS.slice(from, to).forEach((row, i) => {
    const r = m.map(row, base + i + 1);
    lines.read++;
    if (r.kind === 'traffic') {
      lines.analysed++;
      agg.addTraffic(classifyRecord(r));
    } else if (r.kind === 'skip') {
      lines.skipped++;
      agg.addSkip(r);
    } else {
      lines.rejected++;
      agg.addReject(r);
    }
  });
  return lines;
}

describe('aggregator merge', () => {
  it('a + b equals one pass over both, with b’s line numbers shifted', () => {
    const options = { ...DEFAULT_AGGREGATOR_OPTIONS, keepRejects: 3 };
    const input = (lines: InputSummary['lines']): InputSummary => ({
      name: 't.csv',
      format: 'csv',
      columns: 8,
      headerKinds: {},
      layouts: {},
      lines,
      error: null,
    });
    for (let cut = 0; cut <= ROWS.length; cut++) {
      const one = createAggregator(options);
      one.addInput(input(feed(one, 0, ROWS.length, 1)));

      const a = createAggregator(options);
      const la = feed(a, 0, cut, 1);
      const b = createAggregator(options);
      const lb = feed(b, cut, ROWS.length, 0); // numbered from 1 within its range
      // Through a structured clone, as a worker thread posts it.
      a.merge(structuredClone(b.state()), 1 + cut);
      a.addInput(
        input({
          read: la.read + lb.read,
          analysed: la.analysed + lb.analysed,
          skipped: la.skipped + lb.skipped,
          rejected: la.rejected + lb.rejected,
        }),
      );
      expect(a.finish(), `cut at ${cut}`).toEqual(one.finish());
    }
  });
});
