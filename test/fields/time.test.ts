// Log time forms (found by the audit): impossible calendar dates are unreadable rather than
// moved into the next month, and spreadsheet re-saves without seconds or with AM/PM are read;
// --since/--until with --tz across a daylight-saving change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../helpers/fast-check-seed.js';
import { daysIn, parseLogTime } from '../../src/fields/time.js';
import { AS_LOGGED, parseUserTime } from '../../src/fields/zone.js';
import { runCli } from '../helpers/io.js';

describe('log times', () => {
  it('knows the days of every month, leap years by the Gregorian rule (1900 no, 2000 yes)', () => {
    for (let y = 1896; y <= 2104; y++) {
      for (let mo = 1; mo <= 12; mo++) {
        expect(daysIn(y, mo), `${y}-${mo}`).toBe(new Date(Date.UTC(y, mo, 0)).getUTCDate());
      }
    }
    expect(parseLogTime('1900/02/29 00:00:00')).toBeNull();
    expect(parseLogTime('2000/02/29 00:00:00')).toBe(Date.UTC(2000, 1, 29));
  });

  it('refuses dates that do not exist instead of rolling them into the next month', () => {
    expect(parseLogTime('2020/02/29 10:00:00')).toBe(Date.UTC(2020, 1, 29, 10));
    expect(parseLogTime('2021/02/29 10:00:00')).toBeNull();
    expect(parseLogTime('2021/04/31 10:00:00')).toBeNull();
    expect(parseLogTime('2/30/21 10:00')).toBeNull();
    expect(parseLogTime('Feb 29 2021 10:00:00 GMT')).toBeNull();
    expect(parseUserTime('2021-02-30', AS_LOGGED)).toBeNull();
    expect(parseUserTime('2024-02-29 23:59', AS_LOGGED)).toEqual({
      instant: Date.UTC(2024, 1, 29, 23, 59),
      wall: Date.UTC(2024, 1, 29, 23, 59),
    });
  });

  it('reads spreadsheet re-saves: no seconds, AM/PM', () => {
    expect(parseLogTime('2021-01-01 10:00')).toBe(Date.UTC(2021, 0, 1, 10));
    expect(parseLogTime('2021/01/01 10:00')).toBe(Date.UTC(2021, 0, 1, 10));
    expect(parseLogTime('9/16/2019 10:00:05 AM')).toBe(Date.UTC(2019, 8, 16, 10, 0, 5));
    expect(parseLogTime('09/16/19 01:00 PM')).toBe(Date.UTC(2019, 8, 16, 13));
    expect(parseLogTime('9/16/19 12:30 AM')).toBe(Date.UTC(2019, 8, 16, 0, 30));
    expect(parseLogTime('9/16/19 12:30 PM')).toBe(Date.UTC(2019, 8, 16, 12, 30));
    expect(parseLogTime('9/16/19 13:30 PM')).toBeNull();
  });
});

