// --tz and --since/--until reading: fixed offsets, IANA zones (with DST), naive and zoned input.
import { describe, expect, it } from 'vitest';
import {
  AS_LOGGED,
  boundAt,
  firstShown,
  instantsAt,
  parseUserTime,
  parseZone,
  skippedAround,
  toWall,
} from '../../src/fields/zone.js';

describe('zones', () => {
  it('reads UTC, fixed offsets and IANA names; refuses the rest', () => {
    expect(parseZone('UTC')?.label).toBe('UTC');
    expect(parseZone('+05:30')?.offsetMinutes(0)).toBe(330);
    expect(parseZone('-0800')?.offsetMinutes(0)).toBe(-480);
    const berlin = parseZone('Europe/Berlin');
    expect(berlin?.offsetMinutes(Date.UTC(2026, 0, 15))).toBe(60);
    expect(berlin?.offsetMinutes(Date.UTC(2026, 6, 15))).toBe(120);
    expect(parseZone('Mars/Olympus')).toBeNull();
    expect(parseZone('+25:00')).toBeNull();
  });

  it('reads --since values: naive as wall clock, zoned moved into the zone', () => {
    const ny = parseZone('America/New_York');
    if (!ny) throw new Error('no zone data');
    const wall = Date.UTC(2026, 10, 23, 9, 0, 0);
    const bound = { instant: Date.UTC(2026, 10, 23, 14), wall };
    expect(parseUserTime('2026-11-23 09:00', ny)).toEqual(bound);
    expect(parseUserTime('2026-11-23T14:00Z', ny)).toEqual(bound);
    expect(parseUserTime('2026-11-23T15:00+01:00', ny)).toEqual(bound);
    const day = Date.UTC(2026, 10, 23);
    expect(parseUserTime('2026-11-23', AS_LOGGED)).toEqual({ instant: day, wall: day });
    expect(parseUserTime('2026-13-01', AS_LOGGED)).toBeNull();
    expect(parseUserTime('yesterday', AS_LOGGED)).toBeNull();
    expect(toWall(Date.UTC(2026, 10, 23, 14), ny)).toBe(wall);
  });
});

// Daylight saving (found by the audit): a bound with Z or an offset in the hour repeated when
// clocks go back was moved onto the wall clock, where its two passes look the same, so a one-hour
// window across that hour was refused as "--until must be after --since" and a single bound in
// it kept the wrong sessions.
describe('daylight saving', () => {
  const zone = (name: string) => {
    const z = parseZone(name);
    if (!z) throw new Error(`no zone data for ${name}`);
    return z;
  };
  const berlin = zone('Europe/Berlin');
  const ny = zone('America/New_York');
  const at = (d: number, h: number, mi = 0, mo = 9) => Date.UTC(2021, mo, d, h, mi);

  it('a zoned bound in the repeated hour keeps its instant', () => {
    // Berlin, 2021-10-31: 02:00-03:00 is shown twice, first at +02:00 (00:00Z) then at +01:00.
    expect(parseUserTime('2021-10-31T00:30:00Z', berlin)).toEqual({
      instant: at(31, 0, 30),
      wall: at(31, 2, 30),
    });
    // The second pass: every naive 02:xx counts as the first pass, so on the wall clock the
    // bound is the end of the repeated hour.
    expect(parseUserTime('2021-10-31T01:30:00Z', berlin)).toEqual({
      instant: at(31, 1, 30),
      wall: at(31, 3),
    });
    expect(parseUserTime('2021-10-31T02:30:00+01:00', berlin)).toEqual(
      parseUserTime('2021-10-31T01:30:00Z', berlin),
    );
    // New York, 2021-11-07: 01:00-02:00 is shown twice, at -04:00 then at -05:00.
    expect(parseUserTime('2021-11-07T05:30:00Z', ny)).toEqual({
      instant: at(7, 5, 30, 10),
      wall: at(7, 1, 30, 10),
    });
    expect(parseUserTime('2021-11-07T01:30:00-05:00', ny)).toEqual({
      instant: at(7, 6, 30, 10),
      wall: at(7, 2, 0, 10),
    });
  });

  it('a naive time in the repeated hour is its first pass; one in the skipped hour is refused', () => {
    expect(instantsAt(at(31, 2, 30), berlin)).toEqual([at(31, 0, 30), at(31, 1, 30)]);
    expect(firstShown(at(31, 2, 30), berlin)).toBe(at(31, 0, 30));
    expect(parseUserTime('2021-10-31 02:30', berlin)).toEqual({
      instant: at(31, 0, 30),
      wall: at(31, 2, 30),
    });
    // Berlin, 2021-03-28: the clocks jump from 02:00 (+01:00) to 03:00 (+02:00) at 01:00Z.
    const skipped = { at: at(28, 1, 0, 2), from: at(28, 2, 0, 2), to: at(28, 3, 0, 2) };
    expect(instantsAt(at(28, 2, 30, 2), berlin)).toEqual([]);
    expect(skippedAround(at(28, 2, 30, 2), berlin)).toEqual(skipped);
    expect(firstShown(at(28, 2, 30, 2), berlin)).toBe(skipped.at);
    expect(parseUserTime('2021-03-28 02:30', berlin)).toEqual({ skipped });
    expect(parseUserTime('2021-03-28 02:00', berlin)).toEqual({ skipped });
    expect(parseUserTime('2021-03-28 03:00', berlin)).toEqual({
      instant: skipped.at,
      wall: skipped.from,
    });
    expect(parseUserTime('2021-03-28T01:30:00Z', berlin)).toEqual({
      instant: at(28, 1, 30, 2),
      wall: at(28, 3, 30, 2),
    });
    expect(parseUserTime('2021-03-14 02:30', ny)).toEqual({
      skipped: { at: at(14, 7, 0, 2), from: at(14, 2, 0, 2), to: at(14, 3, 0, 2) },
    });
  });

  it('a naive time is at or after a bound exactly when its first instant is', () => {
    // Every 10 minutes across each change, for zones with one-hour and half-hour steps.
    const cases: [string, number][] = [
      ['Europe/Berlin', at(31, 1)],
      ['Europe/Berlin', at(28, 1, 0, 2)],
      ['America/New_York', at(7, 6, 0, 10)],
      ['Australia/Lord_Howe', Date.UTC(2021, 3, 3, 15)],
      ['+05:30', at(1, 0)],
    ];
    for (const [name, change] of cases) {
      const z = zone(name);
      for (let x = change - 3 * 3600_000; x <= change + 3 * 3600_000; x += 600_000) {
        const { wall } = boundAt(x, z);
        for (
          let w = toWall(change, z) - 4 * 3600_000;
          w <= toWall(change, z) + 4 * 3600_000;
          w += 600_000
        ) {
          expect(
            w >= wall,
            `${name} ${new Date(w).toISOString()} vs ${new Date(x).toISOString()}`,
          ).toBe(firstShown(w, z) >= x);
        }
      }
    }
  });
});
