import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.js';
import { FORMAT_NAMES } from '../src/render/registry.js';
import { renderFindingsList } from '../src/render/findings-list.js';
import { renderReasons } from '../src/render/reasons.js';
import { DEFAULT_VIEW } from '../src/render/view.js';
import { ROOT, runCli } from './helpers/io.js';

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('embeds the reason table exactly as `pan-ser reasons --format markdown` prints it', () => {
    const m = /<!-- reasons:start -->\n([\s\S]*?)<!-- reasons:end -->/.exec(readme);
    expect(m?.[1]).toBe(renderReasons('markdown', DEFAULT_VIEW));
  });

  it('embeds the findings table exactly as `pan-ser findings --format markdown` prints it', () => {
    const m = /<!-- findings:start -->\n([\s\S]*?)<!-- findings:end -->/.exec(readme);
    expect(m?.[1]).toBe(renderFindingsList('markdown', DEFAULT_VIEW));
  });

  it('names a bundled sample that exists in its quick start', () => {
    const m = /npx pan-ser analyze (fixtures\/\S+)/.exec(readme);
    expect(m).not.toBeNull();
    expect(() => readFileSync(join(ROOT, m?.[1] ?? ''))).not.toThrow();
  });

  it('describes every output format the registry offers', () => {
    const m = /### Output formats\n([\s\S]*?)\n### /.exec(readme);
    const listed = [...(m?.[1] ?? '').matchAll(/^\| `([a-z]+)` \|/gm)].map((x) => x[1]);
    expect(listed).toEqual([...FORMAT_NAMES]);
  });

  it("names every option of every command's --help", async () => {
    for (const command of ['analyze', 'diff', 'reasons', 'findings', 'explain', '']) {
      const help = (await runCli([...(command === '' ? [] : [command]), '--help'])).stdout;
      const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1] ?? '');
      expect(options.length, command).toBeGreaterThan(0);
      for (const o of options.filter((x) => x !== '--help'))
        expect(readme, `${command} ${o}`).toMatch(new RegExp(`\`${o}[\` ]`));
    }
  });

  it('documents each exit code of the one table', () => {
    const m = /### Exit codes\n([\s\S]*?)\n\n[A-Z]/.exec(readme);
    const codes = [...(m?.[1] ?? '').matchAll(/^\| (\d) \|/gm)].map((x) => Number(x[1]));
    expect(codes).toEqual(Object.values(EXIT));
  });
});
