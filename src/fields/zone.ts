// Time zones for display and for --since/--until. PAN-OS timestamps carry no zone: pan-ser keeps
// every time as "wall-clock ms" (a naive time read as if it were UTC). A --tz zone says which
// zone that wall clock is in; zoned inputs (ISO with Z or an offset) are moved into it. Pure.
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

const USER_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a --since/--until value into wall-clock ms of `zone`: a naive `YYYY-MM-DD[ HH:MM[:SS]]`
 * is already wall clock; one with `Z` or an offset is an instant, moved into the zone.
 */
export function parseUserTime(raw: string, zone: Zone): number | null {
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
  if (off === undefined) return naive;
  if (/^z$/i.test(off)) return toWall(naive, zone);
  const om = /^([+-])(\d{2}):?(\d{2})$/.exec(off);
  if (!om) return null;
  const mins = (Number(om[2]) * 60 + Number(om[3])) * (om[1] === '-' ? -1 : 1);
  return toWall(naive - mins * 60_000, zone);
}
