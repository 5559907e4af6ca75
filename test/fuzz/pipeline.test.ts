// Property tests of the whole pipeline through run(argv, io): random bytes and mutated valid
// files on stdin, under random options. Never throws, exit 0 or 2, no stack trace, every line
// accounted for (and the line count equals one made here from the bytes), and no raw control
// character on stdout or stderr.
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KNOWN_RELEASES } from '../../src/fields/layout-pick.js';
import { FORMAT_NAMES } from '../../src/render/registry.js';
import { runCli } from '../helpers/io.js';
import { checkInvariants, parseStderr } from '../helpers/outcome.js';
import type { Summary } from '../../src/aggregate/summary.js';
import { mutate, mutation, runs, SEEDS, timeout } from './corpus.js';

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Lines the framer will see: every LF ends one, and bytes after the last LF make one more. */
function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? n + 1 : n;
}

const flags: fc.Arbitrary<string[]> = fc
  .record({
    format: fc.constantFrom(...FORMAT_NAMES),
    input: fc.constantFrom('auto', 'csv', 'syslog'),
    version: fc.option(fc.constantFrom(...KNOWN_RELEASES), { nil: undefined }),
    maxErrors: fc.integer({ min: 1, max: 5 }),
    maxRecord: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
    weight: fc.constantFrom('rows', 'repeat'),
  })
  .map((f) => [
    '--format',
    f.format,
    '--input-format',
    f.input,
    '--max-errors',
    String(f.maxErrors),
    '--weight',
    f.weight,
    ...(f.version === undefined ? [] : ['--panos-version', f.version]),
    ...(f.maxRecord === undefined ? [] : ['--max-record-size', String(f.maxRecord)]),
  ]);

async function check(args: string[], stdin: Uint8Array): Promise<void> {
  const r = await runCli(['analyze', ...args, '-'], { stdin: Buffer.from(stdin) });
  // CSV ends its records with CRLF (RFC 4180); no other raw control character may appear.
  const format = args[args.indexOf('--format') + 1];
  const text = format === 'csv' ? r.stdout.replaceAll('\r\n', '\n') : r.stdout;
  expect(text).not.toMatch(RAW_CONTROL);
  const json = args[args.indexOf('--format') + 1] === 'json';
  const summary = json && r.stdout !== '' ? (JSON.parse(r.stdout) as Summary) : null;
  checkInvariants({ ...r, summary, ...parseStderr(r.stderr) });
  const gz = stdin[0] === 0x1f && stdin[1] === 0x8b;
  // A clean run read every line: the count follows from the bytes alone.
  if (summary && r.code === 0 && !gz) expect(summary.lines.read).toBe(countLines(stdin));
  if (r.code === 0 && format === 'table') {
    expect(r.stdout).toContain(' read = ');
  }
}

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  // Bytes drawn mostly from separators and line ends, so lines and fields actually form.
  fc
    .array(fc.constantFrom(10, 13, 44, 34, 0, 0x1b, 0x41, 0x31, 0xff, 0xc2, 0x9b, 0x20), {
      maxLength: 2000,
    })
    .map((a) => Uint8Array.from(a)),
);

describe('the pipeline on hostile input', () => {
  it(
    'random bytes',
    async () => {
      await fc.assert(
        fc.asyncProperty(bytes, flags, async (b, args) => {
          await check(args, b);
        }),
        { numRuns: runs(1500) },
      );
    },
    timeout(60_000),
  );

  it(
    'random field mutations of valid files (plain and gzip)',
    async () => {
      const file = fc.tuple(
        fc.array(fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 2 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
      );
      await fc.assert(
        fc.asyncProperty(file, flags, async ([picked, eol, gzip], args) => {
          const first = picked[0]?.[0];
          const header = first?.kind === 'csv' ? [first.header ?? ''] : [];
          const text = [...header, ...picked.map(([s, edits]) => mutate(s.line, edits))]
            .map((l) => l + eol)
            .join('');
          const raw = Buffer.from(text);
          await check(args, gzip ? gzipSync(raw) : raw);
        }),
        { numRuns: runs(1500) },
      );
    },
    timeout(60_000),
  );
});
