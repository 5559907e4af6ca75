// Gzip inputs whose first member is intact and whose rest is not: every line of the intact part is
// analysed exactly as if the file held only that part, then the damage is one input error line
// (exit 2). Intact multi-member files and trailing zero padding read as gzip(1) reads them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zc, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/aggregate/summary.js';
import { FIXTURES } from '../helpers/io.js';
import { analyze, rejectsOf, type Outcome } from '../helpers/outcome.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('pan-ser-gz-members-');
const SYS = readFileSync(join(FIXTURES, 'samples/cribl-pan-traffic.log'), 'utf8')
  .trim()
  .split('\n');
const text = (n: number, shift: number): Buffer =>
  Buffer.from(Array.from({ length: n }, (_, i) => `${SYS[(i + shift) % SYS.length]}\n`).join(''));
// About 120 KB of lines: several of zlib's output steps, so a lost step shows.
const A = text(240, 0);
const B = text(60, 1);
const GZ_A = gzipSync(A);
const GZ_B = gzipSync(B);

function file(name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** The report without its inputs list (which holds the error) and with the input named `<in>`. */
function body(s: Summary | null): unknown {
  const name = s?.inputs[0]?.name ?? '';
  const rest = Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => k !== 'inputs'));
  return JSON.parse(JSON.stringify(rest).replaceAll(JSON.stringify(name), '"<in>"'));
}

/** What pan-ser reports for the plain text of the intact part alone. */
async function alone(data: Buffer, name: string): Promise<Summary> {
  const o = await analyze([file(name, data)]);
  expect(o.code).toBe(0);
  if (!o.summary) throw new Error('no report');
  return o.summary;
}

function expectGzipError(o: Outcome, name: string, detail: string): void {
  expect(o.code).toBe(2);
  expect(o.otherLines).toEqual([
    `pan-ser: ${name}: gzip data is corrupt or cut short (${detail}) [INPUT_UNREADABLE] (the lines before the damage were analysed; re-copy or re-compress the file)`,
  ]);
  expect(o.summary?.inputs[0]?.error).toContain(detail);
}

describe('gzip: an intact first member, then damage', () => {
  it('a damaged second member: every line of the first is analysed, then the error', async () => {
    const want = await alone(A, 'a.log');
    const broken = Buffer.concat([GZ_A, GZ_B.subarray(0, 10), Buffer.from([0xff, 0xff, 0xff])]);
    const name = file('bad-second.log.gz', broken);
    const o = await analyze([name]);
    expectGzipError(o, name, 'invalid block type in gzip member 2');
    expect(body(o.summary)).toEqual(body(want));
    expect(o.summary?.inputs[0]?.lines).toEqual(want.inputs[0]?.lines);
    expect(rejectsOf(o)).toEqual([]);
  });

  it('a second member cut short: the first whole, the second up to the cut, the cut line rejected', async () => {
    const cutB = GZ_B.subarray(0, Math.floor(GZ_B.length * 0.6));
    const name = file('cut-second.log.gz', Buffer.concat([GZ_A, cutB]));
    const o = await analyze([name]);
    expectGzipError(o, name, 'unexpected end of file in gzip member 2');
    // The complete lines zlib can inflate from the cut member, and the one it breaks off in.
    const fromB = gunzipSync(cutB, { finishFlush: zc.Z_SYNC_FLUSH }).toString('latin1');
    const completeB = fromB.split('\n').length - 1;
    expect(fromB.endsWith('\n')).toBe(false);
    const read = 240 + completeB + 1;
    expect(o.summary?.lines).toMatchObject({ read, analysed: read - 1, skipped: 0, rejected: 1 });
    expect(rejectsOf(o)).toEqual([[read, 'TRUNCATED']]);
  });

  it('trailing junk after the only member: every line analysed, then the error', async () => {
    const want = await alone(A, 'a.log');
    for (const junk of ['JUNK', '\n\n', 'x'.repeat(70_000)]) {
      const name = file('junk.log.gz', Buffer.concat([GZ_A, Buffer.from(junk)]));
      const o = await analyze([name]);
      expectGzipError(
        o,
        name,
        `junk after the end of gzip member 1, from byte offset ${GZ_A.length}`,
      );
      expect(body(o.summary)).toEqual(body(want));
      expect(rejectsOf(o)).toEqual([]);
    }
  });

  it('trailing junk on standard input: the same', async () => {
    const want = await alone(A, 'a.log');
    const o = await analyze(['-'], { stdin: Buffer.concat([GZ_A, Buffer.from('JUNK')]) });
    expectGzipError(o, '-', `junk after the end of gzip member 1, from byte offset ${GZ_A.length}`);
    expect(body(o.summary)).toEqual(body(want));
  });

  it('a CSV export with junk after it: every row analysed', async () => {
    const csv = readFileSync(join(FIXTURES, 'traffic-export.csv'));
    const want = await alone(csv, 'export.csv');
    const gz = gzipSync(csv);
    const name = file('export.csv.gz', Buffer.concat([gz, Buffer.from('garbage')]));
    const o = await analyze([name]);
    expectGzipError(o, name, `junk after the end of gzip member 1, from byte offset ${gz.length}`);
    expect(body(o.summary)).toEqual(body(want));
  });
});

describe('gzip: intact inputs', () => {
  it('two members (cat a.gz b.gz) are read in full, exit 0', async () => {
    const want = await alone(Buffer.concat([A, B]), 'ab.log');
    const o = await analyze([file('ab.log.gz', Buffer.concat([GZ_A, GZ_B]))]);
    expect(o.code).toBe(0);
    expect(o.otherLines).toEqual([]);
    expect(body(o.summary)).toEqual(body(want));
    expect(o.summary?.lines.read).toBe(300);
  });

  it('zero padding after the last member to the end (a block device) is ignored, exit 0', async () => {
    const want = await alone(A, 'a.log');
    const o = await analyze([file('padded.log.gz', Buffer.concat([GZ_A, Buffer.alloc(4096)]))]);
    expect(o.code).toBe(0);
    expect(o.otherLines).toEqual([]);
    expect(body(o.summary)).toEqual(body(want));
  });

  it('a single member cut short reports as before: the lines up to the cut, the cut one rejected', async () => {
    const cut = GZ_A.subarray(0, Math.floor(GZ_A.length * 0.6));
    const name = file('cut.log.gz', cut);
    const o = await analyze([name]);
    expectGzipError(o, name, 'unexpected end of file in gzip member 1');
    const complete = gunzipSync(cut, { finishFlush: zc.Z_SYNC_FLUSH }).toString('latin1');
    const read = complete.split('\n').length;
    expect(o.summary?.lines).toMatchObject({ read, analysed: read - 1, rejected: 1 });
    expect(rejectsOf(o)).toEqual([[read, 'TRUNCATED']]);
  });
});
