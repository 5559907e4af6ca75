// Gunzips an input one gzip member (RFC 1952) at a time, so every byte inflated before damage is
// delivered: zlib's createGunzip() starts the next member in the same step that ends one, and if
// that part is broken (a damaged member, trailing junk) the whole step's output is dropped. Owns
// the gzip framing (header, trailer, CRC-32 and length checks, trailing zeros); the deflate data
// goes through zlib's raw inflater. No files or process here.
import { createInflateRaw, crc32, type InflateRaw } from 'node:zlib';

/**
 * Damaged or cut-short gzip data. `code` is what zlib's own errors carry, so a reader reports
 * both alike (open.ts describeReadError).
 */
export class GzipError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'GzipError';
    this.code = code;
  }
}

/**
 * Output bytes per zlib step (zlib's default). A step that meets damage gives nothing back, so
 * this is also the most a damaged member can lose before its damage: 64 KB steps ran about a
 * quarter faster, but would lose four times as much.
 */
const INFLATE_CHUNK = 16 * 1024;

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED_FLAGS = 0xe0;

/**
 * Reads one member header a few bytes at a time (it may span chunks; a name or comment may be
 * long, so only the fixed part is held). Throws GzipError on a header zlib would refuse.
 */
class HeaderReader {
  private readonly fixed = Buffer.alloc(10);
  private have = 0;
  private step: 'fixed' | 'xlen' | 'extra' | 'name' | 'comment' | 'hcrc' | 'done' = 'fixed';
  private flags = 0;
  private left = 0;
  private stored = 0;
  private crc = 0;

  constructor(private readonly member: number) {}

  get done(): boolean {
    return this.step === 'done';
  }

  /** Takes header bytes from `buf` at `at`; returns where the header (or `buf`) ends. */
  take(buf: Buffer, at: number): number {
    let from = at;
    while (at < buf.length && this.step !== 'done') {
      switch (this.step) {
        case 'fixed': {
          const n = Math.min(10 - this.have, buf.length - at);
          buf.copy(this.fixed, this.have, at, at + n);
          this.have += n;
          at += n;
          if (this.have === 10) this.checkFixed();
          break;
        }
        case 'xlen':
          this.left |= (buf[at] ?? 0) << (8 * this.have);
          this.have++;
          at++;
          if (this.have === 2) {
            if (this.left === 0) this.after('extra');
            else this.step = 'extra';
          }
          break;
        case 'extra': {
          const n = Math.min(this.left, buf.length - at);
          at += n;
          this.left -= n;
          if (this.left === 0) this.after('extra');
          break;
        }
        case 'name':
        case 'comment': {
          const end = buf.indexOf(0, at);
          at = end < 0 ? buf.length : end + 1;
          if (end >= 0) this.after(this.step);
          break;
        }
        case 'hcrc':
          if (from < at) {
            this.crc = crc32(buf.subarray(from, at), this.crc);
            from = at;
          }
          this.stored |= (buf[at] ?? 0) << (8 * this.have);
          this.have++;
          at++;
          from = at;
          if (this.have === 2) {
            if (this.stored !== (this.crc & 0xffff)) this.fail('header crc mismatch');
            this.step = 'done';
          }
          break;
      }
    }
    if (from < at && this.step !== 'done') this.crc = crc32(buf.subarray(from, at), this.crc);
    return at;
  }

  private checkFixed(): void {
    const f = this.fixed;
    if (f[0] !== 0x1f || f[1] !== 0x8b) this.fail('incorrect header check');
    if (f[2] !== 8) this.fail('unknown compression method');
    this.flags = f[3] ?? 0;
    if ((this.flags & RESERVED_FLAGS) !== 0) this.fail('unknown header flags set');
    this.have = 0;
    if ((this.flags & FEXTRA) !== 0) this.step = 'xlen';
    else this.after('extra');
  }

  /** Moves on to the next optional field the flags ask for. */
  private after(step: 'extra' | 'name' | 'comment'): void {
    this.have = 0;
    if (step === 'extra' && (this.flags & FNAME) !== 0) this.step = 'name';
    else if (step !== 'comment' && (this.flags & FCOMMENT) !== 0) this.step = 'comment';
    else this.step = (this.flags & FHCRC) !== 0 ? 'hcrc' : 'done';
  }

  private fail(what: string): never {
    throw new GzipError('Z_DATA_ERROR', `${what} in gzip member ${this.member}`);
  }
}

/**
 * One member's deflate data through zlib's raw inflater. Output is pulled: the inflater is
 * paused while two outputs wait, so memory stays flat however well the data compresses.
 */
