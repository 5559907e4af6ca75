// End-to-end through run(argv, io): generator output against its truth file, every sample
// against a count made here independently, golden outputs, and the error paths.
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/aggregate/summary.js';
import { FIXTURES, runCli, SHARED } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

const GEN = join(SHARED, 'tools/gen-panlogs.mjs');
const work = tempDir('pan-ser-test-');

function generate(
  format: 'csv' | 'syslog',
  rows: number,
  seed: string,
): { file: string; truth: Record<string, unknown> } {
  const file = join(work, `${seed}.${format}`);
  const truthFile = `${file}.truth.json`;
  execFileSync('node', [
    GEN,
    '--rows',
    String(rows),
    '--format',
    format,
    '--seed',
    seed,
    '--out',
    file,
    '--truth',
    truthFile,
  ]);
  return { file, truth: JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, unknown> };
}

function nonZero(
  rows: readonly { rows: number; reason?: string; action?: string }[],
  key: 'reason' | 'action',
): Record<string, number> {
  const out: [string, number][] = rows.filter((r) => r.rows > 0).map((r) => [r[key] ?? '', r.rows]);
  return Object.fromEntries(out.sort((a, b) => a[0].localeCompare(b[0])));
}

async function analyzeJson(args: string[]): Promise<Summary> {
  const r = await runCli(['analyze', '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

describe('analyze on generator output', () => {
  for (const format of ['csv', 'syslog'] as const) {
    it(`${format}: per-reason and per-action counts equal the truth file (100k rows)`, async () => {
      const { file, truth } = generate(format, 100_000, `truth-${format}`);
      const s = await analyzeJson([file]);
      expect(nonZero(s.reasons, 'reason')).toEqual(truth.by_session_end_reason);
      expect(nonZero(s.actions, 'action')).toEqual(truth.by_action);
      const weighted = Object.fromEntries(
        s.reasons.filter((r) => r.rows > 0).map((r) => [r.reason, r.repeatWeighted]),
      );
      expect(weighted).toEqual(truth.by_session_end_reason_repeat_weighted);
      const header = format === 'csv' ? 1 : 0;
      expect(s.lines).toMatchObject({
        read: 100_000 + header,
        analysed: 100_000,
        skipped: header,
        rejected: 0,
      });
      const byRule = truth.by_rule_reason as Record<string, Record<string, number>>;
      for (const [rule, reasons] of Object.entries(byRule)) {
        for (const [reason, n] of Object.entries(reasons)) {
          const row = s.groups.rule[reason]?.find((g) => g.value === rule);
          if (row) expect(row.sessions, `${rule}/${reason}`).toBe(n);
        }
      }
    });
  }

  it('--weight repeat counts each row as its Repeat Count', async () => {
    const { file, truth } = generate('syslog', 3000, 'weight');
    const s = await analyzeJson(['--weight', 'repeat', file]);
    const sessions = Object.fromEntries(
      s.reasons.filter((r) => r.rows > 0).map((r) => [r.reason, r.sessions]),
    );
    expect(sessions).toEqual(truth.by_session_end_reason_repeat_weighted);
  });
});

/** The end reason, action and log type of one line, read here without pan-ser's code. */
function readIndependently(line: string): { type: string; reason: string; action: string } | null {
  if (line.startsWith('{')) {
    const o = JSON.parse(line) as Record<string, string>;
    const reason = (o.SessionEndReason ?? '').toLowerCase();
    return {
      type: o.LogType ?? '',
      reason: reason === 'n-a' ? 'n/a' : reason,
      action: o.Action ?? '',
    };
  }
  const leef = /LEEF:2\.0\|[^|]*\|[^|]*\|[^|]*\|([^|]*)\|x7C\|(.*)$/.exec(line);
  if (leef) {
    const kv = new Map(
      (leef[2] ?? '')
        .split('|')
        .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
    );
    return {
      type: kv.get('cat') ?? '',
      reason: kv.get('SessionEndReason') ?? '',
      action: leef[1] ?? '',
    };
  }
  const cef = /CEF:0\|[^|]*\|[^|]*\|[^|]*\|([^|]*)\|([^|]*)\|/.exec(line);
  if (cef) {
    const get = (k: string) => new RegExp(`(?:^| )${k}=(\\S*)`).exec(line)?.[1] ?? '';
    return {
      type: [cef[1], cef[2]].includes('TRAFFIC') ? 'TRAFFIC' : '',
      reason: get('reason'),
      action: get('act'),
    };
  }
  const rows: string[][] = parse(line, { relax_quotes: true, relax_column_count: true });
  const cells = rows[0] ?? [];
  if (cells.length < 47) return null;
  return { type: cells[3] ?? '', reason: cells[46] ?? '', action: cells[30] ?? '' };
}

/** An independent count of TRAFFIC reasons and actions in a sample file. */
function independentCount(file: string): {
  reasons: Record<string, number>;
  actions: Record<string, number>;
  traffic: number;
} {
  const reasons: Record<string, number> = {};
  const actions: Record<string, number> = {};
  let traffic = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const got = readIndependently(line);
    if (got?.type !== 'TRAFFIC') continue;
    traffic++;
    const reason = got.reason.toLowerCase();
    const action = got.action.toLowerCase();
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    actions[action] = (actions[action] ?? 0) + 1;
  }
  return { reasons, actions, traffic };
}

describe('analyze on the real samples', () => {
  const files = readdirSync(join(FIXTURES, 'samples')).filter((f) => f.endsWith('.log'));
  for (const name of files) {
    it(`${name}: reason and action counts equal an independent count`, async () => {
      const file = join(FIXTURES, 'samples', name);
      const s = await analyzeJson([file]);
      const want = independentCount(file);
      const got = (rows: { rows: number }[], key: 'reason' | 'action', known: Set<string>) => {
        const out: Record<string, number> = {};
        for (const r of rows as unknown as Record<string, string | number>[]) {
          if ((r.rows as number) > 0 && r[key] !== '(unrecognized)')
            out[String(r[key])] = r.rows as number;
        }
        for (const u of key === 'reason' ? s.unrecognized.reasons : s.unrecognized.actions) {
          if (!known.has(u.value)) out[u.value] = u.sessions;
        }
        return out;
      };
      expect(got(s.reasons, 'reason', new Set())).toEqual(want.reasons);
      expect(got(s.actions, 'action', new Set())).toEqual(want.actions);
      expect(s.lines.analysed).toBe(want.traffic);
      expect(s.lines.read).toBe(s.lines.analysed + s.lines.skipped + s.lines.rejected);
    });
  }
});

describe('analyze: outputs and errors', () => {
  const samples = readdirSync(join(FIXTURES, 'samples'))
    .filter((f) => f.endsWith('.log'))
    .map((f) => `fixtures/samples/${f}`);

  it('terminal report (golden)', async () => {
    const r = await runCli(['analyze', '--top', '3', ...samples]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/analyze-samples.txt');
  });

  it('JSON report (golden), same bytes on a second run', async () => {
    const a = await runCli(['analyze', '--format', 'json', ...samples]);
    const b = await runCli(['analyze', '--format', 'json', ...samples]);
    expect(a.stdout).toBe(b.stdout);
    await expect(a.stdout).toMatchFileSnapshot('../golden/analyze-samples.json');
  });

  it('prints each rejected line on stderr as file:line: why [CODE]', async () => {
    const r = await runCli(['analyze', 'fixtures/samples/wazuh-paloalto-csv.log']);
    expect(r.stderr).toMatch(
      /^pan-ser: fixtures\/samples\/wazuh-paloalto-csv\.log:2: TRAFFIC line has 5 fields.*\[TOO_FEW_FIELDS\]$/m,
    );
  });

  it('refuses a CSV export without Session End Reason in one line, exit 2', async () => {
    const r = await runCli(['analyze', 'fixtures/bad/uci-no-end-reason.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /uci-no-end-reason\.csv:1: .*no Session End Reason column.*\[INPUT_MISSING_COLUMNS\]/,
    );
  });

  it('names a missing file and goes on with the others, exit 2', async () => {
    const r = await runCli([
      'analyze',
      'nope.log',
      'fixtures/samples/cribl-pan-traffic.log',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.log: no such file \[INPUT_UNREADABLE\]/);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.lines.analysed).toBe(4);
    expect(s.inputs[0]?.error).toMatch(/no such file/);
  });

  it('reads stdin with -', async () => {
    const text = readFileSync(join(FIXTURES, 'samples/cribl-pan-traffic.log'));
    const r = await runCli(['analyze', '-', '--format', 'json'], { stdin: text });
    expect((JSON.parse(r.stdout) as Summary).lines.analysed).toBe(4);
  });

  it('reads gzip files', async () => {
    const { gzipSync } = await import('node:zlib');
    const { writeFileSync } = await import('node:fs');
    const gz = join(work, 'cribl.log.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(FIXTURES, 'samples/cribl-pan-traffic.log'))));
    const s = await analyzeJson([gz]);
    expect(s.lines.analysed).toBe(4);
  });

  it('rejects bad usage with exit 2 and a hint', async () => {
    const r = await runCli(['analyze', '--format', 'xml', 'x.log']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xml/);
    const v = await runCli(['analyze', '--panos-version', '4.0', 'x.log']);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/unknown --panos-version "4.0" \[USAGE\]/);
  });

  it('says what is wrong with options in one line, parser errors included', async () => {
    for (const args of [
      ['analyze', '--top', 'x', 'x.log'],
      ['analyze', '--bogus', 'x.log'],
      ['bogus'],
      ['analyze', '--group-by', ' , ', 'x.log'],
      // Commander puts its "(Did you mean …?)" on a line of its own.
      ['anlyze', 'x.log'],
      ['analyze', '--formt', 'json', 'x.log'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(/^pan-ser: .*(--help for usage\)|\[USAGE\])/);
    }
  });

  it('colours only when asked and allowed', async () => {
    const f = 'fixtures/samples/cribl-pan-traffic.log';
    const esc = '\u001b[';
    expect((await runCli(['analyze', f], { tty: true })).stdout).toContain(esc);
    expect(
      (await runCli(['analyze', f], { tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain(esc);
    expect((await runCli(['analyze', f, '--no-color'], { tty: true })).stdout).not.toContain(esc);
    expect((await runCli(['analyze', f], { tty: false })).stdout).not.toContain(esc);
  });
});
