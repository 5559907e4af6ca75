import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitLine, SplitError } from '../../src/input/split.js';
import { FIXTURES } from '../helpers/io.js';

/** The reference: csv-parse on one line, with the options pan-ser's splitter mirrors. */
function reference(line: string): string[] | 'error' {
  try {
    const rows: string[][] = parse(line, {
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: [],
    });
    return rows[0] ?? [''];
  } catch {
    return 'error';
  }
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

  const alphabet = fc.constantFrom('a', 'b', ',', '"', ' ', 'é', '\t', '0', 'x', '{', '}');
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
});
