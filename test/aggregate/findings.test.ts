// The findings aggregator: a + b merged equals one pass over both, examples stay capped, the
// correlation window stays bounded, and share findings appear only past their threshold.
import { describe, expect, it } from 'vitest';
import { FindingsAggregator } from '../../src/aggregate/findings.js';
import { classifyRecord } from '../../src/classify/classify.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../src/classify/findings.js';
import { FIELD_IDS, type Fields } from '../../src/fields/field-ids.js';
import type { Classified, RelatedLog } from '../../src/model.js';

let line = 0;
function rec(over: Partial<Fields>): Classified {
  const fields = Object.fromEntries(FIELD_IDS.map((id) => [id, ''])) as Fields;
  Object.assign(fields, {
    serial: 'S1',
    sessionid: String(++line),
    subtype: 'end',
    action: 'allow',
    proto: 'tcp',
    rule: 'r',
    app: 'ssl',
    from: 'trust',
    to: 'untrust',
    bytes: '100',
    repeatcnt: '1',
    ...over,
  });
  return classifyRecord({ kind: 'traffic', file: 'f', line, layout: 't', fields });
}

const make = (t: Partial<Thresholds> = {}) =>
  new FindingsAggregator({
    weight: 'rows',
    capacity: 100,
    top: 5,
    thresholds: { ...DEFAULT_THRESHOLDS, ...t },
  });

/** A deterministic mix of records that hit several findings and causes. */
function records(n: number): Classified[] {
  const reasons = ['policy-deny', 'tcp-reuse', 'aged-out', 'decrypt-error', 'tcp-fin'];
  const flags = ['0x1000000', '0x200000', '0x0', '0x800000'];
  return Array.from({ length: n }, (_, i) =>
    rec({
      session_end_reason: reasons[i % reasons.length] ?? '',
      flags: flags[i % flags.length] ?? '',
      app: i % 3 === 0 ? 'web-browsing' : 'ssl',
      dport: i % 2 === 0 ? '443' : '80',
      rule: `rule-${i % 7}`,
      bytes_received: String(i % 4),
      pkts_received: String(i % 4),
    }),
  );
}

/** A DECRYPTION log of session `sessionid` on firewall S1, as the mapper hands it on. */
const decryptionLog = (sessionid: string): RelatedLog => ({
  type: 'DECRYPTION',
  file: 'f',
  line: 1,
  serial: 'S1',
  sessionid,
  subtype: 'start',
  action: 'allow',
  detail: 'Received fatal alert BadCertificate from client',
});

describe('FindingsAggregator', () => {
  it('merging two halves equals one pass over all records', () => {
    const all = records(400);
    const one = make();
    for (const c of all) one.add(c);
    const a = make();
    const b = make();
    all.slice(0, 170).forEach((c) => {
      a.add(c);
    });
    all.slice(170).forEach((c) => {
      b.add(c);
    });
    a.merge(b);
    expect(a.finish(400)).toEqual(one.finish(400));
    expect(one.finish(400).length).toBeGreaterThan(3);
  });

  it('keeps at most `examples` examples and counts every session', () => {
    const agg = make({ examples: 2 });
    for (const c of records(100)) agg.add(c);
    for (const row of agg.finish(100)) {
      expect(row.examples.length).toBeLessThanOrEqual(2);
      expect(row.sessions).toBeGreaterThan(0);
    }
  });

  it('holds at most correlation-window sessions of related logs, newest kept', () => {
    const agg = make({ 'correlation-window': 3 });
    for (let i = 1; i <= 10; i++) agg.addRelated(decryptionLog(`x${i}`));
    const size = (agg as unknown as { related: Map<string, unknown> }).related.size;
    expect(size).toBe(3);
    agg.add(rec({ sessionid: 'x1', session_end_reason: 'decrypt-error' }));
    agg.add(rec({ sessionid: 'x10', session_end_reason: 'decrypt-error' }));
    const cause = agg.finish(2).find((f) => f.id === 'decrypt-failure')?.causes[0];
    expect(cause).toMatchObject({ id: 'decrypt-error', sessions: 2, confirmed: 1 });
  });

  it('evicts the oldest held session, whatever sessions ended or came back in between', () => {
    const agg = make({ 'correlation-window': 3 });
    const held = () => [...(agg as unknown as { related: Map<string, unknown> }).related.keys()];
    for (const id of ['a', 'b', 'c']) agg.addRelated(decryptionLog(id));
    agg.add(rec({ sessionid: 'a', session_end_reason: 'decrypt-error' })); // a ends
    agg.addRelated(decryptionLog('a')); // and comes back, now the newest
    agg.addRelated(decryptionLog('d')); // b is the oldest
    expect(held()).toEqual(['S1\u0000c', 'S1\u0000a', 'S1\u0000d']);
    agg.addRelated(decryptionLog('e'));
    agg.addRelated(decryptionLog('f'));
    expect(held()).toEqual(['S1\u0000d', 'S1\u0000e', 'S1\u0000f']);
    // Sessions that end before the window fills leave nothing behind.
    for (let i = 0; i < 20_000; i++) {
      agg.addRelated(decryptionLog(`s${i}`));
      agg.add(rec({ sessionid: `s${i}`, session_end_reason: 'tcp-fin' }));
    }
    const queue = (agg as unknown as { order: unknown[]; head: number }).order.length;
    expect(queue).toBeLessThan(2 * 3 + 1024 + 1);
  });

  it('reports a share finding only past its threshold and minimum', () => {
    const run = (resets: number, fins: number, t: Partial<Thresholds> = {}) => {
      const agg = make(t);
      for (let i = 0; i < resets; i++)
        agg.add(rec({ session_end_reason: 'tcp-rst-from-client', flags: '0x1000000' }));
      for (let i = 0; i < fins; i++)
        agg.add(rec({ session_end_reason: 'tcp-fin', flags: '0x1000000' }));
      return agg.finish(resets + fins).find((f) => f.id === 'rst-client-decrypted');
    };
    expect(run(30, 70)?.share).toEqual({
      of: 'ended decrypted sessions',
      base: 100,
      percent: 30,
      threshold: 20,
    });
    expect(run(30, 170)).toBeUndefined();
    expect(run(10, 10)).toBeUndefined();
    expect(run(10, 10, { 'rst-client-min-sessions': 5 })?.share?.percent).toBe(50);
  });
});
