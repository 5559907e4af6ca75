// The value a record contributes to each group table (rule, app, zone pair, src, dst), shared by
// the reason tables and the findings so both name things the same way. Pure.
import type { Classified } from '../model.js';
import type { GroupKey } from './summary.js';

/** Longest group value kept (characters): log fields are attacker-sized, tables must not be. */
export const MAX_GROUP_VALUE = 200;

/** The value, clipped to MAX_GROUP_VALUE characters (with a trailing …). */
export function groupValue(c: Pick<Classified, 'rec'>, key: GroupKey): string {
  const v = rawGroupValue(c, key);
  return v.length > MAX_GROUP_VALUE ? `${v.slice(0, MAX_GROUP_VALUE)}…` : v;
}

function rawGroupValue(c: Pick<Classified, 'rec'>, key: GroupKey): string {
  const f = c.rec.fields;
  switch (key) {
    case 'rule':
      return f.rule || '(none)';
    case 'app':
      return f.app || '(none)';
    case 'zonePair':
      return `${f.from || '?'}->${f.to || '?'}`;
    case 'src':
      return f.src || '(none)';
    case 'dst':
      return f.dst || '(none)';
  }
}
