// `pan-ser diff` output: the SummaryDiff as a terminal report or JSON. Log-derived values (rule
// and app names, input names) pass through escapeTerminal. Pure.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { DiffRow, SummaryDiff } from '../aggregate/diff.js';
import { escapeTerminal as t } from './escape.js';
import { num } from './text.js';
import type { View } from './view.js';
import { safeJson } from './json.js';

const signed = (n: number, digits = 0): string =>
  `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

export function renderDiffJson(d: SummaryDiff): string {
  return `${safeJson({ tool: 'pan-ser', diff: d }, 2)}\n`;
}

export function renderDiffTable(d: SummaryDiff, view: View): string {
  const c = new Chalk({ level: view.color ? 1 : 0 });
  const paint = (n: number, text: string) => (n > 0 ? c.red(text) : n < 0 ? c.green(text) : text);
  const out: string[] = [
    c.bold('pan-ser diff: what changed between two runs'),
    `  before: ${t(d.before.label)}: ${num(d.before.sessions)} sessions`,
    `  after:  ${t(d.after.label)}: ${num(d.after.sessions)} sessions`,
    '',
  ];
  const rows = (title: string, list: DiffRow[]) => {
    out.push(c.bold(title));
    if (list.length === 0) {
      out.push('  none', '');
      return;
    }
    const table = new Table({
      head: ['', 'Before', 'After', 'Change', 'Share before', 'Share after', 'Points'].map((h) =>
        c.bold(h),
      ),
      style: { head: [], border: [], compact: true },
    });
    for (const r of list) {
      table.push([
        t(r.key),
        { hAlign: 'right', content: num(r.before) },
        { hAlign: 'right', content: num(r.after) },
        { hAlign: 'right', content: paint(r.change, signed(r.change)) },
        { hAlign: 'right', content: `${r.beforePercent.toFixed(2)}%` },
        { hAlign: 'right', content: `${r.afterPercent.toFixed(2)}%` },
        { hAlign: 'right', content: paint(r.points, signed(r.points, 2)) },
      ]);
    }
    out.push(table.toString(), '');
  };
  rows('Session end reasons', d.reasons);
  rows('Findings', d.findings);
  out.push(c.bold('Biggest moves per rule and application (from each run’s top tables)'));
  if (d.movers.length === 0) out.push('  none');
  for (const m of d.movers) {
    out.push(
      `  ${m.dimension} ${t(m.value)} / ${t(m.reason)}: ${num(m.before)} → ${num(m.after)} (${paint(m.change, signed(m.change))})`,
    );
  }
  out.push('');
  return out.join('\n');
}
