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
// together, and results never depend on which was used. Code adds are applied in batches per
// table (see addCode), which no result can tell. A caller that adds the same value again and
// again can keep a SlotHint per (value, table): while the table has not moved its values since,
// the add is one number write, with no look-up (addHinted).

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

/**
 * Where a table last held one value (see TopK.addHinted): the caller keeps one per value and
 * table. Valid while the table is the same and has not moved its values since (its epoch).
 */
export class SlotHint {
  table: TopK | null = null;
  slot = 0;
  epoch = 0;
}

const FREE = 0;
const TEXT = 1;
const CODE = 2;

export class TopK {
  /** Text-keyed values → slot. */
  private readonly slots = new Map<string, number>();
  /**
   * Per slot: TEXT or CODE (FREE only while a prune moves values down); its text or code; its
   * counts. Slots `[0, used)` hold the live values in the order they were first seen (a value
   * dropped and seen again is new): ties at a prune keep the oldest, and merge inserts in it.
   */
  private kinds = new Uint8Array(8);
  private texts: (string | undefined)[] = [];
  private codes = new Uint32Array(8);
  private counts = new Float64Array(8);
  private errors = new Float64Array(8);
  /** Open-addressing index of the CODE slots: (code, slot + 1) pairs, 0 = empty. Built on first use. */
  private index: Int32Array | null = null;
  /** Code adds not applied yet (see addCode), and their weights once one is not 1. */
  private queued: Uint32Array | null = null;
  private queuedWeights: Float64Array | null = null;
  private queueLength = 0;
  private used = 0;
  private size = 0;
  private floor = 0;
  /** Bumped whenever values move to other slots (prune), which makes every SlotHint stale. */
  private epoch = 0;

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
      this.applyQueue(); // the queued code adds come first
    }
    const s = this.slots.get(value);
    if (s !== undefined) {
      this.counts[s] = (this.counts[s] ?? 0) + n;
      return;
    }
    this.insertText(ownCopy(value), n, this.floor);
    if (this.size >= 2 * this.capacity) this.prune();
  }

  /**
   * add(value, n), for a caller that keeps `hint` for this value and this table: while the hint
   * is fresh the value still sits in its slot, so the add is one write; otherwise it is a plain
   * add, which refreshes the hint. Same counts as add in every case (a text-keyed table only;
   * a table with a codec takes the plain add).
   */
  addHinted(value: string, n: number, hint: SlotHint): void {
    if (hint.table === this && hint.epoch === this.epoch) {
      this.counts[hint.slot] = (this.counts[hint.slot] ?? 0) + n;
      return;
    }
    this.add(value, n);
    if (this.codec !== null) return;
    const s = this.slots.get(value);
    if (s === undefined) return;
    hint.table = this;
    hint.slot = s;
    hint.epoch = this.epoch;
  }

  /**
   * Adds a value by its code (the table must have a codec). The add is queued and applied with
   * the table's next ones in a batch: a record adds to several high-cardinality tables, each
   * larger than a core's cache, so adds applied as they come miss the cache on nearly every
   * probe, while a batch works on one table at a time. Only this table's own order matters to
   * its counts (when it prunes), and every other method applies the queue first, so no result
   * depends on the batching.
   */
  addCode(code: number, n: number): void {
    let queue = this.queued;
    if (queue === null) queue = this.queued = new Uint32Array(QUEUE);
    const k = this.queueLength++;
    queue[k] = code;
    if (n !== 1 || this.queuedWeights !== null) this.weigh(k, n);
    if (k + 1 === QUEUE) this.applyQueue();
  }

  /**
   * Records the weight of queued add `k`. Weights are kept from the first one that is not 1 on
   * (the earlier ones were 1), and from then on every add writes its own.
   */
  private weigh(k: number, n: number): void {
    let w = this.queuedWeights;
    if (w === null) {
      w = this.queuedWeights = new Float64Array(QUEUE);
      w.fill(1, 0, k);
    }
    w[k] = n;
  }

  /** Applies the queued code adds, in order. */
  private applyQueue(): void {
    const n = this.queueLength;
    if (n === 0) return;
    this.queueLength = 0;
    const queue = this.queued as Uint32Array;
    const w = this.queuedWeights;
    for (let k = 0; k < n; k++) this.addCodeNow(queue[k] ?? 0, w === null ? 1 : (w[k] ?? 0));
  }

  private addCodeNow(code: number, n: number): void {
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
    // Slots are taken in order and prune compacts them, so slot order is first-seen order.
    const s = this.used++;
    if (s >= this.counts.length) this.growSlots();
    this.counts[s] = count;
    this.errors[s] = error;
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

  /** The live slots, in first-seen order. */
  private liveSlots(): number[] {
    return Array.from({ length: this.used }, (_, s) => s);
  }

  /** True when every count is exact (nothing was ever dropped). */
  get exact(): boolean {
    this.applyQueue();
    return this.floor === 0;
  }

  /**
   * Drops all but the `capacity` heaviest values. Linear: one selection (no sort) finds the
   * cut, and one pass keeps the values above it and, of those at it, the first seen (slot
   * order is first-seen order), moving the kept ones down so the slots stay in that order.
   * This runs every `capacity` new values on high-cardinality columns (addresses).
   */
  private prune(): void {
    this.epoch++;
    const n = this.used;
    if (scratch.length < n) scratch = new Float64Array(2 * n);
    scratch.set(this.counts.subarray(0, n));
    const cut = kthSmallest(scratch, n, n - this.capacity);
    let places = this.capacity;
    for (let s = 0; s < n; s++) if ((this.counts[s] ?? 0) > cut) places--;
    let kept = 0;
    for (let s = 0; s < n; s++) {
      const count = this.counts[s] ?? 0;
      const keep = count > cut || (count === cut && places-- > 0);
      if (!keep) {
        this.drop(s);
        continue;
      }
      if (kept !== s) this.move(s, kept);
      kept++;
    }
    this.used = kept;
    this.size = kept;
    if (this.index !== null) {
      this.index.fill(0);
      for (let s = 0; s < kept; s++) {
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
  }

  /** Moves a kept value from slot `from` down to the free slot `to`. */
  private move(from: number, to: number): void {
    const kind = this.kinds[from] ?? FREE;
    this.kinds[to] = kind;
    this.kinds[from] = FREE;
    this.codes[to] = this.codes[from] ?? 0;
    this.counts[to] = this.counts[from] ?? 0;
    this.errors[to] = this.errors[from] ?? 0;
    if (kind === TEXT) {
      const text = this.texts[from] ?? '';
      this.texts[to] = text;
      this.texts[from] = undefined;
      this.slots.set(text, to);
    }
  }

  /** The count of one value, when the table still holds it. */
  get(value: string): TopKRow | undefined {
    this.applyQueue();
    const s = this.find(value);
    return s < 0 ? undefined : this.row(s);
  }

  private row(s: number): TopKRow {
    return { value: this.valueOf(s), count: this.counts[s] ?? 0, error: this.errors[s] ?? 0 };
  }

  /** The heaviest `limit` values, ties broken by value so output is deterministic. */
  top(limit: number): TopKRow[] {
    this.applyQueue();
    return this.liveSlots()
      .map((s) => this.row(s))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit);
  }

  toData(): TopKData {
    this.applyQueue();
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
    this.applyQueue();
    other.applyQueue();
    for (const s of this.liveSlots()) {
      if (other.find(this.valueOf(s)) < 0) this.errors[s] = (this.errors[s] ?? 0) + other.floor;
    }
    for (const o of other.liveSlots()) {
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

/** Code adds queued per table before they are applied (see TopK.addCode). */
const QUEUE = 2048;

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
