// --where terms and the --since/--until window, compiled once into a predicate on Classified
// records that analyze.ts applies before aggregation. Regexes are user input run on attacker-
// controlled fields: patterns that can backtrack badly are refused and matched text is capped.
import { PanSerError } from '../errors.js';
import type { Bound } from '../fields/zone.js';
import type { Classified } from '../model.js';
import { WHERE_FIELDS, whereValues } from './terms.js';

export type WhereOp = '=' | '!=' | '=~' | '!~' | '<' | '>' | '<=' | '>=';

export interface WhereTerm {
  readonly field: string;
  readonly op: WhereOp;
  readonly value: string;
  /** The term as the user wrote it, for the report. */
  readonly text: string;
}

/** Longest pattern accepted, and longest field text a regex looks at. */
export const MAX_PATTERN = 200;
export const MAX_MATCHED_TEXT = 4096;

const TERM = /^([a-z][a-z0-9_-]*)(!=|=~|!~|<=|>=|=|<|>)(.*)$/s;
/** Splits "a=1 b=two words c>3" at spaces that start a new `field<op>` term. */
const TERM_START = /\s+(?=[a-z][a-z0-9_-]*(?:!=|=~|!~|<=|>=|=|<|>))/;

export function parseWhere(args: readonly string[]): WhereTerm[] {
  const terms: WhereTerm[] = [];
  for (const arg of args) {
    for (const part of arg.trim().split(TERM_START)) {
      if (part === '') continue;
      const m = TERM.exec(part);
      if (!m) {
        throw new PanSerError('USAGE', `--where "${part}" is not a field<op>value term`, {
          hint: 'e.g. --where "reason=policy-deny action=allow"; ops: = != =~ !~ < > <= >=',
        });
      }
      const [, field = '', op = '=', value = ''] = m;
      if (!WHERE_FIELDS.includes(field)) {
        throw new PanSerError('USAGE', `--where: unknown field "${field}"`, {
          hint: `known: ${WHERE_FIELDS.slice(0, 14).join(', ')}, … (any TRAFFIC field id)`,
        });
      }
      terms.push({ field, op: op as WhereOp, value: value.trim(), text: part.trim() });
    }
  }
  return terms;
}

/**
 * Refuses patterns that can take exponential time: a repeated group that holds a quantifier or
 * an alternation ((a+)+, (a|aa)*), and backreferences. Conservative on purpose; the matched text
 * is capped as well.
 */
export function checkSafeRegex(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN) return `longer than ${MAX_PATTERN} characters`;
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not allowed';
  // One pass with a stack of open groups: does a group (or any group inside it) hold a
  // quantifier or an alternation, and is the group itself repeated?
  const risky: boolean[] = [false];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const next = pattern[i + 1] ?? '';
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    const quantifier = (c: string) => c === '*' || c === '+' || c === '?' || c === '{';
    if (ch === '[') inClass = true;
    else if (ch === '(') {
      risky.push(false);
      if (next === '?') i++; // (?: (?= (?! (?<name> …: the ? is syntax, not a quantifier
    } else if (ch === ')') {
      const inner = risky.pop() ?? false;
      if (risky.length === 0) return 'unbalanced parenthesis';
      if (inner && quantifier(next)) {
        return 'a repeated group may not hold a quantifier or an alternation (exponential matching)';
      }
      if (inner) risky[risky.length - 1] = true;
    } else if (quantifier(ch ?? '') || ch === '|') {
      risky[risky.length - 1] = true;
    }
  }
  return null;
}

type Test = (values: readonly string[]) => boolean;

function compileTerm(t: WhereTerm): Test {
  switch (t.op) {
    case '=':
      return (vs) => vs.some((v) => v.toLowerCase() === t.value.toLowerCase());
    case '!=':
      return (vs) => !vs.some((v) => v.toLowerCase() === t.value.toLowerCase());
    case '=~':
    case '!~': {
      const bad = checkSafeRegex(t.value);
      if (bad !== null) {
        throw new PanSerError('USAGE', `--where "${t.text}": pattern refused: ${bad}`, {
          hint: 'use a simpler pattern, e.g. ^web- or (a|b)',
        });
      }
      let re: RegExp;
      try {
        re = new RegExp(t.value, 'i');
      } catch (e) {
        throw new PanSerError('USAGE', `--where "${t.text}": ${(e as Error).message}`);
      }
      const hit = (vs: readonly string[]) => vs.some((v) => re.test(v.slice(0, MAX_MATCHED_TEXT)));
      return t.op === '=~' ? hit : (vs) => !hit(vs);
    }
    default: {
      const want = Number(t.value);
      if (t.value === '' || !Number.isFinite(want)) {
        throw new PanSerError('USAGE', `--where "${t.text}": ${t.op} needs a number`);
      }
      const ok = {
        '<': (n: number) => n < want,
        '>': (n: number) => n > want,
        '<=': (n: number) => n <= want,
        '>=': (n: number) => n >= want,
      }[t.op];
      return (vs) =>
        vs.some((v) => {
          const s = v.trim();
          if (s === '') return false;
          const n = Number(s);
          return Number.isFinite(n) && ok(n);
        });
    }
  }
}

export interface Window {
  /** Inclusive; null when open (fields/zone.ts: a bound holds an instant and a wall time). */
  readonly since: Bound | null;
  /** Exclusive; null when open. */
  readonly until: Bound | null;
}

/**
 * The predicate on a record, and on the instant of its time when the log named its zone (null
 * for a naive time, which the window compares on the wall clock).
 */
export type RecordFilter = (c: Classified, zonedAt: number | null) => boolean;

/**
 * One predicate for all terms (AND) and the time window; null when nothing filters. Records
 * without a readable time fail a window (they cannot be placed in it).
 */
export function compileFilter(terms: readonly WhereTerm[], window: Window): RecordFilter | null {
  const tests = terms.map((t) => ({ field: t.field, test: compileTerm(t) }));
  const { since, until } = window;
  if (tests.length === 0 && since === null && until === null) return null;
  return (c, zonedAt) => {
    if (since !== null || until !== null) {
      if (c.time === null) return false;
      const t = zonedAt ?? c.time;
      const key = zonedAt === null ? 'wall' : 'instant';
      if (since !== null && t < since[key]) return false;
      if (until !== null && t >= until[key]) return false;
    }
    for (const { field, test } of tests) if (!test(whereValues(c, field))) return false;
    return true;
  };
}
