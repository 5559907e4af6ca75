// Log time forms (found by the audit): impossible calendar dates are unreadable rather than
// moved into the next month, and spreadsheet re-saves without seconds or with AM/PM are read.
import { describe, expect, it } from 'vitest';
import { parseLogTime } from '../../src/fields/time.js';
import { AS_LOGGED, parseUserTime } from '../../src/fields/zone.js';
import { runCli } from '../helpers/io.js';

describe('log times', () => {
  it('refuses dates that do not exist instead of rolling them into the next month', () => {
    expect(parseLogTime('2020/02/29 10:00:00')).toBe(Date.UTC(2020, 1, 29, 10));
    expect(parseLogTime('2021/02/29 10:00:00')).toBeNull();
    expect(parseLogTime('2021/04/31 10:00:00')).toBeNull();
    expect(parseLogTime('2/30/21 10:00')).toBeNull();
    expect(parseLogTime('Feb 29 2021 10:00:00 GMT')).toBeNull();
    expect(parseUserTime('2021-02-30', AS_LOGGED)).toBeNull();
    expect(parseUserTime('2024-02-29 23:59', AS_LOGGED)).toBe(Date.UTC(2024, 1, 29, 23, 59));
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
});
