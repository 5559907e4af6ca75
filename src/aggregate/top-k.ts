// A bounded "most frequent values" counter. Exact while it has seen at most `capacity` distinct
// values; beyond that it keeps the heaviest ones (prune to capacity when 2 × capacity is
// reached) and tracks an error bound: a kept value's true count lies in [count, count + error],
// and a dropped value's true count is at most `floor`. Memory never exceeds 2 × capacity keys.
//
// Hot path (several adds per record): a value maps to a slot in typed arrays, so an add is one
// look-up and a number write, and a new value allocates no per-value object. A table given a
// KeyCodec (addresses) keys the values the codec can encode by number, in an open-addressing
// index, so a high-cardinality column neither builds nor keeps strings; values it cannot encode
// use a Map. Either way, a value is one key: add('10.0.0.1') and addCode(code of it) count
// together, and results never depend on which was used.

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

/** A one-to-one mapping between some values and unsigned 32-bit codes. */
export interface KeyCodec {
  /** The value's code, or -1 when it has none (it is then keyed by its text). */
  encode(value: string): number;
  /** The value of a code; encode(decode(c)) === c. */
  decode(code: number): string;
}

const FREE = 0;
const TEXT = 1;
const CODE = 2;

export class TopK {
  /** Text-keyed values → slot. */
  private readonly slots = new Map<string, number>();
  /** Per slot: FREE, TEXT or CODE; its text (TEXT) or code (CODE); counts; first-seen order. */
  private kinds = new Uint8Array(8);
  private texts: (string | undefined)[] = [];
  private codes = new Uint32Array(8);
  private counts = new Float64Array(8);
  private errors = new Float64Array(8);
  /** Order of first sight (a value dropped and seen again is new): ties at a prune keep the oldest. */
  private seqs = new Float64Array(8);
  private nextSeq = 0;
  /** Open-addressing index of the CODE slots: (code, slot + 1) pairs, 0 = empty. Built on first use. */
  private index: Int32Array | null = null;
  /** Slots freed by prune, reused before new ones. */
  private readonly free: number[] = [];
  private used = 0;
  private size = 0;
  private floor = 0;

  constructor(
    readonly capacity: number,
    private readonly codec: KeyCodec | null = null,
  ) {}

  add(value: string, n: number): void {
    if (this.codec !== null) {
      const code = this.codec.encode(value);
      if (code >= 0) {
        this.addCode(code, n);
        return;
      }
    }
    const s = this.slots.get(value);
    if (s !== undefined) {
      this.counts[s] = (this.counts[s] ?? 0) + n;
      return;
    }
    this.insertText(ownCopy(value), n, this.floor);
    if (this.size >= 2 * this.capacity) this.prune();
  }

  /** Adds a value by its code (the table must have a codec). */
  addCode(code: number, n: number): void {
    const s = this.findCode(code);
    if (s >= 0) {
      this.counts[s] = (this.counts[s] ?? 0) + n;
      return;
    }
    this.insertCode(code, n, this.floor);
    if (this.size >= 2 * this.capacity) this.prune();
  }

  private findCode(code: number): number {
    const index = this.index;
    if (index === null) return -1;
    const mask = index.length - 2;
    for (let h = (hash(code) << 1) & mask; ; h = (h + 2) & mask) {
      const e = index[h + 1] ?? 0;
      if (e === 0) return -1;
      if (index[h] === (code | 0)) return e - 1;
    }
  }

  private indexCode(code: number, s: number): void {
    let index = this.index;
    if (index === null) {
      // Pairs (code, slot + 1), so a probe reads one cache line. Live codes never exceed
      // 2 × capacity: the index is at most half full.
      let pairs = 16;
      while (pairs < 4 * this.capacity) pairs *= 2;
      index = this.index = new Int32Array(2 * pairs);
    }
    const mask = index.length - 2;
    let h = (hash(code) << 1) & mask;
    while ((index[h + 1] ?? 0) !== 0) h = (h + 2) & mask;
    index[h] = code;
    index[h + 1] = s + 1;
  }

