// Counts findings: per finding its sessions, bytes, bounded top rules/apps/zone pairs, ranked
// causes (with how many a correlated DECRYPTION/THREAT/AUTH log confirms) and the first few
// example sessions. Correlation keeps only the most recent related logs (a bounded window keyed
// by serial + session id). State is plain counters, TopK and short lists: `merge` adds two runs.
import {
  FINDINGS,
  FINDING_IDS,
  rankCauses,
  type FindingId,
  type FindingRule,
  type RankedCause,
  type Thresholds,
} from '../classify/findings.js';
import { formatLogTime } from '../fields/time.js';
import { decodeFlags } from '../knowledge/flags.js';
import type { Classified, RelatedLog } from '../model.js';
import { addToGroups, findingHints, labelsOf, type Labels } from './group-value.js';
import type { FindingCause, FindingExample, FindingRow, GroupRow } from './summary.js';
import { TopK, type TopKData } from './top-k.js';

export interface FindingsOptions {
  readonly weight: 'rows' | 'repeat';
  /** Distinct values each top table tracks exactly. */
  readonly capacity: number;
  /** Rows per top table in the Summary. */
  readonly top: number;
  readonly thresholds: Thresholds;
}

interface CauseTally {
  sessions: number;
  confirmed: number;
  primary: number;
}

interface FindingTally {
  sessions: number;
  bytes: number;
  readonly top: { rule: TopK; app: TopK; zonePair: TopK };
  readonly causes: Map<string, CauseTally>;
  readonly examples: FindingExample[];
}

const TOP_KEYS = ['rule', 'app', 'zonePair'] as const;

/** FindingsAggregator.state(): the counts as plain data. */
export interface FindingsState {
  readonly bases: [FindingId, number][];
  readonly tallies: {
    readonly id: FindingId;
    readonly sessions: number;
    readonly bytes: number;
    readonly top: Record<(typeof TOP_KEYS)[number], TopKData>;
    readonly causes: [string, CauseTally][];
    readonly examples: FindingExample[];
  }[];
}

/** Findings judged on a share need their base counted on every record: [id, base] pairs. */
const SHARE_BASES = FINDING_IDS.flatMap((id) => {
  const share = (FINDINGS[id] as FindingRule).share;
  return share === undefined ? [] : [[id, share.base] as const];
});

export class FindingsAggregator {
  private readonly tallies = new Map<FindingId, FindingTally>();
  private readonly bases = new Map<FindingId, number>();
  /** Related logs waiting for their TRAFFIC end log, each with the number of its arrival. */
  private readonly related = new Map<string, { logs: RelatedLog[]; seq: number }>();
  /**
   * Arrival order of the keys, oldest first from `head`, for evicting the oldest. Not the Map's
   * own order: V8 walks a Map from its start over the holes its deletes left, so taking the
   * oldest key that way cost a walk over thousands of holes per related log once the window was
   * full (1M THREAT logs with distinct session ids: 7 s of 10). An entry whose key was since
   * deleted, or deleted and added again (another seq), is stale and passed over.
   */
  private order: { key: string; seq: number }[] = [];
  private head = 0;
  private seq = 0;

  constructor(private readonly o: FindingsOptions) {}