describe('--tz and the time that was read', () => {
  it('moves a zoned receive time into the zone when the generated time is unreadable', async () => {
    const stdin = [
      '{"LogType":"TRAFFIC","TimeGenerated":"n/a","TimeReceived":"2025-01-28T17:00:36Z","SessionEndReason":"tcp-fin","Action":"allow"}',
      '{"LogType":"TRAFFIC","TimeGenerated":"2025-01-28T17:00:36Z","SessionEndReason":"tcp-fin","Action":"allow"}',
      '',
    ].join('\n');
    const r = await runCli(['analyze', '-', '--tz', '+05:00', '-f', 'ndjson'], { stdin });
    const times = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { time: string }).time);
    expect(times).toEqual(['2025-01-28 22:00:36', '2025-01-28 22:00:36']);
  });

  it('--since/--until with Z or an offset in the repeated hour keep their instant', async () => {
    // Europe/Berlin, 2021-10-31: the wall clock shows 02:00-03:00 twice (00:00Z-01:00Z at
    // +02:00, then 01:00Z-02:00Z at +01:00). Zoned rows are placed by their instant; naive ones
    // count as the first pass.
    const row = (time: string, rule: string) =>
      `{"LogType":"TRAFFIC","TimeGenerated":"${time}","Rule":"${rule}","SessionEndReason":"tcp-fin","Action":"allow"}`;
    const stdin = [
      row('2021-10-31T00:45:00Z', 'z0045Z'),
      row('2021-10-31T01:15:00Z', 'z0115Z'),
      row('2021/10/31 02:15:00', 'n0215'),
      row('2021/10/31 02:45:00', 'n0245'),
      row('2021/10/31 03:15:00', 'n0315'),
      '',
    ].join('\n');
    const kept = async (...window: string[]) => {
      const args = ['analyze', '-', '--tz', 'Europe/Berlin', ...window, '-f', 'ndjson'];
      const r = await runCli(args, { stdin });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => (JSON.parse(l) as { rule: string }).rule);
    };
    const hour = ['--since', '2021-10-31T00:30:00Z', '--until', '2021-10-31T01:30:00Z'];
    expect(await kept(...hour)).toEqual(['z0045Z', 'z0115Z', 'n0245']);
    expect(await kept('--since', '2021-10-31T01:00:00Z')).toEqual(['z0115Z', 'n0315']);
    expect(await kept('--until', '2021-10-31T03:00:00+01:00')).toEqual([
      'z0045Z',
      'z0115Z',
      'n0215',
      'n0245',
    ]);
    expect(await kept('--until', '2021-10-31T01:00:00Z')).toEqual(['z0045Z', 'n0215', 'n0245']);
    const r = await runCli(['analyze', '-', '--tz', 'Europe/Berlin', ...hour, '-f', 'json'], {
      stdin,
    });
    const filter = (JSON.parse(r.stdout) as { filter: { since: string; until: string } }).filter;
    expect([filter.since, filter.until]).toEqual([
      '2021-10-31 02:30:00 +02:00',
      '2021-10-31 02:30:00 +01:00',
    ]);
    // America/New_York, 2021-11-07: 01:30 EDT to 01:30 EST.
    const ny = ['--tz', 'America/New_York', '--since', '2021-11-07T05:30:00Z'];
    const r2 = await runCli(['analyze', '-', ...ny, '--until', '2021-11-07T06:30:00Z'], { stdin });
    expect(r2.code, r2.stderr).toBe(0);
  });

  it('refuses a naive --since/--until in the hour skipped when clocks go forward', async () => {
    const r = await runCli(
      ['analyze', '-', '--tz', 'Europe/Berlin', '--since', '2021-03-28 02:30'],
      { stdin: '' },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'pan-ser: --since "2021-03-28 02:30" does not exist in Europe/Berlin: its clocks jump from 02:00 to 03:00 that day [USAGE] (give a time before or after the jump, or an instant with Z or an offset)',
    ]);
  });
});

describe('the full-width PANOS form read without a regular expression', () => {
  // A leading space sends a value down the general path (trim, then the PANOS expression), so
  // the two readings of the same text can be compared.
  const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
  /** Mostly the separator the form has at that place, sometimes another. */
  const sep = (usual: string) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(usual) },
      { weight: 1, arbitrary: fc.constantFrom('/', '-', '.', ' ', 'T', ':') },
    );
  const timeLike = fc
    .tuple(
      digits(4),
      sep('/'),
      digits(2),
      sep('/'),
      digits(2),
      sep(' '),
      fc.oneof(digits(2), fc.constantFrom('23', '24', '00')),
      sep(':'),
      fc.oneof(digits(2), fc.constantFrom('59', '60')),
      sep(':'),
      fc.oneof(digits(2), fc.constantFrom('59', '60', '61')),
    )
    .map((parts) => parts.join(''));

  it('agrees with the general reading on every 19-character time-like text', () => {
    fc.assert(
      fc.property(timeLike, fc.constantFrom('', 'x', ' 1'), (time, tweak) => {
        const v = (time + tweak).slice(0, 19);
        expect(parseLogTime(v)).toBe(parseLogTime(` ${v}`));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads consecutive times across days, months and years without a stale day', () => {
    const start = Date.UTC(1999, 11, 31, 23, 59, 58);
    for (let t = start; t < start + 3 * 86_400_000; t += 3_599_000) {
      const v = new Date(t).toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', '/');
      expect(parseLogTime(v), v).toBe(t);
    }
    expect(parseLogTime('2020/02/29 24:00:00')).toBeNull();
    expect(parseLogTime('2020/02/29 23:60:00')).toBeNull();
    expect(parseLogTime('2020/02/29 23:59:60')).toBe(Date.UTC(2020, 2, 1));
    expect(parseLogTime('2020/02/29 23:59:61')).toBeNull();
    expect(parseLogTime('0050/01/01 00:00:00')).toBe(Date.UTC(50, 0, 1));
  });
});
