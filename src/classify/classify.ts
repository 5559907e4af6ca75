// Attaches meaning to a TrafficRecord: the normalised end reason and action (from knowledge/),
// the numeric fields the aggregator sums, the session time and the ids of the findings it
// matches (classify/findings.ts). Pure and per-record cheap: no allocation beyond the result
// when no finding matches.
import { normalizeAction } from '../knowledge/actions.js';
import { flagsIn } from '../knowledge/flags.js';
import { normalizeReason } from '../knowledge/reasons.js';
import type { Classified, TrafficRecord } from '../model.js';
import { logTimeIn, parseLogTime } from '../fields/time.js';
import { fieldReader } from '../fields/map.js';
import { DEFAULT_THRESHOLDS, matchFindings, type Thresholds } from './findings.js';
import type { ProfileCache } from './profile.js';

/** A non-negative integer field; 0 when empty or unreadable. */
export function toCount(raw: string): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * toCount of `text[from, to)`, read in place when it is 1-15 plain digits (no string is made);
 * anything else (spaces, signs, exponents, hex: whatever Number reads) goes through toCount.
 */
export function countIn(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return toCount(text.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return toCount(text.slice(from, to));
    n = n * 10 + d;
  }
  return n;
}

const NO_FINDINGS: readonly string[] = Object.freeze([]);

const generatedTime = fieldReader('time_generated', logTimeIn);
const repeatCount = fieldReader('repeatcnt', countIn);
const byteCount = fieldReader('bytes', countIn);
const flagBits = fieldReader('flags', flagsIn);

/** Generated time, else receive time (the generated one is read in place). */
function timeOf(f: TrafficRecord['fields']): number | null {
  const t = generatedTime(f);
  return Number.isNaN(t) ? parseLogTime(f.receive_time) : t;
}

/** `profiles`: where a stream of records finds its profiles (one cache per stream). */
export function classifyRecord(
  rec: TrafficRecord,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  profiles: ProfileCache | null = null,
): Classified {
  const f = rec.fields;
  const profile = profiles === null ? null : profiles.of(rec);
  const repeat = repeatCount(f);
  const flags = flagBits(f);
  const c: { -readonly [K in keyof Classified]: Classified[K] } = {
    rec,
    reason: profile === null ? normalizeReason(f.session_end_reason) : profile.reason,
    action: profile === null ? normalizeAction(f.action) : profile.action,
    flags: flags < 0 ? null : flags,
    bytes: byteCount(f),
    repeat: repeat > 0 ? repeat : 1,
    time: timeOf(f),
    findings: NO_FINDINGS,
    profile,
  };
  c.findings = matchFindings(c, thresholds);
  return c;
}
