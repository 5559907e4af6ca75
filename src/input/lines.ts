// Frames a byte stream into lines (LF or CRLF; a lone CR inside a line is kept) with exact
// 1-based line numbers, decoding each line as UTF-8 (invalid bytes become U+FFFD). A line longer
// than `maxBytes` is not buffered: its bytes are dropped as they arrive and it is reported as
// too long, so one giant line cannot exhaust memory.

export interface FramedLine {
  readonly text: string;
  readonly line: number;
  /** Set when the line exceeded the limit; `text` is then empty. */
  readonly tooLong?: number;
}

export class LineFramer {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private overflow = 0;
  private lineNo = 0;

  constructor(private readonly maxBytes: number) {}

  get linesSeen(): number {
    return this.lineNo;
  }

  /** Bytes held for the line in progress: never more than maxBytes. */
  get bufferedBytes(): number {
    return this.partBytes;
  }

  /** Feeds one chunk; calls `onLine` for every complete line in it. */
  push(chunk: Buffer, onLine: (l: FramedLine) => void): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.emit(chunk, start, nl, onLine);
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length);
  }

  /** Flushes a last line that has no line end. */
  end(onLine: (l: FramedLine) => void): void {
    if (this.partBytes > 0 || this.overflow > 0) this.emit(Buffer.alloc(0), 0, 0, onLine);
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (this.overflow > 0) {
      this.overflow += to - from;
      return;
    }
    if (this.partBytes + (to - from) > this.maxBytes) {
      this.overflow = this.partBytes + (to - from);
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    // A copy: the caller may reuse the chunk's memory for its next read.
    this.parts.push(Buffer.from(chunk.subarray(from, to)));
    this.partBytes += to - from;
  }

  private emit(chunk: Buffer, from: number, to: number, onLine: (l: FramedLine) => void): void {
    this.lineNo++;
    let end = to;
    const total = (this.overflow > 0 ? this.overflow : this.partBytes) + (to - from);
    if (this.overflow > 0 || total > this.maxBytes) {
      this.overflow = 0;
      this.parts = [];
      this.partBytes = 0;
      onLine({ text: '', line: this.lineNo, tooLong: total });
      return;
    }
    let buf: Buffer;
    if (this.partBytes === 0) {
      buf = chunk;
    } else {
      this.parts.push(chunk.subarray(from, to));
      buf = Buffer.concat(this.parts);
      from = 0;
      end = buf.length;
      this.parts = [];
      this.partBytes = 0;
    }
    if (end > from && buf[end - 1] === 13) end--;
    onLine({ text: buf.toString('utf8', from, end), line: this.lineNo });
  }
}
