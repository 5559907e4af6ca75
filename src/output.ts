// Where a report goes: stdout or --output FILE, through one awaitable sink that respects the
// stream's backpressure (write() returning false waits for 'drain'), so a per-record format can
// stream millions of lines without buffering them. Only this file opens the output file; it is
// emptied only when the first report text is written.
import { createWriteStream, fstatSync, ftruncateSync, type WriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { PanSerError } from './errors.js';

/** Bytes gathered before one write() call: fewer, larger writes. */
const CHUNK = 64 * 1024;

export interface Sink {
  /** Queues text; call drain() now and then so memory stays bounded. */
  write(text: string): void;
  /** Writes what is queued once it is over CHUNK (or always with force), waiting for 'drain'. */
  drain(force?: boolean): Promise<void>;
  /** Flushes and, for a file, closes it (errors become OUTPUT_UNWRITABLE). */
  end(): Promise<void>;
}

export async function openSink(
  stdout: Writable,
  file: string | undefined,
  inputs: readonly string[] = [],
): Promise<Sink> {
  const outId = file === undefined ? null : await fileId(file);
  if (file !== undefined) await refuseInput(file, outId, inputs);
  const existed = outId !== null;
  const opened = file === undefined ? null : await openFile(file);
  const stream = opened ?? stdout;
  /** Whether the file was emptied for the report: only once there is text to write. */
  let started = false;
  let queued: string[] = [];
  let size = 0;
  let failed: Error | null = null;
  if (file !== undefined) stream.on('error', (e: Error) => (failed = e));
  const check = () => {
    if (failed !== null) throw unwritable(file ?? '-', failed);
  };
  const flush = async () => {
    check();
    if (size === 0) return;
    const text = queued.join('');
    queued = [];
    size = 0;
    if (opened !== null && !started) {
      started = true;
      emptyFile(opened, file ?? '-');
    }
    if (!stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('error', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
        stream.on('close', done);
      });
    }
    check();
  };
  return {
    write(text) {
      queued.push(text);
      size += text.length;
    },
    async drain(force = false) {
      if (force || size >= CHUNK) await flush();
    },
    async end() {
      await flush();
      if (file === undefined) return;
      await new Promise<void>((resolve) => stream.end(resolve));
      check();
      // No report (every input failed): an earlier report stays as it was, and a file that
      // was not there is not left behind empty.
      if (!started && !existed) await unlink(file).catch(() => undefined);
    },
  };
}

/**
 * Opening the report file empties it, before any input is read: when it is one of the inputs
 * (by any name or link), the run would read nothing and destroy the log. `out` = fileId(file).
 */
async function refuseInput(
  file: string,
  out: string | null,
  inputs: readonly string[],
): Promise<void> {
  if (out === null) return;
  for (const input of inputs) {
    if (input !== '-' && (await fileId(input)) === out)
      throw new PanSerError('USAGE', `--output ${file} is also an input (${input})`, {
        hint: 'write the report to another file: opening it would empty the log before it is read',
      });
  }
}

/** A file's device and inode, or null when it is not there (yet). */
async function fileId(name: string): Promise<string | null> {
  try {
    const s = await stat(name);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Opens the report file without emptying it (append mode), so an unwritable path fails before
 * any input is read, yet a run that ends without a report leaves an earlier one as it was.
 */
function openFile(file: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const s = createWriteStream(file, { flags: 'a' });
    s.once('open', () => {
      resolve(s);
    });
    s.once('error', (e) => {
      reject(unwritable(file, e));
    });
  });
}

/** Empties a regular report file before the report is written (a pipe or device has nothing to empty). */
function emptyFile(s: WriteStream, file: string): void {
  const fd = (s as WriteStream & { fd?: number | null }).fd;
  if (typeof fd !== 'number') return;
  try {
    if (fstatSync(fd).isFile()) ftruncateSync(fd, 0);
  } catch (e) {
    throw unwritable(file, e as Error);
  }
}

function unwritable(file: string, e: Error): PanSerError {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  return new PanSerError('OUTPUT_UNWRITABLE', `cannot write the report (${code})`, {
    file,
    hint: 'check that the folder exists and is writable',
  });
}
