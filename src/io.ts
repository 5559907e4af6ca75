// The Io bundle: everything the CLI touches of the outside world, passed in so tests can run
// `run(argv, io)` in-process with fake streams, env and terminal facts.
import type { Readable, Writable } from 'node:stream';

export interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Terminal width in columns, when stdout is a terminal. */
  readonly columns: number | undefined;
  readonly cwd: string;
  /** Milliseconds from a monotonic clock: only for rates and redraw pacing (progress). */
  readonly now: () => number;
}

export function processIo(): Io {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY,
    stderrIsTTY: process.stderr.isTTY,
    columns: process.stdout.columns,
    cwd: process.cwd(),
    now: () => performance.now(),
  };
}
