// Folds classified records, skips and rejects into counters and bounded tables, and produces
// the Summary. It never keeps records: memory depends on the number of distinct values (capped
// by TopK) and on the capped reject list, not on the input size. Pure: no I/O, no clock.
// Mergeable: state() is plain, structured-cloneable data, and merge(state) folds another
// aggregator's state in (a + b = one run over both), which is how worker threads combine.
import { ACTIONS, ACTION_KEYS, type ActionKey } from '../knowledge/actions.js';
import { REASONS, REASON_KEYS, type ReasonKey } from '../knowledge/reasons.js';
import { formatLogTime } from '../fields/time.js';
import { PanSerError } from '../errors.js';
import type { Classified, Reject, RejectCode, Skip } from '../model.js';
import type { Profile } from '../classify/profile.js';
import type { SliceKey } from '../slice/terms.js';
import { AS_LOGGED } from '../fields/zone.js';
import { GroupBy, type GroupByState } from './group-by.js';
import { TimeBuckets, type TimeBucketsState } from './time-buckets.js';
import { TopK, type TopKData, type TopKRow } from './top-k.js';
import { addToGroups, labelsOf, REASON_HINTS } from './group-value.js';
import { IPV4_CODEC } from './ipv4-codec.js';
import { FindingsAggregator, type FindingsState } from './findings.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../classify/findings.js';
import {
  GROUP_KEYS,
  SCHEMA_VERSION,
  type ActionRow,
  type CountRow,
  type GroupKey,
  type GroupRow,
  type InputSummary,
  type LineCounts,
  type ReasonRow,
  type RejectRow,
  type Summary,
} from './summary.js';

export interface AggregatorOptions {
  readonly weight: 'rows' | 'repeat';
  /** Rows kept per group table in the Summary. */
  readonly top: number;
  /** Distinct values each group table tracks exactly before it starts approximating. */
  readonly capacity: number;
  /** Rejects kept with their location (all are counted). */
  readonly keepRejects: number;
  /** Timeline bucket width in ms; null sizes it automatically. */
  readonly bucketMs?: number | null;
  /** --group-by keys; empty for no slice table. */
  readonly groupBy?: readonly SliceKey[];
  /** What the report says about the time zone (fields/zone.ts). */
  readonly zoneLabel?: string;
  /** The filter as the user gave it, for the report (the filtering is done before add). */
  readonly filter?: { where: readonly string[]; since: string | null; until: string | null };
  /** Finding thresholds (classify/findings.ts THRESHOLDS); the defaults when absent. */
  readonly thresholds?: Thresholds;
}

/** What a filtered-out line is counted as, under skipped. */
export const FILTERED = '(filtered)';

export const DEFAULT_AGGREGATOR_OPTIONS: AggregatorOptions = {
  weight: 'rows',
  top: 10,
  capacity: 1000,
  keepRejects: 20,
};

export { groupValue, MAX_GROUP_VALUE } from './group-value.js';

export const UNRECOGNIZED = '(unrecognized)';

/** Distinct skipped log types named in the report; any more are counted under OTHER_TYPES. */
export const MAX_SKIP_KINDS = 64;
export const OTHER_TYPES = '(other types)';

interface Tally {
  rows: number;
  repeatWeighted: number;
  bytes: number;
}

const newTally = (): Tally => ({ rows: 0, repeatWeighted: 0, bytes: 0 });

/** Sessions of one (reason, action) pair. */
interface Cell {
  n: number;
}

/** The counters a profile's records go to, kept on the profile (Profile.keptBy). */
interface Counters {
  readonly byReason: Tally;
  readonly byAction: Tally;
  readonly byReasonAction: Cell;
  readonly groups: Record<GroupKey, TopK>;
}

/**
 * Everything an aggregator has counted, as plain data (worker threads post it to the main
 * thread). A new part of the aggregator adds its field here, fills it in state() and folds it
 * in merge(), where every file/line it keeps is shifted by `lineOffset`.
 */
