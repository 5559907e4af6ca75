// `pan-ser reasons`: the reason table in precedence order, straight from knowledge/reasons.ts.
// The markdown form is what README.md embeds (a test keeps the two equal).
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { REASONS, REASON_KEYS } from '../knowledge/reasons.js';
import { escapeMarkdown } from './escape.js';
import type { View } from './view.js';

export type ReasonsFormat = 'table' | 'json' | 'markdown';

export function renderReasons(format: ReasonsFormat, view: View): string {
  if (format === 'json') {
    const rows = REASON_KEYS.map((reason) => ({ reason, ...REASONS[reason] }));
    return `${JSON.stringify({ tool: 'pan-ser', reasons: rows }, null, 2)}\n`;
  }
  if (format === 'markdown') {
    const lines = [
      '| # | Reason | Category | Meaning | What to check |',
      '|---|---|---|---|---|',
      ...REASON_KEYS.map((key) => {
        const r = REASONS[key];
        return `| ${r.precedence} | \`${key}\` | ${r.category} | ${escapeMarkdown(r.meaning)} | ${r.nextChecks.map(escapeMarkdown).join('; ')} |`;
      }),
    ];
    return `${lines.join('\n')}\n`;
  }
  const c = new Chalk({ level: view.color ? 1 : 0 });
  const meaningWidth = Math.max(30, view.width - 4 - 26 - 12 - 6);
  const table = new Table({
    head: ['#', 'Reason', 'Category', 'Meaning'].map((h) => c.bold(h)),
    colWidths: [4, 26, 12, meaningWidth],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const key of REASON_KEYS) {
    const r = REASONS[key];
    table.push([String(r.precedence), c.bold(key), r.category, r.meaning]);
  }
  return `${c.bold('Session End Reasons, highest precedence first')}\n(when several apply, the firewall logs only the highest one)\n${table.toString()}\n`;
}
