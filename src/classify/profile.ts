// Profiles: what a record's few-valued fields mean, worked out once per distinct raw text rather
// than once per record. A firewall's logs repeat a small set of (end reason, action, rule, app,
// zones) combinations millions of times; a profile holds the normalised reason and action, the
// group-table labels and a SlotHint per table the combination is counted in, so the aggregator
// adds it without building a string or looking a value up (TopK.addHinted).
//
// A profile is found by the number the block pre-scan gives the fields' raw bytes
// (BlockScan.intern, in WebAssembly: one hash over the bytes, then an exact comparison with the
// kept copy, so two combinations never share a number). Records not read from a pre-scanned
// line (the csv-parse path, lines with an open quote, blocks with non-ASCII bytes, no
// WebAssembly) get none, and the numbering is bounded: once full, new combinations get none
// either. A record without a profile is counted the ordinary way, with the same counts.
import { labelsOf, type Labels } from '../aggregate/group-value.js';
import { SlotHint } from '../aggregate/top-k.js';
import type { FieldId } from '../fields/field-ids.js';
import { fieldNumber, lineCells } from '../fields/map.js';
import { INTERN_CAPACITY, type BlockScan } from '../input/simd-scan.js';
import { ownCopy } from '../input/blocks.js';
import { normalizeAction, type ActionKey } from '../knowledge/actions.js';
import { normalizeReason, type ReasonKey } from '../knowledge/reasons.js';
import type { TrafficRecord } from '../model.js';

/** The fields a profile stands for: everything it derives is a function of these alone. */
const PROFILE_FIELDS: readonly FieldId[] = [
  'session_end_reason',
  'action',
  'rule',
  'app',
  'from',
  'to',
];

const PROFILE_FIELD_NUMBERS = Int32Array.from(PROFILE_FIELDS, fieldNumber);

/** Distinct combinations a cache holds per scanner (a few KB each with their hints). */
export const MAX_PROFILES = INTERN_CAPACITY;

export class Profile {
  private readonly hints: (SlotHint | undefined)[] = [];
  private owner: object | null = null;
  private ownerValue: unknown = null;

  constructor(
    readonly reason: ReasonKey | null,
    readonly action: ActionKey | null,
    readonly labels: Labels,
  ) {}

  /**
   * What `owner` (one aggregator) keeps on this profile, e.g. its counters for the profile's
   * reason and action: made by `make` the first time, and again after another owner's turn.
   */
  keptBy<T>(owner: object, make: (p: Profile) => T): T {
    if (this.owner !== owner) {
      this.ownerValue = make(this);
      this.owner = owner;
    }
    return this.ownerValue as T;
  }

  /** The hint for this profile's labels in table `i` (numbered by the caller). */
  hint(i: number): SlotHint {
    let h = this.hints[i];
    if (h === undefined) this.hints[i] = h = new SlotHint();
    return h;
  }
}

export class ProfileCache {
  private readonly cells = new Int32Array(PROFILE_FIELDS.length);
  /** Profiles by the number the scanner gave their fields' text, per scanner. */
  private readonly byScan = new WeakMap<BlockScan, Profile[]>();
  private lastScan: BlockScan | null = null;
  private lastProfiles: Profile[] = [];
  private made = 0;

  /** `capacity`: the most profiles kept per scanner (at most INTERN_CAPACITY are numbered). */
  constructor(private readonly capacity = MAX_PROFILES) {}

  /** Profiles made so far. */
  get size(): number {
    return this.made;
  }

  /** The record's profile, or null when it has none (see the top of this file). */
  of(rec: TrafficRecord): Profile | null {
    const row = lineCells(rec.fields, PROFILE_FIELD_NUMBERS, this.cells);
    if (row === null) return null;
    const id = row.intern(this.cells);
    if (id < 0 || id >= this.capacity) return null;
    let profiles = this.lastProfiles;
    const scan = row.scan;
    if (scan !== this.lastScan && scan !== null) {
      profiles = this.byScan.get(scan) ?? [];
      this.byScan.set(scan, profiles);
      this.lastScan = scan;
      this.lastProfiles = profiles;
    }
    let p = profiles[id];
    if (p === undefined) {
      const f = rec.fields;
      p = new Profile(
        normalizeReason(f.session_end_reason),
        normalizeAction(f.action),
        ownLabels(labelsOf({ rec })),
      );
      profiles[id] = p;
      this.made++;
    }
    return p;
  }
}

/** Labels a profile keeps past its line: copies that do not pin the line's block. */
function ownLabels(l: Labels): Labels {
  return { rule: ownCopy(l.rule), app: ownCopy(l.app), zonePair: ownCopy(l.zonePair) };
}
