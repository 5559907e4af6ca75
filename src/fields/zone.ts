// Time zones for display and for --since/--until. PAN-OS timestamps carry no zone: pan-ser keeps
// every time as "wall-clock ms" (a naive time read as if it were UTC). A --tz zone says which
// zone that wall clock is in; zoned inputs (ISO with Z or an offset) are moved into it. Where
// the zone changes its clocks, a --since/--until bound keeps its instant beside its wall time, and
// a naive time stands for the first instant the clock showed it (firstShown). Pure.
import { daysIn } from './time.js';

export interface Zone {
  /** What the report prints about the zone. */
  readonly label: string;
  /** Minutes to add to a UTC instant to get the zone's wall clock at that instant. */
  offsetMinutes(utcMs: number): number;
}

/** The default: naive times as logged; zoned times shown in UTC. */
export const AS_LOGGED: Zone = {
  label:
    'as logged, device-local (PAN-OS timestamps carry no zone; zoned ones shown in UTC; --tz sets one)',
  offsetMinutes: () => 0,
};

const FIXED = /^(?:UTC)?([+-])(\d{2}):?(\d{2})$/i;

/** Reads a --tz value: `UTC`, `+05:30` / `-0800`, or an IANA name such as `Europe/Berlin`. */
export function parseZone(raw: string): Zone | null {
  const v = raw.trim();
  if (/^(?:UTC|Z|GMT)$/i.test(v)) return { label: 'UTC', offsetMinutes: () => 0 };
  const m = FIXED.exec(v);
  if (m) {
    const mins = Number(m[2]) * 60 + Number(m[3]);
    if (Number(m[2]) > 14 || Number(m[3]) > 59) return null;
    const off = m[1] === '-' ? -mins : mins;
    return { label: `UTC${m[1]}${m[2]}:${m[3]}`, offsetMinutes: () => off };
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: v,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  return {
    label: fmt.resolvedOptions().timeZone,
    offsetMinutes(utcMs) {
      const p: Record<string, number> = {};
      for (const part of fmt.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
      const wall = Date.UTC(
        p.year ?? 1970,
        (p.month ?? 1) - 1,
        p.day ?? 1,
        p.hour ?? 0,
        p.minute ?? 0,
        p.second ?? 0,
      );
      return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
    },
  };
}

/** The zone's wall clock (as naive ms) at a UTC instant. */
export function toWall(utcMs: number, zone: Zone): number {
  return utcMs + zone.offsetMinutes(utcMs) * 60_000;
}

const DAY_MS = 86_400_000;

/**
 * The instants at which the zone's clock shows `wall`, earliest first: one as a rule, two in the
 * hour repeated when clocks go back, none in the hour skipped when they go forward. The offsets
 * tried are those a day either side, which holds while transitions are more than a day apart.
 */
export function instantsAt(wall: number, zone: Zone): number[] {
  const found: number[] = [];
  for (const probe of [wall - DAY_MS, wall, wall + DAY_MS]) {
    const u = wall - zone.offsetMinutes(probe) * 60_000;
    if (!found.includes(u) && toWall(u, zone) === wall) found.push(u);
  }
  return found.sort((a, b) => a - b);
}

/** The first instant in (lo, hi] with the offset the zone has at hi; one transition between. */
function transitionIn(lo: number, hi: number, zone: Zone): number {
  const after = zone.offsetMinutes(hi);
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = a + Math.floor((b - a) / 2);
    if (zone.offsetMinutes(mid) === after) b = mid;
    else a = mid;
  }
  return b;
}

/** A stretch of wall clock that the zone skips when its clocks go forward. */
export interface SkippedWall {
  /** The instant of the jump. */
  readonly at: number;
  /** First skipped wall-clock ms (the clock read just under this before the jump). */
  readonly from: number;
  /** The wall clock right after the jump (the first time shown again). */
  readonly to: number;
}

/** The skipped stretch holding `wall`, or null when the zone's clock does show `wall`. */
export function skippedAround(wall: number, zone: Zone): SkippedWall | null {
  if (instantsAt(wall, zone).length > 0) return null;
  const before = zone.offsetMinutes(wall - DAY_MS);
  const after = zone.offsetMinutes(wall + DAY_MS);
  const at = transitionIn(wall - after * 60_000, wall - before * 60_000, zone);
  return { at, from: toWall(at - 1, zone) + 1, to: toWall(at, zone) };
}

/**
 * THE rule for a naive (zone-less) time in a zone with daylight saving: it stands for the first
 * instant at which the zone's clock reached it. In the repeated hour that is the first pass
 * (summer time); in the skipped hour it is the moment of the jump.
 */
export function firstShown(wall: number, zone: Zone): number {
  return instantsAt(wall, zone)[0] ?? skippedAround(wall, zone)?.at ?? wall;
}

/** A --since/--until bound, ready to compare with zoned and naive log times. */
export interface Bound {
  /** The instant the bound names (UTC ms): compared with log times that carried a zone. */
  readonly instant: number;
  /**
   * The same bound on the zone's wall clock, compared with naive log times: the first wall time
   * the clock had not yet shown before `instant`. So a naive time t is at or after the bound
   * exactly when firstShown(t) is at or after `instant`. It differs from the wall clock at
   * `instant` in the second pass of a repeated hour (it is then the end of that hour: naive
   * times in it count as the first pass) and at the instant of a forward jump.
   */
  readonly wall: number;
}

/** The bound for an instant. */
export function boundAt(instant: number, zone: Zone): Bound {
  const readings = instantsAt(toWall(instant, zone), zone);
  const [first, second] = readings;
  // In the second pass of a repeated hour the clock already showed every time up to the end of
  // that hour during the first pass: the bound on the wall clock starts after it.
  const from =
    first !== undefined && second === instant ? transitionIn(first, instant, zone) : instant;
  return { instant, wall: toWall(from - 1, zone) + 1 };
}

/** `±HH:MM`, the zone's offset from UTC at an instant. */
export function formatOffset(utcMs: number, zone: Zone): string {
  const m = zone.offsetMinutes(utcMs);
  const abs = Math.abs(m);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${m < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const USER_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a --since/--until value. One with `Z` or an offset names an instant. A naive
 * `YYYY-MM-DD[ HH:MM[:SS]]` is wall clock of `zone`, read by firstShown (the first pass of a
 * repeated hour); one in the hour the zone skips is returned as that stretch, for the caller to
 * refuse: no clock showed it, and no log time written by a clock in the zone can be in it.
 * Null when the text is not a time.
 */
export function parseUserTime(raw: string, zone: Zone): Bound | { skipped: SkippedWall } | null {
  const m = USER_TIME.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0));
  if (
    y === undefined ||
    mo === undefined ||
    d === undefined ||
    h === undefined ||
    mi === undefined ||
    s === undefined
  )
    return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  const off = m[7];
  if (off === undefined) {
    const first = instantsAt(naive, zone)[0];
    if (first !== undefined) return boundAt(first, zone);
    const skipped = skippedAround(naive, zone);
    return skipped && { skipped };
  }
  if (/^z$/i.test(off)) return boundAt(naive, zone);
  const om = /^([+-])(\d{2}):?(\d{2})$/.exec(off);
  if (!om) return null;
  const mins = (Number(om[2]) * 60 + Number(om[3])) * (om[1] === '-' ? -1 : 1);
  return boundAt(naive - mins * 60_000, zone);
}
