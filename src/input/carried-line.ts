// The part of a line that a chunk boundary cut off, held until the line end arrives. Once the
// line is over the size limit its bytes are only counted, never held, so one giant line cannot
// exhaust memory. Shared by both line framers (blocks.ts and lines.ts).

export class CarriedLine {
  private parts: Buffer[] = [];
  private bytes = 0;
  private overflow = 0;

  constructor(private readonly maxBytes: number) {}

  /** True while a cut line waits for its end. */
  get pending(): boolean {
    return this.bytes > 0 || this.overflow > 0;
  }

  /** Bytes held: never more than maxBytes. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** Carries `chunk[from, to)`, a piece of a line whose end has not arrived yet. */
  keep(chunk: Buffer, from: number, to: number): void {
    if (this.overflow > 0) {
      this.overflow += to - from;
      return;
    }
    if (this.bytes + (to - from) > this.maxBytes) {
      this.overflow = this.bytes + (to - from);
      this.reset();
      return;
    }
    // A copy: the caller may reuse the chunk's memory for its next read.
    this.parts.push(Buffer.from(chunk.subarray(from, to)));
    this.bytes += to - from;
  }

  /**
   * Ends the line with `chunk[from, to)`: its bytes (the chunk itself when nothing was carried),
   * or, when the whole line is over the limit, its length in bytes.
   */
  finish(chunk: Buffer, from: number, to: number): Buffer | number {
    const total = (this.overflow > 0 ? this.overflow : this.bytes) + (to - from);
    if (this.overflow > 0 || total > this.maxBytes) {
      this.overflow = 0;
      this.reset();
      return total;
    }
    if (this.bytes === 0) return chunk.subarray(from, to);
    this.parts.push(chunk.subarray(from, to));
    const whole = Buffer.concat(this.parts);
    this.reset();
    return whole;
  }

  private reset(): void {
    this.parts = [];
    this.bytes = 0;
  }
}
