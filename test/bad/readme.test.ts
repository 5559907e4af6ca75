// The README's "Bad input" section against the data it describes: the code tables are the
// tables of src/model.ts and src/errors.ts, and the limits it quotes are the constants in force.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RECORD_BYTES, MAX_RECORD_BYTES_LIMIT } from '../../src/analyze.js';
import {
  DEFAULT_AGGREGATOR_OPTIONS,
  MAX_GROUP_VALUE,
  MAX_SKIP_KINDS,
  OTHER_TYPES,
} from '../../src/aggregate/aggregator.js';
import { ERROR_CODES } from '../../src/errors.js';
import { REJECT_CODES } from '../../src/model.js';
import { ROOT } from '../helpers/io.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (name: string) =>
  new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme)?.[1];
const MiB = 1024 * 1024;

describe('README: Bad input', () => {
  it('lists exactly the reject codes of src/model.ts', () => {
    const rows = Object.entries(REJECT_CODES).map(([code, what]) => `| \`${code}\` | ${what} |`);
    expect(section('reject-codes')).toBe(
      ['| code | meaning |', '|---|---|', ...rows, ''].join('\n'),
    );
  });

  it('lists exactly the error codes of src/errors.ts with their exit codes', () => {
    const rows = Object.entries(ERROR_CODES).map(
      ([code, e]) => `| \`${code}\` | ${e.exit} | ${e.summary} |`,
    );
    expect(section('error-codes')).toBe(
      ['| code | exit | meaning |', '|---|---|---|', ...rows, ''].join('\n'),
    );
  });

  it('quotes the limits in force', () => {
    const text = readme.replace(/\s+/g, ' ');
    expect(text).toContain(
      `(${DEFAULT_MAX_RECORD_BYTES / MiB} MiB by default, at most ${MAX_RECORD_BYTES_LIMIT / MiB} MiB)`,
    );
    expect(text).toContain(`clipped to ${MAX_GROUP_VALUE} characters`);
    expect(text).toContain(`at most ${DEFAULT_AGGREGATOR_OPTIONS.capacity} distinct values`);
    expect(text).toContain(`at most ${MAX_SKIP_KINDS} skipped log types`);
    expect(text).toContain(`\`${OTHER_TYPES}\``);
    expect(text).toContain(`(at most ${MAX_RECORD_BYTES_LIMIT})`);
  });
});
