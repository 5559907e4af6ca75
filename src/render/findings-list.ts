// `pan-ser findings`: the finding rules and their thresholds, straight from classify/findings.ts.
// The markdown form is what README.md embeds (a test keeps the two equal).
import { Chalk } from 'chalk';
import {
  FINDINGS,
  FINDING_IDS,
  THRESHOLDS,
  THRESHOLD_NAMES,
  type FindingRule,
} from '../classify/findings.js';
import { escapeMarkdown } from './escape.js';
import { wrap } from './text.js';
import type { View } from './view.js';

export type FindingsListFormat = 'table' | 'markdown';

export function renderFindingsList(format: FindingsListFormat, view: View): string {
  const rules = FINDING_IDS.map((id) => [id, FINDINGS[id] as FindingRule] as const);
  if (format === 'markdown') {
    const lines = [
      '| Finding | Severity | Looks at | What it means |',
      '|---|---|---|---|',
      ...rules.map(([id, r]) => {
        const on = r.reasons === 'any' ? 'any log' : r.reasons.map((k) => `\`${k}\``).join(', ');
        const causes = r.causes ? ` Causes: ${Object.keys(r.causes).join(', ')}.` : '';
        return `| \`${id}\` | ${r.severity} | ${on} | ${escapeMarkdown(r.title)}.${escapeMarkdown(causes)} |`;
      }),
      '',
      '| Threshold | Default | Meaning |',
      '|---|---|---|',
      ...THRESHOLD_NAMES.map(
        (n) => `| \`${n}\` | ${THRESHOLDS[n].value} | ${escapeMarkdown(THRESHOLDS[n].help)} |`,
      ),
    ];
    return `${lines.join('\n')}\n`;
  }
  const c = new Chalk({ level: view.color ? 1 : 0 });
  const width = Math.max(60, view.width);
  const out: string[] = [c.bold('Findings pan-ser looks for, most severe first'), ''];
  for (const [id, r] of rules) {
    out.push(`${c.bold(id)} (${r.severity}): ${r.title}`);
    out.push(...wrap(r.explanation, width, '  ', '  '));
  }
  out.push('', c.bold('Thresholds (analyze --threshold name=value)'));
  for (const n of THRESHOLD_NAMES)
    out.push(...wrap(`${n} = ${THRESHOLDS[n].value}: ${THRESHOLDS[n].help}`, width, '  ', '    '));
  return `${out.join('\n')}\n`;
}
