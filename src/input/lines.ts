// Frames a byte stream into lines (LF or CRLF; a lone CR inside a line is kept) with exact
// 1-based line numbers, decoding each line as UTF-8 (invalid bytes become U+FFFD). A line longer
// than `maxBytes` is not buffered: its bytes are dropped as they arrive and it is reported as
// too long, so one giant line cannot exhaust memory (input/carried-line.ts).
import { CarriedLine } from './carried-line.js';

export interface FramedLine {
  readonly text: string;
  readonly line: number;
  /** Set when the line exceeded the limit; `text` is then empty. */
  readonly tooLong?: number;
}

export class LineFramer {
  private readonly carried: CarriedLine;
  private lineNo = 0;

  constructor(maxBytes: number) {
    this.carried = new CarriedLine(maxBytes);
  }

  get linesSeen(): number {
    return this.lineNo;
  }

  /** Bytes held for the line in progress: never more than maxBytes. */
  get bufferedBytes(): number {
    return this.carried.heldBytes;
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
    if (start < chunk.length) this.carried.keep(chunk, start, chunk.length);
  }

  /** Flushes a last line that has no line end. */
  end(onLine: (l: FramedLine) => void): void {
    if (this.carried.pending) this.emit(Buffer.alloc(0), 0, 0, onLine);
  }

  private emit(chunk: Buffer, from: number, to: number, onLine: (l: FramedLine) => void): void {
    this.lineNo++;
    const line = this.carried.finish(chunk, from, to);
    if (typeof line === 'number') {
      onLine({ text: '', line: this.lineNo, tooLong: line });
      return;
    }
    const end = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
    onLine({ text: line.toString('utf8', 0, end), line: this.lineNo });
  }
}
