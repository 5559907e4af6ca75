// Output formats end to end: goldens for every format on the same fixtures, CSV round-trip,
// NDJSON count, hostile fields inert in every medium, --output, gates both ways, slicing
// checked against the generator's truth file, diff on two seeds, and the progress line.
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummaryDiff } from '../../src/aggregate/diff.js';
import type { Summary } from '../../src/aggregate/summary.js';
import { FINDING_IDS } from '../../src/classify/findings.js';
import { REASON_KEYS } from '../../src/knowledge/reasons.js';
import { renderCsv, CSV_COLUMNS } from '../../src/render/csv.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { FORMAT_NAMES } from '../../src/render/registry.js';
import { renderTable } from '../../src/render/table.js';
import { DEFAULT_VIEW } from '../../src/render/view.js';
import { FIXTURES as FIXTURES_DIR, runCli, SHARED } from '../helpers/io.js';
import { HOSTILE, summaryWithFindings } from '../helpers/summary.js';
import { tempDir } from '../helpers/temp.js';

const GEN = join(SHARED, 'tools/gen-panlogs.mjs');
const work = tempDir('pan-ser-report-');
const FIXTURES = ['fixtures/traffic-export.csv', 'fixtures/hostile-fields.csv'];
const EXT = {
  table: 'txt',
  json: 'json',
  ndjson: 'ndjson',
  csv: 'csv',
  markdown: 'md',
  html: 'html',
};

type Truth = {
  rows: number;
  by_session_end_reason: Record<string, number>;
  by_rule_reason: Record<string, Record<string, number>>;
};

