// --tz and --since/--until reading: fixed offsets, IANA zones (with DST), naive and zoned input.
import { describe, expect, it } from 'vitest';
import { AS_LOGGED, parseUserTime, parseZone, toWall } from '../../src/fields/zone.js';

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
    expect(parseUserTime('2026-11-23 09:00', ny)).toBe(wall);
    expect(parseUserTime('2026-11-23T14:00Z', ny)).toBe(wall);
    expect(parseUserTime('2026-11-23T15:00+01:00', ny)).toBe(wall);
    expect(parseUserTime('2026-11-23', AS_LOGGED)).toBe(Date.UTC(2026, 10, 23));
    expect(parseUserTime('2026-13-01', AS_LOGGED)).toBeNull();
    expect(parseUserTime('yesterday', AS_LOGGED)).toBeNull();
    expect(toWall(Date.UTC(2026, 10, 23, 14), ny)).toBe(wall);
  });
});
