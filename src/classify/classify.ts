// Attaches meaning to a TrafficRecord: the normalised end reason and action (from knowledge/),
// the numeric fields the aggregator sums, and the session time. Pure and per-record cheap.
import { normalizeAction } from '../knowledge/actions.js';
import { parseFlags } from '../knowledge/flags.js';
import { normalizeReason } from '../knowledge/reasons.js';
import type { Classified, TrafficRecord } from '../model.js';
import { parseLogTime } from '../fields/time.js';

/** A non-negative integer field; 0 when empty or unreadable. */
export function toCount(raw: string): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

const NO_FINDINGS: readonly string[] = [];

export function classifyRecord(rec: TrafficRecord): Classified {
  const f = rec.fields;
  const repeat = toCount(f.repeatcnt);
  return {
    rec,
    reason: normalizeReason(f.session_end_reason),
    action: normalizeAction(f.action),
    flags: parseFlags(f.flags),
    bytes: toCount(f.bytes),
    repeat: repeat > 0 ? repeat : 1,
    time: parseLogTime(f.time_generated) ?? parseLogTime(f.receive_time),
    findings: NO_FINDINGS,
  };
}
