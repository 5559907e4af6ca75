// A bounded "most frequent values" counter. Exact while it has seen at most `capacity` distinct
// values; beyond that it keeps the heaviest ones (prune to capacity when 2 × capacity is
// reached) and tracks an error bound: a kept value's true count lies in [count, count + error],
// and a dropped value's true count is at most `floor`. Memory never exceeds 2 × capacity keys.

import { ownCopy } from '../input/blocks.js';

export interface TopKRow {
  readonly value: string;
  readonly count: number;
  /** How much the true count may exceed `count` (0 when exact). */
  readonly error: number;
}

export interface TopKData {
  readonly capacity: number;
  readonly floor: number;
  readonly rows: readonly TopKRow[];
}

interface Cell {
  count: number;
  error: number;
}

export class TopK {
  private readonly cells = new Map<string, Cell>();
  private floor = 0;

  constructor(readonly capacity: number) {}

  add(value: string, n: number): void {
    const cell = this.cells.get(value);
    if (cell) {
      cell.count += n;
      return;
    }
    this.cells.set(ownCopy(value), { count: n, error: this.floor });
    if (this.cells.size >= 2 * this.capacity) this.prune();
  }

  /** True when every count is exact (nothing was ever dropped). */
  get exact(): boolean {
    return this.floor === 0;
  }

  private sorted(): [string, Cell][] {
    return [...this.cells].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  }

  /**
   * Drops all but the `capacity` heaviest values. Linear apart from a native numeric sort of the
   * counts: this runs every `capacity` new values on high-cardinality columns (addresses).
   * Values tied at the cut are kept in first-seen order, which the input order fixes.
   */
  private prune(): void {
    const counts = new Float64Array(this.cells.size);
    let i = 0;
    for (const c of this.cells.values()) counts[i++] = c.count;
    counts.sort();
    const cut = counts[counts.length - this.capacity] ?? 0;
    let above = 0;
    for (const c of this.cells.values()) if (c.count > cut) above++;
    let ties = this.capacity - above;
    for (const [value, cell] of this.cells) {
      if (cell.count > cut) continue;
      if (cell.count === cut && ties > 0) {
        ties--;
        continue;
      }
      this.floor = Math.max(this.floor, cell.count + cell.error);
      this.cells.delete(value);
    }
  }

  /** The count of one value, when the table still holds it. */
  get(value: string): TopKRow | undefined {
    const c = this.cells.get(value);
    return c && { value, count: c.count, error: c.error };
  }

  /** The heaviest `limit` values, ties broken by value so output is deterministic. */
  top(limit: number): TopKRow[] {
    return this.sorted()
      .slice(0, limit)
      .map(([value, c]) => ({ value, count: c.count, error: c.error }));
  }

  toData(): TopKData {
    return { capacity: this.capacity, floor: this.floor, rows: this.top(this.cells.size) };
  }

  static fromData(data: TopKData): TopK {
    const t = new TopK(data.capacity);
    t.floor = data.floor;
    for (const r of data.rows) t.cells.set(r.value, { count: r.count, error: r.error });
    return t;
  }

  /** Adds another table's counts into this one (a + b = one pass over both inputs). */
  merge(other: TopK): void {
    for (const [value, c] of this.cells) {
      if (!other.cells.has(value)) c.error += other.floor;
    }
    for (const [value, o] of other.cells) {
      const c = this.cells.get(value);
      if (c) {
        c.count += o.count;
        c.error += o.error;
      } else {
        this.cells.set(value, { count: o.count, error: o.error + this.floor });
      }
    }
    this.floor += other.floor;
    if (this.cells.size >= 2 * this.capacity) this.prune();
  }
}
