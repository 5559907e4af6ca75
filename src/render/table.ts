// `--format table`: the terminal report. Colour and width come from the View; every log-derived
// string passes through escapeTerminal. Pure: (summary, view) => string.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { GROUP_KEYS, GROUP_LABELS, type Summary } from '../aggregate/summary.js';
import { REASONS, type ReasonCategory, type ReasonKey } from '../knowledge/reasons.js';
import { escapeTerminal as t } from './escape.js';
import { BUCKET_WIDENED, sparkline, squeeze } from './sparkline.js';
import { renderFindings } from './findings.js';
import {
  bytes,
  lineAccount,
  linesAddUp,
  num,
  UNRECOGNIZED_TITLE,
  unrecognizedValues,
  wrap,
} from './text.js';
import type { View } from './view.js';

export { bytes, num, wrap } from './text.js';

const CATEGORY_COLOR: Record<ReasonCategory | 'unrecognized', keyof ChalkInstance> = {
  threat: 'red',
  policy: 'yellow',
  decryption: 'magenta',
  teardown: 'green',
  resource: 'red',
  timeout: 'cyan',
  other: 'gray',
  unrecognized: 'gray',
};

function makeTable(
  c: ChalkInstance,
  head: string[],
  opts: { colWidths?: number[] } = {},
): Table.Table {
  return new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    ...(opts.colWidths ? { colWidths: opts.colWidths } : {}),
  });
}

export function renderTable(s: Summary, view: View): string {
  const c = new Chalk({ level: view.color ? 1 : 0 });
  const out: string[] = [];
  const width = Math.max(60, view.width);

  out.push(c.bold('pan-ser: why did these sessions end?'), '');

  out.push(c.bold('Inputs'));
  for (const i of s.inputs) {
    const kind =
      i.format === 'csv'
        ? `CSV export, ${i.columns ?? 0} columns`
        : i.format === 'syslog'
          ? `syslog (${[countList(i.headerKinds), `layout ${countList(i.layouts) || 'none'}`].filter((x) => x !== '').join('; ')})`
          : 'not read';
    const l = i.lines;
    out.push(
      `  ${t(i.name)}: ${kind}; ${num(l.read)} lines: ${num(l.analysed)} analysed, ${num(l.skipped)} skipped, ${num(l.rejected)} rejected`,
    );
    if (i.error !== null) out.push(`    ${c.red('error:')} ${t(i.error)}`);
  }
  const L = s.lines;
  out.push(`  lines: ${lineAccount(L, t)} ${linesAddUp(L) ? c.green('✓') : c.red('✗')}`);
  if (s.time.first !== null && s.time.last !== null) {
    out.push(`  time: ${s.time.first} → ${s.time.last}, ${s.time.zone}`);
  }
  if (s.weight === 'repeat') out.push('  sessions are weighted by Repeat Count (--weight repeat)');
  if (s.filter) {
    const parts = [
      ...s.filter.where.map((w) => t(w)),
      ...(s.filter.since === null ? [] : [`since ${s.filter.since}`]),
      ...(s.filter.until === null ? [] : [`until ${s.filter.until}`]),
    ];
    out.push(
      `  filter: ${parts.join(', ')}; ${num(s.filter.filtered)} sessions left out (counted as skipped)`,
    );
  }
  out.push('');

  const seen = s.reasons.filter((r) => r.rows > 0);
  out.push(
    c.bold(`Session end reasons: ${num(s.totals.sessions)} sessions, ${bytes(s.totals.bytes)}`),
  );
  if (seen.length === 0) {
    out.push('  no TRAFFIC sessions were analysed', '');
  } else {
    const table = makeTable(c, ['Reason', 'Category', 'Sessions', '%', 'Bytes']);
    for (const r of seen) {
      const color = CATEGORY_COLOR[r.category];
      const paint = (x: string) => (c[color] as (s: string) => string)(x);
      table.push([
        paint(r.reason),
        r.category,
        { hAlign: 'right', content: num(r.sessions) },
        { hAlign: 'right', content: r.percent.toFixed(2) },
        { hAlign: 'right', content: bytes(r.bytes) },
      ]);
    }
    out.push(table.toString(), '');

    out.push(c.bold('What they mean'));
    for (const r of seen) {
      out.push(...wrap(`${r.reason}: ${r.meaning}`, width, '  ', '    '));
      const check = r.known ? REASONS[r.reason as ReasonKey].nextChecks[0] : undefined;
      if (check !== undefined)
        out.push(...wrap(`check: ${check}`, width, '    ', '      ').map((l) => c.dim(l)));
    }
    out.push('');

    const actions = s.actions.filter((a) => a.rows > 0);
    const ra = makeTable(c, ['Reason', ...actions.map((a) => a.action)]);
    for (const r of seen) {
      ra.push([
        r.reason,
        ...actions.map((a) => {
          const hit = s.reasonByAction.find((x) => x.reason === r.reason && x.action === a.action);
          return { hAlign: 'right' as const, content: hit ? num(hit.sessions) : '' };
        }),
      ]);
    }
    out.push(c.bold('Reason × action'), ra.toString(), '');

    out.push(...renderTimeline(s, c, width));
    out.push(...renderSlice(s, c, view.top));
  }

  if (seen.length > 0) {
    out.push(...renderFindings(s.findings, c, view));
    out.push(...renderTops(s, c, view, width));
  }

  const unknown = unrecognizedValues(s);
  if (unknown.length > 0) {
    out.push(c.bold(UNRECOGNIZED_TITLE));
    for (const [what, r] of unknown) out.push(`  ${what} "${t(r.value)}": ${num(r.sessions)}`);
    out.push('');
  }

  if (s.rejects.total > 0) {
    out.push(
      c.bold(`Rejected lines: ${num(s.rejects.total)} (first ${s.rejects.first.length} shown)`),
    );
    for (const r of s.rejects.first)
      out.push(`  ${t(r.file)}:${r.line}: ${t(r.message)} [${r.code}]`);
    out.push('');
  }
  return out.join('\n');
}

