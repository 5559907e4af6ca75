// --fail-on parsing and judging against hand-built summaries.
import { describe, expect, it } from 'vitest';
import type { Summary } from '../src/aggregate/summary.js';
import { PanSerError } from '../src/errors.js';
import { evaluateGates, parseGate } from '../src/gates.js';

const summary = {
  totals: { sessions: 200, rows: 200, repeatWeighted: 200, bytes: 0 },
  reasons: [{ reason: 'policy-deny', sessions: 10, percent: 5 }],
  findings: [{ id: 'allow-policy-deny', sessions: 3, percent: 1.5 }],
} as unknown as Summary;

/** Whether gate `g` is breached on `s`. */
const judgeOn = (s: Summary) => (g: string) => evaluateGates(s, [parseGate(g)])[0]?.breached;

describe('gates', () => {
  it('parses reasons, finding ids, counts and shares', () => {
    expect(parseGate('policy-deny')).toMatchObject({ kind: 'reason', limit: 0, unit: 'sessions' });
    expect(parseGate('policy-deny>5%')).toMatchObject({ limit: 5, unit: 'percent' });
    expect(parseGate('n/a>3')).toMatchObject({ kind: 'reason', term: 'n/a', limit: 3 });
    expect(parseGate('allow-policy-deny>2')).toMatchObject({ kind: 'finding', limit: 2 });
    for (const bad of ['', '>5', 'x>5%%', 'policy deny', 'tcp-fin>100%', 'tcp-fin>2.5', 'a/b'])
      expect(() => parseGate(bad), bad).toThrow(PanSerError);
  });

  it('breaches strictly above the limit', () => {
    const judge = judgeOn(summary);
    expect(judge('policy-deny>9')).toBe(true);
    expect(judge('policy-deny>10')).toBe(false);
    expect(judge('policy-deny>4.9%')).toBe(true);
    expect(judge('policy-deny>5%')).toBe(false);
    expect(judge('threat')).toBe(false);
    expect(judge('allow-policy-deny>2')).toBe(true);
    expect(judge('allow-policy-deny>1.5%')).toBe(false);
    expect(judge('decoder-ended')).toBe(false); // a known finding that matched nothing
  });

  it('judges a share on the exact ratio, not the percent rounded for display', () => {
    // 4 of 3000 = 0.1333% (shown 0.13), 185 of 3000 = 6.1667% (shown 6.17)
    const s = {
      totals: { sessions: 3000, rows: 3000, repeatWeighted: 3000, bytes: 0 },
      reasons: [
        { reason: 'decoder', sessions: 4, percent: 0.13 },
        { reason: 'tcp-rst-from-client', sessions: 185, percent: 6.17 },
      ],
      findings: [{ id: 'aged-out-no-reply', sessions: 4, percent: 0.13 }],
    } as unknown as Summary;
    const judge = judgeOn(s);
    expect(judge('decoder>0.132%')).toBe(true);
    expect(judge('aged-out-no-reply>0.132%')).toBe(true);
    expect(judge('decoder>0.134%')).toBe(false);
    expect(judge('tcp-rst-from-client>6.168%')).toBe(false);
    expect(judge('tcp-rst-from-client>6.166%')).toBe(true);
  });

  it('refuses a term that is neither a known reason nor a known finding id, naming the nearest', () => {
    expect(() => parseGate('typo-id')).toThrow(/neither a known end reason nor a finding id/);
    let hint = '';
    try {
      parseGate('tcp-finn>5%');
    } catch (e) {
      hint = (e as PanSerError).hint ?? '';
    }
    expect(hint).toMatch(/^did you mean tcp-fin\b/);
    expect(parseGate('allow-policy-deny').kind).toBe('finding');
  });
});
