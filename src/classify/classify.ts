// Attaches meaning to a TrafficRecord: the normalised end reason and action (from knowledge/),
// the numeric fields the aggregator sums, the session time and the ids of the findings it
// matches (classify/findings.ts). Pure and per-record cheap: no allocation beyond the result
// when no finding matches.
import { normalizeAction } from '../knowledge/actions.js';
import { parseFlags } from '../knowledge/flags.js';
import { normalizeReason } from '../knowledge/reasons.js';
import type { Classified, TrafficRecord } from '../model.js';
import { logTimeIn, parseLogTime } from '../fields/time.js';
import { fieldReader } from '../fields/map.js';
import { DEFAULT_THRESHOLDS, matchFindings, type Thresholds } from './findings.js';

/** A non-negative integer field; 0 when empty or unreadable. */
export function toCount(raw: string): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

const NO_FINDINGS: readonly string[] = Object.freeze([]);

const generatedTime = fieldReader('time_generated', logTimeIn);

/** Generated time, else receive time (the generated one is read in place). */
function timeOf(f: TrafficRecord['fields']): number | null {
  const t = generatedTime(f);
  return Number.isNaN(t) ? parseLogTime(f.receive_time) : t;
}

export function classifyRecord(
  rec: TrafficRecord,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Classified {
  const f = rec.fields;
  const repeat = toCount(f.repeatcnt);
  const c: { -readonly [K in keyof Classified]: Classified[K] } = {
    rec,
    reason: normalizeReason(f.session_end_reason),
    action: normalizeAction(f.action),
    flags: parseFlags(f.flags),
    bytes: toCount(f.bytes),
    repeat: repeat > 0 ? repeat : 1,
    time: timeOf(f),
    findings: NO_FINDINGS,
  };
  c.findings = matchFindings(c, thresholds);
  return c;
}
