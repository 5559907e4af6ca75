// The JSON report documentation names every top-level key the report has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/io.js';

describe('docs/json-report.md', () => {
  it('documents every top-level key and every inputs[] key of the JSON report', async () => {
    const doc = readFileSync(join(ROOT, 'docs/json-report.md'), 'utf8');
    const r = await runCli([
      'analyze',
      '--format',
      'json',
      'fixtures/samples/cribl-pan-traffic.log',
    ]);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & {
      inputs: Record<string, unknown>[];
    };
    for (const key of Object.keys(report)) expect(doc, key).toContain(`| \`${key}\` |`);
    for (const key of Object.keys(report.inputs[0] ?? {}))
      expect(doc, key).toContain(`| \`${key}\` |`);
  });
});
