// The Io bundle: everything the CLI touches of the outside world, passed in so tests can run
// `run(argv, io)` in-process with fake streams, env and terminal facts.
import { fstatSync } from 'node:fs';
import { Readable, type Writable } from 'node:stream';

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
    stdin: stdinStream(),
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

/**
 * Standard input, except that a directory on it (`pan-ser analyze - < logs/`) fails its first read
 * with EISDIR, as a directory named as a file does: Node hands such an fd over as an empty
 * stream, which would be reported as an empty log.
 */
function stdinStream(): Readable {
  let dir = false;
  try {
    dir = fstatSync(0).isDirectory();
  } catch {
    // No fd 0 to look at: leave it to process.stdin.
  }
  if (!dir) return process.stdin;
  return new Readable({
    read() {
      this.destroy(
        Object.assign(new Error('EISDIR: illegal operation on a directory, read'), {
          code: 'EISDIR',
        }),
      );
    },
  });
}
