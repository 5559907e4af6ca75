import { parse } from 'csv-parse/sync';

/**
 * The reference for every splitter: csv-parse itself on one line, with the options pan-ser's
 * splitters mirror (written out here, independently of src/input/csv-parse-split.ts).
 */
export function reference(line: string): string[] | 'error' {
  try {
    const rows: string[][] = parse(line, {
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: '\n',
    });
    return rows[0] ?? [''];
  } catch {
    return 'error';
  }
}
