// The Summary: the plain-data result of one analysis, what every renderer reads and what
// `--format json` prints (schemaVersion bumps on any breaking change). Types only.
import type { ReasonCategory } from '../knowledge/reasons.js';
import type { FileFacts } from '../fields/map.js';
import type { RejectCode } from '../model.js';
import type { Slice } from './group-by.js';
import type { Timeline } from './time-buckets.js';

export const SCHEMA_VERSION = 1;

export const GROUP_KEYS = ['rule', 'app', 'zonePair', 'src', 'dst'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const GROUP_LABELS: Readonly<Record<GroupKey, string>> = {
  rule: 'rules',
  app: 'applications',
  zonePair: 'zone pairs',
  src: 'source addresses',
  dst: 'destination addresses',
};

export interface LineCounts {
  read: number;
  analysed: number;
  skipped: number;
  rejected: number;
}

export interface InputSummary extends FileFacts {
  readonly name: string;
  lines: LineCounts;
  /** Set when the input could not be read to its end (the lines before still count). */
  error: string | null;
}

export interface CountRow {
  /** Sessions: rows, or rows × Repeat Count with --weight repeat. */
  readonly sessions: number;
  readonly rows: number;
  readonly repeatWeighted: number;
  readonly bytes: number;
  /** Share of all analysed sessions, in percent, 2 decimals. */
  readonly percent: number;
}

export interface ReasonRow extends CountRow {
  /** The reason key, or "(unrecognized)" for values the table does not know. */
  readonly reason: string;
  readonly known: boolean;
  readonly precedence: number | null;
  readonly category: ReasonCategory | 'unrecognized';
  readonly meaning: string;
}

export interface ActionRow extends CountRow {
  readonly action: string;
  readonly known: boolean;
  readonly blocks: boolean | null;
}

export interface GroupRow {
  readonly value: string;
  readonly sessions: number;
  /** Upper bound of the overcount when the table had to drop rare values (0 = exact). */
  readonly error: number;
}

export interface RejectRow {
  readonly file: string;
  readonly line: number;
  readonly code: RejectCode;
  readonly message: string;
}

export type Severity = 'info' | 'low' | 'medium' | 'high';

/** One example session of a finding, with the fields an admin needs to look it up. */
export interface FindingExample {
  readonly file: string;
  readonly line: number;
  readonly time: string | null;
  readonly sessionid: string;
  readonly src: string;
  readonly dst: string;
  readonly dport: string;
  readonly app: string;
  readonly rule: string;
  readonly action: string;
  readonly reason: string;
  /** Flag keys set on the session (knowledge/flags.ts), plus "undocumented 0x…" when any. */
  readonly flags: readonly string[];
  /** Finding-specific evidence, e.g. { cause: "decrypted", decryptionError: "…" }. */
  readonly evidence: Readonly<Record<string, string>>;
}

/** One ranked cause behind a finding (e.g. why an allowed session ended with policy-deny). */
export interface FindingCause {
  readonly id: string;
  readonly title: string;
  /** Sessions carrying this cause's evidence (a session can carry several). */
  readonly sessions: number;
  /** Of those, sessions where a correlated log (DECRYPTION, THREAT, AUTH) confirms it. */
  readonly confirmed: number;
  /** Sessions where this cause ranks first (confirmed causes first, then table order). */
  readonly primary?: number;
  readonly explanation: string;
}

/** For findings judged on a share (e.g. client resets among decrypted sessions). */
export interface FindingShare {
  /** What the share is of, in words. */
  readonly of: string;
  readonly base: number;
  readonly percent: number;
  /** The threshold in percent the share reached. */
  readonly threshold: number;
}

export interface FindingRow {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly explanation: string;
  readonly nextChecks: readonly string[];
  readonly sessions: number;
  readonly percent: number;
  readonly bytes: number;
  readonly top: Readonly<Record<'rule' | 'app' | 'zonePair', readonly GroupRow[]>>;
  readonly causes: readonly FindingCause[];
  readonly examples: readonly FindingExample[];
  readonly share?: FindingShare;
}

export interface FilterInfo {
  readonly where: readonly string[];
  readonly since: string | null;
  readonly until: string | null;
  /** Analysed TRAFFIC lines the filter left out (counted as skipped "(filtered)"). */
  readonly filtered: number;
}

export interface Summary {
  readonly schemaVersion: number;
  readonly weight: 'rows' | 'repeat';
  readonly inputs: InputSummary[];
  readonly lines: LineCounts & { readonly skippedBy: Record<string, number> };
  readonly totals: { sessions: number; rows: number; repeatWeighted: number; bytes: number };
  readonly time: { first: string | null; last: string | null; zone: string; unparsed: number };
  /** --where terms and --since/--until as given; null when nothing was filtered out. */
  readonly filter: FilterInfo | null;
  /** Sessions per reason over time (wall clock of `time.zone`). */
  readonly timeline: Timeline;
  /** The --group-by table; null without --group-by. */
  readonly slice: Slice | null;
  readonly reasons: ReasonRow[];
  readonly actions: ActionRow[];
  readonly reasonByAction: { reason: string; action: string; sessions: number }[];
  readonly groups: Record<GroupKey, Record<string, GroupRow[]>>;
  readonly groupsExact: boolean;
  readonly unrecognized: { reasons: GroupRow[]; actions: GroupRow[] };
  /** Findings (classify/findings.ts) that matched at least one session, most severe first. */
  readonly findings: FindingRow[];
  readonly rejects: {
    total: number;
    byCode: Partial<Record<RejectCode, number>>;
    first: RejectRow[];
  };
}
