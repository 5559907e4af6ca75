// The fast line framer: like LineFramer (LF or CRLF, a lone CR kept, exact 1-based line numbers,
// invalid UTF-8 as U+FFFD, over-long lines reported and never buffered) but it decodes whole
// blocks of ASCII lines with one call and hands each line out as a span of that block, so the
// splitter and mapper can read fields without copying the line. No parsing happens here.
import { isAscii } from 'node:buffer';
import { CarriedLine } from './carried-line.js';
import { createBlockScan, UNSCANNED, SCAN_CAPACITY, type BlockScan } from './simd-scan.js';
import { PreRow } from './split.js';

/**
 * One framed line: `src[from, to)` without its line end; `hasNul` / `hasCr` when the span holds a
 * NUL / a carriage return (one just before the LF belongs to the line end, not the span).
 */
export type SpanSink = (
  src: string,
  from: number,
  to: number,
  line: number,
  hasNul: boolean,
  hasCr: boolean,
  /** The line's field bounds from the block pre-scan, when it gave them; else null. */
  pre: PreRow | null,
) => void;
/** A line over the size limit: its number and length in bytes (line end excluded). */
export type TooLongSink = (line: number, bytes: number) => void;

/**
 * Lines are decoded in blocks of about this many bytes: large enough that the per-call cost
 * vanishes, small enough that a kept slice of a field (an example, a reject) pins little memory.
 */
const BLOCK_BYTES = 64 * 1024;

export class BlockFramer {
  private readonly carried: CarriedLine;
  private lineNo = 0;
  private readonly scanner: BlockScan | null = createBlockScan();
  private readonly pre = new PreRow();

  constructor(
    private readonly maxBytes: number,
    private readonly onSpan: SpanSink,
    private readonly onTooLong: TooLongSink,
  ) {
    this.carried = new CarriedLine(maxBytes);
  }

  get linesSeen(): number {
    return this.lineNo;
  }

  /** Feeds one chunk; emits every line it completes. */
  push(chunk: Buffer): void {
    let start = 0;
    if (this.carried.pending) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.carried.keep(chunk, 0, chunk.length);
        return;
      }
      this.finishCarried(chunk, nl);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start) {
      let p = start;
      while (p <= last) {
        let end = p + BLOCK_BYTES > last ? last + 1 : chunk.indexOf(10, p + BLOCK_BYTES) + 1;
        if (end <= p || end > last + 1) end = last + 1;
        this.block(chunk, p, end);
        p = end;
      }
      start = last + 1;
    }
    if (start < chunk.length) this.carried.keep(chunk, start, chunk.length);
  }

  /** Flushes a last line that has no line end. */
  end(): void {
    if (this.carried.pending) this.finishCarried(Buffer.alloc(0), 0);
  }

  /** `chunk[from, to)` holds whole lines, the last one ending with LF. */
  private block(chunk: Buffer, from: number, to: number): void {
    if (!isAscii(chunk.subarray(from, to))) {
      // Rare: decode line by line so UTF-8 sequences and replacement characters come out
      // exactly as a per-line decode gives them.
      let p = from;
      while (p < to) {
        const nl = chunk.indexOf(10, p);
        this.lineNo++;
        this.emitBytes(chunk, p, nl);
        p = nl + 1;
      }
      return;
    }
    const s = chunk.toString('latin1', from, to);
    const n = s.length;
    // NULs are searched in the bytes (memchr): a string search for '\0' is many times slower.
    let nul = nextByte(chunk, 0, from, from, to);
    let cr = nextByte(chunk, 13, from, from, to);
    // With the pre-scan, line ends and field bounds come from its offsets; else from indexOf.
    const scanner = this.scanner !== null && to - from <= SCAN_CAPACITY ? this.scanner : null;
    const lineCount = scanner === null ? -1 : scanner.scan(chunk, from, to);
    let p = 0;
    /** Pre-scan offsets of the lines before this one; -1 for a line the pre-scan cannot give. */
    let done = 0;
    let base = -1;
    for (let j = 0; p < n; j++) {
      let nl: number;
      if (scanner !== null && j < lineCount) {
        const rec = scanner.lines[j] ?? 0;
        const upto = rec & ~UNSCANNED;
        nl = scanner.offsets[upto - 1] ?? n;
        base = (rec & UNSCANNED) === 0 ? done : -1;
        done = upto;
      } else {
        nl = s.indexOf('\n', p);
      }
      this.lineNo++;
      if (nl - p > this.maxBytes) {
        this.onTooLong(this.lineNo, nl - p);
      } else {
        const e = nl > p && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (nul >= 0 && nul < p) nul = nextByte(chunk, 0, from, from + p, to);
        if (cr >= 0 && cr < p) cr = nextByte(chunk, 13, from, from + p, to);
        const pre =
          scanner !== null && base >= 0
            ? this.pre.set(s, scanner.offsets, base, done - base, p, e, scanner)
            : null;
        this.onSpan(s, p, e, this.lineNo, nul >= 0 && nul < e, cr >= 0 && cr < e, pre);
      }
      p = nl + 1;
    }
  }

  /** Ends the carried partial line with `chunk[0, to)`. */
  private finishCarried(chunk: Buffer, to: number): void {
    this.lineNo++;
    const line = this.carried.finish(chunk, 0, to);
    if (typeof line === 'number') this.onTooLong(this.lineNo, line);
    else this.emitBytes(line, 0, line.length);
  }

  /** Emits `buf[from, to)` as one line (line number already counted), decoded as UTF-8. */
  private emitBytes(buf: Buffer, from: number, to: number): void {
    if (to - from > this.maxBytes) {
      this.onTooLong(this.lineNo, to - from);
      return;
    }
    const end = to > from && buf[to - 1] === 13 ? to - 1 : to;
    const text = buf.toString('utf8', from, end);
    this.onSpan(text, 0, text.length, this.lineNo, text.includes('\0'), text.includes('\r'), null);
  }
}

/** Offset from `base` of the first `byte` in `buf[at, to)`, or -1. */
function nextByte(buf: Buffer, byte: number, base: number, at: number, to: number): number {
  const i = buf.subarray(at, to).indexOf(byte);
  return i < 0 ? -1 : at + i - base;
}

/**
 * A copy of `s` that does not keep its source block alive. Slices of a block share its memory;
 * anything stored past the current line (a table key, a cached value) must go through this.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
