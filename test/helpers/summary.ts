// A Summary with a finding built by hand: a real analysis of the hostile-fields fixture plus one
// finding whose log-derived strings (top values, examples, evidence) are hostile. Titles and
// explanations come from the findings table (knowledge, not logs), so they stay plain here.
import type { FindingRow, Summary } from '../../src/aggregate/summary.js';
import { runCli } from './io.js';

export const HOSTILE = {
  formula: '=HYPERLINK("evil.example/x","click")',
  ansi: '\u001b[31mcorp\\red\u001b]8;;evil.example\u0007link\u001b]8;;\u0007',
  script: '<script>alert(1)</script>',
} as const;

export async function summaryWithFindings(args: string[] = []): Promise<Summary> {
  const r = await runCli([
    'analyze',
    '--format',
    'json',
    'fixtures/hostile-fields.csv',
    'fixtures/traffic-export.csv',
    ...args,
  ]);
  const s = JSON.parse(r.stdout) as Summary;
  const finding: FindingRow = {
    id: 'allow-policy-deny',
    severity: 'high',
    title: 'Allowed sessions ended with policy-deny',
    explanation: 'The rule allowed the session but something else blocked it.',
    nextChecks: ['look at the URL filtering log'],
    sessions: 2,
    percent: 0.5,
    bytes: 1234,
    top: {
      rule: [{ value: HOSTILE.formula, sessions: 2, error: 0 }],
      app: [{ value: HOSTILE.script, sessions: 2, error: 0 }],
      zonePair: [{ value: 'trust->untrust', sessions: 2, error: 0 }],
    },
    causes: [
      {
        id: 'decrypted',
        title: 'decryption',
        sessions: 2,
        confirmed: 1,
        explanation: 'the session was decrypted',
      },
    ],
    examples: [
      {
        file: 'fixtures/hostile-fields.csv',
        line: 2,
        time: '2026-11-23 00:05:30',
        sessionid: '187865',
        src: '10.10.17.216',
        dst: '91.198.151.143',
        dport: '443',
        app: HOSTILE.script,
        rule: HOSTILE.formula,
        action: 'allow',
        reason: 'policy-deny',
        flags: ['decrypted'],
        evidence: { user: HOSTILE.ansi },
      },
    ],
  };
  return { ...s, findings: [finding] };
}