export interface AggregatorState {
  readonly byReason: [string, Tally][];
  readonly byAction: [string, Tally][];
  readonly byReasonAction: [string, string, number][];
  readonly groups: [string, Record<GroupKey, TopKData>][];
  readonly unknownReasons: TopKData;
  readonly unknownActions: TopKData;
  readonly skippedBy: Record<string, number>;
  readonly rejectsByCode: Partial<Record<RejectCode, number>>;
  readonly firstRejects: RejectRow[];
  readonly inputs: InputSummary[];
  readonly lines: LineCounts;
  readonly totals: { sessions: number; rows: number; repeatWeighted: number; bytes: number };
  readonly first: number;
  readonly last: number;
  readonly unparsedTimes: number;
  readonly findings: FindingsState;
  readonly timeline: TimeBucketsState;
  readonly groupBy: GroupByState | null;
  /** Related logs left waiting at the end (a range read after this one must start with none). */
  readonly pendingRelated: number;
}

export interface Aggregator {
  addTraffic(c: Classified): void;
  addSkip(s: Skip): void;
  addReject(r: Reject): void;
  /** Records one finished input with its own line counts. */
  addInput(input: InputSummary): void;
  /** Related logs held for TRAFFIC logs still to come (a range read on its own starts with none). */
  pendingRelated(): number;
  /** A copy of what was counted so far, for merge() elsewhere. */
  state(): AggregatorState;
  /**
   * Folds in the state of an aggregator that ran over input that comes after everything this
   * one saw (rejects keep file/line order). Its line numbers are shifted by `lineOffset`: the
   * lines of the same file that precede the range it read.
   */
  merge(other: AggregatorState, lineOffset?: number): void;
  /**
   * False when merge(other) cannot equal one run over both inputs: the other run counted under
   * OTHER_TYPES some kind this one names (it had named MAX_SKIP_KINDS others first).
   */
  mergesExactly(other: AggregatorState): boolean;
  finish(): Summary;
}

