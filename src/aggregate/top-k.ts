// A bounded "most frequent values" counter. Exact while it has seen at most `capacity` distinct
// values; beyond that it keeps the heaviest ones (prune to capacity when 2 × capacity is
// reached) and tracks an error bound: a kept value's true count lies in [count, count + error],
// and a dropped value's true count is at most `floor`. Memory never exceeds 2 × capacity keys.
// Hot path (several adds per record): a value maps to a slot in typed arrays, so an add is one
// Map look-up and a number write, and a new value allocates no per-value object.

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

export class TopK {
  /** Value → slot in `counts`/`errors`; Map order is first-seen order, which ties rely on. */
  private readonly slots = new Map<string, number>();
  private counts = new Float64Array(8);
  private errors = new Float64Array(8);
  /** Slots freed by prune, reused before new ones. */
  private readonly free: number[] = [];
  private used = 0;
  private floor = 0;

  constructor(readonly capacity: number) {}

  add(value: string, n: number): void {
    const s = this.slots.get(value);
    if (s !== undefined) {
      this.counts[s] = (this.counts[s] ?? 0) + n;
      return;
    }
    this.insert(ownCopy(value), n, this.floor);
    if (this.slots.size >= 2 * this.capacity) this.prune();
  }

  private insert(value: string, count: number, error: number): void {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.used++;
      if (s >= this.counts.length) {
        const size = 2 * this.counts.length;
        const counts = new Float64Array(size);
        const errors = new Float64Array(size);
        counts.set(this.counts);
        errors.set(this.errors);
        this.counts = counts;
        this.errors = errors;
      }
    }
    this.counts[s] = count;
    this.errors[s] = error;
    this.slots.set(value, s);
  }

  private countOf(s: number): number {
    return this.counts[s] ?? 0;
  }

  private errorOf(s: number): number {
    return this.errors[s] ?? 0;
  }

  /** True when every count is exact (nothing was ever dropped). */
  get exact(): boolean {
    return this.floor === 0;
  }

  /**
   * Drops all but the `capacity` heaviest values. Linear apart from a native numeric sort of the
   * counts: this runs every `capacity` new values on high-cardinality columns (addresses).
   * Values tied at the cut are kept in first-seen order, which the input order fixes.
   */
  private prune(): void {
    const counts = new Float64Array(this.slots.size);
    let i = 0;
    for (const s of this.slots.values()) counts[i++] = this.countOf(s);
    counts.sort();
    const cut = counts[counts.length - this.capacity] ?? 0;
    let above = 0;
    for (const s of this.slots.values()) if (this.countOf(s) > cut) above++;
    let ties = this.capacity - above;
    for (const [value, s] of this.slots) {
      const count = this.countOf(s);
      if (count > cut) continue;
      if (count === cut && ties > 0) {
        ties--;
        continue;
      }
      this.floor = Math.max(this.floor, count + this.errorOf(s));
      this.slots.delete(value);
      this.free.push(s);
    }
  }

  /** The count of one value, when the table still holds it. */
  get(value: string): TopKRow | undefined {
    const s = this.slots.get(value);
    return s === undefined ? undefined : this.row(value, s);
  }

  private row(value: string, s: number): TopKRow {
    return { value, count: this.countOf(s), error: this.errorOf(s) };
  }

  /** The heaviest `limit` values, ties broken by value so output is deterministic. */
  top(limit: number): TopKRow[] {
    return [...this.slots]
      .map(([value, s]) => this.row(value, s))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit);
  }

  toData(): TopKData {
    return { capacity: this.capacity, floor: this.floor, rows: this.top(this.slots.size) };
  }

  static fromData(data: TopKData): TopK {
    const t = new TopK(data.capacity);
    t.floor = data.floor;
    for (const r of data.rows) t.insert(r.value, r.count, r.error);
    return t;
  }

  /** Adds another table's counts into this one (a + b = one pass over both inputs). */
  merge(other: TopK): void {
    for (const [value, s] of this.slots) {
      if (!other.slots.has(value)) this.errors[s] = this.errorOf(s) + other.floor;
    }
    for (const [value, o] of other.slots) {
      const s = this.slots.get(value);
      if (s !== undefined) {
        this.counts[s] = this.countOf(s) + other.countOf(o);
        this.errors[s] = this.errorOf(s) + other.errorOf(o);
      } else {
        this.insert(value, other.countOf(o), other.errorOf(o) + this.floor);
      }
    }
    this.floor += other.floor;
    if (this.slots.size >= 2 * this.capacity) this.prune();
  }
}