class MemberInflater {
  private readonly z: InflateRaw = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  private readonly ready: Buffer[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  /** Writes made, and the last one zlib called back for (it has pushed all that write's output). */
  private writes = 0;
  private called = 0;
  /** The deflate data ended (all its output was handed on). */
  ended = false;
  crc = 0;
  /** Output length modulo 2^32, as the trailer's ISIZE. */
  size = 0;

  constructor(private readonly member: number) {
    this.z.on('data', (b: Buffer) => {
      this.ready.push(b);
      if (this.ready.length >= 2) this.z.pause();
      this.poke();
    });
    this.z.on('end', () => {
      this.ended = true;
      this.poke();
    });
    this.z.on('error', (e: Error) => {
      this.failure ??= e;
      this.poke();
    });
  }

  /**
   * Writes `slice` and yields its output until zlib has taken all of it or the deflate data
   * ended inside it; returns how many bytes of `slice` were deflate data.
   */
  async *feed(slice: Buffer): AsyncGenerator<Buffer, number, undefined> {
    const before = this.z.bytesWritten;
    const write = ++this.writes;
    this.z.write(slice, (e) => {
      if (e) this.failure ??= e;
      this.called = write;
      this.poke();
    });
    for (;;) {
      yield* this.drain();
      const taken = this.z.bytesWritten - before;
      if (this.ended) return taken;
      const written = this.called === write;
      if (written && taken === slice.length && this.z.readableLength === 0) return taken;
      await this.sleep();
    }
  }

  /** The input ended: yields the rest, or throws if the deflate data is cut short. */
  async *finish(): AsyncGenerator<Buffer, void, undefined> {
    this.z.end();
    for (;;) {
      yield* this.drain();
      if (this.ended) return;
      await this.sleep();
    }
  }

  destroy(): void {
    this.z.destroy();
  }

  private *drain(): Generator<Buffer, void, undefined> {
    for (;;) {
      for (let b = this.ready.shift(); b !== undefined; b = this.ready.shift()) {
        this.crc = crc32(b, this.crc);
        this.size = (this.size + b.length) >>> 0;
        yield b;
      }
      if (!this.failure) break;
      // The output of the steps before the failing one may still wait in the paused stream:
      // reading it emits 'data', which queues it in `ready`.
      if (this.z.read() === null) {
        const e = this.failure as NodeJS.ErrnoException;
        const code = e.code ?? 'Z_DATA_ERROR';
        throw new GzipError(code, `${e.message} in gzip member ${this.member}`);
      }
    }
    if (this.z.isPaused()) this.z.resume();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * A stream.pipeline stage: gzip bytes in, the inflated bytes of every member out, in order.
 * Several members (`cat a.gz b.gz`) are read as one stream, and zero bytes up to the end (block
 * padding) are ignored, as gzip(1) does. Anything else after a member, a bad header, CRC-32 or
 * length, or an end inside a member throws GzipError, after all output before it was yielded.
 */
export async function* gunzipMembers(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let member = 1;
  let phase: 'header' | 'body' | 'trailer' | 'between' | 'magic' | 'padding' = 'header';
  let header = new HeaderReader(member);
  let inflater: MemberInflater | null = null;
  const trailer = Buffer.alloc(8);
  let trailerHave = 0;
  /** Input bytes before the current chunk, to say where junk starts. */
  let offset = 0;
  /** Where the bytes after a member start that may be the next member's magic. */
  let nextAt = 0;
  const junk = (from: number): GzipError =>
    new GzipError(
      'Z_DATA_ERROR',
      `junk after the end of gzip member ${member - 1}, from byte offset ${from}`,
    );
  try {
    for await (const chunk of source) {
      let at = 0;
      while (at < chunk.length) {
        switch (phase) {
          case 'header':
            at = header.take(chunk, at);
            if (header.done) {
              inflater = new MemberInflater(member);
              phase = 'body';
            }
            break;
          case 'body': {
            if (!inflater) throw new Error('gunzip: no inflater in a member body');
            at += yield* inflater.feed(at === 0 ? chunk : chunk.subarray(at));
            if (inflater.ended) phase = 'trailer';
            break;
          }
          case 'trailer': {
            const n = Math.min(8 - trailerHave, chunk.length - at);
            chunk.copy(trailer, trailerHave, at, at + n);
            trailerHave += n;
            at += n;
            if (trailerHave === 8) {
              if (!inflater) throw new Error('gunzip: no inflater at a member trailer');
              checkTrailer(trailer, inflater, member);
              inflater = null;
              trailerHave = 0;
              member++;
              phase = 'between';
            }
            break;
          }
          case 'between':
            nextAt = offset + at;
            if (chunk[at] === 0) phase = 'padding';
            else if (chunk[at] === GZIP_MAGIC[0]) {
              phase = 'magic';
              at++;
            } else throw junk(nextAt);
            break;
          case 'magic':
            // Only bytes that start with the whole magic are a member; others are junk, not a
            // member with a bad header.
            if (chunk[at] !== GZIP_MAGIC[1]) throw junk(nextAt);
            header = new HeaderReader(member);
            header.take(GZIP_MAGIC, 0);
            phase = 'header';
            at++;
            break;
          case 'padding': {
            const end = firstNonZero(chunk, at);
            if (end < chunk.length) throw junk(offset + end);
            at = end;
            break;
          }
        }
      }
      offset += chunk.length;
    }
    if (phase === 'magic') throw junk(nextAt);
    if (phase === 'body' && inflater) {
      yield* inflater.finish();
      phase = 'trailer';
    }
    if (phase === 'header' || phase === 'trailer') {
      throw new GzipError(
        'Z_BUF_ERROR',
        `unexpected end of file in the ${phase} of gzip member ${member}`,
      );
    }
  } finally {
    inflater?.destroy();
  }
}

function checkTrailer(trailer: Buffer, inflater: MemberInflater, member: number): void {
  if (trailer.readUInt32LE(0) !== inflater.crc >>> 0) {
    throw new GzipError('Z_DATA_ERROR', `incorrect data check in gzip member ${member}`);
  }
  if (trailer.readUInt32LE(4) !== inflater.size) {
    throw new GzipError('Z_DATA_ERROR', `incorrect length check in gzip member ${member}`);
  }
}

function firstNonZero(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && buf[i] === 0) i++;
  return i;
}
