import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { FIXTURES, runCli, SHARED } from './helpers/io.js';
import { createAggregator, DEFAULT_AGGREGATOR_OPTIONS } from '../src/aggregate/aggregator.js';
import { DEFAULT_MAX_RECORD_BYTES, type AnalyzeOptions } from '../src/analyze.js';
import { createMapper } from '../src/fields/map.js';
import { countInto, createFeeder } from '../src/feed.js';
import { openInput } from '../src/input/open.js';
import { processIo } from '../src/io.js';
import { analyzeFileInParallel } from '../src/parallel.js';
import { tempDir } from './helpers/temp.js';

/** A generated file with bad lines planted at known places, both halves included. */
function plantedFile(format: 'csv' | 'syslog'): { file: string; badLines: number[] } {
  const text = execFileSync(
    'node',
    [`${SHARED}tools/gen-panlogs.mjs`, '--rows', '3000', '--format', format, '--seed', 'par'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const bad = ['1,"never closed', 'x\0y', 'TRAFFIC', '1,2,3,TRAFFIC,end,5'];
  const badLines: number[] = [];
  // Planted after the header, around the middle (where the file is cut) and near the end.
  for (const at of [5, 1490, 1500, 1510, 2990]) {
    lines.splice(at, 0, bad[at % bad.length] ?? 'x', '');
    badLines.push(at + 1);
  }
  const dir = tempDir('pan-ser-par-');
  const file = join(dir, `t.${format === 'csv' ? 'csv' : 'log'}`);
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return { file, badLines };
}

describe('two threads on one file', () => {
  for (const format of ['syslog', 'csv'] as const) {
    it(`gives the same report, rejects and line numbers as one pass (${format})`, async () => {
      const { file } = plantedFile(format);
      const args = ['analyze', '--format', 'json', '--max-errors', '3', file];
      const one = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '0' } });
      const two = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '1' } });
      expect(two.code).toBe(one.code);
      expect(two.stderr).toBe(one.stderr);
      expect(two.stdout).toBe(one.stdout);
      const report = JSON.parse(two.stdout) as {
        lines: { read: number; rejected: number };
        groupsExact: boolean;
      };
      expect(report.groupsExact).toBe(true);
      expect(report.lines.rejected).toBeGreaterThanOrEqual(4);
      expect(two.stderr).toMatch(/more rejected lines follow/);
    });
  }

  it('numbers rejects in the second half exactly', async () => {
    const { file, badLines } = plantedFile('syslog');
    const r = await runCli(['analyze', '--format', 'json', '--max-errors', '50', file], {
      env: { PAN_SER_PARALLEL_MIN_BYTES: '1' },
    });
    const report = JSON.parse(r.stdout) as { rejects: { first: { line: number }[] } };
    const got = report.rejects.first.map((x) => x.line);
    // Each planted bad line is rejected (some of the generator's own lines may be too).
    for (const at of badLines) expect(got).toContain(at);
  });

  it('equals one pass on every fixture, and on related logs waiting across the cut', async () => {
    const dir = tempDir('pan-ser-par-');
    const mixed = readFileSync(join(FIXTURES, 'mixed/decryption-threat-auth.log'), 'utf8');
    const repeated = join(dir, 'mixed-x300.log');
    writeFileSync(repeated, mixed.repeat(300));
    const files = [
      repeated,
      ...['samples', 'mixed', 'bad'].flatMap((d) =>
        readdirSync(join(FIXTURES, d))
          .filter((f) => !f.endsWith('.md'))
          .map((f) => join(FIXTURES, d, f)),
      ),
    ];
    for (const file of files) {
      const args = ['analyze', '--format', 'json', file];
      const one = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '0' } });
      const two = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '1' } });
      expect([two.code, two.stderr, two.stdout], file).toEqual([one.code, one.stderr, one.stdout]);
    }
  });
});

describe('more skipped log types than the report names', () => {
  const line = (type: string) => `<14>Nov 23 00:00:01 fw 1,2026/11/23 00:00:01,0162,${type},x,1\n`;
  const split = async (file: string) => {
    const args = ['analyze', '--format', 'json', file];
    const one = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '0' } });
    const two = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '1' } });
    expect(two.stdout).toBe(one.stdout);
    return (JSON.parse(one.stdout) as { lines: { skippedBy: Record<string, number> } }).lines
      .skippedBy;
  };
  const dir = tempDir('pan-ser-par-');

  it('names the first 64 of the whole file, not also the first 64 of the second part', async () => {
    // The worker's named types were added to the first part's: 128 named.
    const file = join(dir, 'types.log');
    writeFileSync(file, Array.from({ length: 400 }, (_, i) => line(`T${i}X`)).join(''));
    const by = await split(file);
    expect(Object.keys(by)).toHaveLength(65);
    expect(by['(other types)']).toBe(400 - 64);
  });

  it('reads on when the second part hid a type the first part names', async () => {
    const first = Array.from({ length: 300 }, (_, i) => line(`A${i % 30}X`));
    const second = [
      ...Array.from({ length: 150 }, (_, i) => line(`B${i % 100}X`)),
      ...Array.from({ length: 150 }, (_, i) => line(`A${i % 30}X`)),
    ];
    const file = join(dir, 'hidden.log');
    writeFileSync(file, [...first, ...second].join(''));
    const by = await split(file);
    expect(by.A0X).toBe(15);
  });
});

