import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { splitWithCsvParse } from '../../src/input/csv-parse-split.js';
import { FieldScanner, splitLine, SplitError } from '../../src/input/split.js';
import { reference } from '../helpers/csv-reference.js';
import { FIXTURES, SHARED } from '../helpers/io.js';

/** The fast splitter on each line as a span of one string holding all of them. */
function spansInBlock(lines: string[], eol: string): (string[] | 'error')[] {
  const block = lines.join(eol) + eol;
  const scanner = new FieldScanner();
  const out: (string[] | 'error')[] = [];
  let p = 0;
  for (const line of lines) {
    const n = scanner.scan(block, p, p + line.length);
    out.push(n < 0 ? 'error' : Array.from({ length: n }, (_, k) => scanner.cell(k)));
    p += line.length + eol.length;
  }
  return out;
}

/** A few thousand lines of the generator's syslog and CSV output (quotes, empty fields). */
function generatedLines(): string[] {
  const gen = (format: string) =>
    execFileSync(
      'node',
      [`${SHARED}tools/gen-panlogs.mjs`, '--rows', '1500', '--format', format, '--seed', 's'],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    )
      .split('\n')
      .filter((l) => l !== '');
  return [...gen('syslog'), ...gen('csv')];
}

function ours(line: string): string[] | 'error' {
  const r = splitLine(line);
  return r instanceof SplitError ? 'error' : r;
}

describe('splitLine', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,b",c', ['a,b', 'c']],
    ['a,"b""c",d', ['a', 'b"c', 'd']],
    ['a,b"c,d', ['a', 'b"c', 'd']],
    ['"abc"d,e', ['"abc"d', 'e']],
    [',', ['', '']],
    ['a,', ['a', '']],
    ['"",""', ['', '']],
  ])('splits %j', (line, want) => {
    expect(splitLine(line)).toEqual(want);
  });

  it('reports an unterminated quote with its column', () => {
    const r = splitLine('a,"bc');
    expect(r).toBeInstanceOf(SplitError);
    expect((r as SplitError).column).toBe(3);
  });

  const alphabet = fc.constantFrom(
    'a',
    'b',
    ',',
    '"',
    ' ',
    'é',
    '\t',
    '0',
    'x',
    '{',
    '}',
    '\r',
    '漢',
  );
  it('equals csv-parse on random text built from tricky characters', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')),
        (line) => {
          fc.pre(line !== '');
          expect(ours(line)).toEqual(reference(line));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('equals csv-parse on well-formed records with quoted fields', () => {
    const field = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
    const cell = fc
      .tuple(field, fc.boolean())
      .map(([s, q]) => (q || /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 20 }), (cells) => {
        const line = cells.join(',');
        fc.pre(line !== '');
        expect(ours(line)).toEqual(reference(line));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals csv-parse on every sample line', () => {
    for (const name of [
      'cribl-pan-traffic.log',
      'elastic-beats-pan-inc-traffic-ietf.log',
      'sekoia-intake-formats-csv.log',
      'wazuh-paloalto-csv.log',
    ]) {
      for (const line of readFileSync(`${FIXTURES}samples/${name}`, 'utf8').split('\n')) {
        if (line !== '') expect(ours(line), line).toEqual(reference(line));
      }
    }
  });

  it('equals csv-parse as spans of one block (LF and CRLF), on random lines', () => {
    const line = fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('').replace(/\r$/, ''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.boolean(), (lines, crlf) => {
        const inBlock = spansInBlock(lines, crlf ? '\r\n' : '\n');
        lines.forEach((l, i) => {
          if (l !== '') expect(inBlock[i], JSON.stringify(l)).toEqual(reference(l));
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('equals csv-parse on generated lines, whole and as spans of one block', () => {
    const lines = generatedLines();
    const inBlock = spansInBlock(lines, '\r\n');
    lines.forEach((l, i) => {
      const want = reference(l);
      expect(ours(l)).toEqual(want);
      expect(inBlock[i]).toEqual(want);
    });
  });

  it('equals csv-parse on generated lines fuzzed with quotes, commas and non-ASCII', () => {
    const lines = generatedLines().filter((_, i) => i % 7 === 0);
    const edit = fc.record({
      at: fc.nat(),
      text: fc.constantFrom('"', '""', ',', '","', 'é', '"a,b"', '', '\r', ' "'),
      drop: fc.nat(4),
    });
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.array(edit, { maxLength: 4 }), (base, edits) => {
        let line = base;
        for (const e of edits) {
          const at = e.at % (line.length + 1);
          line = line.slice(0, at) + e.text + line.slice(at + e.drop);
        }
        fc.pre(line !== '');
        expect(ours(line)).toEqual(reference(line));
        expect(spansInBlock([line, base], '\n')).toEqual([reference(line), reference(base)]);
      }),
      { numRuns: 1500 },
    );
  });

  it('the csv-parse parser pan-ser ships agrees with the reference, and names the column', () => {
    for (const line of ['a,"b', 'x,y', '"a""b",c', 'a\rb,c']) {
      const got = splitWithCsvParse(line);
      const want = reference(line);
      expect(got instanceof SplitError ? 'error' : got).toEqual(want);
    }
    expect((splitWithCsvParse('ab,"cd') as SplitError).column).toBe(4);
  });
});
