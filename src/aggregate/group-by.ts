// The --group-by table: sessions per combination of slice keys (e.g. rule × app), with each
// row's split by end reason. Bounded like every group table: two TopK counters (per combination,
// and per combination × reason), so rare combinations may be approximate, with an error bound.
// Pure and mergeable.
import type { Classified } from '../model.js';
import { sliceValue, type SliceKey } from '../slice/terms.js';
import { clipGroupValue } from './group-value.js';
import { TopK, type TopKData } from './top-k.js';

export interface SliceRow {
  /** One value per key, in the order of `Slice.keys`. */
  readonly values: readonly string[];
  readonly sessions: number;
  /** Upper bound of the overcount (0 = exact). */
  readonly error: number;
  /** Sessions per end reason, non-zero only, in reason order. */
  readonly byReason: Readonly<Record<string, number>>;
}

export interface Slice {
  readonly keys: readonly SliceKey[];
  readonly rows: SliceRow[];
  readonly exact: boolean;
}

/** GroupBy.state(): the counts as plain data. */
export interface GroupByState {
  readonly keys: readonly SliceKey[];
  readonly totals: TopKData;
  readonly pairs: TopKData;
}

export class GroupBy {
  private totals: TopK;
  private pairs: TopK;

  constructor(
    readonly keys: readonly SliceKey[],
    capacity: number,
  ) {
    this.totals = new TopK(capacity);
    this.pairs = new TopK(capacity * 4);
  }

  add(c: Classified, reason: string, n: number): void {
    const values = this.keys.map((k) => clipGroupValue(sliceValue(c, k)));
    // JSON keys: log values may hold any character, so no separator could be trusted.
    this.totals.add(JSON.stringify(values), n);
    this.pairs.add(JSON.stringify([reason, ...values]), n);
  }

  /** Plain, structured-cloneable counts (worker threads post them; see fromState). */
  state(): GroupByState {
    return { keys: this.keys, totals: this.totals.toData(), pairs: this.pairs.toData() };
  }

  static fromState(s: GroupByState, capacity: number): GroupBy {
    const g = new GroupBy(s.keys, capacity);
    g.totals = TopK.fromData(s.totals);
    g.pairs = TopK.fromData(s.pairs);
    return g;
  }

  merge(other: GroupBy): void {
    this.totals.merge(other.totals);
    this.pairs.merge(other.pairs);
  }

  finish(top: number, order: readonly string[]): Slice {
    const rows = this.totals.top(top).map((r): SliceRow => {
      const values = JSON.parse(r.value) as string[];
      const byReason: Record<string, number> = {};
      for (const reason of order) {
        const hit = this.pairs.get(JSON.stringify([reason, ...values]));
        if (hit && hit.count > 0) byReason[reason] = hit.count;
      }
      return { values, sessions: r.count, error: r.error, byReason };
    });
    return { keys: this.keys, rows, exact: this.totals.exact && this.pairs.exact };
  }
}
