// Chooses the TRAFFIC layout for a syslog line: a forced --panos-version first, then the
// Config Version hint (field 5, `(major << 8) | minor` or a dotted "9.1"), then the field count.
// Layouts only grow at the end, so any count at or above a layout's length fits it.
import { memoize } from '../knowledge/memo.js';
import { ownCopy } from '../input/blocks.js';
import { FIELD_IDS, type FieldId } from './field-ids.js';
import { LAYOUTS, VARIANT_LAYOUTS, type Layout } from './layouts/index.js';

export interface PreparedLayout {
  readonly layout: Layout;
  /** Position of each field pan-ser reads, in FIELD_IDS order; -1 when the layout lacks it. */
  readonly positions: Int16Array;
}

function prepare(layout: Layout): PreparedLayout {
  return {
    layout,
    positions: Int16Array.from(FIELD_IDS, (id: FieldId) => layout.fields.indexOf(id)),
  };
}

const PREPARED: readonly PreparedLayout[] = LAYOUTS.map(prepare);

/** The Prisma Access / Strata CSV variant: the log type sits in field 3 instead of 4. */
export const PRISMA_LAYOUT: PreparedLayout = prepare(
  VARIANT_LAYOUTS[0] ?? LAYOUTS[0] ?? { id: '', since: '', fields: [], samples: [] },
);

/** The smallest number of fields a TRAFFIC line must have to carry the Session End Reason. */
export const MIN_TRAFFIC_FIELDS = Math.min(...LAYOUTS.map((l) => l.fields.length));

function versionNumber(v: string): number | null {
  const m = /^(\d{1,2})\.(\d{1,2})/.exec(v.trim());
  return m ? Number(m[1]) * 256 + Number(m[2]) : null;
}

const SINCE = PREPARED.map((p) => versionNumber(p.layout.since) ?? 0);

/** The newest layout whose release is at or before `version` (a number as in versionNumber). */
function byVersion(version: number): PreparedLayout | null {
  let best: PreparedLayout | null = null;
  PREPARED.forEach((p, i) => {
    if ((SINCE[i] ?? Infinity) <= version) best = p;
  });
  return best;
}

/**
 * Reads --panos-version: a release (`9.1`, `10.2.4-h3`) or a layout's own label as reports show
 * it (`7.x`, `10.1-11.0`); null when no layout covers it.
 */
export function layoutForRelease(release: string): PreparedLayout | null {
  const label = PREPARED.find((p) => p.layout.id === release.trim());
  if (label) return label;
  const v = versionNumber(release);
  return v === null ? null : byVersion(v);
}

/** Memoised: read once per log line, over a handful of distinct values. */
export const configVersionHint: (raw: string) => number | null = memoize((raw) => {
  const v = raw.trim();
  if (/^\d{3,5}$/.test(v)) {
    const n = Number(v);
    return n >= 0x600 && n < 0x2000 ? n : null;
  }
  return versionNumber(v);
});

/** The last pick: consecutive lines mostly come from one firewall. */
let lastPick: { count: number; configVer: string; picked: PreparedLayout | null } | null = null;

export function pickLayout(fieldCount: number, configVer: string): PreparedLayout | null {
  if (lastPick !== null && lastPick.count === fieldCount && lastPick.configVer === configVer) {
    return lastPick.picked;
  }
  const picked = pickAnew(fieldCount, configVer);
  lastPick = { count: fieldCount, configVer: ownCopy(configVer), picked };
  return picked;
}

function pickAnew(fieldCount: number, configVer: string): PreparedLayout | null {
  const hint = configVersionHint(configVer);
  if (hint !== null) {
    const p = byVersion(hint);
    if (p && p.layout.fields.length <= fieldCount) return p;
  }
  let p: PreparedLayout | null = null;
  for (const q of PREPARED) if (q.layout.fields.length <= fieldCount) p = q;
  return p;
}

export const KNOWN_RELEASES = LAYOUTS.map((l) => l.id);