export function createAggregator(
  options: AggregatorOptions = DEFAULT_AGGREGATOR_OPTIONS,
): Aggregator {
  const byReason = new Map<string, Tally>();
  const byAction = new Map<string, Tally>();
  // reason → action → sessions (nested: the keys are the tables' own strings, so no per-line
  // key is built).
  const byReasonAction = new Map<string, Map<string, Cell>>();
  const groups = new Map<string, Record<GroupKey, TopK>>();
  const unknownReasons = new TopK(50);
  const unknownActions = new TopK(50);
  let skippedBy: Record<string, number> = {};
  const rejectsByCode: Partial<Record<RejectCode, number>> = {};
  const firstRejects: RejectRow[] = [];
  const inputs: InputSummary[] = [];
  const lines = { read: 0, analysed: 0, skipped: 0, rejected: 0 };
  const totals = { sessions: 0, rows: 0, repeatWeighted: 0, bytes: 0 };
  let first = Infinity;
  let last = -Infinity;
  let unparsedTimes = 0;
  const timeline = new TimeBuckets(options.bucketMs ?? null);
  const groupBy =
    options.groupBy && options.groupBy.length > 0
      ? new GroupBy(options.groupBy, options.capacity)
      : null;
  const findingsOptions = {
    weight: options.weight,
    capacity: options.capacity,
    top: options.top,
    thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
  };
  const findings = new FindingsAggregator(findingsOptions);

  const tally = (m: Map<string, Tally>, key: string): Tally => {
    let t = m.get(key);
    if (!t) m.set(key, (t = newTally()));
    return t;
  };
  const reasonAction = (reason: string, action: string): Cell => {
    let ra = byReasonAction.get(reason);
    if (!ra) byReasonAction.set(reason, (ra = new Map<string, Cell>()));
    let cell = ra.get(action);
    if (!cell) ra.set(action, (cell = { n: 0 }));
    return cell;
  };
  const groupsOf = (reason: string): Record<GroupKey, TopK> => {
    let g = groups.get(reason);
    if (!g) groups.set(reason, (g = makeGroups()));
    return g;
  };
  /** This aggregator's mark on the profiles it keeps its counters on (Profile.keptBy). */
  const self = {};
  const countersOf = (p: Profile): Counters => {
    const reason = p.reason ?? UNRECOGNIZED;
    const action = p.action ?? UNRECOGNIZED;
    return {
      byReason: tally(byReason, reason),
      byAction: tally(byAction, action),
      byReasonAction: reasonAction(reason, action),
      groups: groupsOf(reason),
    };
  };

  const addInput = (input: InputSummary): void => {
    inputs.push(input);
    lines.read += input.lines.read;
    lines.analysed += input.lines.analysed;
    lines.skipped += input.lines.skipped;
    lines.rejected += input.lines.rejected;
  };

  const makeGroups = (): Record<GroupKey, TopK> => {
    const make = () => new TopK(options.capacity);
    const addresses = () => new TopK(options.capacity, IPV4_CODEC);
    return { rule: make(), app: make(), zonePair: make(), src: addresses(), dst: addresses() };
  };

  return {
    addTraffic(c) {
      const reason = c.reason ?? UNRECOGNIZED;
      const action = c.action ?? UNRECOGNIZED;
      if (c.reason === null) unknownReasons.add(shown(c.rec.fields.session_end_reason), 1);
      if (c.action === null) unknownActions.add(shown(c.rec.fields.action), 1);
      const w = options.weight === 'repeat' ? c.repeat : 1;
      // A record with a profile finds its counters kept there, without a look-up by name.
      const profile = c.profile ?? null;
      const counters = profile === null ? null : profile.keptBy(self, countersOf);
      const tr = counters === null ? tally(byReason, reason) : counters.byReason;
      tr.rows += 1;
      tr.repeatWeighted += c.repeat;
      tr.bytes += c.bytes;
      const ta = counters === null ? tally(byAction, action) : counters.byAction;
      ta.rows += 1;
      ta.repeatWeighted += c.repeat;
      ta.bytes += c.bytes;
      totals.rows += 1;
      totals.repeatWeighted += c.repeat;
      totals.bytes += c.bytes;
      totals.sessions += w;
      (counters === null ? reasonAction(reason, action) : counters.byReasonAction).n += w;
      const g = counters === null ? groupsOf(reason) : counters.groups;
      const labels = profile === null ? labelsOf(c) : profile.labels;
      addToGroups(g, c, labels, w, profile, REASON_HINTS);
      groupBy?.add(c, reason, w);
      findings.add(c, labels);
      if (c.time === null) unparsedTimes++;
      else {
        timeline.add(c.time, reason, w);
        if (c.time < first) first = c.time;
        if (c.time > last) last = c.time;
      }
    },
    addSkip(s) {
      const what =
        s.what in skippedBy || Object.keys(skippedBy).length < MAX_SKIP_KINDS
          ? s.what
          : OTHER_TYPES;
      skippedBy[what] = (skippedBy[what] ?? 0) + 1;
      if (s.related) findings.addRelated(s.related);
    },
    addReject(r) {
      rejectsByCode[r.code] = (rejectsByCode[r.code] ?? 0) + 1;
      if (firstRejects.length < options.keepRejects) {
        firstRejects.push({ file: r.file, line: r.line, code: r.code, message: r.message });
      }
    },
    addInput,
    pendingRelated: () => findings.pendingRelated,
    state() {
      const mapGroups = (g: Record<GroupKey, TopK>) =>
        Object.fromEntries(GROUP_KEYS.map((k) => [k, g[k].toData()])) as Record<GroupKey, TopKData>;
      return {
        byReason: [...byReason].map(([k, t]) => [k, { ...t }]),
        byAction: [...byAction].map(([k, t]) => [k, { ...t }]),
        byReasonAction: [...byReasonAction].flatMap(([r, m]) =>
          [...m].map(([a, cell]): [string, string, number] => [r, a, cell.n]),
        ),
        groups: [...groups].map(([k, g]) => [k, mapGroups(g)]),
        unknownReasons: unknownReasons.toData(),
        unknownActions: unknownActions.toData(),
        skippedBy: { ...skippedBy },
        rejectsByCode: { ...rejectsByCode },
        firstRejects: firstRejects.map((r) => ({ ...r })),
        inputs: inputs.map((i) => ({ ...i, lines: { ...i.lines } })),
        lines: { ...lines },
        totals: { ...totals },
        first,
        last,
        unparsedTimes,
        findings: findings.state(),
        timeline: timeline.state(),
        groupBy: groupBy ? groupBy.state() : null,
        pendingRelated: findings.pendingRelated,
      };
    },
    mergesExactly(o) {
      if ((o.skippedBy[OTHER_TYPES] ?? 0) === 0) return true;
      return Object.keys(skippedBy).every(
        (k) => k === OTHER_TYPES || Object.hasOwn(o.skippedBy, k),
      );
    },
    merge(o, lineOffset = 0) {
      const addTally = (m: Map<string, Tally>, [k, t]: [string, Tally]) => {
        const mine = tally(m, k);
        mine.rows += t.rows;
        mine.repeatWeighted += t.repeatWeighted;
        mine.bytes += t.bytes;
      };
      for (const e of o.byReason) addTally(byReason, e);
      for (const e of o.byAction) addTally(byAction, e);
      for (const [r, a, n] of o.byReasonAction) reasonAction(r, a).n += n;
      for (const [reason, data] of o.groups) {
        const g = groupsOf(reason);
        for (const key of GROUP_KEYS) g[key].merge(TopK.fromData(data[key]));
      }
      unknownReasons.merge(TopK.fromData(o.unknownReasons));
      unknownActions.merge(TopK.fromData(o.unknownActions));
      // Kinds are named as addSkip names them: the other run's kinds come after this run's, in
      // the order it met them, and once MAX_SKIP_KINDS are named the rest are OTHER_TYPES.
      const skipped = { ...skippedBy };
      for (const [k, n] of Object.entries(o.skippedBy)) {
        const into =
          k !== OTHER_TYPES &&
          (Object.hasOwn(skipped, k) || Object.keys(skipped).length < MAX_SKIP_KINDS)
            ? k
            : OTHER_TYPES;
        skipped[into] = (skipped[into] ?? 0) + n;
      }
      skippedBy = skipped;
      for (const [k, n] of Object.entries(o.rejectsByCode) as [RejectCode, number][]) {
        rejectsByCode[k] = (rejectsByCode[k] ?? 0) + n;
      }
      for (const r of o.firstRejects) {
        if (firstRejects.length >= options.keepRejects) break;
        firstRejects.push({ ...r, line: r.line + lineOffset });
      }
      for (const i of o.inputs) addInput(i);
      totals.sessions += o.totals.sessions;
      totals.rows += o.totals.rows;
      totals.repeatWeighted += o.totals.repeatWeighted;
      totals.bytes += o.totals.bytes;
      if (o.first < first) first = o.first;
      if (o.last > last) last = o.last;
      unparsedTimes += o.unparsedTimes;
      findings.merge(FindingsAggregator.fromState(findingsOptions, o.findings, lineOffset));
      timeline.merge(TimeBuckets.fromState(o.timeline));
      if (groupBy && o.groupBy) groupBy.merge(GroupBy.fromState(o.groupBy, options.capacity));
    },
    finish() {
      if (lines.read !== lines.analysed + lines.skipped + lines.rejected) {
        throw new PanSerError(
          'INTERNAL',
          `line accounting is off: read ${lines.read} ≠ analysed ${lines.analysed} + skipped ${lines.skipped} + rejected ${lines.rejected}`,
        );
      }
      const sessionsOf = (t: Tally) => (options.weight === 'repeat' ? t.repeatWeighted : t.rows);
      const counts = (t: Tally): CountRow => ({
        sessions: sessionsOf(t),
        rows: t.rows,
        repeatWeighted: t.repeatWeighted,
        bytes: t.bytes,
        percent: totals.sessions === 0 ? 0 : round2((100 * sessionsOf(t)) / totals.sessions),
      });
      const reasons: ReasonRow[] = REASON_KEYS.map((key: ReasonKey) => ({
        reason: key,
        known: true,
        precedence: REASONS[key].precedence,
        category: REASONS[key].category,
        meaning: REASONS[key].meaning,
        ...counts(byReason.get(key) ?? newTally()),
      }));
      const unknownR = byReason.get(UNRECOGNIZED);
      if (unknownR) {
        reasons.push({
          reason: UNRECOGNIZED,
          known: false,
          precedence: null,
          category: 'unrecognized',
          meaning: 'a value the reason table does not know (see unrecognized.reasons)',
          ...counts(unknownR),
        });
      }
      const actions: ActionRow[] = ACTION_KEYS.map((key: ActionKey) => ({
        action: key,
        known: true,
        blocks: ACTIONS[key].blocks,
        ...counts(byAction.get(key) ?? newTally()),
      }));
      const unknownA = byAction.get(UNRECOGNIZED);
      if (unknownA)
        actions.push({ action: UNRECOGNIZED, known: false, blocks: null, ...counts(unknownA) });

      const order = reasons.map((r) => r.reason);
      const reasonByAction = [...byReasonAction]
        .flatMap(([reason, m]) =>
          [...m].map(([action, cell]) => ({ reason, action, sessions: cell.n })),
        )
        .sort(
          (a, b) =>
            order.indexOf(a.reason) - order.indexOf(b.reason) ||
            b.sessions - a.sessions ||
            cmp(a.action, b.action),
        );

      const groupOut = Object.fromEntries(GROUP_KEYS.map((k) => [k, {}])) as Record<
        GroupKey,
        Record<string, GroupRow[]>
      >;
      let exact = true;
      for (const reason of order) {
        const g = groups.get(reason);
        if (!g) continue;
        for (const key of GROUP_KEYS) {
          groupOut[key][reason] = g[key].top(options.top).map(toGroupRow);
          exact &&= g[key].exact;
        }
      }
      const skippedSorted = Object.fromEntries(
        Object.entries(skippedBy).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])),
      );
      return {
        schemaVersion: SCHEMA_VERSION,
        weight: options.weight,
        inputs,
        lines: { ...lines, skippedBy: skippedSorted },
        totals: { ...totals },
        time: {
          first: first === Infinity ? null : formatLogTime(first),
          last: last === -Infinity ? null : formatLogTime(last),
          zone: options.zoneLabel ?? AS_LOGGED.label,
          unparsed: unparsedTimes,
        },
        filter: options.filter ? { ...options.filter, filtered: skippedBy[FILTERED] ?? 0 } : null,
        timeline: timeline.finish(order),
        slice: groupBy ? groupBy.finish(options.top, order) : null,
        reasons,
        actions,
        reasonByAction,
        groups: groupOut,
        groupsExact: exact,
        unrecognized: {
          reasons: unknownReasons.top(20).map(toGroupRow),
          actions: unknownActions.top(20).map(toGroupRow),
        },
        findings: findings.finish(totals.sessions),
        rejects: { total: lines.rejected, byCode: { ...rejectsByCode }, first: firstRejects },
      };
    },
  };
}

function toGroupRow(r: TopKRow): GroupRow {
  return { value: r.value, sessions: r.count, error: r.error };
}

function shown(raw: string): string {
  const v = raw.trim();
  return v === '' ? '(empty)' : v.length > 64 ? `${v.slice(0, 64)}…` : v;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
