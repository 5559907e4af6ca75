// Compares two Summaries (before / after a change window): which end reasons and findings rose or
// fell, and which rules and applications moved most per reason. Pure. Per-rule/app movers come
// from each side's top-N tables: a value missing from a full table is not compared at all.
import type { GroupRow, Summary } from './summary.js';

export interface DiffRow {
  readonly key: string;
  readonly before: number;
  readonly after: number;
  readonly change: number;
  /** Shares of each side's sessions, percent, and their difference in percentage points. */
  readonly beforePercent: number;
  readonly afterPercent: number;
  readonly points: number;
}

export interface Mover {
  readonly reason: string;
  readonly dimension: 'rule' | 'app';
  readonly value: string;
  readonly before: number;
  readonly after: number;
  readonly change: number;
}

export interface SummaryDiff {
  readonly before: { readonly sessions: number; readonly label: string };
  readonly after: { readonly sessions: number; readonly label: string };
  readonly reasons: DiffRow[];
  readonly findings: DiffRow[];
  readonly movers: Mover[];
}

/** Rows a Summary's group tables hold at least (analyze keeps max(--top, 10)). */
export const TABLE_ROWS = 10;

const round2 = (x: number) => Math.round(x * 100) / 100;

function row(key: string, before: number, after: number, totalA: number, totalB: number): DiffRow {
  // Rounded for display only: the change in points comes from the exact shares.
  const beforeShare = totalA === 0 ? 0 : (100 * before) / totalA;
  const afterShare = totalB === 0 ? 0 : (100 * after) / totalB;
  const beforePercent = round2(beforeShare);
  const afterPercent = round2(afterShare);
  return {
    key,
    before,
    after,
    change: after - before,
    beforePercent,
    afterPercent,
    points: round2(afterShare - beforeShare),
  };
}

export function diffSummaries(
  a: Summary,
  b: Summary,
  labels: { before: string; after: string },
  moversPerDimension = 10,
): SummaryDiff {
  const ta = a.totals.sessions;
  const tb = b.totals.sessions;
  const order = [...new Set([...a.reasons, ...b.reasons].map((r) => r.reason))];
  const sessionsOf = (s: Summary, reason: string) =>
    s.reasons.find((r) => r.reason === reason)?.sessions ?? 0;
  const reasons = order
    .map((r) => row(r, sessionsOf(a, r), sessionsOf(b, r), ta, tb))
    .filter((r) => r.before > 0 || r.after > 0);
  const ids = [...new Set([...a.findings, ...b.findings].map((f) => f.id))].sort();
  const findingOf = (s: Summary, id: string) => s.findings.find((f) => f.id === id)?.sessions ?? 0;
  const findings = ids.map((id) => row(id, findingOf(a, id), findingOf(b, id), ta, tb));

  const movers: Mover[] = [];
  for (const dimension of ['rule', 'app'] as const) {
    const all: Mover[] = [];
    for (const reason of order) {
      const ra = a.groups[dimension][reason] ?? [];
      const rb = b.groups[dimension][reason] ?? [];
      const get = (rows: readonly GroupRow[], v: string) =>
        rows.find((g) => g.value === v)?.sessions ?? 0;
      for (const value of new Set([...ra, ...rb].map((g) => g.value))) {
        // Absent from a full table means "below its last row", not 0: such values are left out.
        const missing = (rows: readonly GroupRow[]) => !rows.some((g) => g.value === value);
        if ((missing(ra) && ra.length >= TABLE_ROWS) || (missing(rb) && rb.length >= TABLE_ROWS))
          continue;
        const before = get(ra, value);
        const after = get(rb, value);
        if (before !== after)
          all.push({ reason, dimension, value, before, after, change: after - before });
      }
    }
    all.sort(
      (x, y) =>
        Math.abs(y.change) - Math.abs(x.change) || cmp(x.reason, y.reason) || cmp(x.value, y.value),
    );
    movers.push(...all.slice(0, moversPerDimension));
  }
  return {
    before: { sessions: ta, label: labels.before },
    after: { sessions: tb, label: labels.after },
    reasons,
    findings,
    movers,
  };
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
