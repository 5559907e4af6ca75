// --where parsing, the safe-regex guard, and the compiled predicate on hand-built records.
import { describe, expect, it } from 'vitest';
import { FIELD_IDS, type Fields } from '../../src/fields/field-ids.js';
import type { Classified } from '../../src/model.js';
import { checkSafeRegex, compileFilter, parseWhere } from '../../src/slice/where.js';
import { PanSerError } from '../../src/errors.js';

function rec(over: Partial<Fields>, extra: Partial<Classified> = {}): Classified {
  const fields = Object.fromEntries(FIELD_IDS.map((k) => [k, ''])) as Fields;
  Object.assign(fields, over);
  return {
    rec: { kind: 'traffic', file: 'f', line: 1, layout: 'csv-export', fields },
    reason: 'policy-deny',
    action: 'allow',
    flags: null,
    bytes: 0,
    repeat: 1,
    time: Date.UTC(2026, 10, 23, 12),
    findings: [],
    ...extra,
  };
}

const keep = (where: string[], c: Classified) =>
  (compileFilter(parseWhere(where), { since: null, until: null }) ?? (() => true))(c, null);

describe('--where', () => {
  it('splits one argument into terms at each new field<op>', () => {
    expect(
      parseWhere(['reason=policy-deny action=allow', 'rule=Allow web x']).map((t) => t.text),
    ).toEqual(['reason=policy-deny', 'action=allow', 'rule=Allow web x']);
  });

  it('applies every operator', () => {
    const c = rec(
      { rule: 'Allow-Web', dport: '443', app: 'ssl' },
      { findings: ['allow-policy-deny'] },
    );
    expect(keep(['reason=policy-deny action=allow'], c)).toBe(true);
    expect(keep(['reason=policy-deny action=deny'], c)).toBe(false);
    expect(keep(['rule=allow-web'], c)).toBe(true);
    expect(keep(['app!=ssl'], c)).toBe(false);
    expect(keep(['rule=~^allow-'], c)).toBe(true);
    expect(keep(['rule!~web$'], c)).toBe(false);
    expect(keep(['dport>=443 dport<444'], c)).toBe(true);
    expect(keep(['dport>443'], c)).toBe(false);
    expect(keep(['bytes>0'], c)).toBe(false); // raw field empty: no number, no match
    expect(keep(['category=policy'], c)).toBe(true);
    expect(keep(['finding=allow-policy-deny'], c)).toBe(true);
    expect(keep(['finding!=allow-policy-deny'], c)).toBe(false);
  });

  it("reaches the log's URL Category as url_category (category is the reason category)", () => {
    const c = rec({ category: 'search-engines' });
    expect(keep(['category=policy'], c)).toBe(true);
    expect(keep(['url_category=search-engines'], c)).toBe(true);
    expect(keep(['url_category=~^search'], c)).toBe(true);
    expect(keep(['url_category=news'], c)).toBe(false);
  });

  it('refuses unknown fields, non-numbers for comparisons, and unsafe patterns', () => {
    for (const bad of [
      ['colour=red'],
      ['dport>x'],
      ['rule=~(a+)+'],
      ['rule=~(a|aa)*b'],
      ['rule=~(x)\\1'],
      ['rule=~((a+))+'],
      ['rule=~(?:(a|b)c)*'],
      ['nonsense'],
    ]) {
      expect(() => compileFilter(parseWhere(bad), { since: null, until: null }), bad[0]).toThrow(
        PanSerError,
      );
    }
  });

  it('checkSafeRegex lets ordinary patterns through', () => {
    for (const ok of ['^allow-', '(web|ssl)-base$', '10\\.1\\.\\d+\\.\\d+', '(?:a|b)c+']) {
      expect(checkSafeRegex(ok), ok).toBeNull();
    }
    expect(checkSafeRegex('a'.repeat(201))).toMatch(/longer/);
  });

  it('time window: since inclusive, until exclusive, records without a time left out', () => {
    const t = Date.UTC(2026, 10, 23, 12);
    const f = compileFilter([], {
      since: { instant: t, wall: t },
      until: { instant: t + 1000, wall: t + 1000 },
    });
    expect(f?.(rec({}, { time: t }), null)).toBe(true);
    expect(f?.(rec({}, { time: t + 1000 }), null)).toBe(false);
    expect(f?.(rec({}, { time: null }), null)).toBe(false);
  });

  it('time window: a naive time is compared on the wall clock, a zoned one by its instant', () => {
    // A bound at 12:00 UTC in a zone two hours ahead: 14:00 on its wall clock.
    const t = Date.UTC(2026, 10, 23, 12);
    const wall = t + 2 * 3600_000;
    const f = compileFilter([], { since: { instant: t, wall }, until: null });
    expect(f?.(rec({}, { time: wall }), null)).toBe(true);
    expect(f?.(rec({}, { time: wall - 1 }), null)).toBe(false);
    expect(f?.(rec({}, { time: wall }), t)).toBe(true);
    expect(f?.(rec({}, { time: wall }), t - 1)).toBe(false);
    expect(compileFilter([], { since: null, until: null })).toBeNull();
  });
});