function generate(rows: number, seed: string): { file: string; truth: Truth } {
  const file = join(work, `${seed}.log`);
  execFileSync('node', [
    GEN,
    '--rows',
    String(rows),
    '--format',
    'syslog',
    '--seed',
    seed,
    '--out',
    file,
    '--truth',
    `${file}.truth.json`,
  ]);
  return { file, truth: JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')) as Truth };
}

async function json(args: string[]): Promise<Summary> {
  const r = await runCli(['analyze', '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

const GOLDEN_SETS = {
  // A realistic export, and the hostile-fields fixture on its own so every hostile value shows.
  report: ['fixtures/traffic-export.csv', '--group-by', 'rule,user', '--top', '3'],
  hostile: ['fixtures/hostile-fields.csv', '--group-by', 'rule,user,app'],
};

describe('every format (golden, same fixtures)', () => {
  for (const [name, input] of Object.entries(GOLDEN_SETS)) {
    for (const format of FORMAT_NAMES) {
      it(`${name}.${EXT[format]}: golden, and the same bytes twice`, async () => {
        const args = ['analyze', ...input, '--format', format];
        const a = await runCli(args);
        const b = await runCli(args);
        expect(a.code, a.stderr).toBe(0);
        expect(a.stdout).toBe(b.stdout);
        await expect(a.stdout).toMatchFileSnapshot(`../golden/${name}.${EXT[format]}`);
      });
    }
  }
});

describe('csv', () => {
  it('round-trips through csv-parse and carries the summary numbers', async () => {
    const r = await runCli(['analyze', ...FIXTURES, '--format', 'csv']);
    const rows: Record<string, string>[] = parse(r.stdout, { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const s = await json(FIXTURES);
    const fromCsv = Object.fromEntries<number>(
      rows.filter((x) => x.table === 'reasons').map((x) => [x.reason ?? '', Number(x.sessions)]),
    );
    const fromJson = Object.fromEntries(
      s.reasons.filter((x) => x.rows > 0).map((x) => [x.reason, x.sessions]),
    );
    expect(fromCsv).toEqual(fromJson);
    const lines = Object.fromEntries<number>(
      rows.filter((x) => x.table === 'lines').map((x) => [x.value ?? '', Number(x.sessions)]),
    );
    expect(lines.read).toBe(s.lines.read);
  });
});

describe('ndjson', () => {
  it('writes one record per analysed session, with reason meaning and category', async () => {
    const { file, truth } = generate(3000, 'ndjson');
    const r = await runCli(['analyze', file, '--format', 'ndjson']);
    const recs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const s = await json([file]);
    expect(recs).toHaveLength(s.lines.analysed);
    const by: Record<string, number> = {};
    for (const x of recs) by[String(x.reason)] = (by[String(x.reason)] ?? 0) + 1;
    expect(by).toEqual(truth.by_session_end_reason);
    const deny = recs.find((x) => x.reason === 'policy-deny');
    expect(deny?.category).toBe('policy');
    expect(typeof deny?.meaning).toBe('string');
    expect(Array.isArray(deny?.findings)).toBe(true);
  });

  it('accounts for the lines it writes no record for, on stderr', async () => {
    const dir = tempDir('pan-ser-ndjson-');
    const file = join(dir, 'mixed.log');
    const { file: gen } = generate(50, 'ndjson-account');
    const logs = readFileSync(gen, 'utf8').trimEnd().split('\n');
    const threat = (logs[0] ?? '').replace(',TRAFFIC,', ',THREAT,');
    writeFileSync(file, [...logs, threat, 'not a log', ''].join('\n'));
    const r = await runCli(['analyze', file, '-f', 'ndjson']);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(50);
    expect(r.stderr).toContain(
      'pan-ser: lines: 52 read = 50 analysed + 1 skipped (THREAT 1) + 1 rejected ✓',
    );
  });

  it('counts only the sessions --where keeps', async () => {
    const { file, truth } = generate(2000, 'ndjson-where');
    const r = await runCli(['analyze', file, '-f', 'ndjson', '--where', 'reason=aged-out']);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(
      truth.by_session_end_reason['aged-out'] ?? -1,
    );
  });
});

describe('hostile log fields come out inert', () => {
  it('csv: no cell starts a formula, no control characters', async () => {
    const out = renderCsv(
      await summaryWithFindings(['--group-by', 'rule,user,app', '--top', '100']),
      { ...DEFAULT_VIEW, top: 100 },
    );
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    const parsed: string[][] = parse(out);
    const cells = parsed.flat();
    expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('html: no markup or script from the logs, one script element', async () => {
    const out = renderHtml(
      await summaryWithFindings(['--group-by', 'rule,user,app', '--top', '100']),
      DEFAULT_VIEW,
    );
    expect(out).not.toContain('<script>alert');
    expect(out).not.toContain('<img');
    expect(out).toContain('&#60;script&#62;alert(1)');
    expect(out.match(/<script/g)).toHaveLength(1);
    expect(out).not.toContain('\u001b');
    expect(out).not.toMatch(/https?:|\/\/[a-z]/i);
  });

  it('markdown: pipes and backticks escaped, no control characters', async () => {
    const out = renderMarkdown(await summaryWithFindings(['--group-by', 'app', '--top', '100']), {
      ...DEFAULT_VIEW,
      top: 100,
    });
    expect(out).toContain('web\\|browsing\\`code\\`');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('\u001b');
  });

  it('terminal: no escape sequence from the logs, even with colour', async () => {
    const s = await summaryWithFindings(['--group-by', 'user']);
    const plain = renderTable(s, { ...DEFAULT_VIEW, top: 5 });
    expect(plain).not.toContain('\u001b');
    expect(plain).toContain('\\x1b]8;;');
    const color = renderTable(s, { ...DEFAULT_VIEW, color: true, top: 5 });
    expect(color).not.toContain('\u001b]');
    expect(color).not.toContain('\u001b[31mcorp');
    expect(color).not.toContain('\u202e');
    expect(HOSTILE.ansi).toContain('\u001b]');
  });
});

describe('--output', () => {
  it('writes the report to the file and nothing to stdout', async () => {
    const out = join(work, 'r.md');
    const r = await runCli(['analyze', FIXTURES[0] ?? '', '-f', 'markdown', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^## pan-ser/);
  });

  it('leaves an earlier report as it was when no report comes (every input failed)', async () => {
    const out = join(work, 'kept.json');
    writeFileSync(out, 'an earlier report\n');
    const r = await runCli(['analyze', 'no-such.log', '-f', 'json', '-o', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('an earlier report\n');
    const fresh = join(work, 'never-written.json');
    await runCli(['analyze', 'no-such.log', '-f', 'json', '-o', fresh]);
    expect(existsSync(fresh)).toBe(false);
    // A report does replace it, whole (a shorter one leaves nothing of the longer).
    writeFileSync(out, 'x'.repeat(1_000_000));
    const ok = await runCli(['analyze', FIXTURES[0] ?? '', '-f', 'json', '-o', out]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ tool: 'pan-ser' });
  });

  it('names an unwritable file, exit 2', async () => {
    const r = await runCli(['analyze', FIXTURES[0] ?? '', '-o', join(work, 'no/such/dir/r.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the report .*\[OUTPUT_UNWRITABLE\]/);
  });
});

describe('unrecognized values', () => {
  it('are named with their counts in every report format, as in JSON', async () => {
    const args = ['analyze', 'fixtures/bad/unknown-values.csv', '--no-color'];
    const s = JSON.parse((await runCli([...args, '-f', 'json'])).stdout) as Summary;
    const values = [...s.unrecognized.reasons, ...s.unrecognized.actions].map((r) => r.value);
    expect(values).toEqual(['flux-capacitor', 'teleport']);
    for (const format of ['table', 'markdown', 'html', 'csv']) {
      const out = (await runCli([...args, '-f', format])).stdout;
      for (const v of values) expect(out, `${format} ${v}`).toContain(v);
    }
    const csv = (await runCli([...args, '-f', 'csv'])).stdout;
    expect(csv).toContain('unrecognized,reason,flux-capacitor,,1,');
    expect(csv).toContain('unrecognized,action,teleport,,1,');
  });
});

describe('a widened --bucket', () => {
  it('is said in every report that shows the chart, as in JSON', async () => {
    const args = ['analyze', FIXTURES[0] ?? '', '--bucket', '1m', '--no-color'];
    const s = JSON.parse((await runCli([...args, '-f', 'json'])).stdout) as Summary;
    expect(s.timeline.widened).toBe(true);
    for (const format of ['table', 'markdown', 'html'])
      expect((await runCli([...args, '-f', format])).stdout, format).toContain(
        '--bucket widened to keep the chart bounded',
      );
  });
});

describe('--output onto an input', () => {
  it('is refused before the log is emptied, by any name or link', async () => {
    const log = join(work, 'own.csv');
    const original = readFileSync(FIXTURES[0] ?? '');
    writeFileSync(log, original);
    const link = join(work, 'own-link.csv');
    symlinkSync(log, link);
    for (const [inputs, output] of [
      [[log], log],
      [[FIXTURES[0] ?? '', link], `${work}/./own.csv`],
    ] as const) {
      const r = await runCli(['analyze', ...inputs, '-f', 'csv', '-o', output]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--output .* is also an input .*\[USAGE\]/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(readFileSync(log).equals(original)).toBe(true);
    }
  });
});

describe('--fail-on gates', () => {
  it('exits 1 and names the breached gate; 0 when every gate holds', async () => {
    const s = await json([FIXTURES[0] ?? '']);
    const deny = s.reasons.find((r) => r.reason === 'policy-deny');
    const n = deny?.sessions ?? 0;
    expect(n).toBeGreaterThan(0);
    const over = await runCli([
      'analyze',
      FIXTURES[0] ?? '',
      '--quiet',
      '--fail-on',
      `policy-deny>${n - 1}`,
    ]);
    expect(over.code).toBe(1);
    expect(over.stdout).toBe('');
    expect(over.stderr).toMatch(new RegExp(`gate policy-deny>${n - 1}: BREACHED`));
    const at = await runCli([
      'analyze',
      FIXTURES[0] ?? '',
      '--quiet',
      '--fail-on',
      `policy-deny>${n}`,
    ]);
    expect(at.code).toBe(0);
    expect(at.stderr).toMatch(/gate policy-deny>\d+: ok/);
    const pct = deny?.percent ?? 0;
    expect(
      (
        await runCli([
          'analyze',
          FIXTURES[0] ?? '',
          '-q',
          '--fail-on',
          `policy-deny>${Math.floor(pct)}%`,
        ])
      ).code,
    ).toBe(1);
    expect(
      (
        await runCli([
          'analyze',
          FIXTURES[0] ?? '',
          '-q',
          '--fail-on',
          `policy-deny>${Math.ceil(pct + 0.01)}%`,
        ])
      ).code,
    ).toBe(0);
  });

  it('a finding id breaches only when that finding matched; an unknown term is a usage error', async () => {
    const r = await runCli(['analyze', FIXTURES[0] ?? '', '-q', '--fail-on', 'no-such-finding']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^pan-ser: --fail-on "no-such-finding": .*\[USAGE\]/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const s = await json([FIXTURES[0] ?? '']);
    const hit = s.findings[0];
    if (hit) {
      const over = await runCli(['analyze', FIXTURES[0] ?? '', '-q', '--fail-on', hit.id]);
      expect(over.code).toBe(1);
      expect(over.stderr).toMatch(new RegExp(`gate ${hit.id}: BREACHED`));
      const at = await runCli([
        'analyze',
        FIXTURES[0] ?? '',
        '-q',
        '--fail-on',
        `${hit.id}>${hit.sessions}`,
      ]);
      expect(at.code).toBe(0);
    }
    // A name that is both a reason and a finding id (resources-unavailable) gates the reason.
    const reasons = new Set<string>(REASON_KEYS);
    const unmatched = FINDING_IDS.filter(
      (x) => !reasons.has(x) && !s.findings.some((f) => f.id === x),
    );
    for (const id of unmatched) {
      const quiet = await runCli(['analyze', FIXTURES[0] ?? '', '-q', '--fail-on', id]);
      expect(quiet.code, id).toBe(0);
      expect(quiet.stderr, id).toMatch(/not in the report: no session carried this finding/);
    }
  });

  it('refuses a malformed gate with exit 2', async () => {
    for (const g of ['policy-deny>>1', 'Policy Deny', 'tcp-fin>150%', 'tcp-fin>1.5']) {
      const r = await runCli(['analyze', FIXTURES[0] ?? '', '--fail-on', g]);
      expect(r.code, g).toBe(2);
      expect(r.stderr, g).toMatch(/\[USAGE\]/);
    }
  });
});

describe('slicing', () => {
  it('--where keeps matching sessions and counts the rest as skipped (filtered)', async () => {
    const { file, truth } = generate(4000, 'where');
    const s = await json([file, '--where', 'reason=policy-deny']);
    const want = truth.by_session_end_reason['policy-deny'] ?? 0;
    expect(s.lines.analysed).toBe(want);
    expect(s.lines.skippedBy['(filtered)']).toBe(4000 - want);
    expect(s.lines.read).toBe(s.lines.analysed + s.lines.skipped + s.lines.rejected);
    expect(s.filter?.filtered).toBe(4000 - want);
    const none = await json([file, '--where', 'reason=policy-deny reason!=policy-deny']);
    expect(none.lines.analysed).toBe(0);
    const re = await json([file, '--where', 'rule=~^allow-', '--where', 'bytes>=0']);
    const allowRules = Object.entries(truth.by_rule_reason)
      .filter(([rule]) => rule.startsWith('allow-'))
      .reduce((a, [, by]) => a + Object.values(by).reduce((x, y) => x + y, 0), 0);
    expect(re.lines.analysed).toBe(allowRules);
  });

  it('--where finding=<id> keeps exactly the sessions that finding counted', async () => {
    const { file } = generate(3000, 'where-finding');
    const all = await json([file]);
    expect(all.findings.length).toBeGreaterThan(0);
    for (const f of all.findings.slice(0, 3)) {
      const only = await json([file, '--where', `finding=${f.id}`]);
      expect(only.lines.analysed, f.id).toBe(f.sessions);
    }
  });

  it('--group-by rule gives per-rule totals and reasons equal to the truth file', async () => {
    const { file, truth } = generate(4000, 'groupby');
    const s = await json([file, '--group-by', 'rule', '--top', '100']);
    expect(s.slice?.keys).toEqual(['rule']);
    const rules = Object.keys(truth.by_rule_reason).length;
    expect(s.slice?.rows).toHaveLength(rules);
    for (const row of s.slice?.rows ?? []) {
      const want = truth.by_rule_reason[row.values[0] ?? ''] ?? {};
      expect(row.byReason).toEqual(
        Object.fromEntries(REASON_KEYS.filter((k) => want[k]).map((k) => [k, want[k]])),
      );
      expect(row.sessions).toBe(Object.values(want).reduce((a, b) => a + b, 0));
    }
  });

  it('--since/--until keep a time window; the timeline sums to the sessions', async () => {
    const { file } = generate(4000, 'window');
    const all = await json([file]);
    const sum = (s: Summary) => s.timeline.buckets.reduce((a, b) => a + b.sessions, 0);
    expect(sum(all)).toBe(all.totals.sessions);
    const s = await json([
      file,
      '--since',
      '2026-11-23 06:00',
      '--until',
      '2026-11-23 12:00',
      '--bucket',
      '1h',
    ]);
    expect(s.timeline.bucket).toBe('1h');
    expect(s.timeline.buckets.length).toBeLessThanOrEqual(6);
    expect((s.timeline.buckets[0]?.start ?? '') >= '2026-11-23 06:00:00').toBe(true);
    expect(sum(s)).toBe(s.totals.sessions);
    expect(s.lines.analysed + (s.filter?.filtered ?? 0)).toBe(all.lines.analysed);
  });

  it('--tz moves zoned log times into the zone and leaves naive ones as logged', async () => {
    const zoned = 'fixtures/samples/elastic-beats-traffic-nanos-time.log';
    const naive = 'fixtures/samples/cribl-pan-traffic.log';
    const hours = (a: string | null, b: string | null) =>
      (Date.parse(`${b ?? ''}Z`) - Date.parse(`${a ?? ''}Z`)) / 3600_000;
    const z0 = await json([zoned]);
    const z1 = await json([zoned, '--tz', '+02:00']);
    expect(hours(z0.time.first, z1.time.first)).toBe(2);
    expect(z1.time.zone).toMatch(/^UTC\+02:00/);
    const n0 = await json([naive]);
    const n1 = await json([naive, '--tz', 'Asia/Tokyo']);
    expect(n1.time.first).toBe(n0.time.first);
    const first = n0.time.first ?? '';
    const inWindow = await json([naive, '--tz', 'Asia/Tokyo', '--since', first]);
    expect(inWindow.lines.analysed).toBe(n0.lines.analysed);
    // The same instant given in UTC is 9 hours later on a Tokyo wall clock: nothing is left.
    const utc = `${first.replace(' ', 'T')}Z`;
    const shifted = await json([naive, '--tz', 'Asia/Tokyo', '--since', utc]);
    expect(shifted.lines.analysed).toBe(0);
  });

  it('refuses bad slicing options with exit 2 and one line', async () => {
    for (const args of [
      ['--where', 'rule=~(a+)+$'],
      ['--where', 'nosuchfield=1'],
      ['--where', 'bytes>lots'],
      ['--group-by', 'colour'],
      ['--since', 'yesterday'],
      ['--tz', 'Mars/Olympus'],
      ['--bucket', '90s'],
    ]) {
      const r = await runCli(['analyze', FIXTURES[0] ?? '', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('diff', () => {
  it('on two generator seeds: reasons before/after equal each truth file', async () => {
    const a = generate(3000, 'diff-a');
    const b = generate(3000, 'diff-b');
    const saved = join(work, 'a.json');
    await runCli(['analyze', a.file, '-f', 'json', '-o', saved]);
    for (const before of [a.file, saved]) {
      const r = await runCli(['diff', before, b.file, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const d = (JSON.parse(r.stdout) as { diff: SummaryDiff }).diff;
      for (const row of d.reasons) {
        expect(row.before, row.key).toBe(a.truth.by_session_end_reason[row.key] ?? 0);
        expect(row.after, row.key).toBe(b.truth.by_session_end_reason[row.key] ?? 0);
        expect(row.change).toBe(row.after - row.before);
        // Points from the exact shares, not from the shares rounded for display.
        const exact = (100 * row.after) / b.truth.rows - (100 * row.before) / a.truth.rows;
        expect(row.points, row.key).toBe(Math.round(exact * 100) / 100);
      }
      for (const m of d.movers.filter((x) => x.dimension === 'rule')) {
        expect(m.before).toBe(a.truth.by_rule_reason[m.value]?.[m.reason] ?? 0);
        expect(m.after).toBe(b.truth.by_rule_reason[m.value]?.[m.reason] ?? 0);
      }
    }
    const table = await runCli(['diff', a.file, b.file]);
    expect(table.stdout).toMatch(/Session end reasons/);
  });

  it('names the rejected lines of a log side on stderr, never dropping them silently', async () => {
    const { file } = generate(50, 'diff-rejects');
    const bad = join(work, 'diff-rejects-bad.log');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(3, 0, 'not a log line', ...Array.from({ length: 24 }, () => 'x\u0000y'));
    writeFileSync(bad, lines.join('\n'));
    const r = await runCli(['diff', file, bad]);
    expect(r.code).toBe(0);
    const err = r.stderr.trim().split('\n');
    expect(err[0]).toBe(
      `pan-ser: ${bad}:4: not a PAN-OS log line: expected comma-separated fields with the log type in field 4 (send PAN-OS logs in the default CSV syslog format, or drop lines from other sources) [NOT_PANOS]`,
    );
    expect(err).toHaveLength(21);
    expect(err[20]).toBe(`pan-ser: ${bad}: 5 more rejected lines (pan-ser analyze lists them all)`);
  });

  it('refuses a damaged report (cut off, or without its tables) instead of reading it as a log', async () => {
    const { file } = generate(50, 'diff-damaged');
    const saved = join(work, 'diff-damaged.json');
    await runCli(['analyze', file, '-f', 'json', '-o', saved]);
    const text = readFileSync(saved, 'utf8');
    const cases: [string, string][] = [
      ['cut.json', text.slice(0, text.length >> 1)],
      ['bare.json', JSON.stringify({ tool: 'pan-ser', schemaVersion: 1 })],
      ['noversion.json', JSON.stringify({ ...JSON.parse(text), schemaVersion: undefined })],
    ];
    for (const [name, body] of cases) {
      const bad = join(work, name);
      writeFileSync(bad, body);
      const r = await runCli(['diff', saved, bad]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(new RegExp(`${name}: a damaged pan-ser report: `));
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
    }
    // Tables of the wrong shape are refused too, not an internal error or a count of NaN.
    const report = JSON.parse(text) as Record<string, unknown>;
    const shapes: [string, Record<string, unknown>][] = [
      ['nogroups.json', { ...report, groups: {} }],
      ['nototals.json', { ...report, totals: {} }],
      ['badreason.json', { ...report, reasons: [{ reason: 'threat', sessions: 'many' }] }],
      ['nullfinding.json', { ...report, findings: [null] }],
      ['noweight.json', { ...report, weight: undefined }],
    ];
    for (const [name, body] of shapes) {
      const bad = join(work, name);
      writeFileSync(bad, JSON.stringify(body));
      const r = await runCli(['diff', saved, bad]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(new RegExp(`${name}: a damaged pan-ser report: `));
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
    }
  });

  it("refuses a side with no PAN-OS line (another tool's JSON, a report on stdin) in one line", async () => {
    const { file } = generate(50, 'diff-not-a-log');
    const saved = join(work, 'diff-not-a-log.json');
    await runCli(['analyze', file, '-f', 'json', '-o', saved]);
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ tool: 'other', hits: [1, 2] }, null, 2) + '\n');
    const r = await runCli(['diff', saved, other]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^pan-ser: \S+other\.json: neither a PAN-OS log nor a pan-ser report: none of its 7 lines is a PAN-OS log \[INPUT_UNREADABLE\]/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const piped = await runCli(['diff', '-', file], { stdin: readFileSync(saved) });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/^pan-ser: -: neither a PAN-OS log nor a pan-ser report: /);
    expect(piped.stderr.trim().split('\n')).toHaveLength(1);
    // A log of other types only (0 TRAFFIC sessions) is still a log.
    const threats = join(work, 'threat-only.log');
    writeFileSync(
      threats,
      readFileSync(join(FIXTURES_DIR, 'mixed/decryption-threat-auth.log'), 'utf8')
        .split('\n')
        .filter((l) => !l.includes(',TRAFFIC,'))
        .join('\n'),
    );
    expect((await runCli(['diff', threats, file])).code).toBe(0);
  });

  it('refuses to compare a rows-weighted side with a Repeat-Count-weighted one', async () => {
    const { file } = generate(300, 'diff-weight');
    const rows = join(work, 'diff-weight-rows.json');
    const repeat = join(work, 'diff-weight-repeat.json');
    await runCli(['analyze', file, '-f', 'json', '-o', rows]);
    await runCli(['analyze', file, '-f', 'json', '--weight', 'repeat', '-o', repeat]);
    for (const args of [
      [rows, repeat],
      ['--weight', 'repeat', file, rows],
      [repeat, file],
    ]) {
      const r = await runCli(['diff', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(
        /counts .* but .* counts .*: the numbers would not compare \[USAGE\]/,
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const same = await runCli(['diff', '--weight', 'repeat', '--format', 'json', repeat, file]);
    expect(same.code, same.stderr).toBe(0);
    const d = (JSON.parse(same.stdout) as { diff: SummaryDiff }).diff;
    expect(d.reasons.every((x) => x.change === 0)).toBe(true);
  });

  it('exit 2 when a side cannot be read', async () => {
    const r = await runCli(['diff', 'nope.log', FIXTURES[0] ?? '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.log: no such file/);
  });
});

describe('progress', () => {
  it('draws on a terminal stderr outside CI, with a clock that moves; never otherwise', async () => {
    const { file } = generate(20000, 'progress');
    let t = 0;
    const now = () => (t += 400);
    const on = await runCli(['analyze', file, '-q'], { stderrTty: true, now });
    expect(on.stderr).toContain('\r\u001b[K');
    expect(on.stderr).toMatch(/progress\.log: .* of .* \(\d+%\), [\d,]+ rows\/s, ETA /);
    const ci = await runCli(['analyze', file, '-q'], { stderrTty: true, now, env: { CI: 'true' } });
    expect(ci.stderr).toBe('');
    const pipe = await runCli(['analyze', file, '-q'], { stderrTty: false, now });
    expect(pipe.stderr).toBe('');
  });

  it('clears its line before a rejected line is printed, so that line stands on its own', async () => {
    const { file } = generate(20000, 'progress-reject');
    const logs = readFileSync(file, 'utf8').trimEnd().split('\n');
    logs.splice(15000, 0, 'not a log');
    writeFileSync(file, logs.join('\n') + '\n');
    let t = 0;
    const now = () => (t += 400);
    const r = await runCli(['analyze', file, '-f', 'json'], { stderrTty: true, now });
    const notes = r.stderr.split('\n').filter((l) => l.includes('pan-ser:'));
    expect(notes).toHaveLength(1);
    // What the terminal shows of that line: the text after the last return to its start.
    // eslint-disable-next-line no-control-regex
    for (const l of notes) expect(l.split('\r').at(-1)).toMatch(/^\u001b\[Kpan-ser: /);
  });
});