describe('a worker that runs out of heap', () => {
  const options: AnalyzeOptions = {
    inputFormat: 'auto',
    aggregator: DEFAULT_AGGREGATOR_OPTIONS,
    maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
    strict: false,
  };

  async function twoThreads(file: string, workerHeapMb?: number) {
    const agg = createAggregator(DEFAULT_AGGREGATOR_OPTIONS);
    const lines = { read: 0, analysed: 0, skipped: 0, rejected: 0 };
    const opened = await openInput(file, processIo());
    const mapper = createMapper(file, options);
    const feeder = createFeeder(file, options, mapper, countInto(agg, lines, options, {}));
    try {
      const outcome = await analyzeFileInParallel(
        file,
        opened,
        { ...options, workerHeapMb },
        mapper,
        agg,
        lines,
        {},
        feeder,
      );
      return { outcome, lines };
    } finally {
      opened.source.destroy();
    }
  }

  it('makes the main thread read on through its range; the report is one pass', async () => {
    const { file } = plantedFile('csv');
    const fits = await twoThreads(file);
    expect(fits.outcome).toBe('merged');
    expect(fits.lines.read).toBeGreaterThan(3000);
    const starved = await twoThreads(file, 1);
    expect(starved).toEqual({ outcome: 'read-on', lines: fits.lines });

    const args = ['analyze', '--format', 'json', file];
    const one = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '0' } });
    const fallback = await runCli(args, {
      env: { PAN_SER_PARALLEL_MIN_BYTES: '1', PAN_SER_WORKER_HEAP_MB: '1' },
    });
    expect(fallback).toEqual(one);
  });
});

/** A generated CSV export cut in two, the second part re-headed (columns moved) by `cat`. */
function catFile(
  second: (header: string) => string,
  firstRows = 600,
): {
  file: string;
  firstRows: number;
  header: string;
} {
  const text = execFileSync(
    'node',
    [`${SHARED}tools/gen-panlogs.mjs`, '--rows', '2000', '--format', 'csv', '--seed', 'cat'],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [header = '', ...rows] = lines;
  // The columns before Rule hold no quotes or commas, so moving Rule to the front is a plain
  // cut and join: the rows after the new header carry the same values in another order.
  const rule = header.split(',').indexOf('Rule');
  const move = (l: string) => {
    const cells = l.split(',');
    return [cells[rule], ...cells.slice(0, rule), ...cells.slice(rule + 1)].join(',');
  };
  // 600: before the middle of the file, the re-header sits in the first half.
  const out = [
    header,
    ...rows.slice(0, firstRows),
    second(move(header)),
    ...rows.slice(firstRows).map(move),
  ];
  const dir = tempDir('pan-ser-par-');
  const file = join(dir, 'joined.csv');
  writeFileSync(file, out.join('\n') + '\n');
  return { file, firstRows, header };
}

describe('two threads on exports joined with cat', () => {
  it('read the second half by a header met again in the first half', async () => {
    const { file } = catFile((h) => h);
    const args = ['analyze', '--format', 'json', '--top', '100', file];
    const one = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '0' } });
    const two = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '1' } });
    expect(two).toEqual(one);
    const report = JSON.parse(one.stdout) as {
      groupsExact: boolean;
      groups: { rule: Record<string, { value: string }[]> };
    };
    expect(report.groupsExact).toBe(true);
    // Every rule value is a rule name: no column of another field was read as the rule.
    const rules = Object.values(report.groups.rule).flatMap((rows) => rows.map((r) => r.value));
    expect(rules.every((v) => !/^\d/.test(v) && v !== '' && !v.includes('base'))).toBe(true);
  });

  it('stop where one pass stops: a re-header without the needed columns in the first half', async () => {
    const { file, firstRows } = catFile((h) => h.replace('Session End Reason', 'Foo'));
    const args = ['analyze', '--format', 'json', file];
    const one = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '0' } });
    const two = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '1' } });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain(`${file}:${firstRows + 2}: this CSV export has no`);
    expect(two).toEqual(one);
  });

  it('stop where one pass stops, at the same line: such a re-header in the second half', async () => {
    const { file, firstRows } = catFile((h) => h.replace('Session End Reason', 'Foo'), 1600);
    const args = ['analyze', '--format', 'json', file];
    const one = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '0' } });
    const two = await runCli(args, { env: { PAN_SER_PARALLEL_MIN_BYTES: '1' } });
    expect(one.stderr).toContain(`${file}:${firstRows + 2}: this CSV export has no`);
    expect(two).toEqual(one);
  });
});
