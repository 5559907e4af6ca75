// Reads the timestamp forms seen in TRAFFIC logs into a number. PAN-OS times carry no zone, so a
// naive time is read as if it were UTC ("device-local ms"); renderers print it back unchanged.
// ISO times with a zone (Strata, High Resolution Timestamp) are converted to UTC; CEF/LEEF
// `Mar 09 2026 08:50:55 GMT` times are read as written. Pure.
import { memoizeLast } from '../knowledge/memo.js';

// Seconds are optional: a spreadsheet re-save may drop them (`2021-01-01 10:00`), and may use
// a 12-hour clock (`9/16/2019 1:00:05 PM`).
const PANOS = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const SPREADSHEET =
  /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP])M)?$/i;
const MONTH_FIRST =
  /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: (?:GMT|UTC))?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The other forms, memoised on the last value: consecutive logs mostly share their second. */
const readOtherTime: (raw: string) => number | null = memoizeLast(readLogTime);

export function parseLogTime(raw: string): number | null {
  const fast = readPanosTime(raw, 0, raw.length);
  return fast !== undefined ? fast : readOtherTime(raw);
}

/**
 * parseLogTime of `src.slice(from, to)`, NaN for null: the usual form is read in place, without
 * making the field's string (fields/map.ts fieldReader).
 */
export function logTimeIn(src: string, from: number, to: number): number {
  const fast = readPanosTime(src, from, to);
  return (fast !== undefined ? fast : readOtherTime(src.slice(from, to))) ?? NaN;
}

/** The day `readPanosTime` read last, and its first ms: consecutive logs mostly share a day. */
let lastDay = -1;
let lastDayMs = 0;

/** Value of the two digits at `i`, or -1 when they are not both digits. */
function twoDigits(v: string, i: number): number {
  const a = v.charCodeAt(i) - 48;
  const b = v.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `v[from, to)` in the PANOS form at its full width (`2026/11/23 00:00:00`, the form of nearly
 * every log) read without a regular expression: undefined when it is not in that form (then
 * PANOS decides), else what the PANOS branch gives. Called once per log line.
 */
function readPanosTime(v: string, from: number, to: number): number | null | undefined {
  if (to - from !== 19) return undefined;
  const sep = v.charCodeAt(from + 4);
  const at = v.charCodeAt(from + 10);
  if (
    (sep !== 47 && sep !== 45) ||
    (v.charCodeAt(from + 7) !== 47 && v.charCodeAt(from + 7) !== 45)
  )
    return undefined;
  if ((at !== 32 && at !== 84) || v.charCodeAt(from + 13) !== 58 || v.charCodeAt(from + 16) !== 58)
    return undefined;
  const y1 = twoDigits(v, from);
  const y2 = twoDigits(v, from + 2);
  const mo = twoDigits(v, from + 5);
  const d = twoDigits(v, from + 8);
  const h = twoDigits(v, from + 11);
  const mi = twoDigits(v, from + 14);
  const s = twoDigits(v, from + 17);
  if ((y1 | y2 | mo | d | h | mi | s) < 0) return undefined;
  const y = y1 * 100 + y2;
  const day = (y * 100 + mo) * 100 + d;
  if (day !== lastDay) {
    const ms = utc(y, mo, d, 0, 0, 0);
    if (ms === null) return null;
    lastDay = day;
    lastDayMs = ms;
  }
  if (!isClock(h, mi, s)) return null;
  return lastDayMs + ((h * 60 + mi) * 60 + s) * 1000;
}

function readLogTime(raw: string): number | null {
  const v = raw.trim();
  if (v === '') return null;
  let m = PANOS.exec(v);
  if (m) return utcOf(m[1], m[2], m[3], m[4], m[5], m[6] ?? '0');
  m = SPREADSHEET.exec(v);
  if (m) {
    const y = m[3] ?? '';
    let h = Number(m[4]);
    if (m[7] !== undefined) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (m[7].toUpperCase() === 'P' ? 12 : 0);
    }
    return utcOf(y.length === 2 ? `20${y}` : y, m[1], m[2], String(h), m[5], m[6] ?? '0');
  }
  m = MONTH_FIRST.exec(v);
  if (m) {
    const month = MONTHS.indexOf(m[1] ?? '') + 1;
    return month === 0 ? null : utcOf(m[3], String(month), m[2], m[4], m[5], m[6]);
  }
  if (ISO_ZONED.test(v)) {
    const t = Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

function utcOf(...parts: (string | undefined)[]): number | null {
  const [y, mo, d, h, mi, s] = parts.map((p) => Number(p));
  if (y === undefined || mo === undefined || d === undefined) return null;
  if (h === undefined || mi === undefined || s === undefined) return null;
  return utc(y, mo, d, h, mi, s);
}

/** The ms of a naive date and time, or null when no such time exists. */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || (d > 28 && d > daysIn(y, mo)) || !isClock(h, mi, s))
    return null;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** A time of day that exists (a leap second's 60 included). */
function isClock(h: number, mi: number, s: number): boolean {
  return h <= 23 && mi <= 59 && s <= 60;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `mo` (1-12) of year `y`: Feb 29 only in leap years, no April 31. */
export function daysIn(y: number, mo: number): number {
  if (mo === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return MONTH_DAYS[mo - 1] ?? 0;
}

/** `YYYY-MM-DD HH:MM:SS` of a device-local ms value (no zone: the logs carry none). */
export function formatLogTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** True when a log time names its zone (ISO with Z or an offset, or a trailing GMT/UTC). */
export function isZonedLogTime(raw: string): boolean {
  const v = raw.trim();
  return ISO_ZONED.test(v) || (MONTH_FIRST.test(v) && / (?:GMT|UTC)$/.test(v));
}
