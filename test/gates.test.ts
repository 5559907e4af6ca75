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
    const judge = (g: string) => evaluateGates(summary, [parseGate(g)], null)[0]?.breached;
    expect(judge('policy-deny>9')).toBe(true);
    expect(judge('policy-deny>10')).toBe(false);
    expect(judge('policy-deny>4.9%')).toBe(true);
    expect(judge('policy-deny>5%')).toBe(false);
    expect(judge('threat')).toBe(false);
    expect(judge('allow-policy-deny>2')).toBe(true);
    expect(judge('allow-policy-deny>1.5%')).toBe(false);
    expect(judge('never-matched')).toBe(false);
  });

  it('notes an id outside a known findings list', () => {
    const [r] = evaluateGates(summary, [parseGate('typo-id')], new Set(['allow-policy-deny']));
    expect(r?.note).toMatch(/not a known finding id/);
  });
});
