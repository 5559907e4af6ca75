// Hostile field values (fixtures/bad/hostile.log: CSI, OSC 8 hyperlink, OSC 52 clipboard, C1
// CSI, a bidi override, a formula) and hostile file names must not reach a terminal raw, and the
// JSON report must stay valid JSON that carries the raw values back exactly.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/aggregate/summary.js';
import { FIXTURES, runCli } from '../helpers/io.js';
import { analyze } from '../helpers/outcome.js';
import { tempDir } from '../helpers/temp.js';

const HOSTILE = 'fixtures/bad/hostile.log';
// Everything a terminal acts on except the line feed between report lines.
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ESC = '\u001b';

describe('hostile field values', () => {
  it('the table report (no colour) holds no raw control character, and shows them escaped', async () => {
    const r = await runCli(['analyze', HOSTILE]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('\\x1b[2J\\x1b[31mpwned'); // the rule
    expect(r.stdout).toContain('\\x9b31mc1-csi'); // the app
    expect(r.stdout).toContain('\\x1b]52;c;ZWNobyBwd25lZA==\\x07'); // the zone
    expect(r.stdout).toContain('tcp-fin\\x1b[8m'); // an unrecognized end reason
    expect(r.stdout).toContain('allow\\u202egnp.exe'); // an unrecognized action
    expect(r.stdout).toContain('rule \\x1b[5mblink-rule allow/policy-deny'); // a finding's example
  });

  it('with colour, the only escape sequences are the report’s own SGR colours', async () => {
    const r = await runCli(['analyze', HOSTILE], { tty: true });
    expect(r.stdout).toContain(`${ESC}[`);
    // eslint-disable-next-line no-control-regex
    const withoutSgr = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(withoutSgr).not.toMatch(RAW_CONTROL);
  });

  it('stderr reject lines escape the hostile text they quote', async () => {
    const r = await runCli(['analyze', HOSTILE]);
    expect(r.stderr).toMatch(/hostile\.log:5: .*"\\x1b\[31mTRAFFIC".*\[NOT_PANOS\]/);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('JSON stays valid, carries the raw values exactly, and holds no raw C1 or bidi', async () => {
    const o = await analyze([HOSTILE]);
    expect(o.stdout).not.toMatch(RAW_CONTROL);
    const s = o.summary as Summary;
    const rules = Object.values(s.groups.rule).flatMap((rows) => rows.map((g) => g.value));
    expect(rules).toContain(`${ESC}[2J${ESC}[31mpwned`);
    expect(rules).toContain('=HYPERLINK("http://evil.example","x")');
    const apps = Object.values(s.groups.app).flatMap((rows) => rows.map((g) => g.value));
    expect(apps).toContain('\u009b31mc1-csi');
    expect(s.unrecognized.actions.map((a) => a.value)).toContain('allow\u202egnp.exe');
    const examples = s.findings.flatMap((f) => f.examples.map((e) => e.rule));
    expect(examples).toContain(`${ESC}[5mblink-rule`);
  });
});

describe('hostile file names', () => {
  const dir = tempDir('pan-ser-names-');
  const evil = join(dir, `evil${ESC}]0;owned${String.fromCharCode(7)}.log`);
  writeFileSync(evil, readFileSync(join(FIXTURES, 'bad/unterminated-quote.log')));

  it('are escaped in the report, in reject lines and in input errors', async () => {
    const missing = `${ESC}[31mmissing.log`;
    const r = await runCli(['analyze', evil, missing]);
    expect(r.code).toBe(2);
    for (const text of [r.stdout, r.stderr]) {
      expect(text).not.toMatch(RAW_CONTROL);
      expect(text).toContain('evil\\x1b]0;owned\\x07.log');
    }
    expect(r.stderr).toContain('\\x1b[31mmissing.log: no such file');
  });

  it('commander’s usage errors escape the argument they quote', async () => {
    const r = await runCli(['analyze', '--format', `${ESC}]52;c;x${String.fromCharCode(7)}`, 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\x1b]52;c;x\\x07');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('hostile arguments echoed in errors', () => {
  const evil = `${ESC}]52;c;x${String.fromCharCode(7)}`;
  for (const argv of [
    ['explain', evil],
    ['analyze', '--threshold', `${evil}=1`, 'fixtures/samples/cribl-pan-traffic.log'],
    [evil],
  ]) {
    it(`pan-ser ${argv[0] ?? ''} …: one escaped line, exit 2`, async () => {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('\\x1b]52;c;x\\x07');
      expect(r.stderr).not.toMatch(RAW_CONTROL);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
    });
  }
});

describe('stack traces', () => {
  it('none by default; PAN_SER_DEBUG=1 adds one after the one-line error', async () => {
    const file = 'fixtures/bad/uci-no-end-reason.csv';
    const plain = await runCli(['analyze', file]);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = await runCli(['analyze', file], { env: { PAN_SER_DEBUG: '1' } });
    const lines = debug.stderr.trim().split('\n');
    expect(lines[0]).toBe(plain.stderr.trim());
    expect(lines.slice(1).some((l) => /^\s+at /.test(l))).toBe(true);
  });
});