/** Sparklines of sessions over time: all sessions, then the busiest reasons. */
/** Per seen reason: its top rules, applications, zone pairs and addresses, wrapped to width. */
function renderTops(s: Summary, c: ChalkInstance, view: View, width: number): string[] {
  const out: string[] = [c.bold(`Top ${view.top} per reason`)];
  for (const r of s.reasons.filter((x) => x.rows > 0)) {
    out.push(`  ${c.bold(r.reason)} (${num(r.sessions)})`);
    for (const key of GROUP_KEYS) {
      const rows = (s.groups[key][r.reason] ?? []).slice(0, view.top);
      const list = rows
        .map((g) => `${t(g.value)} ${num(g.sessions)}${g.error > 0 ? ` (±${num(g.error)})` : ''}`)
        .join(', ');
      out.push(...wrap(`${GROUP_LABELS[key]}: ${list}`, width, '    ', '      '));
    }
  }
  if (!s.groupsExact) {
    out.push(
      c.dim(
        '  (some tables saw more distinct values than they track; ± gives the bound on each count)',
      ),
    );
  }
  out.push('');
  return out;
}

function renderTimeline(s: Summary, c: ChalkInstance, width: number): string[] {
  const tl = s.timeline;
  if (tl.buckets.length < 2) return [];
  const first = tl.buckets[0]?.start ?? '';
  const lastB = tl.buckets[tl.buckets.length - 1]?.start ?? '';
  const labelW = 24;
  const room = Math.max(10, width - labelW - 16);
  const k = Math.ceil(tl.buckets.length / room);
  const per = k === 1 ? tl.bucket : `${k} × ${tl.bucket}`;
  const out = [
    c.bold(`Over time: sessions per ${per}, ${first} → ${lastB}`) +
      (tl.widened ? c.dim(` (${BUCKET_WIDENED})`) : ''),
  ];
  const row = (label: string, series: number[]) => {
    const sq = squeeze(series, room);
    out.push(`  ${label.padEnd(labelW)}${sparkline(sq)} max ${num(Math.max(...sq))}`);
  };
  row(
    'all',
    tl.buckets.map((b) => b.sessions),
  );
  const busiest = s.reasons
    .filter((r) => r.rows > 0)
    .sort((a, b) => b.sessions - a.sessions)
    .slice(0, 4);
  for (const r of busiest)
    row(
      r.reason,
      tl.buckets.map((b) => b.byReason[r.reason] ?? 0),
    );
  out.push('');
  return out;
}

function renderSlice(s: Summary, c: ChalkInstance, top: number): string[] {
  if (!s.slice) return [];
  const table = makeTable(c, [...s.slice.keys, 'Sessions', 'Reasons']);
  for (const row of s.slice.rows.slice(0, top)) {
    const all = Object.entries(row.byReason).sort((a, b) => b[1] - a[1]);
    const reasons =
      all
        .slice(0, 3)
        .map(([k, n]) => `${t(k)} ${num(n)}`)
        .join(', ') + (all.length > 3 ? `, +${all.length - 3} more` : '');
    table.push([
      ...row.values.map((v) => t(v)),
      {
        hAlign: 'right',
        content: `${num(row.sessions)}${row.error > 0 ? ` (±${num(row.error)})` : ''}`,
      },
      reasons,
    ]);
  }
  return [c.bold(`By ${s.slice.keys.join(' × ')} (top ${top})`), table.toString(), ''];
}

function countList(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${t(k)} ${num(v)}`)
    .join(', ');
}
