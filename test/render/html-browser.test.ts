// Opens the HTML report in headless Chromium (Debian's `chromium`, installed by .ci/run): the
// charts render with a size, no page or console error occurs (a CSP violation would be one), no
// hostile field runs, sorting works, and a screenshot is kept under test-results/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_VIEW } from '../../src/render/view.js';
import { ROOT } from '../helpers/io.js';
import { summaryWithFindings } from '../helpers/summary.js';
import { tempDir } from '../helpers/temp.js';

const CHROMIUM = '/usr/bin/chromium';
// Locally without chromium the test is skipped; in CI (.ci/run installs it) it must run.
const canRun = existsSync(CHROMIUM) || process.env.CI !== undefined;

describe.skipIf(!canRun)('html report in headless Chromium', () => {
  it('renders the charts, raises no error, runs no log content, sorts tables', async () => {
    const out = join(ROOT, 'test-results');
    mkdirSync(out, { recursive: true });
    const page = join(out, 'report.html');
    const s = await summaryWithFindings(['--group-by', 'rule,user', '--top', '100']);
    writeFileSync(page, renderHtml(s, { ...DEFAULT_VIEW, top: 8 }));

    const context = await chromium.launchPersistentContext(tempDir('chromium-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      const requests: string[] = [];
      tab.on('pageerror', (e) => errors.push(String(e)));
      tab.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      tab.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      tab.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await tab.setViewportSize({ width: 1280, height: 900 });
      await tab.goto(`file://${page}`);

      for (const id of ['#chart-reasons', '#chart-time']) {
        const box = await tab.locator(id).boundingBox();
        expect(box?.width ?? 0, id).toBeGreaterThan(100);
        expect(box?.height ?? 0, id).toBeGreaterThan(50);
        expect(await tab.locator(`${id} rect`).count(), id).toBeGreaterThan(0);
      }
      // A click on "Sessions" of the first sortable table sorts descending, then ascending.
      const table = tab.locator('table.sortable').first();
      const cells = () =>
        table
          .locator('tbody tr td:nth-child(3)')
          .evaluateAll((tds) =>
            tds.map((td: { getAttribute(n: string): string | null }) =>
              Number(td.getAttribute('data-v')),
            ),
          );
      await table.locator('th', { hasText: 'Sessions' }).click();
      const down = await cells();
      expect(down).toEqual([...down].sort((a, b) => b - a));
      await table.locator('th', { hasText: 'Sessions' }).click();
      const up = await cells();
      expect(up).toEqual([...up].sort((a, b) => a - b));

      await tab.screenshot({ path: join(out, 'report.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(await tab.locator('img').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
