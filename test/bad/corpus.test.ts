// The bad-input corpus (fixtures/bad/, made by scripts/make-bad-fixtures.mjs): each case's exit
// code, its reject lines and its line accounting. Expectations follow from how each fixture was
// built (see the script), not from pan-ser's own output.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, constants as zc } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/aggregate/summary.js';
import { FIXTURES } from '../helpers/io.js';
import { analyze, rejectsOf, type Outcome } from '../helpers/outcome.js';

const BAD = 'fixtures/bad/';

interface Case {
  file: string;
  /** What the fixture holds, and so what must happen. */
  why: string;
  exit: 0 | 2;
  lines: [read: number, analysed: number, skipped: number, rejected: number];
  rejects: [line: number, code: string][];
  more?: (s: Summary, o: Outcome) => void;
}

const counts = (s: Summary) => [s.lines.read, s.lines.analysed, s.lines.skipped, s.lines.rejected];
const groupValues = (s: Summary, key: 'rule' | 'src') =>
  Object.values(s.groups[key]).flatMap((rows) => rows.map((r) => r.value));

const CASES: Case[] = [
  {
    file: 'unterminated-quote.log',
    why: 'line 2 opens a quote that never closes; line 4 has a quote inside a field (kept as text)',
    exit: 0,
    lines: [4, 3, 0, 1],
    rejects: [[2, 'UNTERMINATED_QUOTE']],
    more: (s) => {
      expect(groupValues(s, 'rule')).toContain('spl"unk');
    },
  },
  {
    file: 'short-and-long-rows.csv',
    why: 'row 3 cut to 20 cells; row 4 has an unquoted comma (48 cells); row 5 ends in empty cells; row 7 is shifted by a comma, its one extra cell empty',
    exit: 0,
    lines: [7, 3, 1, 3],
    rejects: [
      [3, 'SHORT_ROW'],
      [4, 'LONG_ROW'],
      [7, 'LONG_ROW'],
    ],
  },
  {
    file: 'short-and-long-rows.log',
    why: 'line 2 cut to 30 fields, line 3 has 10 extra fields (newer releases append), line 4 has 3',
    exit: 0,
    lines: [4, 2, 0, 2],
    rejects: [
      [2, 'TOO_FEW_FIELDS'],
      [4, 'NOT_PANOS'],
    ],
  },
  {
    file: 'header-only.csv',
    why: 'a header row and nothing else',
    exit: 0,
    lines: [1, 0, 1, 0],
    rejects: [],
    more: (s) => {
      expect(s.inputs[0]?.format).toBe('csv');
      expect(s.totals.sessions).toBe(0);
    },
  },
  {
    file: 'concatenated-exports.csv',
    why: 'two exports joined: the header again (BOM, columns in another order) mid-file',
    exit: 0,
    lines: [6, 4, 2, 0],
    rejects: [],
    more: (s) => {
      // Count end reasons here, each row under the header above it.
      const want: Record<string, number> = {};
      let at = -1;
      const rows: string[][] = parse(readFileSync(`${BAD}concatenated-exports.csv`), {
        bom: true,
        relax_quotes: true,
      });
      for (const row of rows) {
        const h = row.map((c) => c.replace(/^\uFEFF/, '')).indexOf('Session End Reason');
        if (h >= 0) at = h;
        else want[row[at] ?? ''] = (want[row[at] ?? ''] ?? 0) + 1;
      }
      const got = Object.fromEntries(
        s.reasons.filter((r) => r.rows > 0).map((r) => [r.reason, r.rows]),
      );
      expect(got).toEqual(want);
      expect(s.lines.skippedBy).toEqual({ '(header)': 2 });
    },
  },
  {
    file: 'empty.log',
    why: 'zero bytes',
    exit: 0,
    lines: [0, 0, 0, 0],
    rejects: [],
    more: (s) => {
      expect(s.inputs[0]?.format).toBeNull();
    },
  },
  {
    file: 'blank-lines.log',
    why: 'four blank or white-space lines, one with CRLF',
    exit: 0,
    lines: [4, 0, 4, 0],
    rejects: [],
    more: (s) => {
      expect(s.lines.skippedBy).toEqual({ '(blank)': 4 });
    },
  },
  {
    file: 'bom.csv',
    why: 'a UTF-8 BOM before the header (Excel "CSV UTF-8")',
    exit: 0,
    lines: [4, 3, 1, 0],
    rejects: [],
    more: (s) => {
      expect(s.inputs[0]?.format).toBe('csv');
    },
  },
  {
    file: 'bom.log',
    why: 'a UTF-8 BOM before a syslog line',
    exit: 0,
    lines: [2, 2, 0, 0],
    rejects: [],
  },
  {
    file: 'crlf-mixed.csv',
    why: 'CRLF and LF mixed, no final line end; Session End Reason is the last column',
    exit: 0,
    lines: [4, 3, 1, 0],
    rejects: [],
    more: (s) => {
      expect(s.unrecognized.reasons).toEqual([]);
    },
  },
  {
    file: 'cr-only.log',
    why: 'four logs joined by bare CRs (old Mac line ends): one framed line',
    exit: 0,
    lines: [1, 0, 0, 1],
    rejects: [[1, 'BARE_CR']],
  },
  {
    file: 'nul-and-junk.log',
    why: 'a NUL in a field, 200 junk bytes, then a UTF-16 line (its LF leaves a NUL on line 6)',
    exit: 0,
    lines: [6, 2, 0, 4],
    rejects: [
      [2, 'BINARY'],
      [3, 'NOT_PANOS'],
      [5, 'BINARY'],
      [6, 'BINARY'],
    ],
  },
  {
    file: 'invalid-utf8.log',
    why: 'invalid UTF-8 bytes in rule, app and user: decoded as U+FFFD, still analysed',
    exit: 0,
    lines: [2, 2, 0, 0],
    rejects: [],
    more: (s) => {
      expect(groupValues(s, 'rule')).toContain('r\uFFFD\uFFFDule');
    },
  },
  {
    file: 'latin1.csv',
    why: 'a Latin-1 export (ü as one byte)',
    exit: 0,
    lines: [2, 1, 1, 0],
    rejects: [],
    more: (s) => {
      expect(groupValues(s, 'rule')).toContain('B\uFFFDro-Zugriff');
    },
  },
  {
    file: 'spreadsheet-dates.csv',
    why: 'dates re-saved by a spreadsheet: 9/16/19 10:00, 12/31/2019 23:59:07, 1/2/20 3:04',
    exit: 0,
    lines: [4, 3, 1, 0],
    rejects: [],
    more: (s) => {
      expect(s.time).toMatchObject({
        first: '2019-09-16 10:00:00',
        last: '2020-01-02 03:04:00',
        unparsed: 0,
      });
    },
  },
  {
    file: 'unknown-values.log',
    why: 'an unknown end reason, an unknown action, an unknown log type, a non-type in field 4',
    exit: 0,
    lines: [4, 2, 1, 1],
    rejects: [[4, 'NOT_PANOS']],
    more: (s) => {
      expect(s.lines.skippedBy).toEqual({ FOOBAR: 1 });
      expect(s.unrecognized.reasons.map((r) => [r.value, r.sessions])).toEqual([
        ['flux-capacitor', 1],
      ]);
      expect(s.unrecognized.actions.map((r) => [r.value, r.sessions])).toEqual([['teleport', 1]]);
    },
  },
  {
    file: 'unknown-values.csv',
    why: 'the same in a CSV export: Type FOOBAR is skipped, "not a type" is rejected',
    exit: 0,
    lines: [5, 2, 2, 1],
    rejects: [[5, 'NOT_PANOS']],
    more: (s) => {
      expect(s.lines.skippedBy).toEqual({ '(header)': 1, FOOBAR: 1 });
    },
  },
  {
    file: 'uci-no-end-reason.csv',
    why: 'a CSV export without a Session End Reason column: the whole file is refused',
    exit: 2,
    lines: [0, 0, 0, 0],
    rejects: [],
  },
];

