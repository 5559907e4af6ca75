// The Summary: the plain-data result of one analysis, what every renderer reads and what
// `--format json` prints (schemaVersion bumps on any breaking change). Types only.
import type { ReasonCategory } from '../knowledge/reasons.js';
import type { FileFacts } from '../fields/map.js';
import type { RejectCode } from '../model.js';

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

export interface Summary {
  readonly schemaVersion: number;
  readonly weight: 'rows' | 'repeat';
  readonly inputs: InputSummary[];
  readonly lines: LineCounts & { readonly skippedBy: Record<string, number> };
  readonly totals: { sessions: number; rows: number; repeatWeighted: number; bytes: number };
  readonly time: { first: string | null; last: string | null; zone: string; unparsed: number };
  readonly reasons: ReasonRow[];
  readonly actions: ActionRow[];
  readonly reasonByAction: { reason: string; action: string; sessions: number }[];
  readonly groups: Record<GroupKey, Record<string, GroupRow[]>>;
  readonly groupsExact: boolean;
  readonly unrecognized: { reasons: GroupRow[]; actions: GroupRow[] };
  readonly rejects: {
    total: number;
    byCode: Partial<Record<RejectCode, number>>;
    first: RejectRow[];
  };
}
