// CI gates (--fail-on): parsing `<reason|finding-id>[>N|>P%]` and judging a Summary against them.
// The term must be a reason the reason table knows or an id the findings table knows: a typo is
// a usage error, never a gate that silently cannot breach. A finding breaches only when
// summary.findings holds it. Pure.
import type { Summary } from './aggregate/summary.js';
import { PanSerError } from './errors.js';
import { FINDING_IDS } from './classify/findings.js';
import { suggestTerms } from './explain.js';
import { REASON_KEYS, type ReasonKey } from './knowledge/reasons.js';

export interface Gate {
  readonly text: string;
  readonly kind: 'reason' | 'finding';
  readonly term: string;
  /** Breached when the value is strictly above this. */
  readonly limit: number;
  readonly unit: 'sessions' | 'percent';
}

export interface GateResult {
  readonly gate: Gate;
  readonly breached: boolean;
  readonly sessions: number;
  readonly percent: number;
  /** Said about the gate besides the numbers (e.g. an id no finding carries). */
  readonly note: string | null;
}

const GATE = /^([a-z0-9][a-z0-9/-]*)(?:>(\d+(?:\.\d+)?)(%)?)?$/;

export function parseGate(raw: string): Gate {
  const text = raw.trim();
  const m = GATE.exec(text.toLowerCase());
  if (!m) {
    throw new PanSerError('USAGE', `--fail-on "${raw}" is not <reason|finding-id>[>N|>P%]`, {
      hint: 'e.g. --fail-on policy-deny>5% or --fail-on decrypt-error>100',
    });
  }
  const [, term = '', n, pct] = m;
  const limit = n === undefined ? 0 : Number(n);
  if (pct !== undefined && limit >= 100) {
    throw new PanSerError('USAGE', `--fail-on "${raw}": a share must be below 100%`);
  }
  if (pct === undefined && !Number.isInteger(limit)) {
    throw new PanSerError('USAGE', `--fail-on "${raw}": a session count is a whole number`);
  }
  const isReason = (REASON_KEYS as readonly string[]).includes(term);
  if (!isReason && !(FINDING_IDS as readonly string[]).includes(term)) {
    const near = suggestTerms(term, 3, [...REASON_KEYS, ...FINDING_IDS]);
    throw new PanSerError(
      'USAGE',
      `--fail-on "${raw}": "${term}" is neither a known end reason nor a finding id`,
      {
        hint: `${near.length > 0 ? `did you mean ${near.join(', ')}? ` : ''}pan-ser reasons and pan-ser findings list them`,
      },
    );
  }
  return {
    text,
    kind: isReason ? 'reason' : 'finding',
    term,
    limit,
    unit: pct === undefined ? 'sessions' : 'percent',
  };
}

/** Judges every gate. */
export function evaluateGates(summary: Summary, gates: readonly Gate[]): GateResult[] {
  return gates.map((gate) => {
    let sessions = 0;
    let percent = 0;
    let note: string | null = null;
    if (gate.kind === 'reason') {
      const row = summary.reasons.find((r) => r.reason === (gate.term as ReasonKey));
      sessions = row?.sessions ?? 0;
      percent = row?.percent ?? 0;
    } else {
      const row = summary.findings.find((f) => f.id === gate.term);
      sessions = row?.sessions ?? 0;
      percent = row?.percent ?? 0;
      if (!row) {
        note =
          'not in the report: no session carried this finding, or its share stayed under its threshold';
      }
    }
    // Judge a share on the exact ratio: the row's percent is rounded to 2 decimals for display,
    // which would pass 0.1333% under a 0.132% limit and fail 6.1667% over a 6.168% one.
    const total = summary.totals.sessions;
    const value = gate.unit === 'percent' ? (total > 0 ? (sessions / total) * 100 : 0) : sessions;
    return { gate, breached: value > gate.limit, sessions, percent, note };
  });
}

/** One line per gate, for stderr: `gate policy-deny>5%: BREACHED (7.12%, 12 sessions)`. */
export function formatGateResult(r: GateResult, total: number): string {
  const state = r.breached ? 'BREACHED' : 'ok';
  const limit =
    r.gate.unit === 'percent' ? `limit ${r.gate.limit}%` : `limit ${r.gate.limit} sessions`;
  const note = r.note === null ? '' : `; ${r.note}`;
  return `pan-ser: gate ${r.gate.text}: ${state} (${r.sessions.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} sessions, ${r.percent.toFixed(2)}%; ${limit}${note})`;
}