  private slot(count: number, error: number): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.used++;
      if (s >= this.counts.length) this.growSlots();
    }
    this.counts[s] = count;
    this.errors[s] = error;
    this.seqs[s] = this.nextSeq++;
    this.size++;
    return s;
  }

  private growSlots(): void {
    const size = 2 * this.counts.length;
    const grow = <T extends Float64Array | Uint32Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.counts = grow(this.counts, (n) => new Float64Array(n));
    this.errors = grow(this.errors, (n) => new Float64Array(n));
    this.seqs = grow(this.seqs, (n) => new Float64Array(n));
    this.codes = grow(this.codes, (n) => new Uint32Array(n));
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
  }

  private insertText(value: string, count: number, error: number): void {
    const s = this.slot(count, error);
    this.kinds[s] = TEXT;
    this.texts[s] = value;
    this.slots.set(value, s);
  }

  private insertCode(code: number, count: number, error: number): void {
    const s = this.slot(count, error);
    this.kinds[s] = CODE;
    this.codes[s] = code;
    this.indexCode(code, s);
  }

  /** Inserts a value given as text, keyed the way this table keys it. */
  private insertValue(value: string, count: number, error: number): void {
    const code = this.codec === null ? -1 : this.codec.encode(value);
    if (code >= 0) this.insertCode(code, count, error);
    else this.insertText(value, count, error);
  }

  /** The slot holding `value`, or -1. */
  private find(value: string): number {
    const code = this.codec === null ? -1 : this.codec.encode(value);
    if (code >= 0) return this.findCode(code);
    return this.slots.get(value) ?? -1;
  }

  private valueOf(s: number): string {
    return this.kinds[s] === CODE
      ? (this.codec as KeyCodec).decode(this.codes[s] ?? 0)
      : (this.texts[s] ?? '');
  }

  /** The live slots, in slot order. */
  private liveSlots(): number[] {
    const live: number[] = [];
    for (let s = 0; s < this.used; s++) if (this.kinds[s] !== FREE) live.push(s);
    return live;
  }

  /** The live slots in first-seen order (what merge inserts in). */
  private slotsFirstSeen(): number[] {
    return this.liveSlots().sort((a, b) => (this.seqs[a] ?? 0) - (this.seqs[b] ?? 0));
  }

  /** True when every count is exact (nothing was ever dropped). */
  get exact(): boolean {
    return this.floor === 0;
  }

  /**
   * Drops all but the `capacity` heaviest values. Linear: two selections (no sort) on a scratch
   * array, since this runs every `capacity` new values on high-cardinality columns (addresses).
   * Values tied at the cut are kept in first-seen order, which the input order fixes.
   */
  private prune(): void {
    const n = this.size;
    if (scratch.length < n) scratch = new Float64Array(2 * n);
    let i = 0;
    for (let s = 0; s < this.used; s++) {
      if (this.kinds[s] !== FREE) scratch[i++] = this.counts[s] ?? 0;
    }
    const cut = kthSmallest(scratch, n, n - this.capacity);
    // Values above the cut stay; of those at it, the first seen fill the places left.
    let places = this.capacity;
    let tied = 0;
    for (let s = 0; s < this.used; s++) {
      if (this.kinds[s] === FREE) continue;
      const count = this.counts[s] ?? 0;
      if (count > cut) places--;
      else if (count === cut) scratch[tied++] = this.seqs[s] ?? 0;
    }
    const lastKept = places >= tied ? Infinity : kthSmallest(scratch, tied, places - 1);
    for (let s = 0; s < this.used; s++) {
      if (this.kinds[s] === FREE) continue;
      const count = this.counts[s] ?? 0;
      if (count < cut || (count === cut && (this.seqs[s] ?? 0) > lastKept)) this.drop(s);
    }
    if (this.index !== null) {
      this.index.fill(0);
      for (let s = 0; s < this.used; s++) {
        if (this.kinds[s] === CODE) this.indexCode(this.codes[s] ?? 0, s);
      }
    }
  }

  private drop(s: number): void {
    this.floor = Math.max(this.floor, (this.counts[s] ?? 0) + (this.errors[s] ?? 0));
    if (this.kinds[s] === TEXT) {
      this.slots.delete(this.texts[s] ?? '');
      this.texts[s] = undefined;
    }
    this.kinds[s] = FREE;
    this.free.push(s);
    this.size--;
  }

  /** The count of one value, when the table still holds it. */
  get(value: string): TopKRow | undefined {
    const s = this.find(value);
    return s < 0 ? undefined : this.row(s);
  }

  private row(s: number): TopKRow {
    return { value: this.valueOf(s), count: this.counts[s] ?? 0, error: this.errors[s] ?? 0 };
  }

  /** The heaviest `limit` values, ties broken by value so output is deterministic. */
  top(limit: number): TopKRow[] {
    return this.liveSlots()
      .map((s) => this.row(s))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit);
  }

  toData(): TopKData {
    return { capacity: this.capacity, floor: this.floor, rows: this.top(this.size) };
  }

  static fromData(data: TopKData, codec: KeyCodec | null = null): TopK {
    const t = new TopK(data.capacity, codec);
    t.floor = data.floor;
    for (const r of data.rows) t.insertValue(r.value, r.count, r.error);
    return t;
  }

  /** Adds another table's counts into this one (a + b = one pass over both inputs). */
  merge(other: TopK): void {
    for (const s of this.liveSlots()) {
      if (other.find(this.valueOf(s)) < 0) this.errors[s] = (this.errors[s] ?? 0) + other.floor;
    }
    for (const o of other.slotsFirstSeen()) {
      const value = other.valueOf(o);
      const s = this.find(value);
      const count = other.counts[o] ?? 0;
      const error = other.errors[o] ?? 0;
      if (s >= 0) {
        this.counts[s] = (this.counts[s] ?? 0) + count;
        this.errors[s] = (this.errors[s] ?? 0) + error;
      } else {
        this.insertValue(value, count, error + this.floor);
      }
    }
    this.floor += other.floor;
    if (this.size >= 2 * this.capacity) this.prune();
  }
}

/** Shared scratch space for prune (single-threaded: one prune runs at a time). */
let scratch = new Float64Array(1024);

/**
 * The k-th smallest (0-based) of `a[0, n)`, by quickselect; reorders `a[0, n)`. Deterministic:
 * the pivot is the median of the first, middle and last values.
 */
export function kthSmallest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const x = a[lo] ?? 0;
    const y = a[(lo + hi) >> 1] ?? 0;
    const z = a[hi] ?? 0;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] ?? 0;
  }
  return a[k] ?? 0;
}

/** A multiplicative hash of a 32-bit code (the index size is a power of two). */
function hash(code: number): number {
  const h = Math.imul(code, 0x9e3779b1);
  return h ^ (h >>> 15);
}