describe('bad-input corpus', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.why}`, async () => {
      const o = await analyze([BAD + c.file]);
      expect(o.code, o.stderr).toBe(c.exit);
      expect(rejectsOf(o)).toEqual(c.rejects);
      for (const r of o.rejectLines) {
        expect(r.file).toBe(BAD + c.file);
        // Every reject says what is wrong and, in parentheses, how to fix it.
        expect(r.message).toMatch(/\S.*\(.+\)$/);
      }
      if (c.exit === 0) {
        expect(o.otherLines).toEqual([]);
        expect(o.summary).not.toBeNull();
      }
      if (o.summary) {
        expect(counts(o.summary)).toEqual(c.lines);
        c.more?.(o.summary, o);
      } else {
        expect(c.lines).toEqual([0, 0, 0, 0]);
        expect(o.otherLines).toHaveLength(1);
      }
    });
  }

  it('uci-no-end-reason.csv: one line naming the missing column, no report', async () => {
    const o = await analyze([`${BAD}uci-no-end-reason.csv`]);
    expect(o.stdout).toBe('');
    expect(o.otherLines[0]).toMatch(
      /^pan-ser: fixtures\/bad\/uci-no-end-reason\.csv:1: .*no Session End Reason column.*\[INPUT_MISSING_COLUMNS\] \(.+\)$/,
    );
  });

  it('mixed-syslog.log: releases, header forms and log types mixed, counted independently', async () => {
    const file = `${BAD}mixed-syslog.log`;
    const want = { read: 0, analysed: 0, skipped: 0, rejected: 0 };
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      want.read++;
      const rows: string[][] = parse(line, { relax_quotes: true, relax_column_count: true });
      const cells = rows[0] ?? [''];
      // LEEF and CEF are read by key: the log type is LEEF's cat= or CEF's fifth header slot.
      const leef = /LEEF:[\d.]+\|.*?\bcat=([A-Z]+)/.exec(line);
      const cef = /CEF:\d+\|(?:[^|]*\|){3}([A-Z]+)\|/.exec(line);
      const keyed = leef?.[1] ?? cef?.[1];
      if (keyed !== undefined) {
        if (keyed === 'TRAFFIC') want.analysed++;
        else want.skipped++;
      } else if (cells[3] === 'TRAFFIC' && cells.length >= 47) want.analysed++;
      else if (/^[A-Z]+$/.test(cells[3] ?? '')) want.skipped++;
      else want.rejected++;
    }
    const o = await analyze([file]);
    expect(o.code).toBe(0);
    expect(o.summary?.lines).toMatchObject(want);
    const input = o.summary?.inputs[0];
    expect(Object.keys(input?.layouts ?? {}).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(input?.headerKinds ?? {}).length).toBeGreaterThanOrEqual(3);
    expect(o.rejectLines).toEqual([]);
  });
});

describe('broken gzip', () => {
  /** The complete lines zlib can still recover (all 50 packed lines when only the CRC is bad). */
  const recoverable = (name: string): number => {
    try {
      const text = gunzipSync(readFileSync(join(FIXTURES, 'bad', name)), {
        finishFlush: zc.Z_SYNC_FLUSH,
      }).toString('utf8');
      return text.split('\n').length - 1;
    } catch {
      return 50;
    }
  };

  for (const name of ['truncated.log.gz', 'bad-crc.log.gz']) {
    it(`${name}: the lines before the damage are analysed, the cut one is counted, exit 2`, async () => {
      const o = await analyze([BAD + name]);
      expect(o.code).toBe(2);
      expect(o.otherLines).toHaveLength(1);
      expect(o.otherLines[0]).toMatch(
        new RegExp(
          `^pan-ser: fixtures/bad/${name}: gzip data is corrupt or cut short .*\\[INPUT_UNREADABLE\\]`,
        ),
      );
      const s = o.summary;
      if (!s) throw new Error('no report');
      // At most the complete lines zlib can recover, every one a good TRAFFIC line.
      const complete = recoverable(name);
      expect(s.lines.analysed).toBeGreaterThan(0);
      expect(s.lines.analysed).toBeLessThanOrEqual(complete);
      expect(s.lines.skipped).toBe(0);
      // The bytes after the last line end are one cut-off line: rejected, not dropped.
      expect(rejectsOf(o)).toEqual(s.lines.rejected === 0 ? [] : [[s.lines.read, 'TRUNCATED']]);
      expect(s.lines.rejected).toBeLessThanOrEqual(1);
      expect(s.inputs[0]?.error).toMatch(/gzip/);
    });
  }

  it('corrupt.log.gz: nothing readable, one line, no report, exit 2', async () => {
    const o = await analyze([`${BAD}corrupt.log.gz`]);
    expect(o.code).toBe(2);
    expect(o.stdout).toBe('');
    expect(o.rejectLines).toEqual([]);
    expect(o.otherLines).toEqual([
      expect.stringMatching(/^pan-ser: fixtures\/bad\/corrupt\.log\.gz: gzip data is corrupt/),
    ]);
  });

  it('a corrupt gzip among good files: the others are reported, exit 2', async () => {
    const o = await analyze([`${BAD}corrupt.log.gz`, 'fixtures/samples/cribl-pan-traffic.log']);
    expect(o.code).toBe(2);
    expect(o.summary?.lines.analysed).toBe(4);
  });
});

describe('--strict and --max-errors', () => {
  const junk = `${BAD}nul-and-junk.log`;

  it('--strict stops at the first reject: exit 2, one line naming it, no report', async () => {
    const o = await analyze(['--strict', junk, 'missing-after.log']);
    expect(o.code).toBe(2);
    expect(o.stdout).toBe('');
    const lines = o.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^pan-ser: fixtures\/bad\/nul-and-junk\.log:2: .*NUL.* \[BINARY\] \[STRICT_REJECT\] \(drop --strict.*\)$/,
    );
    // It stopped: the next input was never opened.
    expect(o.stderr).not.toContain('missing-after.log');
  });

  it('--strict passes a clean file with exit 0', async () => {
    const o = await analyze(['--strict', 'fixtures/samples/cribl-pan-traffic.log']);
    expect(o.code).toBe(0);
    expect(o.summary?.lines.analysed).toBe(4);
  });

  it('--max-errors N prints N reject lines and one note; the report counts all', async () => {
    const o = await analyze(['--max-errors', '2', junk]);
    expect(o.code).toBe(0);
    expect(rejectsOf(o)).toEqual([
      [2, 'BINARY'],
      [3, 'NOT_PANOS'],
    ]);
    expect(o.otherLines).toEqual([expect.stringMatching(/more rejected lines follow/)]);
    expect(o.summary?.rejects.total).toBe(4);
    expect(o.summary?.rejects.first).toHaveLength(2);
  });
});
