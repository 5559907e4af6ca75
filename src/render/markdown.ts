// `--format markdown`: a report sized for a CI job summary (e.g. $GITHUB_STEP_SUMMARY): headline,
// reason table, findings, top offenders for the reasons that block, and the --group-by table.
// Every log-derived string goes through escapeMarkdown (pipes, backticks, markup, controls). Pure.
import type { Summary } from '../aggregate/summary.js';
import { escapeMarkdown as md } from './escape.js';
import { bytes, linesAddUp, num, UNRECOGNIZED_TITLE, unrecognizedValues } from './text.js';
import { BUCKET_WIDENED, sparkline } from './sparkline.js';
import type { View } from './view.js';

const sessions = (n: number): string => `${num(n)} session${n === 1 ? '' : 's'}`;

/** Categories whose top rules and apps are worth a reviewer's look. */
const OFFENDER_CATEGORIES = new Set(['threat', 'policy', 'decryption', 'resource', 'unrecognized']);

export function renderMarkdown(s: Summary, view: View): string {
  const out: string[] = [];
  const L = s.lines;
  const ok = linesAddUp(L);
  out.push('## pan-ser: why did these sessions end?', '');
  out.push(
    `**${num(s.totals.sessions)} sessions**, ${bytes(s.totals.bytes)}, from ${s.inputs.length} input${s.inputs.length === 1 ? '' : 's'}. ` +
      `Lines: ${num(L.read)} read = ${num(L.analysed)} analysed + ${num(L.skipped)} skipped + ${num(L.rejected)} rejected ${ok ? '✓' : '✗'}.`,
  );
  if (s.time.first !== null && s.time.last !== null) {
    out.push('', `Time: ${s.time.first} → ${s.time.last}, ${md(s.time.zone)}.`);
  }
  if (s.filter) {
    const parts = [
      ...s.filter.where.map((w) => `\`${w.replace(/`/g, "'")}\``),
      ...(s.filter.since === null ? [] : [`since ${s.filter.since}`]),
      ...(s.filter.until === null ? [] : [`until ${s.filter.until}`]),
    ];
    out.push('', `Filter: ${parts.join(', ')}; ${num(s.filter.filtered)} sessions left out.`);
  }
  out.push('');

  const seen = s.reasons.filter((r) => r.rows > 0);
  out.push('### Session end reasons', '');
  if (seen.length === 0) out.push('No TRAFFIC sessions were analysed.', '');
  else {
    out.push('| Reason | Category | Sessions | % | Bytes | Meaning |', '|---|---|--:|--:|--:|---|');
    for (const r of seen) {
      out.push(
        `| \`${md(r.reason)}\` | ${r.category} | ${num(r.sessions)} | ${r.percent.toFixed(2)} | ${bytes(r.bytes)} | ${md(r.meaning)} |`,
      );
    }
    out.push('');
  }

  if (s.timeline.buckets.length > 1) {
    const series = s.timeline.buckets.map((b) => b.sessions);
    out.push(
      `Sessions per ${s.timeline.bucket}${s.timeline.widened ? ` (${BUCKET_WIDENED})` : ''} from ${s.timeline.buckets[0]?.start ?? ''}: \`${sparkline(series)}\` (max ${num(Math.max(...series))})`,
      '',
    );
  }

  out.push('### Findings', '');
  if (s.findings.length === 0) out.push('No findings.', '');
  for (const f of s.findings) {
    out.push(
      `- **${md(f.title)}** (\`${md(f.id)}\`, ${f.severity}): ${sessions(f.sessions)} (${f.percent.toFixed(2)}%). ${md(f.explanation)}`,
    );
    const rules = f.top.rule.slice(0, view.top).map((g) => `${md(g.value)} (${num(g.sessions)})`);
    if (rules.length > 0) out.push(`  - rules: ${rules.join(', ')}`);
    for (const c of f.causes)
      out.push(`  - cause ${md(c.title)}: ${sessions(c.sessions)} (${num(c.confirmed)} confirmed)`);
    const check = f.nextChecks[0];
    if (check !== undefined) out.push(`  - check: ${md(check)}`);
  }
  if (s.findings.length > 0) out.push('');

  const offenders = seen.filter((r) => OFFENDER_CATEGORIES.has(r.category));
  if (offenders.length > 0) {
    out.push('### Top offenders', '', '| Reason | Top rules | Top applications |', '|---|---|---|');
    for (const r of offenders) {
      const list = (key: 'rule' | 'app') =>
        (s.groups[key][r.reason] ?? [])
          .slice(0, view.top)
          .map((g) => `${md(g.value)} ${num(g.sessions)}`)
          .join(', ');
      out.push(`| \`${md(r.reason)}\` | ${list('rule')} | ${list('app')} |`);
    }
    out.push('');
  }

  if (s.slice) {
    out.push(`### By ${s.slice.keys.join(' × ')}`, '');
    out.push(`| ${s.slice.keys.join(' | ')} | Sessions | Reasons |`);
    out.push(`|${s.slice.keys.map(() => '---|').join('')}--:|---|`);
    for (const row of s.slice.rows.slice(0, view.top)) {
      const reasons = Object.entries(row.byReason)
        .map(([k, n]) => `${md(k)} ${num(n)}`)
        .join(', ');
      out.push(`| ${row.values.map(md).join(' | ')} | ${num(row.sessions)} | ${reasons} |`);
    }
    out.push('');
  }

  const unknown = unrecognizedValues(s);
  if (unknown.length > 0) {
    out.push(`### ${UNRECOGNIZED_TITLE}`, '');
    for (const [what, r] of unknown)
      out.push(`- ${what} "${md(r.value)}": ${sessions(r.sessions)}`);
    out.push('');
  }

  if (s.rejects.total > 0) {
    out.push(`${num(s.rejects.total)} lines were rejected; first ${s.rejects.first.length}:`, '');
    for (const r of s.rejects.first)
      out.push(`- ${md(r.file)}:${r.line}: ${md(r.message)} \`${r.code}\``);
    out.push('');
  }
  return out.join('\n');
}
