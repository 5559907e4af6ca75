// The value a record contributes to each group table (rule, app, zone pair, src, dst), shared by
// the reason tables and the findings so both name things the same way. Pure: the only state is
// a bounded cache of zone-pair labels, which never changes a value.
import { ownCopy } from '../input/blocks.js';
import { fieldReader } from '../fields/map.js';
import type { Classified } from '../model.js';
import type { Profile } from '../classify/profile.js';
import type { SlotHint } from './top-k.js';
import { ipv4Code } from './ipv4-codec.js';
import type { GroupKey } from './summary.js';

/** Longest group value kept (characters): log fields are attacker-sized, tables must not be. */
export const MAX_GROUP_VALUE = 200;

/** The value, clipped to MAX_GROUP_VALUE characters (with a trailing …). */
export function groupValue(c: Pick<Classified, 'rec'>, key: GroupKey): string {
  return clipGroupValue(rawGroupValue(c, key));
}

/** A value for any group table (these and the --group-by table), clipped the one way. */
export function clipGroupValue(v: string): string {
  return v.length > MAX_GROUP_VALUE ? `${v.slice(0, MAX_GROUP_VALUE)}…` : v;
}

interface Counter {
  add(value: string, n: number): void;
  /** add, with the caller's hint for this value in this table (TopK.addHinted). */
  addHinted(value: string, n: number, hint: SlotHint): void;
}

/** An address table also takes a value by its IPV4_CODEC code. */
interface AddressCounter extends Counter {
  addCode(code: number, n: number): void;
}

/** What a record is counted into: one table per group key (TopK, or anything with `add`). */
export type GroupTables = Record<'rule' | 'app' | 'zonePair', Counter> &
  Record<'src' | 'dst', AddressCounter>;

/**
 * A record's rule, app and zone-pair values, read once and shared by every table set it is
 * counted in (its reason's and its findings').
 */
export interface Labels {
  readonly rule: string;
  readonly app: string;
  readonly zonePair: string;
}

export function labelsOf(c: Pick<Classified, 'rec'>): Labels {
  return {
    rule: groupValue(c, 'rule'),
    app: groupValue(c, 'app'),
    zonePair: groupValue(c, 'zonePair'),
  };
}

/**
 * Numbers of a profile's hints (Profile.hint): its reason's rule, app and zone-pair tables take
 * REASON_HINTS + 0-2, those of finding number i (FINDING_IDS order) findingHints(i) + 0-2.
 */
export const REASON_HINTS = 0;
export const findingHints = (i: number): number => 3 + 3 * i;

/**
 * Adds the record's value for every key of `tables` (`labels` = labelsOf(c), or the profile's),
 * with one call site per key: a loop over the keys with a keyed look-up costs more than the adds
 * themselves on the hot path. With the record's profile, the rule, app and zone-pair adds use
 * its hints `at` to `at + 2`.
 */
export function addToGroups(
  tables: GroupTables | Omit<GroupTables, 'src' | 'dst'>,
  c: Pick<Classified, 'rec'>,
  labels: Labels,
  n: number,
  profile: Profile | null = null,
  at = 0,
): void {
  if (profile === null) {
    tables.rule.add(labels.rule, n);
    tables.app.add(labels.app, n);
    tables.zonePair.add(labels.zonePair, n);
  } else {
    tables.rule.addHinted(labels.rule, n, profile.hint(at));
    tables.app.addHinted(labels.app, n, profile.hint(at + 1));
    tables.zonePair.addHinted(labels.zonePair, n, profile.hint(at + 2));
  }
  if ('src' in tables) {
    addAddress(tables.src, c, 'src', n);
    addAddress(tables.dst, c, 'dst', n);
  }
}

const srcCode = fieldReader('src', ipv4Code);
const dstCode = fieldReader('dst', ipv4Code);

/** An IPv4 address goes in by its code, read from the line without building a string. */
function addAddress(
  table: AddressCounter,
  c: Pick<Classified, 'rec'>,
  key: 'src' | 'dst',
  n: number,
): void {
  const code = (key === 'src' ? srcCode : dstCode)(c.rec.fields);
  if (code >= 0) table.addCode(code, n);
  else table.add(groupValue(c, key), n);
}

/** Zone-pair labels by source then destination zone, so a repeated pair builds no string. */
const pairLabels = new Map<string, Map<string, string>>();
const MAX_PAIR_LABELS = 64;

function zonePair(from: string, to: string): string {
  let byTo = pairLabels.get(from);
  if (!byTo) {
    if (pairLabels.size >= MAX_PAIR_LABELS) return `${from || '?'}->${to || '?'}`;
    pairLabels.set(ownCopy(from), (byTo = new Map<string, string>()));
  }
  let label = byTo.get(to);
  if (label === undefined) {
    // An own flat copy, made once here rather than flattened at every table look-up.
    label = ownCopy(`${from || '?'}->${to || '?'}`);
    if (byTo.size < MAX_PAIR_LABELS) byTo.set(ownCopy(to), label);
  }
  return label;
}

function rawGroupValue(c: Pick<Classified, 'rec'>, key: GroupKey): string {
  const f = c.rec.fields;
  switch (key) {
    case 'rule':
      return f.rule || '(none)';
    case 'app':
      return f.app || '(none)';
    case 'zonePair':
      return zonePair(f.from, f.to);
    case 'src':
      return f.src || '(none)';
    case 'dst':
      return f.dst || '(none)';
  }
}
