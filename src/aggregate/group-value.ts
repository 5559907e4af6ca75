// The value a record contributes to each group table (rule, app, zone pair, src, dst), shared by
// the reason tables and the findings so both name things the same way. Pure.
import type { Classified } from '../model.js';
import type { GroupKey } from './summary.js';

export function groupValue(c: Pick<Classified, 'rec'>, key: GroupKey): string {
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
