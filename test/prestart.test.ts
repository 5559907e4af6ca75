// The split read's worker started before the CLI loads (src/prestart.ts): through the real
// program (bin/pan-ser.js), the report is the one pass's whether the early worker is used,
// left unused (the run does not split) or refused (another heap size was asked for), and an
// unused one never keeps the process from ending.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, SHARED } from './helpers/io.js';
import { tempDir } from './helpers/temp.js';
import { prestartWorker, stopPrestarted, takePrestarted } from '../src/prestart.js';
import { DEFAULT_AGGREGATOR_OPTIONS } from '../src/aggregate/aggregator.js';
import { analyzeInputs, DEFAULT_MAX_RECORD_BYTES, type AnalyzeOptions } from '../src/analyze.js';
import { processIo } from '../src/io.js';

function generated(format: 'csv' | 'syslog'): string {
  const text = execFileSync(
    'node',
    [`${SHARED}tools/gen-panlogs.mjs`, '--rows', '2000', '--format', format, '--seed', 'pre'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const file = join(tempDir('pan-ser-pre-'), format === 'csv' ? 't.csv' : 't.log');
  writeFileSync(file, text);
  return file;
}

/** The real program, as a user runs it (main.ts prestarts only there). */
function panSer(args: string[], env: Record<string, string>) {
  const r = spawnSync('node', ['bin/pan-ser.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

describe('the worker started before the CLI loads', () => {
  afterEach(async () => {
    await stopPrestarted();
  });

  for (const format of ['csv', 'syslog'] as const) {
    it(`gives the one pass's report when it reads the second part (${format})`, () => {
      const file = generated(format);
      const args = ['analyze', '--format', 'json', file];
      const one = panSer(args, { PAN_SER_PARALLEL_MIN_BYTES: '0' });
      const early = panSer(args, { PAN_SER_PARALLEL_MIN_BYTES: '1' });
      expect(one.code).toBe(0);
      expect(early).toEqual(one);
      // The worker it used still had the heap asked for.
      const small = panSer(args, { PAN_SER_PARALLEL_MIN_BYTES: '1', PAN_SER_WORKER_HEAP_MB: '1' });
      expect(small).toEqual(one);
    });
  }

  it('is stopped unused when the run does not split, and the process ends', () => {
    const file = generated('csv');
    const one = panSer(['analyze', '--format', 'json', file], { PAN_SER_PARALLEL_MIN_BYTES: '0' });
    // --strict and stdin never split; the early worker was started all the same.
    const strict = panSer(['analyze', '--format', 'json', '--strict', file], {
      PAN_SER_PARALLEL_MIN_BYTES: '1',
    });
    expect(strict.signal).toBeNull();
    expect(strict).toEqual(one);
    const help = panSer(['analyze', '--help', file], { PAN_SER_PARALLEL_MIN_BYTES: '1' });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: pan-ser analyze/);
  });

  it('starts only for analyze and a plain file at least the split size', async () => {
    const file = generated('csv');
    prestartWorker(['explain', file], { PAN_SER_PARALLEL_MIN_BYTES: '1' });
    expect(takePrestarted(40)).toBeNull();
    prestartWorker(['analyze', file], { PAN_SER_PARALLEL_MIN_BYTES: '0' });
    expect(takePrestarted(40)).toBeNull();
    prestartWorker(['analyze', file], { PAN_SER_PARALLEL_MIN_BYTES: String(1 << 30) });
    expect(takePrestarted(40)).toBeNull();
    prestartWorker(['analyze', '--format', 'json', join(ROOT, 'no-such-file')], {
      PAN_SER_PARALLEL_MIN_BYTES: '1',
    });
    expect(takePrestarted(40)).toBeNull();
    // Asked for another heap, the early one is stopped and not handed out.
    prestartWorker(['analyze', file], { PAN_SER_PARALLEL_MIN_BYTES: '1' });
    expect(takePrestarted(12)).toBeNull();
    prestartWorker(['analyze', file], { PAN_SER_PARALLEL_MIN_BYTES: '1' });
    const worker = takePrestarted(40);
    expect(worker).not.toBeNull();
    await worker?.terminate();
  });

  it('is the worker the split read uses, and is left alone by a run that does not split', async () => {
    const file = generated('syslog');
    const options = (parallelMinBytes: number): AnalyzeOptions => ({
      inputFormat: 'auto',
      aggregator: DEFAULT_AGGREGATOR_OPTIONS,
      maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
      strict: false,
      parallelMinBytes,
    });
    const one = await analyzeInputs([file], options(0), processIo());
    prestartWorker(['analyze', file], { PAN_SER_PARALLEL_MIN_BYTES: '1' });
    expect(await analyzeInputs([file], options(0), processIo())).toEqual(one);
    const still = takePrestarted(40);
    expect(still).not.toBeNull();
    await still?.terminate();
    prestartWorker(['analyze', file], { PAN_SER_PARALLEL_MIN_BYTES: '1' });
    expect(await analyzeInputs([file], options(1), processIo())).toEqual(one);
    expect(takePrestarted(40)).toBeNull();
  });

  it('does not start for a gzip file', () => {
    const dir = tempDir('pan-ser-pre-');
    const gz = join(dir, 't.csv.gz');
    writeFileSync(gz, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
    prestartWorker(['analyze', gz], { PAN_SER_PARALLEL_MIN_BYTES: '1' });
    expect(takePrestarted(40)).toBeNull();
  });
});
