// The data types that flow through the pipeline:
//   line text → RawLine → TrafficRecord | Skip | Reject → Classified → Summary.
// Types only; no behaviour lives here.
import type { ActionKey } from './knowledge/actions.js';
import type { ReasonKey } from './knowledge/reasons.js';
import type { Fields } from './fields/field-ids.js';
import type { Profile } from './classify/profile.js';

export type InputFormat = 'csv' | 'syslog';

/** Why a line was rejected; the code is stable (tests and JSON consumers key on it). */
export const REJECT_CODES = {
  UNTERMINATED_QUOTE: 'a quoted field never closes on this line',
  TOO_LONG: 'the line is longer than the maximum record size',
  TOO_FEW_FIELDS: 'the line has fewer fields than a TRAFFIC log needs',
  NOT_PANOS: 'the line is not a PAN-OS log in CSV form',
  SHORT_ROW: 'the row has fewer cells than the header needs',
  BINARY: 'the line holds binary data (NUL bytes)',
  BARE_CR: 'the line holds carriage returns (old Mac line ends), so it may hold several logs',
  LONG_ROW: 'the row has more cells than the header (a comma outside quotes shifted it)',
  TRUNCATED: 'the input ended inside this line (a cut-off or corrupt file)',
} as const;

export type RejectCode = keyof typeof REJECT_CODES;

export interface Reject {
  readonly kind: 'reject';
  readonly file: string;
  readonly line: number;
  readonly code: RejectCode;
  /** One sentence: what is wrong and how to fix it. */
  readonly message: string;
}

export interface Skip {
  readonly kind: 'skip';
  /** The log type (THREAT, SYSTEM, …), or `(header)` / `(blank)`. */
  readonly what: string;
  /** For DECRYPTION, THREAT and AUTH syslog lines: what the findings may join to TRAFFIC. */
  readonly related?: RelatedLog;
}

export type RelatedLogType = 'DECRYPTION' | 'THREAT' | 'AUTH';

/**
 * The few fields of a DECRYPTION, THREAT or AUTH log that explain how a session ended, keyed
 * like TRAFFIC by serial + session id (fields/related-layouts.ts says where each one sits).
 */
export interface RelatedLog {
  readonly type: RelatedLogType;
  readonly file: string;
  readonly line: number;
  readonly serial: string;
  readonly sessionid: string;
  readonly subtype: string;
  readonly action: string;
  /** DECRYPTION: the Error text; THREAT: the threat name/ID; AUTH: event and description. */
  readonly detail: string;
}

export interface TrafficRecord {
  readonly kind: 'traffic';
  readonly file: string;
  readonly line: number;
  /** Layout id for syslog ("9.1"), or "csv-export". */
  readonly layout: string;
  readonly fields: Fields;
}

export type Mapped = TrafficRecord | Skip | Reject;

/** A TrafficRecord with its meaning attached: the normalised values the aggregator counts. */
export interface Classified {
  readonly rec: TrafficRecord;
  readonly reason: ReasonKey | null;
  readonly action: ActionKey | null;
  /** Flags as an unsigned number, null when missing or unreadable. */
  readonly flags: number | null;
  readonly bytes: number;
  /** Repeat Count (1 when missing or unreadable). */
  readonly repeat: number;
  /** Generated time (else receive time) as ms since epoch of the naive device-local time. */
  readonly time: number | null;
  /** Ids of the findings (classify/findings.ts) this record matches, most severe first. */
  readonly findings: readonly string[];
  /** What its reason, action, rule, app and zones mean, shared with records alike (when known). */
  readonly profile?: Profile | null;
}
