// The real bin in a child process: the built dist/ runs, and a closed pipe is success.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SHARED } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

const BIN = join(ROOT, 'bin/pan-ser.js');

describe('bin/pan-ser.js', () => {
  it('runs analyze on a bundled sample', () => {
    const r = spawnSync('node', [BIN, 'analyze', 'fixtures/samples/cribl-pan-traffic.log'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Session end reasons: 4 sessions');
  });

  it('exits 0 when the reader closes the pipe early (| head -1)', () => {
    // Large output (thousands of group rows) so the pipe really closes under the writer.
    const dir = tempDir('pan-ser-pipe-');
    const log = join(dir, 'big.log');
    execFileSync('node', [
      join(SHARED, 'tools/gen-panlogs.mjs'),
      '--rows',
      '20000',
      '--format',
      'syslog',
      '--out',
      log,
    ]);
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; node ${BIN} analyze --format json --top 5000 ${log} | head -1`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.status).toBe(0);
  });

  it('writes the report when the reader of stderr closes it early (2>&1 >report | head -1)', () => {
    // Many rejected lines, so notes are still written to stderr after the pipe closed.
    const dir = tempDir('pan-ser-pipe-');
    const log = join(dir, 'junk.log');
    const report = join(dir, 'report.json');
    writeFileSync(log, 'not a log line\n'.repeat(5000));
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node ${BIN} analyze --format json --max-errors 5000 ${log} 2>&1 >${report} | head -1; exit \${PIPESTATUS[0]}`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as { lines: { rejected: number } };
    expect(parsed.lines.rejected).toBe(5000);
  });

  it('refuses a directory on standard input (- < dir) rather than reading it as empty', () => {
    const dir = tempDir('pan-ser-stdin-dir-');
    const r = spawnSync('bash', ['-c', `node ${BIN} analyze -f json - < ${dir}`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'pan-ser: -: is a directory, not a log file [INPUT_UNREADABLE] (pass the files inside it)\n',
    );
  });

  it('prints --help and exits 0; exits 2 on an unknown command', () => {
    const help = spawnSync('node', [BIN, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('analyze');
    const bad = spawnSync('node', [BIN, 'analyse'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
