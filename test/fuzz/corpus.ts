// Shared by the fuzz tests: how many runs (FUZZ_RUNS scales them: `npm run fuzz` runs 50×),
// the valid lines that mutations start from (the bundled samples, the bundled export and a small
// generator output), and the mutations themselves.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES, SHARED } from '../helpers/io.js';
import { tempDir } from '../helpers/temp.js';

const SCALE = Number(process.env.FUZZ_RUNS ?? '1');

/** `base` runs in `npm test`, FUZZ_RUNS × base in `npm run fuzz`. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * (Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 1)));
}

/** A test timeout that grows with the run count. */
export function timeout(ms: number): number {
  return ms * Math.max(1, Number.isFinite(SCALE) ? SCALE : 1);
}

export interface Seed {
  readonly kind: 'syslog' | 'csv';
  /** For csv seeds, the header row the line belongs under. */
  readonly header: string | null;
  readonly line: string;
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const samples = join(FIXTURES, 'samples');
  for (const f of readdirSync(samples)
    .filter((n) => n.endsWith('.log'))
    .sort()) {
    for (const line of lines(readFileSync(join(samples, f), 'utf8'))) {
      seeds.push({ kind: 'syslog', header: null, line });
    }
  }
  const addCsv = (text: string) => {
    const [header = '', ...rows] = lines(text);
    for (const line of rows.slice(0, 40)) seeds.push({ kind: 'csv', header, line });
  };
  addCsv(readFileSync(join(FIXTURES, 'traffic-export.csv'), 'utf8'));
  const dir = tempDir('pan-ser-fuzz-');
  const gen = join(SHARED, 'tools/gen-panlogs.mjs');
  for (const format of ['syslog', 'csv'] as const) {
    const out = join(dir, `gen.${format}`);
    execFileSync('node', [gen, '--rows', '60', '--format', format, '--seed', 'fuzz', '--out', out]);
    if (format === 'csv') addCsv(readFileSync(out, 'utf8'));
    else
      for (const line of lines(readFileSync(out, 'utf8')))
        seeds.push({ kind: 'syslog', header: null, line });
  }
  return seeds;
}

export const SEEDS: readonly Seed[] = loadSeeds();

/** Text dense in what breaks parsers: separators, quotes, controls, long runs, non-ASCII. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom(
      ',',
      '"',
      '""',
      '\r',
      '\t',
      ' ',
      '\u0000',
      '\u001b[31m',
      '\u009b',
      '\uFEFF',
      '\uFFFD',
      '\uD800',
      'TRAFFIC',
      'THREAT',
      'tcp-fin',
      'allow',
      '<14>',
      '1',
      '0x',
      '9/16/19 10:00',
      'é',
    ),
    maxLength: 12,
  }),
  fc.constantFrom('', 'x'.repeat(5000), '"'.repeat(7), ','.repeat(200)),
);

/** One edit of a line, found by position in its comma-separated text. */
export type Mutation =
  | { op: 'set'; at: number; value: string }
  | { op: 'drop'; at: number }
  | { op: 'insert'; at: number; value: string }
  | { op: 'cut'; at: number }
  | { op: 'byte'; at: number; value: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(130), value: nastyText }),
  fc.record({ op: fc.constant('drop' as const), at: fc.nat(130) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(130), value: nastyText }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(2000) }),
  fc.record({ op: fc.constant('byte' as const), at: fc.nat(2000), value: nastyText }),
);

/** Applies edits by naive comma positions: the mutated line need not stay valid CSV. */
export function mutate(line: string, edits: readonly Mutation[]): string {
  let text = line;
  for (const m of edits) {
    const f = text.split(',');
    switch (m.op) {
      case 'set':
        f[m.at % f.length] = m.value;
        text = f.join(',');
        break;
      case 'drop':
        f.splice(m.at % f.length, 1);
        text = f.join(',');
        break;
      case 'insert':
        f.splice(m.at % (f.length + 1), 0, m.value);
        text = f.join(',');
        break;
      case 'cut':
        text = text.slice(0, m.at % (text.length + 1));
        break;
      case 'byte': {
        const i = m.at % (text.length + 1);
        text = text.slice(0, i) + m.value + text.slice(i + 1);
        break;
      }
    }
  }
  return text;
}
