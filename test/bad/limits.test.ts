// Limits that keep hostile input from exhausting memory: the record size cap (a 10 MB line is
// rejected without being held), and every table the aggregator keeps stays bounded whatever
// the number of distinct or the size of attacker-chosen values.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RECORD_BYTES, MAX_RECORD_BYTES_LIMIT } from '../../src/analyze.js';
import { MAX_GROUP_VALUE, MAX_SKIP_KINDS, OTHER_TYPES } from '../../src/aggregate/aggregator.js';
import { REQUIRED_FIELDS } from '../../src/fields/field-ids.js';
import { HEADER_ALIASES } from '../../src/fields/headers.js';
import { createMapper } from '../../src/fields/map.js';
import { LineFramer, type FramedLine } from '../../src/input/lines.js';
import { FIXTURES, ROOT, runCli } from '../helpers/io.js';
import { analyze, rejectsOf } from '../helpers/outcome.js';
import { tempDir } from '../helpers/temp.js';

const work = tempDir('pan-ser-limits-');
const GOOD = readFileSync(join(FIXTURES, 'samples/cribl-pan-traffic.log'), 'utf8')
  .trim()
  .split('\n');
const line0 = GOOD[0] ?? '';
const withField = (line: string, at: number, value: string) => {
  const f = line.split(',');
  f[at] = value;
  return f.join(',');
};

describe('maximum record size', () => {
  const TEN_MB = 10 * 1024 * 1024;
  const big = join(work, 'ten-mb-line.log');
  // A valid line, a 10 MB line of text (no line end in it), a valid line.
  writeFileSync(big, `${line0}\n${'A'.repeat(TEN_MB)}\n${GOOD[1] ?? ''}\n`);

  it('rejects a 10 MB line as TOO_LONG and goes on with the next line', async () => {
    const o = await analyze([big]);
    expect(o.code).toBe(0);
    expect(rejectsOf(o)).toEqual([[2, 'TOO_LONG']]);
    expect(o.rejectLines[0]?.message).toContain(`${TEN_MB} bytes`);
    expect(o.rejectLines[0]?.message).toContain(`over the ${DEFAULT_MAX_RECORD_BYTES}-byte limit`);
    expect(o.summary?.lines).toMatchObject({ read: 3, analysed: 2, rejected: 1 });
  });

  it('reads it as a line when --max-record-size allows it (then it is not a PAN-OS log)', async () => {
    const o = await analyze(['--max-record-size', String(TEN_MB + 1), big]);
    expect(rejectsOf(o)).toEqual([[2, 'NOT_PANOS']]);
  });

  it('never holds more than the limit of a long line, whatever the chunking', () => {
    const max = 64 * 1024;
    const framer = new LineFramer(max);
    const seen: FramedLine[] = [];
    const onLine = (l: FramedLine) => seen.push(l);
    let peak = 0;
    const chunk = 8191; // not a divisor of the limit, so a chunk straddles it
    let total = 0;
    while (total < TEN_MB) {
      framer.push(Buffer.alloc(chunk, 0x41), onLine);
      total += chunk;
      peak = Math.max(peak, framer.bufferedBytes);
    }
    framer.push(Buffer.from('\nnext\n'), onLine);
    expect(peak).toBeLessThanOrEqual(max);
    expect(seen).toEqual([
      { text: '', line: 1, tooLong: total },
      { text: 'next', line: 2 },
    ]);
  });

  it('refuses a --max-record-size no JavaScript string could hold, as a usage error', async () => {
    const r = await runCli([
      'analyze',
      '--max-record-size',
      String(MAX_RECORD_BYTES_LIMIT + 1),
      big,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-record-size .* is too large \[USAGE\]/);
  });
});

describe('bounded tables', () => {
  it('names at most MAX_SKIP_KINDS skipped log types; the rest are counted together', async () => {
    const n = MAX_SKIP_KINDS * 3;
    const lines = Array.from({ length: n }, (_, i) =>
      withField(line0, 3, `TYPE${String(i).padStart(4, '0')}`),
    );
    const o = await analyze(['-'], { stdin: `${lines.join('\n')}\n` });
    const skipped = o.summary?.lines.skippedBy ?? {};
    expect(Object.keys(skipped)).toHaveLength(MAX_SKIP_KINDS + 1);
    expect(skipped[OTHER_TYPES]).toBe(n - MAX_SKIP_KINDS);
    expect(o.summary?.lines.skipped).toBe(n);
  });

  it('clips attacker-sized values before they enter a group table', async () => {
    const huge = 'R'.repeat(100_000);
    const o = await analyze(['-'], { stdin: `${withField(line0, 11, huge)}\n` });
    const rules = Object.values(o.summary?.groups.rule ?? {}).flat();
    expect(rules).toHaveLength(1);
    expect(rules[0]?.value).toBe(`${'R'.repeat(MAX_GROUP_VALUE)}…`);
  });

  it('maps a header whose needed columns sit past column 32767', () => {
    const at = 40_000;
    const header = Array.from({ length: at + REQUIRED_FIELDS.length }, (_, i) => `filler ${i}`);
    const row = header.map(() => 'x');
    // Two known names up front so the row is taken for a header (it needs three).
    header[0] = 'Type';
    row[0] = 'TRAFFIC';
    header[1] = 'Rule';
    REQUIRED_FIELDS.forEach((id, k) => {
      header[at + k] = HEADER_ALIASES[id][0];
      row[at + k] = `value-of-${id}`;
    });
    const m = createMapper('wide.csv', { inputFormat: 'csv' });
    expect(m.map(header.join(','), 1)).toEqual({ kind: 'skip', what: '(header)' });
    const r = m.map(row.join(','), 2);
    expect(r.kind).toBe('traffic');
    if (r.kind !== 'traffic') return;
    for (const id of REQUIRED_FIELDS) expect(r.fields[id]).toBe(`value-of-${id}`);
  });
});

describe('a line of millions of fields', () => {
  // Sniffing a header once made every field a string in one array: a 200 MB line of commas
  // (allowed by --max-record-size) ran out of heap with a V8 crash. In a 40 MB heap, 8 million
  // fields would need 64 MB for that array alone.
  it('is looked at field by field, never as one array of fields', () => {
    const script = `
      import { createMapper } from './dist/fields/map.js';
      for (const inputFormat of ['auto', 'csv']) {
        const m = createMapper('wide.log', { inputFormat });
        try { console.log(m.map(','.repeat(8_000_000), 1).code); } catch (e) { console.log(e.code); }
      }`;
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=40', '--input-type=module', '-e', script],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['NOT_PANOS', 'INPUT_NO_HEADER']);
    expect(r.status).toBe(0);
  });
});
