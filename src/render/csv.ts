// `--format csv`: every summary table as rows of ONE long table (table, dimension, value, reason,
// sessions, percent, bytes), so a spreadsheet can pivot it and csv-parse reads it back. Every
// cell is defused against formula injection and stripped of control characters. Pure.
import { GROUP_KEYS, type Summary } from '../aggregate/summary.js';
import { escapeCsvCell, escapeTerminal } from './escape.js';
import { unrecognizedValues } from './text.js';
import type { View } from './view.js';

export const CSV_COLUMNS = [
  'table',
  'dimension',
  'value',
  'reason',
  'sessions',
  'percent',
  'bytes',
] as const;

type Cell = string | number | null;

const DIMENSION: Record<(typeof GROUP_KEYS)[number], string> = {
  rule: 'rule',
  app: 'app',
  zonePair: 'zone-pair',
  src: 'src',
  dst: 'dst',
};

export function renderCsv(s: Summary, view: View): string {
  const rows: Cell[][] = [[...CSV_COLUMNS]];
  const total = s.totals.sessions;
  const pct = (n: number) => (total === 0 ? 0 : Math.round((10000 * n) / total) / 100);
  const seen = s.reasons.filter((r) => r.rows > 0);
  for (const r of seen)
    rows.push(['reasons', 'category', r.category, r.reason, r.sessions, r.percent, r.bytes]);
  for (const a of s.actions.filter((x) => x.rows > 0))
    rows.push(['actions', 'action', a.action, null, a.sessions, a.percent, a.bytes]);
  for (const x of s.reasonByAction)
    rows.push([
      'reason-by-action',
      'action',
      x.action,
      x.reason,
      x.sessions,
      pct(x.sessions),
      null,
    ]);
  for (const [what, r] of unrecognizedValues(s)) {
    const key = what === 'end reason' ? 'reason' : what;
    rows.push(['unrecognized', key, r.value, null, r.sessions, pct(r.sessions), null]);
  }
  for (const f of s.findings)
    rows.push(['findings', f.severity, f.id, null, f.sessions, f.percent, f.bytes]);
  for (const r of seen) {
    for (const key of GROUP_KEYS) {
      for (const g of (s.groups[key][r.reason] ?? []).slice(0, view.top))
        rows.push(['top', DIMENSION[key], g.value, r.reason, g.sessions, pct(g.sessions), null]);
    }
  }
  if (s.slice) {
    const dim = s.slice.keys.join('+');
    for (const row of s.slice.rows.slice(0, view.top)) {
      const value = row.values.join(' / ');
      rows.push(['group-by', dim, value, null, row.sessions, pct(row.sessions), null]);
      for (const [reason, n] of Object.entries(row.byReason))
        rows.push(['group-by', dim, value, reason, n, pct(n), null]);
    }
  }
  for (const b of s.timeline.buckets) {
    for (const [reason, n] of Object.entries(b.byReason))
      rows.push([`timeline-${s.timeline.bucket}`, 'bucket', b.start, reason, n, pct(n), null]);
  }
  const L = s.lines;
  for (const [what, n] of [
    ['read', L.read],
    ['analysed', L.analysed],
    ['skipped', L.skipped],
    ['rejected', L.rejected],
  ] as const)
    rows.push(['lines', 'lines', what, null, n, null, null]);
  return rows
    .map((r) =>
      r.map((c) => (c === null ? '' : escapeCsvCell(escapeTerminal(String(c))))).join(','),
    )
    .map((l) => `${l}\r\n`)
    .join('');
}
