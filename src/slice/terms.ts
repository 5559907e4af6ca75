// The names a user types to slice the analysis (--group-by keys and --where fields) and how each
// reads its value off a Classified record. One vocabulary for both flags; renderers print these
// names. Pure, per-record cheap; no knowledge restated here (reason/category come from classify).
import { FIELD_IDS, type FieldId } from '../fields/field-ids.js';
import { REASONS } from '../knowledge/reasons.js';
import type { Classified } from '../model.js';

/** --group-by keys, in the order the help lists them. */
export const SLICE_KEYS = [
  'rule',
  'app',
  'zone-pair',
  'src',
  'dst',
  'dport',
  'device',
  'vsys',
  'user',
] as const;
export type SliceKey = (typeof SLICE_KEYS)[number];

const or = (v: string, none: string): string => (v === '' ? none : v);

/** The value of a --group-by key for one record ('(none)' when the log leaves it empty). */
export function sliceValue(c: Classified, key: SliceKey): string {
  const f = c.rec.fields;
  switch (key) {
    case 'rule':
      return or(f.rule, '(none)');
    case 'app':
      return or(f.app, '(none)');
    case 'zone-pair':
      return `${or(f.from, '?')}->${or(f.to, '?')}`;
    case 'src':
      return or(f.src, '(none)');
    case 'dst':
      return or(f.dst, '(none)');
    case 'dport':
      return or(f.dport, '(none)');
    case 'device':
      return or(f.device_name, or(f.serial, '(none)'));
    case 'vsys':
      return or(f.vsys_name, or(f.vsys, '(none)'));
    case 'user':
      return or(f.srcuser, '(none)');
  }
}

/**
 * Derived --where fields beyond the slice keys and the raw log fields. `category` is the end
 * reason's category, so the log's own Category field (the URL category, field id `category`)
 * is reached as `url_category`.
 */
export const DERIVED_WHERE_FIELDS = [
  'reason',
  'action',
  'category',
  'finding',
  'url_category',
] as const;

/** Every name --where accepts: derived fields, slice keys, then the raw field ids. */
export const WHERE_FIELDS: readonly string[] = [
  ...new Set<string>([...DERIVED_WHERE_FIELDS, ...SLICE_KEYS, ...FIELD_IDS]),
];

/**
 * The values of a --where field for one record. Most fields have one value; `finding` has one
 * per matched finding (the term holds when any of them matches).
 */
export function whereValues(c: Classified, field: string): readonly string[] {
  switch (field) {
    case 'reason':
      return [c.reason ?? c.rec.fields.session_end_reason];
    case 'action':
      return [c.action ?? c.rec.fields.action];
    case 'category':
      return [c.reason === null ? 'unrecognized' : REASONS[c.reason].category];
    case 'finding':
      return c.findings;
    case 'url_category':
      return [c.rec.fields.category];
  }
  if ((SLICE_KEYS as readonly string[]).includes(field)) {
    return [sliceValue(c, field as SliceKey)];
  }
  return [c.rec.fields[field as FieldId]];
}