  /** A DECRYPTION/THREAT/AUTH log: held (bounded) until its session's TRAFFIC log arrives. */
  addRelated(r: RelatedLog): void {
    const key = sessionKey(r.serial, r.sessionid);
    const held = this.related.get(key);
    if (held) {
      if (held.logs.length < 8) held.logs.push(r);
      return;
    }
    const seq = ++this.seq;
    this.related.set(key, { logs: [r], seq });
    this.order.push({ key, seq });
    const window = Math.max(1, this.o.thresholds['correlation-window']);
    while (this.related.size > window && this.head < this.order.length) {
      const oldest = this.order[this.head++];
      if (oldest !== undefined && this.related.get(oldest.key)?.seq === oldest.seq)
        this.related.delete(oldest.key);
    }
    // Stale entries (sessions whose TRAFFIC log came) must not pile up: keep the queue within
    // twice the live keys plus a margin, compacting it at a cost spread over as many adds.
    if (this.order.length - this.head > 2 * this.related.size + 1024) {
      this.order = this.order
        .slice(this.head)
        .filter((e) => this.related.get(e.key)?.seq === e.seq);
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  /** Counts one record; `labels` = labelsOf(c) when the caller has read them already. */
  add(c: Classified, labels?: Labels): void {
    const w = this.o.weight === 'repeat' ? c.repeat : 1;
    for (const [id, base] of SHARE_BASES) {
      if (base(c)) this.bases.set(id, (this.bases.get(id) ?? 0) + w);
    }
    let related: readonly RelatedLog[] = NONE;
    if (this.related.size > 0 && c.reason !== 'n/a') {
      const key = sessionKey(c.rec.fields.serial.trim(), c.rec.fields.sessionid.trim());
      const held = this.related.get(key);
      // The session ended: its related logs have done their job.
      if (held) {
        related = held.logs;
        this.related.delete(key);
      }
    }
    if (c.findings.length === 0) return;
    const shared = labels ?? labelsOf(c);
    for (const id of c.findings) {
      if (!Object.hasOwn(FINDINGS, id)) continue;
      this.addOne(id as FindingId, c, shared, w, related);
    }
  }

  private addOne(
    id: FindingId,
    c: Classified,
    labels: Labels,
    w: number,
    related: readonly RelatedLog[],
  ): void {
    const rule: FindingRule = FINDINGS[id];
    let t = this.tallies.get(id);
    if (!t) {
      const make = () => new TopK(this.o.capacity);
      t = {
        sessions: 0,
        bytes: 0,
        top: { rule: make(), app: make(), zonePair: make() },
        causes: new Map(),
        examples: [],
      };
      this.tallies.set(id, t);
    }
    t.sessions += w;
    t.bytes += c.bytes;
    addToGroups(t.top, c, labels, w, c.profile ?? null, HINTS_AT[id]);
    const ranked = rankCauses(rule, c, related);
    for (let i = 0; i < ranked.length; i++) {
      const rc = ranked[i] as RankedCause;
      let ct = t.causes.get(rc.id);
      if (!ct) t.causes.set(rc.id, (ct = { sessions: 0, confirmed: 0, primary: 0 }));
      ct.sessions += w;
      if (rc.confirmed) ct.confirmed += w;
      if (i === 0) ct.primary += w;
    }
    if (t.examples.length < this.o.thresholds.examples) {
      t.examples.push(makeExample(rule, c, ranked));
    }
  }

  /** Adds another aggregator's counts (a + b = one run over both inputs, in that order). */
  merge(other: FindingsAggregator): void {
    for (const [id, n] of other.bases) this.bases.set(id, (this.bases.get(id) ?? 0) + n);
    for (const [id, o] of other.tallies) {
      const t = this.tallies.get(id);
      if (!t) {
        this.tallies.set(id, o);
        continue;
      }
      t.sessions += o.sessions;
      t.bytes += o.bytes;
      for (const key of TOP_KEYS) t.top[key].merge(o.top[key]);
      for (const [cid, oc] of o.causes) {
        const ct = t.causes.get(cid);
        if (!ct) t.causes.set(cid, { ...oc });
        else {
          ct.sessions += oc.sessions;
          ct.confirmed += oc.confirmed;
          ct.primary += oc.primary;
        }
      }
      for (const e of o.examples) {
        if (t.examples.length < this.o.thresholds.examples) t.examples.push(e);
      }
    }
  }

  /** Related logs still waiting for their TRAFFIC log (a split read must start after none). */
  get pendingRelated(): number {
    return this.related.size;
  }

  /** Plain, structured-cloneable counts (worker threads post them; see fromState). */
  state(): FindingsState {
    return {
      bases: [...this.bases],
      tallies: [...this.tallies].map(([id, t]) => ({
        id,
        sessions: t.sessions,
        bytes: t.bytes,
        top: {
          rule: t.top.rule.toData(),
          app: t.top.app.toData(),
          zonePair: t.top.zonePair.toData(),
        },
        causes: [...t.causes].map(([cid, c]): [string, CauseTally] => [cid, { ...c }]),
        examples: t.examples,
      })),
    };
  }

  /** An aggregator holding `s`, its example line numbers shifted by `lineOffset`. */
  static fromState(o: FindingsOptions, s: FindingsState, lineOffset = 0): FindingsAggregator {
    const a = new FindingsAggregator(o);
    for (const [id, n] of s.bases) a.bases.set(id, n);
    for (const t of s.tallies) {
      a.tallies.set(t.id, {
        sessions: t.sessions,
        bytes: t.bytes,
        top: {
          rule: TopK.fromData(t.top.rule),
          app: TopK.fromData(t.top.app),
          zonePair: TopK.fromData(t.top.zonePair),
        },
        causes: new Map(t.causes.map(([cid, c]) => [cid, { ...c }])),
        examples: t.examples.map((e) => ({ ...e, line: e.line + lineOffset })),
      });
    }
    return a;
  }

  /** Finding rows, most severe first; share findings only when their share passes. */
  finish(totalSessions: number): FindingRow[] {
    const rows: FindingRow[] = [];
    for (const id of FINDING_IDS) {
      const t = this.tallies.get(id);
      if (!t || t.sessions === 0) continue;
      const rule: FindingRule = FINDINGS[id];
      let share: FindingRow['share'];
      if (rule.share) {
        const base = this.bases.get(id) ?? 0;
        const percent = base === 0 ? 0 : round2((100 * t.sessions) / base);
        const threshold = this.o.thresholds[rule.share.percent];
        if (t.sessions < this.o.thresholds[rule.share.min] || percent < threshold) continue;
        share = { of: rule.share.of, base, percent, threshold };
      }
      const causes: FindingCause[] = [];
      for (const [cid, cause] of Object.entries(rule.causes ?? {})) {
        const ct = t.causes.get(cid);
        if (!ct) continue;
        causes.push({
          id: cid,
          title: cause.title,
          sessions: ct.sessions,
          confirmed: ct.confirmed,
          primary: ct.primary,
          explanation: cause.explanation,
        });
      }
      const top = (key: (typeof TOP_KEYS)[number]): GroupRow[] =>
        t.top[key]
          .top(this.o.top)
          .map((r) => ({ value: r.value, sessions: r.count, error: r.error }));
      rows.push({
        id,
        severity: rule.severity,
        title: rule.title,
        explanation: rule.explanation,
        nextChecks: rule.nextChecks,
        sessions: t.sessions,
        percent: totalSessions === 0 ? 0 : round2((100 * t.sessions) / totalSessions),
        bytes: t.bytes,
        top: { rule: top('rule'), app: top('app'), zonePair: top('zonePair') },
        causes,
        examples: t.examples,
        ...(share ? { share } : {}),
      });
    }
    return rows;
  }
}

const NONE: readonly RelatedLog[] = Object.freeze([]);

/** Each finding's first profile hint number (its tables' hints follow). */
const HINTS_AT = Object.fromEntries(FINDING_IDS.map((id, i) => [id, findingHints(i)])) as Record<
  FindingId,
  number
>;

function sessionKey(serial: string, sessionid: string): string {
  return `${serial}\u0000${sessionid}`;
}

function makeExample(
  rule: FindingRule,
  c: Classified,
  ranked: ReturnType<typeof rankCauses>,
): FindingExample {
  const f = c.rec.fields as Readonly<Record<string, string>>;
  const evidence: Record<string, string> = {};
  for (const k of rule.evidence) evidence[k] = f[k] ?? '';
  if (ranked.length > 0) {
    evidence.causes = ranked.map((r) => (r.confirmed ? `${r.id} (confirmed)` : r.id)).join(' > ');
    for (const r of ranked) Object.assign(evidence, r.evidence);
  }
  const decoded = c.flags === null ? null : decodeFlags(c.flags);
  const flags: string[] = decoded ? [...decoded.known] : [];
  if (decoded?.undocumented) flags.push(`undocumented ${decoded.undocumented}`);
  return {
    file: c.rec.file,
    line: c.rec.line,
    time: c.time === null ? null : formatLogTime(c.time),
    sessionid: f.sessionid ?? '',
    src: f.src ?? '',
    dst: f.dst ?? '',
    dport: f.dport ?? '',
    app: f.app ?? '',
    rule: f.rule ?? '',
    action: f.action ?? '',
    reason: f.session_end_reason ?? '',
    flags,
    evidence,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
