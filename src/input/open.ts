// Opens one input named on the command line ("-" is stdin) as a byte stream and says whether it
// starts with the gzip magic bytes (files, pipes and stdin alike; gunzip.ts inflates those).
// Turns every way of failing to open into a PanSerError naming the file and the fix. The caller
// runs the stream through stream.pipeline.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { PanSerError } from '../errors.js';
import type { Io } from '../io.js';
import { GzipError } from './gunzip.js';
import { foreignKind, MAGIC_BYTES } from './magic.js';

export interface OpenedInput {
  readonly source: Readable;
  /** The source is gzip data: run it through gunzipMembers (gunzip.ts). */
  readonly gzip: boolean;
  /** Size in bytes when known (files), for progress. */
  readonly size: number | null;
}

export async function openInput(name: string, io: Io): Promise<OpenedInput> {
  if (name === '-') return sniffStream(io.stdin);
  let size: number;
  try {
    const st = await stat(name);
    if (st.isDirectory()) {
      throw new PanSerError('INPUT_UNREADABLE', 'is a directory, not a log file', {
        file: name,
        hint: `pass the files inside it, e.g. ${name}/*.log`,
      });
    }
    if (st.isSocket()) {
      throw new PanSerError('INPUT_UNREADABLE', 'is a socket, not a log file', {
        file: name,
        hint: 'pass a log file, or pipe the data into - (standard input)',
      });
    }
    // A pipe such as bash's <(zcat …) can be read only once and not at an offset: sniff it
    // from the stream itself.
    if (!st.isFile()) return await sniffStream(createReadStream(name, { highWaterMark: 1 << 20 }));
    size = st.size;
  } catch (e) {
    throw asOpenError(name, e);
  }
  let gz = false;
  try {
    const fh = await open(name, 'r');
    try {
      const head = Buffer.alloc(MAGIC_BYTES);
      const { bytesRead } = await fh.read(head, 0, MAGIC_BYTES, 0);
      gz = isGzip(head.subarray(0, bytesRead), name);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw asOpenError(name, e);
  }
  const source = createReadStream(name, { highWaterMark: 1 << 20 });
  return { source, gzip: gz, size };
}

/**
 * Reads the first bytes of a one-shot stream (stdin, a pipe) to spot the gzip magic, then hands
 * on a stream that yields them again followed by the rest.
 */
async function sniffStream(source: Readable): Promise<OpenedInput> {
  const it: AsyncIterator<unknown> = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < MAGIC_BYTES) {
    const n = await it.next();
    if (n.done === true) {
      done = true;
      break;
    }
    const b = toBuffer(n.value);
    head.push(b);
    headBytes += b.length;
  }
  const first = head.length === 0 ? Buffer.alloc(0) : Buffer.concat(head);
  const gz = isGzip(first, '-');
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) yield first;
      while (!done) {
        const n = await it.next();
        if (n.done === true) return;
        yield toBuffer(n.value);
      }
    } finally {
      await it.return?.();
    }
  }
  return {
    source: Readable.from(replay(), { objectMode: false }),
    gzip: gz,
    size: null,
  };
}

/**
 * True when `head` (an input's first bytes) starts with the gzip magic; throws for a kind pan-ser
 * cannot read but can name (an archive, a workbook, another compression: magic.ts).
 */
function isGzip(head: Uint8Array, name: string): boolean {
  const foreign = foreignKind(head);
  if (foreign !== null) {
    throw new PanSerError('INPUT_UNREADABLE', `is ${foreign.what}`, {
      file: name,
      hint: foreign.fix.replaceAll('FILE', name === '-' ? 'FILE' : name),
    });
  }
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function toBuffer(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v));
}

function asOpenError(name: string, e: unknown): PanSerError {
  if (e instanceof PanSerError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new PanSerError('INPUT_UNREADABLE', 'no such file', {
      file: name,
      hint: 'check the path; use - to read standard input',
    });
  }
  if (code === 'ENOTDIR') {
    return new PanSerError('INPUT_UNREADABLE', 'a part of the path is a file, not a directory', {
      file: name,
      hint: 'check the path',
    });
  }
  if (code === 'ENXIO') {
    return new PanSerError('INPUT_UNREADABLE', 'is a socket or device that cannot be read', {
      file: name,
      hint: 'pass a log file, or pipe the data into - (standard input)',
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new PanSerError('INPUT_UNREADABLE', 'permission denied', {
      file: name,
      hint: 'make the file readable for this user',
    });
  }
  return new PanSerError('INPUT_UNREADABLE', `cannot open: ${code ?? String(e)}`, {
    file: name,
    hint: 'check that the path names a readable log file',
  });
}

/** One line for a read that failed part-way (corrupt gzip, I/O error). */
export function describeReadError(name: string, e: unknown): PanSerError {
  if (e instanceof PanSerError) return e;
  const err = e as NodeJS.ErrnoException;
  if (
    e instanceof GzipError ||
    err.code === 'Z_DATA_ERROR' ||
    err.code === 'Z_BUF_ERROR' ||
    /unexpected end of file/i.test(err.message)
  ) {
    return new PanSerError(
      'INPUT_UNREADABLE',
      `gzip data is corrupt or cut short (${err.message})`,
      {
        file: name,
        hint: 'the lines before the damage were analysed; re-copy or re-compress the file',
      },
    );
  }
  if (err.code === 'EISDIR') {
    return new PanSerError('INPUT_UNREADABLE', 'is a directory, not a log file', {
      file: name,
      hint: 'pass the files inside it',
    });
  }
  return new PanSerError('INPUT_UNREADABLE', `read failed: ${err.code ?? err.message}`, {
    file: name,
    hint: 'the lines before the failure were analysed; check the disk and re-copy the file',
  });
}
