// Property tests of the record mapper: whatever lines a file holds, map() returns a well-formed
// TrafficRecord | Skip | Reject, or throws one of the documented file-level PanSerErrors; and
// where the answer follows from the input (a field replaced in a valid line), it is that answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PanSerError } from '../../src/errors.js';
import { FIELD_IDS } from '../../src/fields/field-ids.js';
import { mapHeader } from '../../src/fields/headers.js';
import { KNOWN_RELEASES } from '../../src/fields/layout-pick.js';
import { LAYOUTS } from '../../src/fields/layouts/index.js';
import { createMapper, type MapOptions } from '../../src/fields/map.js';
import { splitLine } from '../../src/input/split.js';
import { REJECT_CODES, type Mapped } from '../../src/model.js';
import { mutate, mutation, nastyText, runs, SEEDS, timeout } from './corpus.js';

/** File-level refusals map() may throw (documented on Mapper.map); anything else is a bug. */
const FILE_LEVEL = new Set(['INPUT_MISSING_COLUMNS', 'INPUT_NO_HEADER']);

function checkMapped(m: Mapped, file: string, line: number): void {
  switch (m.kind) {
    case 'traffic':
      expect(m.file).toBe(file);
      expect(m.line).toBe(line);
      expect(typeof m.layout).toBe('string');
      for (const id of FIELD_IDS) expect(typeof m.fields[id]).toBe('string');
      break;
    case 'skip':
      expect(m.what.length).toBeGreaterThan(0);
      break;
    case 'reject':
      expect(m.file).toBe(file);
      expect(m.line).toBe(line);
      expect(Object.keys(REJECT_CODES)).toContain(m.code);
      // One line, saying what is wrong and (in parentheses) how to fix it.
      expect(m.message).not.toContain('\n');
      expect(m.message).toMatch(/\(.+\)$/);
      break;
    default:
      throw new Error(`not a Mapped: ${JSON.stringify(m)}`);
  }
}

const options: fc.Arbitrary<MapOptions> = fc.record({
  inputFormat: fc.constantFrom('auto' as const, 'csv' as const, 'syslog' as const),
  panosVersion: fc.option(fc.constantFrom(...KNOWN_RELEASES), { nil: undefined }),
});

/** Feeds the lines to one mapper, as one file; stops where the file is refused. */
function mapFile(lines: readonly string[], opts: MapOptions): void {
  const m = createMapper('fuzz.log', opts);
  lines.forEach((text, i) => {
    let out: Mapped;
    try {
      out = m.map(text, i + 1);
    } catch (e) {
      if (e instanceof PanSerError && FILE_LEVEL.has(e.code)) {
        expect(e.file).toBe('fuzz.log');
        expect(e.line).toBe(i + 1);
        return;
      }
      throw e;
    }
    checkMapped(out, 'fuzz.log', i + 1);
  });
}

const seed = fc.constantFrom(...SEEDS);

describe('createMapper(...).map', () => {
  it(
    'any text: never throws except the documented file-level errors, always a valid Mapped',
    () => {
      fc.assert(
        fc.property(fc.array(nastyText, { maxLength: 8 }), options, (lines, opts) => {
          mapFile(lines, opts);
        }),
        { numRuns: runs(3000) },
      );
    },
    timeout(60_000),
  );

  it(
    'mutated valid lines (samples, export, generator): the same',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(seed, fc.array(mutation, { maxLength: 3 })), {
            minLength: 1,
            maxLength: 6,
          }),
          options,
          (picked, opts) => {
            const first = picked[0]?.[0];
            const header = first?.kind === 'csv' ? [first.header ?? ''] : [];
            mapFile([...header, ...picked.map(([s, edits]) => mutate(s.line, edits))], opts);
          },
        ),
        { numRuns: runs(2000) },
      );
    },
    timeout(60_000),
  );

  it(
    'a valid line with its end reason replaced maps to exactly that value',
    () => {
      const token = fc.stringMatching(/^[a-z0-9][a-z0-9/_-]{0,20}$/);
      let checked = 0;
      const numRuns = runs(1000);
      fc.assert(
        fc.property(seed, token, (s, value) => {
          const cells = splitLine(s.line);
          if (!Array.isArray(cells)) return;
          const m = createMapper('fuzz.log', { inputFormat: 'auto' });
          let at: number;
          if (s.kind === 'csv') {
            m.map(s.header ?? '', 1);
            at = mapHeader(splitLine(s.header ?? '') as string[]).session_end_reason;
          } else {
            const before = m.map(s.line, 1);
            if (before.kind !== 'traffic') return;
            const layout = LAYOUTS.find((l) => l.id === before.layout);
            at = layout?.fields.indexOf('session_end_reason') ?? -1;
          }
          if (at < 0 || at >= cells.length) return;
          // Rebuild the line with the field replaced: quote every other field as needed.
          cells[at] = value;
          const line = cells
            .map((c, i) =>
              i === 0 && s.kind === 'syslog' ? s.line.slice(0, s.line.indexOf(',')) : quote(c),
            )
            .join(',');
          const after = m.map(line, 2);
          expect(after.kind).toBe('traffic');
          if (after.kind === 'traffic') expect(after.fields.session_end_reason).toBe(value);
          checked++;
        }),
        { numRuns },
      );
      // Most seeds are TRAFFIC lines with an end reason: the property must really have run.
      expect(checked).toBeGreaterThan(numRuns / 2);
    },
    timeout(60_000),
  );
});

function quote(c: string): string {
  return /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}
