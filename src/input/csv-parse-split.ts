// The reference parser: csv-parse itself on one line, with the options pan-ser's semantics are
// defined by (relax_quotes, relax_column_count, no record delimiter inside a framed line).
// Selected with --parser csv-parse (or PAN_SER_PARSER=csv-parse); slow, but the yardstick the
// fast splitter (split.ts) is proven equal to. Pure; no I/O.
import { createRequire } from 'node:module';
import type { Options, parse as Parse } from 'csv-parse/sync';
import { FieldScanner, SplitError } from './split.js';

// Loaded on first use: only --parser csv-parse needs it, and every run (and worker thread)
// would otherwise pay for loading it at start-up.
const requireHere = createRequire(import.meta.url);
let parse: typeof Parse | null = null;

const OPTIONS: Options = {
  relax_quotes: true,
  relax_column_count: true,
  // A framed line holds no LF; '\n' keeps a lone CR inside a field as text, as the framer does.
  record_delimiter: '\n',
};

const probe = new FieldScanner();

export function splitWithCsvParse(line: string): string[] | SplitError {
  try {
    parse ??= (requireHere('csv-parse/sync') as { parse: typeof Parse }).parse;
    const rows: string[][] = parse(line, OPTIONS);
    return rows[0] ?? [''];
  } catch {
    // csv-parse does not say where the quote opened; the column in the message comes from the
    // scanner so both parsers print the same reject line.
    const n = probe.scan(line, 0, line.length);
    return new SplitError('UNTERMINATED_QUOTE', n < 0 ? -n : 1);
  }
}

/** The parsers `--parser` chooses between. */
export const PARSERS = ['fast', 'csv-parse'] as const;
export type ParserName = (typeof PARSERS)[number];
