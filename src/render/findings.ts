// The findings section of the terminal report: per finding its severity, counts, ranked causes,
// top rules/apps/zone pairs, example sessions with their evidence and next checks. Every string
// that comes from a log passes through escapeTerminal. Pure: (findings, view) => lines.
import type { ChalkInstance } from 'chalk';
import type { FindingRow, Severity } from '../aggregate/summary.js';
import { escapeTerminal as t } from './escape.js';
import { bytes, num, wrap } from './text.js';
import type { View } from './view.js';

const SEVERITY_COLOR: Record<Severity, keyof ChalkInstance> = {
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

export function renderFindings(
  findings: readonly FindingRow[],
  c: ChalkInstance,
  view: View,
): string[] {
  const width = Math.max(60, view.width);
  const out: string[] = [c.bold(`Findings: ${findings.length}`)];
  if (findings.length === 0) {
    out.push('  nothing stands out', '');
    return out;
  }
  for (const f of findings) {
    const paint = c[SEVERITY_COLOR[f.severity]] as (s: string) => string;
    out.push(`  ${paint(`[${f.severity.toUpperCase()}]`)} ${c.bold(f.id)}: ${f.title}`);
    const share = f.share
      ? `; ${f.share.percent.toFixed(2)}% of ${num(f.share.base)} ${f.share.of} (threshold ${f.share.threshold}%)`
      : '';
    out.push(
      `    ${num(f.sessions)} session${f.sessions === 1 ? '' : 's'} (${f.percent.toFixed(2)}% of all), ${bytes(f.bytes)}${share}`,
    );
    out.push(...wrap(f.explanation, width, '    ', '    ').map((l) => c.dim(l)));
    if (f.causes.length > 0) {
      out.push('    causes (ranked; a session can carry several):');
      for (const cause of f.causes) {
        const extra = [
          cause.primary !== undefined && cause.primary !== cause.sessions
            ? `first on ${num(cause.primary)}`
            : '',
          cause.confirmed > 0 ? `${num(cause.confirmed)} confirmed by a related log` : '',
        ]
          .filter((x) => x !== '')
          .join(', ');
        out.push(
          ...wrap(
            `${cause.id} ${num(cause.sessions)}${extra ? ` (${extra})` : ''}: ${cause.title}`,
            width,
            '      ',
            '        ',
          ),
        );
      }
    }
    const tops = (
      [
        ['rules', f.top.rule],
        ['apps', f.top.app],
        ['zone pairs', f.top.zonePair],
      ] as const
    )
      .map(
        ([label, rows]) =>
          `${label}: ${rows
            .slice(0, view.top)
            .map(
              (g) => `${t(g.value)} ${num(g.sessions)}${g.error > 0 ? ` (±${num(g.error)})` : ''}`,
            )
            .join(', ')}`,
      )
      .join('; ');
    out.push(...wrap(tops, width, '    ', '      '));
    if (f.examples.length > 0) {
      out.push('    examples:');
      for (const e of f.examples) {
        const flags = e.flags.length > 0 ? ` flags ${e.flags.map(t).join(',')}` : '';
        out.push(
          ...wrap(
            `${t(e.file)}:${e.line} ${e.time ?? '(no time)'} session ${t(e.sessionid)} ${t(e.src)} → ${t(e.dst)}:${t(e.dport)} ${t(e.app)} rule ${t(e.rule)} ${t(e.action)}/${t(e.reason)}${flags}`,
            width,
            '      ',
            '        ',
          ),
        );
        const ev = Object.entries(e.evidence)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => `${k}=${t(v)}`)
          .join('; ');
        if (ev !== '') out.push(...wrap(`evidence: ${ev}`, width, '        ', '          '));
      }
    }
    out.push('    check:');
    for (const n of f.nextChecks) out.push(...wrap(`- ${n}`, width, '      ', '        '));
    out.push('');
  }
  return out;
}
