// The fast field splitter: finds the field boundaries of one line inside a larger string (a
// decoded block of many lines) without copying anything, so the mapper decodes only the cells it
// reads. Semantics are csv-parse's (relax_quotes, relax_column_count); differential tests hold
// the two equal. Pure; no I/O. The csv-parse reference lives in csv-parse-split.ts.
import type { BlockScan } from './simd-scan.js';

const NO_QUOTE = 0x7fffffff;

export class SplitError {
  constructor(
    readonly code: 'UNTERMINATED_QUOTE',
    /** 1-based character position where the problem starts. */
    readonly column: number,
  ) {}
}

/**
 * Reusable field boundaries of the last scanned line: field k is `src[start(k), end(k))`, raw
 * (a quoted field keeps its quotes; `cell` decodes it). Grows to the widest line seen.
 */
export class FieldScanner {
  private bounds: Int32Array = new Int32Array(512);
  src = '';
  count = 0;
  /** Bumped by every scan: a reader holding bounds of an earlier line can tell. */
  gen = 0;

  /** Where the next quote at or after `quoteFrom` in `quoteSrc` is (NO_QUOTE: none). */
  private quoteSrc = '';
  private quoteFrom = 0;
  private quoteAt = NO_QUOTE;

  /**
   * Scans `src[from, to)`. Returns the field count, or the negated 1-based column of a quote
   * that never closes on the line. Commas are found with indexOf (a vectorised search), and
   * quotes through a cursor kept across the lines of one block, so a quote-free stretch of
   * the block is searched once, not once per line.
   */
  scan(src: string, from: number, to: number): number {
    this.src = src;
    this.gen++;
    let b = this.bounds;
    let q = this.nextQuote(src, from);
    let k = 0;
    let fieldStart = from;
    let i = from;
    for (;;) {
      // Empty fields are common (exports carry dozens of unused columns): no search for them.
      let c = i < to && src.charCodeAt(i) === 44 ? i : src.indexOf(',', i);
      if (c < 0 || c > to) c = to;
      while (q < c) {
        if (q === fieldStart) {
          // A quoted field: jump to its closing quote ("" is an escaped quote); text after it
          // up to the next comma stays part of the field (relax_quotes).
          let close = q + 1;
          for (;;) {
            close = src.indexOf('"', close);
            if (close < 0 || close >= to) {
              this.count = 0;
              this.quoteFrom = to;
              this.quoteAt = NO_QUOTE;
              this.quoteSrc = '';
              return -(q - from + 1);
            }
            if (close + 1 < to && src.charCodeAt(close + 1) === 34) {
              close += 2;
              continue;
            }
            break;
          }
          i = close + 1;
          q = this.nextQuote(src, i);
          c = src.indexOf(',', i);
          if (c < 0 || c > to) c = to;
        } else {
          // A quote inside an unquoted field is plain text.
          q = this.nextQuote(src, q + 1);
        }
      }
      if (2 * k + 2 >= b.length) b = this.grow();
      b[2 * k] = fieldStart;
      b[2 * k + 1] = c;
      k++;
      if (c === to) break;
      fieldStart = i = c + 1;
    }
    this.count = k;
    return k;
  }

  private nextQuote(src: string, from: number): number {
    if (
      src !== this.quoteSrc ||
      from < this.quoteFrom ||
      (from > this.quoteAt && this.quoteAt !== NO_QUOTE)
    ) {
      const at = src.indexOf('"', from);
      this.quoteSrc = src;
      this.quoteAt = at < 0 ? NO_QUOTE : at;
    }
    this.quoteFrom = from;
    return this.quoteAt;
  }

  /** The decoded text of field `k` of the last scanned line; '' past the last field. */
  cell(k: number): string {
    if (k >= this.count) return '';
    return fieldText(this.src, this.bounds[2 * k] ?? 0, this.bounds[2 * k + 1] ?? 0);
  }

  /** Raw bounds of field `k` (k < count): start and end offsets in `src`. */
  start(k: number): number {
    return this.bounds[2 * k] ?? 0;
  }
  end(k: number): number {
    return this.bounds[2 * k + 1] ?? 0;
  }

  private grow(): Int32Array {
    const next = new Int32Array(this.bounds.length * 2);
    next.set(this.bounds);
    this.bounds = next;
    return next;
  }
}

/** Decodes one raw field `src[start, end)` as found by FieldScanner. */
export function fieldText(src: string, start: number, end: number): string {
  if (start >= end || src.charCodeAt(start) !== 34) return src.slice(start, end);
  let value = '';
  let from = start + 1;
  for (;;) {
    // The scanner proved a closing quote exists before `end`.
    const q = src.indexOf('"', from);
    if (q + 1 < end && src.charCodeAt(q + 1) === 34) {
      value += src.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    value += src.slice(from, q);
    // Text after the closing quote: like csv-parse (relax_quotes), the quotes stay as text.
    return q + 1 < end ? `"${value}"${src.slice(q + 1, end)}` : value;
  }
}

/**
 * The field bounds of one line, read from a block pre-scan (simd-scan.ts) that applied
 * FieldScanner's quoting rules: field k ends at the line's k-th separating comma. Same reading
 * interface as FieldScanner (raw bounds; `cell` decodes quotes); one object is reused for every
 * line, valid until the next.
 */
export class PreRow {
  src = '';
  count = 0;
  /** Bumped by every set: a reader holding bounds of an earlier line can tell. */
  gen = 0;
  /** The scanner that found the bounds, its memory still holding the line; null when not given. */
  scan: BlockScan | null = null;
  private offsets: Uint32Array = new Uint32Array(0);
  private base = 0;
  private from = 0;
  private to = 0;

  /**
   * Points at `src[from, to)`, whose `count` separators sit at `offsets[base…]`, as found by
   * `scan` when given.
   */
  set(
    src: string,
    offsets: Uint32Array,
    base: number,
    count: number,
    from: number,
    to: number,
    scan: BlockScan | null = null,
  ): this {
    this.src = src;
    this.scan = scan;
    this.gen++;
    this.offsets = offsets;
    this.base = base;
    this.count = count;
    this.from = from;
    this.to = to;
    return this;
  }

  start(k: number): number {
    return k === 0 ? this.from : (this.offsets[this.base + k - 1] ?? 0) + 1;
  }

  end(k: number): number {
    return k === this.count - 1 ? this.to : (this.offsets[this.base + k] ?? 0);
  }

  cell(k: number): string {
    return k < this.count ? fieldText(this.src, this.start(k), this.end(k)) : '';
  }

  /** BlockScan.intern of cells `cells` of this line; -1 without a scanner. */
  intern(cells: ArrayLike<number>): number {
    const scan = this.scan;
    return scan === null ? -1 : scan.intern(cells, this.base, this.count, this.from, this.to);
  }
}

const scratch = new FieldScanner();

/** Splits one whole line into its decoded fields (convenience over FieldScanner). */
export function splitLine(line: string): string[] | SplitError {
  const n = scratch.scan(line, 0, line.length);
  if (n < 0) return new SplitError('UNTERMINATED_QUOTE', -n);
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(scratch.cell(k));
  return out;
}
