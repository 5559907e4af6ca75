// Profiles: what a record's few-valued fields mean, worked out once per distinct raw text rather
// than once per record. A firewall's logs repeat a small set of (end reason, action, rule, app,
// zones) combinations millions of times; a profile holds the normalised reason and action, the
// group-table labels and a SlotHint per table the combination is counted in, so the aggregator
// adds it without building a string or looking a value up (TopK.addHinted).
//
// A profile is found by the fields' raw text in the line (fieldSpans): one hash over those
// characters, then an exact comparison with the profile's copy, so two combinations never share
// one. Records whose fields are not read from a line (the csv-parse path) get none, and the
// cache is bounded: once full, new combinations get none either. A record without a profile is
// counted the ordinary way, and the counts are the same either way.
import { labelsOf, type Labels } from '../aggregate/group-value.js';
import { SlotHint } from '../aggregate/top-k.js';
import type { FieldId } from '../fields/field-ids.js';
import { fieldNumber, fieldSpans } from '../fields/map.js';
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

/** Distinct combinations a cache holds (a few KB each with their hints). */
export const MAX_PROFILES = 4096;
/**
 * A key longer than this (in 4-byte words) gets no profile; nor does a field over 255 bytes
 * (PAN-OS names are far shorter: rules at most 63 characters).
 */
const MAX_KEY_WORDS = 96;
const MAX_FIELD_BYTES = 255;

export class Profile {
  private readonly hints: (SlotHint | undefined)[] = [];

  constructor(
    readonly reason: ReasonKey | null,
    readonly action: ActionKey | null,
    readonly labels: Labels,
    /** Its key's hash (ProfileCache). */
    readonly hash: number,
  ) {}

  /** The hint for this profile's labels in table `i` (numbered by the caller). */
  hint(i: number): SlotHint {
    let h = this.hints[i];
    if (h === undefined) this.hints[i] = h = new SlotHint();
    return h;
  }
}

export class ProfileCache {
  private readonly spans = new Int32Array(2 * PROFILE_FIELDS.length);
  /** The current record's key: per field its whole 4-byte words, then a last word holding the
   * 0-3 bytes left and, in the top byte, the field's length (which makes the key exact). */
  private readonly words = new Int32Array(MAX_KEY_WORDS);
  private readonly profiles: Profile[] = [];
  /**
   * Open addressing, 4 numbers per bucket: the key's hash, profile number + 1 (0 = empty), and
   * where its words sit in `keys` and how many: a probe reads one cache line. At most half full.
   */
  private readonly index: Int32Array;
  /** The profiles' key words, end to end. */
  private keys = new Int32Array(4096);
  private keysUsed = 0;

  /** `capacity`: the most profiles kept (a power of two). */
  constructor(private readonly capacity = MAX_PROFILES) {
    this.index = new Int32Array(4 * 2 * capacity);
  }

  /** Profiles made so far. */
  get size(): number {
    return this.profiles.length;
  }

  /** The record's profile, or null when it has none (see the top of this file). */
  of(rec: TrafficRecord): Profile | null {
    const spans = this.spans;
    const row = fieldSpans(rec.fields, PROFILE_FIELD_NUMBERS, spans);
    if (row === null) return null;
    const bytes = row.bytes;
    const words = this.words;
    let n = 0;
    let h = 0;
    for (let i = 0; i < spans.length; i += 2) {
      let p = row.bytesAt + (spans[i] ?? 0);
      const end = row.bytesAt + (spans[i + 1] ?? 0);
      const length = end - p;
      if (length > MAX_FIELD_BYTES || n + (length >> 2) + 1 > MAX_KEY_WORDS) return null;
      for (; p + 4 <= end; p += 4) {
        const w = bytes.getInt32(p, true);
        words[n++] = w;
        h = Math.imul(((h << 5) | (h >>> 27)) ^ w, 0x9e3779b9);
      }
      let w = length << 24;
      for (let k = 0; p < end; p++, k += 8) w |= bytes.getUint8(p) << k;
      words[n++] = w;
      h = Math.imul(((h << 5) | (h >>> 27)) ^ w, 0x9e3779b9);
    }
    const index = this.index;
    const mask = index.length - 4;
    let b = ((h ^ (h >>> 16)) << 2) & mask;
    for (;;) {
      const e = index[b + 1] ?? 0;
      if (e === 0) break;
      if (index[b] === h && index[b + 3] === n && this.sameKey(index[b + 2] ?? 0, words, n)) {
        return this.profiles[e - 1] as Profile;
      }
      b = (b + 4) & mask;
    }
    if (this.profiles.length >= this.capacity) return null;
    const f = rec.fields;
    this.profiles.push(
      new Profile(
        normalizeReason(f.session_end_reason),
        normalizeAction(f.action),
        ownLabels(labelsOf({ rec })),
        h,
      ),
    );
    if (this.keysUsed + n > this.keys.length) {
      const grown = new Int32Array(2 * (this.keysUsed + n));
      grown.set(this.keys.subarray(0, this.keysUsed));
      this.keys = grown;
    }
    this.keys.set(words.subarray(0, n), this.keysUsed);
    index[b] = h;
    index[b + 1] = this.profiles.length;
    index[b + 2] = this.keysUsed;
    index[b + 3] = n;
    this.keysUsed += n;
    return this.profiles[this.profiles.length - 1] as Profile;
  }

  /** True when the `n` words at `at` in `keys` are `words`: the exact test of a match. */
  private sameKey(at: number, words: Int32Array, n: number): boolean {
    const keys = this.keys;
    for (let i = 0; i < n; i++) if (keys[at + i] !== words[i]) return false;
    return true;
  }
}

/** Labels a profile keeps past its line: copies that do not pin the line's block. */
function ownLabels(l: Labels): Labels {
  return { rule: ownCopy(l.rule), app: ownCopy(l.app), zonePair: ownCopy(l.zonePair) };
}
