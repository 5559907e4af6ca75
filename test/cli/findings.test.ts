// Findings end to end: the allow + policy-deny detective against the generator's truth file
// (csv and syslog, two seeds), correlation on a mixed syslog fixture, thresholds on the command
// line, and golden reports.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FindingRow, Summary } from '../../src/aggregate/summary.js';
import { FINDINGS, THRESHOLD_NAMES } from '../../src/classify/findings.js';
import { runCli, SHARED } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

const GEN = join(SHARED, 'tools/gen-panlogs.mjs');
const work = tempDir('pan-ser-findings-');
const MIXED = 'fixtures/mixed/decryption-threat-auth.log';

interface Truth {
  allow_policy_deny: { total: number; by_cause: Record<string, number> };
}

/** The generator's cause names and ours: same evidence rule, our own ids. */
const CAUSE_OF_TRUTH: Record<string, string> = {
  decrypted: 'decryption',
  captive_portal: 'authentication-portal',
  app_shift_web_browsing_443: 'app-id-shift',
};

function generate(format: 'csv' | 'syslog', seed: string): { file: string; truth: Truth } {
  const file = join(work, `${seed}.${format}`);
  execFileSync('node', [
    GEN,
    ...['--rows', '100000', '--format', format, '--seed', seed],
    ...['--out', file, '--truth', `${file}.truth.json`],
  ]);
  return { file, truth: JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')) as Truth };
}

async function summary(args: string[]): Promise<Summary> {
  const r = await runCli(['analyze', '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

const finding = (s: Summary, id: string): FindingRow | undefined =>
  s.findings.find((f) => f.id === id);

describe('allow + policy-deny on generator output equals the truth file', () => {
  for (const seed of ['11', 'detective']) {
    for (const format of ['csv', 'syslog'] as const) {
      it(`seed ${seed}, ${format}, 100k rows`, async () => {
        const { file, truth } = generate(format, seed);
        const f = finding(await summary([file]), 'allow-policy-deny');
        expect(f?.sessions).toBe(truth.allow_policy_deny.total);
        const got = Object.fromEntries((f?.causes ?? []).map((c) => [c.id, c.sessions]));
        const want = Object.fromEntries(
          Object.entries(truth.allow_policy_deny.by_cause)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => [CAUSE_OF_TRUTH[k] ?? k, n]),
        );
        expect(got).toEqual(want);
        for (const c of f?.causes ?? []) expect(c.primary, c.id).toBe(c.sessions);
        expect(f?.examples.length).toBe(3);
      });
    }
  }
});

describe('correlation with DECRYPTION, THREAT and AUTH logs', () => {
  it('shows the decryption error as confirmed evidence, with the reason it would be today', async () => {
    const s = await summary([MIXED]);
    expect(s.lines).toMatchObject({ read: 10, analysed: 5, skipped: 5, rejected: 0 });
    expect(s.lines.skippedBy).toEqual({ DECRYPTION: 3, AUTH: 1, THREAT: 1 });
    const apd = finding(s, 'allow-policy-deny');
    expect(apd?.causes.find((c) => c.id === 'decryption')).toMatchObject({
      sessions: 2,
      confirmed: 1,
    });
    const ex = apd?.examples.find((e) => e.sessionid === '871003');
    expect(ex?.evidence).toMatchObject({
      causes: 'decryption (confirmed)',
      decryptionError: 'Certificate / Received fatal alert BadCertificate from client',
      wouldBe: 'decrypt-cert-validation',
    });
    expect(apd?.examples.find((e) => e.sessionid === '300117')?.evidence.causes).toBe('decryption');
    expect(apd?.causes.find((c) => c.id === 'authentication-portal')?.confirmed).toBe(1);
    // URL/Filename, Threat ID, Category, Severity of the THREAT log.
    expect(finding(s, 'threat-on-allow')?.examples[0]?.evidence.threat).toBe(
      'secure.eicar.org/eicar.com / Eicar Test File(39040) / computer-and-internet-info / medium',
    );
    expect(finding(s, 'decrypt-failure')?.causes).toEqual([
      expect.objectContaining({ id: 'decrypt-unsupport-param', sessions: 1, confirmed: 1 }),
    ]);
  });

  it('does not join logs of another firewall (serial), nor logs pushed out of the window', async () => {
    const lines = readFileSync(MIXED, 'utf8').split('\n');
    const [decrypt871003 = '', traffic871003 = ''] = lines;
    const decrypt998877 = lines.find((l) => l.includes(',998877,')) ?? '';
    const confirmed = async (text: string, window: number) => {
      const r = await runCli(
        ['analyze', '--format', 'json', '--threshold', `correlation-window=${window}`, '-'],
        { stdin: text },
      );
      const s = JSON.parse(r.stdout) as Summary;
      return finding(s, 'allow-policy-deny')?.causes.find((c) => c.id === 'decryption')?.confirmed;
    };
    expect(await confirmed(`${decrypt871003}\n${traffic871003}\n`, 1)).toBe(1);
    const otherSerial = decrypt871003.replace(
      ',012801000111,DECRYPTION,',
      ',099999999999,DECRYPTION,',
    );
    expect(otherSerial).not.toBe(decrypt871003);
    expect(await confirmed(`${otherSerial}\n${traffic871003}\n`, 10)).toBe(0);
    const twoBefore = `${decrypt871003}\n${decrypt998877}\n${traffic871003}\n`;
    expect(await confirmed(twoBefore, 2)).toBe(1);
    expect(await confirmed(twoBefore, 1)).toBe(0);
  });
});

describe('findings on the command line', () => {
  it('takes --threshold name=value and refuses unknown names', async () => {
    const s = await summary(['--threshold', 'examples=1', MIXED]);
    expect(finding(s, 'allow-policy-deny')?.examples).toHaveLength(1);
    const bad = await runCli(['analyze', '--threshold', 'nope=3', MIXED]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad --threshold "nope=3" \[USAGE\] \(give name=number/);
    const help = await runCli(['analyze', '--help']);
    expect(help.stdout).toContain('tiny-session-packets (default 4)');
  });

  it('`pan-ser findings` lists every finding and threshold', async () => {
    const r = await runCli(['findings']);
    expect(r.code).toBe(0);
    for (const id of Object.keys(FINDINGS)) expect(r.stdout).toContain(id);
    for (const n of THRESHOLD_NAMES) expect(r.stdout).toContain(`${n} = `);
  });

  it('terminal report (golden)', async () => {
    const r = await runCli(['analyze', MIXED]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/analyze-mixed.txt');
  });

  it('JSON report (golden)', async () => {
    const r = await runCli(['analyze', '--format', 'json', MIXED]);
    await expect(r.stdout).toMatchFileSnapshot('../golden/analyze-mixed.json');
  });
});
