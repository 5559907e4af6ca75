// Test helpers: an in-memory Io for run(argv, io), and paths to the repo's fixtures.
import { Readable, Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/io.js';
import { run } from '../../src/cli.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
/**
 * The project's read-only reference folder (generator, formats, samples): beside the checkout in
 * CI and on developer machines; PAN_SER_SHARED overrides, /work/shared is the workplace default.
 */
export const SHARED: string =
  [
    process.env.PAN_SER_SHARED,
    fileURLToPath(new URL('../../../shared/', import.meta.url)),
    '/work/shared/',
  ]
    .filter((p): p is string => p !== undefined && p !== '')
    .map((p) => (p.endsWith('/') ? p : `${p}/`))
    .find((p) => existsSync(`${p}tools/gen-panlogs.mjs`)) ??
  fileURLToPath(new URL('../../../shared/', import.meta.url));

/**
 * The parser the suite runs with: PAN_SER_PARSER=csv-parse runs every test on the csv-parse
 * reference (CI runs the suite both ways and the reports must be identical).
 */
export const TEST_PARSER: 'fast' | 'csv-parse' =
  process.env.PAN_SER_PARSER === 'csv-parse' ? 'csv-parse' : 'fast';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  opts: {
    stdin?: string | Buffer;
    env?: Record<string, string>;
    tty?: boolean;
    columns?: number;
    /** Separate stderr TTY flag (defaults to `tty`). */
    stderrTty?: boolean;
    /** A fake clock; defaults to one that advances 1 ms per call. */
    now?: () => number;
  } = {},
): Promise<RunResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        into.push(chunk);
        cb();
      },
    });
  const stdout = sink(out);
  const stderr = sink(err);
  const io: Io = {
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    stdout,
    stderr,
    env: { ...(TEST_PARSER === 'csv-parse' ? { PAN_SER_PARSER: TEST_PARSER } : {}), ...opts.env },
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.stderrTty ?? opts.tty ?? false,
    columns: opts.columns,
    cwd: ROOT,
    now: opts.now ?? fakeClock(),
  };
  const code = await run(argv, io);
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

/** A deterministic clock: each call is 1 ms after the previous one. */
export function fakeClock(step = 1): () => number {
  let t = 0;
  return () => (t += step);
}
