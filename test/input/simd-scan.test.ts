import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlockFramer } from '../../src/input/blocks.js';
import {
  createBlockScan,
  INTERN_CAPACITY,
  SCAN_CAPACITY,
  UNSCANNED,
} from '../../src/input/simd-scan.js';
import { FieldScanner } from '../../src/input/split.js';
import { cutAt } from '../helpers/chunks.js';
import { reference } from '../helpers/csv-reference.js';
import { FIXTURES, runCli, SHARED } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

/**
 * The lines as the mapper gets them from BlockFramer, fed in chunks cut at `cuts`: the cells of
 * the pre-scan when it gave them, else FieldScanner's. Also how many lines the pre-scan gave.
 */
function framed(text: string, cuts: number[]): { cells: (string[] | 'error')[]; pre: number } {
  const scanner = new FieldScanner();
  const cells: (string[] | 'error')[] = [];
  let pre = 0;
  const framer = new BlockFramer(
    1 << 20,
    (src, from, to, _line, _nul, _cr, row) => {
      if (row !== null) {
        pre++;
        cells.push(Array.from({ length: row.count }, (_, k) => row.cell(k)));
        return;
      }
      const n = scanner.scan(src, from, to);
      cells.push(n < 0 ? 'error' : Array.from({ length: n }, (_, k) => scanner.cell(k)));
    },
    () => {
      throw new Error('no line is too long here');
    },
  );
  for (const chunk of cutAt(Buffer.from(text, 'utf8'), cuts)) framer.push(chunk);
  framer.end();
  return { cells, pre };
}

const ascii = fc.constantFrom('a', 'b', ',', '"', ' ', '0', 'x', '{', '\t', '""', '","', ',"');

describe('the SIMD block pre-scan', () => {
  it('is available on this Node (else the JS scanner does all the work)', () => {
    expect(createBlockScan()).not.toBeNull();
  });

  it('marks a line whose quoted field never closes, and records only separating commas', () => {
    const scan = createBlockScan();
    if (scan === null) return;
    const text = Buffer.from('a,"b,c",d\n"x\n"",""\n');
    expect(scan.scan(text, 0, text.length)).toBe(3);
    const lines = Array.from(scan.lines.subarray(0, 3));
    expect(lines.map((r) => (r & UNSCANNED) !== 0)).toEqual([false, true, false]);
    expect(lines.map((r) => r & ~UNSCANNED)).toEqual([3, 4, 6]);
    expect(Array.from(scan.offsets.subarray(0, 6))).toEqual([1, 7, 9, 12, 15, 18]);
  });

  it('gives csv-parse cells for random ASCII lines in blocks (LF and CRLF, any chunking)', () => {
    const line = fc.array(ascii, { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 4 }),
        (lines, crlf, cuts) => {
          const got = framed(lines.join(crlf ? '\r\n' : '\n') + '\n', cuts);
          expect(got.cells).toEqual(lines.map((l) => (l === '' ? [''] : reference(l))));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives csv-parse cells for generated syslog and export lines, fuzzed with quotes', () => {
    const gen = (format: string) =>
      execFileSync(
        'node',
        [`${SHARED}tools/gen-panlogs.mjs`, '--rows', '800', '--format', format, '--seed', 'simd'],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      )
        .split('\n')
        .filter((l) => l !== '');
    const lines = [...gen('syslog'), ...gen('csv')];
    const whole = framed(lines.join('\n') + '\n', []);
    expect(whole.pre).toBe(lines.length);
    expect(whole.cells).toEqual(lines.map(reference));

    const edit = fc.record({
      at: fc.nat(),
      text: fc.constantFrom('"', '""', ',', '","', '"a,b"', '', ' "', '"x""'),
      drop: fc.nat(4),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...lines), fc.array(edit, { maxLength: 3 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (picks) => {
          const fuzzed = picks.map(([base, edits]) => {
            let l = base;
            for (const e of edits) {
              const at = e.at % (l.length + 1);
              l = l.slice(0, at) + e.text + l.slice(at + e.drop);
            }
            return l;
          });
          const got = framed(fuzzed.join('\n') + '\n', []);
          expect(got.cells).toEqual(fuzzed.map((l) => (l === '' ? [''] : reference(l))));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('PAN_SER_SIMD=0 (the JS scanner alone)', () => {
  it('gives the same reports, rejects and line numbers as the pre-scan', async () => {
    const files = readdirSync(`${FIXTURES}bad`)
      .filter((f) => !f.endsWith('.md'))
      .map((f) => `${FIXTURES}bad/${f}`);
    files.push(`${FIXTURES}traffic-export.csv`, `${FIXTURES}hostile-fields.csv`);
    for (const f of readdirSync(`${FIXTURES}samples`)) {
      if (!f.endsWith('.md')) files.push(`${FIXTURES}samples/${f}`);
    }
    const runBoth = async (file: string) => {
      const argv = ['analyze', '--format', 'json', file];
      const withScan = await runCli(argv);
      process.env.PAN_SER_SIMD = '0';
      try {
        return { withScan, without: await runCli(argv) };
      } finally {
        delete process.env.PAN_SER_SIMD;
      }
    };
    for (const file of files) {
      const { withScan, without } = await runBoth(file);
      expect(without, file).toEqual(withScan);
    }
  });

  it('hands a block over its capacity (a very long line) to the JS scanner, same report', async () => {
    const lines = execFileSync(
      'node',
      [`${SHARED}tools/gen-panlogs.mjs`, '--rows', '200', '--format', 'syslog', '--seed', 'long'],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    ).split('\n');
    const cells = (lines[50] ?? '').split(',');
    cells[11] = 'r'.repeat(SCAN_CAPACITY + 1000); // the rule
    lines[50] = cells.join(',');
    const file = join(tempDir('pan-ser-long-'), 'long.log');
    writeFileSync(file, lines.join('\n'));
    const argv = ['analyze', '--format', 'json', file];
    const withScan = await runCli(argv);
    process.env.PAN_SER_SIMD = '0';
    try {
      expect(await runCli(argv)).toEqual(withScan);
    } finally {
      delete process.env.PAN_SER_SIMD;
    }
    expect(JSON.parse(withScan.stdout)).toMatchObject({ lines: { analysed: 200, rejected: 0 } });
  });
});

describe('BlockScan.intern', () => {
  /** Interns cells `cells` of every pre-scanned line of `text` (fed in one chunk). */
  function internAll(
    text: string,
    cells: number[],
  ): { ids: number[]; raw: string[]; hashes: number[] } {
    const out = { ids: [] as number[], raw: [] as string[], hashes: [] as number[] };
    const framer = new BlockFramer(
      1 << 20,
      (src, _from, _to, _line, _nul, _cr, row) => {
        if (row === null || row.scan === null) throw new Error('every line here is pre-scanned');
        out.ids.push(row.intern(cells));
        out.hashes.push(row.scan.lastHash());
        // The raw text of each cell (quotes kept), as the key the numbers must stand for.
        out.raw.push(
          JSON.stringify(
            cells.map((k) => (k >= 0 && k < row.count ? src.slice(row.start(k), row.end(k)) : '')),
          ),
        );
      },
      () => {
        throw new Error('no line is too long here');
      },
    );
    framer.push(Buffer.from(text, 'latin1'));
    framer.end();
    return out;
  }

  const cellText = fc.oneof(
    fc.constantFrom(
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      'bc',
      'c',
      // NUL bytes: only the length in a key's last word tells 'a' from 'a\0'.
      'a\u0000',
      'a\u0000\u0000',
      '"a,b"',
      '"a""b"',
      'x'.repeat(256),
    ),
    fc.stringMatching(/^[a-z0-9 ._-]{0,12}$/),
  );

  it('gives equal numbers exactly to equal raw texts, in order of first sight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 0, maxLength: 6 }), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.array(fc.integer({ min: -1, max: 7 }), { minLength: 1, maxLength: 5 }),
        (rows, cells) => {
          const text = rows.map((r) => `${r.join(',')}\n`).join('');
          const { ids, raw } = internAll(text, cells);
          const model = new Map<string, number>();
          raw.forEach((key, i) => {
            const long = (JSON.parse(key) as string[]).some((v) => v.length > 255);
            if (long) {
              expect(ids[i]).toBe(-1);
              return;
            }
            if (!model.has(key)) model.set(key, model.size);
            expect(ids[i]).toBe(model.get(key));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps two keys apart when their hashes are equal', () => {
    // White-box: mirrors the key words and hash the intern function documents to build two
    // lines whose keys hash alike (checked below), so only the word-by-word comparison differs.
    const keyWords = (fields: string[]): number[] => {
      const out: number[] = [];
      for (const f of fields) {
        const b = Buffer.from(f, 'latin1');
        let p = 0;
        for (; p + 4 <= b.length; p += 4) out.push(b.readInt32LE(p));
        let w = b.length << 24;
        for (let k = 0; p < b.length; p++, k += 8) w |= (b[p] as number) << k;
        out.push(w);
      }
      return out;
    };
    const rotl5 = (h: number) => (h << 5) | (h >>> 27);
    const hashOf = (words: number[]) =>
      words.reduce((h, w) => Math.imul(rotl5(h) ^ w, 0x9e3779b9), 0);
    const printable = (w: number) =>
      [0, 8, 16, 24].every((k) => /[A-Za-z0-9]/.test(String.fromCharCode((w >>> k) & 0xff)));
    // Keys of two cells: a name, then one 4-byte word; the names differ, the words make up for it.
    const w1 = Buffer.from('zone', 'latin1').readInt32LE(0);
    const h1 = hashOf(keyWords(['r1']));
    let second: string | null = null;
    for (let i = 2; i < 100_000 && second === null; i++) {
      const w2 = w1 ^ rotl5(h1) ^ rotl5(hashOf(keyWords([`r${i}`])));
      if (printable(w2)) {
        const b = Buffer.alloc(4);
        b.writeInt32LE(w2);
        second = `r${i},${b.toString('latin1')}`;
      }
    }
    expect(second).not.toBeNull();
    const { ids, hashes } = internAll(`r1,zone\n${second}\nr1,zone\n`, [0, 1]);
    expect(hashes[1]).toBe(hashes[0]);
    expect(ids).toEqual([0, 1, 0]);
  });

  it('numbers at most INTERN_CAPACITY keys and still finds them', () => {
    const lines = Array.from({ length: INTERN_CAPACITY + 5 }, (_, i) => `k${i}\n`).join('');
    const { ids } = internAll(lines + lines, [0]);
    const n = INTERN_CAPACITY + 5;
    expect(ids.slice(0, INTERN_CAPACITY)).toEqual(
      Array.from({ length: INTERN_CAPACITY }, (_, i) => i),
    );
    expect(ids.slice(INTERN_CAPACITY, n)).toEqual([-1, -1, -1, -1, -1]);
    expect(ids.slice(n)).toEqual(ids.slice(0, n));
  });
});
